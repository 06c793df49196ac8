import type { Locator, Page } from 'playwright-core'
import { screenshot, choosePhotoFile } from './browser'
import { png } from './png'
import { act, draftWish, fill, findCard, open, openDetail, personas, statusWaiter } from './journey'

/**
 * A micro-wish from posting to confirmation, each persona in its own browser context, against the real API in
 * dev mode with the demo data (README: dev:resident lives in 康都社区 KDSQ01, dev:staff serves it,
 * dev:member-01 is an in-service Party member):
 *   resident posts (with a photo) → staff approve → member claims from the wall → member fulfils (photo + note)
 *   → resident confirms with thanks → the timeline shows 提交 / 审核通过 / 认领 / 圆梦 / 确认.
 * The steps share state and run in order; a failed step fails the ones after it.
 */

// Unique per run, so an earlier run's wish on the same wall is never picked; ≤ 30 characters.
const TITLE = `想要一台电风扇${Date.now().toString(36).slice(-6)}`
const BENEFICIARY = '王秀兰'
const THANKS = '谢谢党员同志，风扇很好用！'
const FULFIL_NOTE = '已将电风扇送到王奶奶家中并帮忙安装调试'

/** The action labels the server writes into the timeline (shared TimelineEntry.actionLabel). */
const JOURNEY = ['提交', '审核通过', '认领', '圆梦', '确认']

// ---------- helpers ----------

/**
 * Taps a PhotoPicker's + and hands the H5 file input (created by Taro.chooseMedia) a PNG, then waits for the upload.
 * The file chooser is intercepted so the input stays put until its files are set.
 */
async function attachPhoto(page: Page, picker: Locator, name: string): Promise<void> {
  const done = picker.locator('.photo-picker__item--done')
  const before = await done.count()
  const chooser = await choosePhotoFile(page, picker.locator('.photo-picker__add'))
  await chooser.element().setInputFiles({ name, mimeType: 'image/png', buffer: png() })
  await done.nth(before).waitFor()
  await expect(picker.locator('.photo-picker__item--error').count()).resolves.toBe(0)
}

const waitForStatus = statusWaiter('wish-status')

/** In a row of buttons the primary action is on the right (issue 12): same row, primary's left edge further right. */
async function expectPrimaryOnTheRight(primary: Locator, other: Locator): Promise<void> {
  const [p, o] = await Promise.all([primary.boundingBox(), other.boundingBox()])
  expect(p && o).toBeTruthy()
  expect(Math.abs(p!.y - o!.y)).toBeLessThan(4)
  expect(p!.x).toBeGreaterThan(o!.x)
}

// ---------- the journey ----------

let wishId = ''

const { as } = personas()

describe('H5: a micro-wish from posting to confirmation', () => {
  it('dev:resident posts a wish with a photo from the community page', async () => {
    const page = await as('dev:resident')
    // Contact phone left blank: the resident's bound phone is used.
    await draftWish(page, { title: TITLE, description: '家中老人独居，夏天屋里闷热，想要一台落地电风扇。', value: '150', beneficiary: BENEFICIARY })
    await expect(page.locator('.post-wish__community').innerText()).resolves.toBe('康都社区')
    await expect(page.locator('#consent-text').innerText()).resolves.toContain('2026-11-v1')
    await attachPhoto(page, page.locator('#wish-photos'), 'fan.png')
    await screenshot(page, 'wish-post-form')
    await page.locator('#submit-wish').click()

    // Lands on the new wish's detail page, waiting for review.
    await waitForStatus(page, '待审核')
    await expect(page.locator('#wish-title').innerText()).resolves.toBe(TITLE)
    wishId = (await page.locator('#wish-detail').getAttribute('data-id')) ?? ''
    expect(wishId).not.toBe('')
    // The poster sees the full beneficiary; the public part shows the family name only.
    await expect(page.locator('#wish-beneficiary').innerText()).resolves.toContain(BENEFICIARY)
    await expect(page.locator('#wish-beneficiary-masked').innerText()).resolves.toMatch(/^王\*+$/)
    await expect(page.locator('#action-withdraw').isVisible()).resolves.toBe(true)
    await screenshot(page, 'wish-submitted')
  })

  it('dev:staff approves it from the review queue', async () => {
    expect(wishId).not.toBe('')
    const page = await as('dev:staff')
    await open(page, '/packages/staff/pages/review/index')
    await (await findCard(page, TITLE)).click()
    await waitForStatus(page, '待审核')
    await act(page, 'action-approve')
    await waitForStatus(page, '待认领')
    await screenshot(page, 'wish-approved')
  })

  it('dev:member-01 finds it on the community wall (masked) and claims it', async () => {
    const page = await as('dev:member-01')
    await open(page, '/pages/community/index?code=KDSQ01')
    const card = await findCard(page, TITLE)
    const text = await card.innerText()
    expect(text).toContain('王**')
    expect(text).not.toContain(BENEFICIARY)
    expect(text).toContain('待认领')
    await card.click()

    await waitForStatus(page, '待认领')
    await expect(page.locator('#wish-beneficiary').count()).resolves.toBe(0)
    await act(page, 'action-claim')
    await waitForStatus(page, '已认领')
    // The claimant now gets the contact details, and a deadline.
    await expect(page.locator('#wish-beneficiary').innerText()).resolves.toContain(BENEFICIARY)
    await expect(page.locator('#wish-claimant').innerText()).resolves.toContain('在职党员')
    await page.locator('#wish-deadline').waitFor()
    await screenshot(page, 'wish-claimed')
  })

  it('dev:member-01 fulfils it with a photo and a note', async () => {
    const page = await as('dev:member-01')
    await openDetail(page, 'wish', wishId)
    await waitForStatus(page, '已认领')
    await expectPrimaryOnTheRight(page.locator('#action-fulfil'), page.locator('#action-release'))
    await act(page, 'action-fulfil', async () => {
      await expectPrimaryOnTheRight(page.locator('#sheet-confirm'), page.locator('#sheet-cancel'))
      await attachPhoto(page, page.locator('#fulfil-photos'), 'delivered.png')
      await fill(page, 'fulfil-note', FULFIL_NOTE)
    })
    await waitForStatus(page, '已圆梦')
    await expect(page.locator('#wish-fulfilment-note').innerText()).resolves.toBe(FULFIL_NOTE)
    await expect(page.locator('#wish-fulfilment .photo-grid__item').count()).resolves.toBe(1)
    await screenshot(page, 'wish-fulfilled')
  })

  it('dev:resident confirms with thanks, and the timeline shows every step', async () => {
    const page = await as('dev:resident')
    await openDetail(page, 'wish', wishId)
    await waitForStatus(page, '已圆梦')
    await act(page, 'action-confirm', async () => {
      await page.locator('#confirm-rating .rating__star').nth(4).click()
      await fill(page, 'confirm-thanks', THANKS)
    })
    await waitForStatus(page, '已确认')
    await expect(page.locator('#wish-thanks').innerText()).resolves.toBe(THANKS)

    const entries = page.locator('.timeline-entry')
    await entries.nth(JOURNEY.length - 1).waitFor()
    const actions = (await page.locator('.timeline-entry .timeline-entry__action').allInnerTexts()).map((t) => t.trim())
    expect(actions.filter((a) => JOURNEY.includes(a))).toEqual(JOURNEY)
    // Who did each step, by role.
    await expect(entries.filter({ hasText: '审核通过' }).locator('.timeline-entry__actor').innerText()).resolves.toContain('社区工作者')
    await expect(entries.filter({ hasText: '圆梦' }).locator('.timeline-entry__note').innerText()).resolves.toContain(FULFIL_NOTE)
    await expect(page.locator('[id^="action-"]').count()).resolves.toBe(0)
    await screenshot(page, 'wish-confirmed')
  })
})
