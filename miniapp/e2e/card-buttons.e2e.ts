import type { Locator, Page } from 'playwright-core'
import { requireBaseUrl, screenshot } from './browser'
import { open, personas } from './journey'

/**
 * Buttons inside tappable list cards, tapped as a person taps (touch), against the real API with the demo data:
 * dev:official (汇丰街道) dispatches 一个血压计 (康都社区, published 10 days ago: on the overdue board) from the board;
 * dev:org-admin (市林草局) answers 不能承接 from the 督办派单 list; the official dispatches it again; the org admin
 * takes it with 承接 from the list. No tap on a button opens the wish page under it.
 */

const WISH = '一个血压计'
const UNIT = '市林草局'

/** In a row of buttons the primary action is on the right: same row, primary's left edge further right. */
async function expectPrimaryOnTheRight(primary: Locator, other: Locator): Promise<void> {
  const [p, o] = await Promise.all([primary.boundingBox(), other.boundingBox()])
  expect(p && o).toBeTruthy()
  expect(Math.abs(p!.y - o!.y)).toBeLessThan(4)
  expect(p!.x).toBeGreaterThan(o!.x)
}

/** The hash route the page shows now (Taro H5 hash mode). */
const at = (page: Page) => new URL(page.url()).hash

/** The wish the unit took: released again afterwards, so the other journeys find the demo data as seeded. */
let takenWishId = ''
const { as } = personas('tap')

/** The overdue board from the official's workbench, by taps; returns the wish's card. */
async function boardCard(page: Page): Promise<Locator> {
  await open(page, '/pages/me/index')
  await page.locator('.role-cell').filter({ hasText: '街道干部' }).first().tap()
  await page.locator('#go-overdue').tap()
  const card = page.locator('#overdue-board .wish-card').filter({ hasText: WISH })
  await card.waitFor()
  return card
}

/** Dispatches the wish to 市林草局 from the board's 派单 button. */
async function dispatchFromBoard(page: Page): Promise<void> {
  const card = await boardCard(page)
  await card.locator('.overdue-dispatch').tap()
  await page.locator('#dispatch-form').waitFor()
  // The form, not the wish page on top of it, and it names the wish.
  expect(at(page)).toContain('/packages/admin/pages/dispatch/index')
  await expect(page.locator('#dispatch-wish-title').innerText()).resolves.toBe(WISH)
  let unit = page.locator('.dispatch-candidate').filter({ hasText: UNIT })
  if ((await unit.count()) === 0) {
    await page.locator('#dispatch-show-others').tap()
    unit = page.locator('.dispatch-candidate').filter({ hasText: UNIT })
  }
  await unit.first().tap()
  await expect(unit.first().innerText()).resolves.toContain('已选')
  await screenshot(page, 'dispatch-form-from-board')
  await page.locator('#submit-dispatch').tap()
  // Back on the board after the toast: the wish is 派单中 to the unit, and 派单 is no longer offered.
  await page.locator('#overdue-board').waitFor()
  expect(at(page)).toContain('/packages/admin/pages/overdue/index')
  const after = page.locator('#overdue-board .wish-card').filter({ hasText: WISH })
  await after
    .locator('.overdue-dispatch-state')
    .filter({ hasText: '派单中' })
    .filter({ hasText: `派给 ${UNIT}` })
    .waitFor()
  await expect(after.locator('.overdue-dispatch').count()).resolves.toBe(0)
  await screenshot(page, 'overdue-board-dispatched')
}

/** The 督办派单 list from the org admin's workbench; returns the pending dispatch's card for the wish. */
async function dispatchCard(page: Page): Promise<Locator> {
  await open(page, '/pages/me/index')
  await page.locator('.role-cell').filter({ hasText: '党组织管理员' }).first().tap()
  await page.locator('#go-dispatches').tap()
  const card = page
    .locator('#dispatch-list .wish-card')
    .filter({ hasText: WISH })
    .filter({ has: page.locator('.dispatch-accept') })
  await card.waitFor()
  return card
}

afterAll(async () => {
  if (takenWishId) {
    const api = async (path: string, body: unknown, token?: string) =>
      (
        await fetch(`${requireBaseUrl()}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body)
        })
      ).json() as Promise<{ token: string }>
    const { token } = await api('/api/auth/wechat', { code: 'dev:org-admin' })
    await api(`/api/wishes/${takenWishId}/release`, { reason: '浏览器测试结束，恢复演示数据' }, token)
  }
})

describe('H5: buttons inside list cards never tap the card', () => {
  it('dev:official dispatches from the overdue board: 派单 opens the form with the wish’s title, and dispatches', async () => {
    await dispatchFromBoard(await as('dev:official'))
  })

  it('dev:org-admin answers 不能承接 from the list: the sheet opens on the list, the reason is taken', async () => {
    const page = await as('dev:org-admin')
    const card = await dispatchCard(page)
    const id = await card.locator('.dispatch-item').getAttribute('data-id')
    // The primary action on the right, on the card and in the sheet (issue 12).
    await expectPrimaryOnTheRight(card.locator('.dispatch-accept'), card.locator('.dispatch-decline'))
    await card.locator('.dispatch-decline').tap()
    await page.locator('#sheet').waitFor()
    await expectPrimaryOnTheRight(page.locator('#sheet-confirm'), page.locator('#sheet-cancel'))
    expect(at(page)).toContain('/packages/admin/pages/dispatches/index')
    await page.locator('#decline-reason').locator('textarea').fill('本单位近期无相应物资')
    await screenshot(page, 'dispatch-decline-sheet')
    await page.locator('#sheet-confirm').tap()
    await page.locator('#sheet').waitFor({ state: 'detached' })
    const answered = page.locator(`.dispatch-item[data-id="${id}"]`)
    await answered.filter({ hasText: '本单位近期无相应物资' }).filter({ hasText: '已婉拒' }).waitFor()
    expect(at(page)).toContain('/packages/admin/pages/dispatches/index')
  })

  it('dev:official’s board shows it 已婉拒 and offers 派单 again', async () => {
    const card = await boardCard(await as('dev:official'))
    await card.locator('.overdue-dispatch-state').filter({ hasText: '已婉拒' }).waitFor()
    await card.locator('.overdue-dispatch').waitFor()
  })

  it('dev:official dispatches it again; dev:org-admin takes it with 承接 from the list', async () => {
    await dispatchFromBoard(await as('dev:official'))
    const page = await as('dev:org-admin')
    const card = await dispatchCard(page)
    const id = await card.locator('.dispatch-item').getAttribute('data-id')
    await card.locator('.dispatch-accept').tap()
    const confirm = page.locator('.taro__modal .taro-model__confirm')
    await confirm.waitFor()
    // The dialog stays, over the list.
    expect(at(page)).toContain('/packages/admin/pages/dispatches/index')
    await screenshot(page, 'dispatch-accept-modal')
    await confirm.tap()
    const accepted = page.locator(`.dispatch-item[data-id="${id}"]`)
    await accepted.locator('.nc-status').filter({ hasText: '已承接' }).waitFor()
    await page.locator(`.wish-card:has(.dispatch-item[data-id="${id}"]) .dispatch-accept`).waitFor({ state: 'detached' })
    // The unit now holds the claim: the wish page says so.
    await page.locator(`.wish-card:has(.dispatch-item[data-id="${id}"])`).tap()
    await page.locator('.wish-detail, #wish-detail').first().waitFor()
    expect(at(page)).toContain('/packages/wish/pages/detail/index')
    takenWishId = (await page.locator('#wish-detail').getAttribute('data-id')) ?? ''
    expect(takenWishId).not.toBe('')
  })
})
