import type { Locator, Page } from 'playwright-core'
import { screenshot, choosePhotoFile } from './browser'
import { png } from './png'
import { confirmSheet, fill, fromWorkbench, open, personas } from './journey'

/**
 * 党员报到 and 党员服务岗位, each persona in its own browser context, against the real API in dev mode with the
 * demo data (dev:member-36 lives in 康都社区 and has not registered; dev:staff serves 康都社区):
 *   member asks to register from the member card → staff confirm from the pending list (the button, not the card)
 *   → the card shows 已报到 · 康都社区; member takes 政策宣传岗 → logs a shift with a photo → staff confirm it
 *   → my post counts it.
 * The steps share state and run in order; a failed step fails the ones after it.
 */

const MEMBER = 'dev:member-36'
const SHIFT_CONTENT = `在宣传栏张贴医保政策海报${Date.now().toString(36).slice(-4)}`

// ---------- helpers ----------

async function cardWith(page: Page, selector: string, text: string, alsoText?: string): Promise<Locator> {
  let card = page.locator(selector).filter({ hasText: text })
  if (alsoText) card = card.filter({ hasText: alsoText })
  card = card.first()
  await card.waitFor()
  return card
}

let memberName = ''
// Demo names repeat (dev:member-16 is also 林丽娟, and waits for 康都社区 too): a card is the member's by name and unit.
let memberUnit = ''

const { as } = personas()

describe('H5: 党员报到 and a service post, from the member card', () => {
  it(`${MEMBER} asks to register with 康都社区 from the member card`, async () => {
    const page = await as(MEMBER)
    await open(page, '/packages/member/pages/profile/index')
    await expect(page.locator('#registration-state').innerText()).resolves.toBe('未报到')
    memberName = (await page.locator('.member-card__name').innerText()).trim()
    memberUnit = (await page.locator('.member-card__line').nth(1).innerText()).trim()
    expect(memberName).not.toBe('')
    expect(memberUnit).not.toBe('')
    // The entries of the other 双服务 pages are there, and nothing on the card says 即将开放 for them.
    for (const id of ['go-activities', 'go-ledger', 'go-pledges']) await expect(page.locator(`#${id}`).isVisible()).resolves.toBe(true)
    await expect(page.locator('#go-activities').innerText()).resolves.not.toContain('即将开放')

    await page.locator('#go-register').click()
    await page.locator('#registration-form').waitFor()
    // The roster's residence community is offered first.
    await expect(page.locator('#register-community .nc-chip--on').innerText()).resolves.toBe('康都社区')
    await screenshot(page, 'registration-form')
    await page.locator('#submit-registration').click()
    await expect(page.locator('#pending-registration').innerText()).resolves.toContain('康都社区')

    await open(page, '/packages/member/pages/profile/index')
    await expect(page.locator('#registration-state').innerText()).resolves.toBe('待社区确认 · 康都社区')
  })

  it('dev:staff confirms it from the pending list, with the button inside the card', async () => {
    const page = await as('dev:staff')
    await open(page, '/packages/staff/pages/home/index')
    await page.locator('#registrations-waiting').waitFor()
    await page.locator('#go-registrations').click()
    const card = await cardWith(page, '.registration-card', memberName, memberUnit)
    await expect(card.innerText()).resolves.toContain('康都社区')
    const id = await card.getAttribute('data-id')
    await screenshot(page, 'registrations-pending')
    await card.locator('.registration-confirm').click()
    await page.locator('#sheet').waitFor()
    // The button opened its sheet without opening the card's history.
    await expect(card.locator('#timeline').count()).resolves.toBe(0)
    await confirmSheet(page)
    // Confirmed: it leaves the waiting list and is among the registered members.
    await page.locator(`.registration-card[data-id="${id}"]`).waitFor({ state: 'detached' })
    await page.locator('#tab-confirmed').click()
    await page.locator(`.registration-card[data-id="${id}"]`).waitFor()
  })

  it(`${MEMBER}'s card shows 已报到 康都社区`, async () => {
    const page = await as(MEMBER)
    await open(page, '/packages/member/pages/profile/index')
    await expect(page.locator('#registration-state').innerText()).resolves.toBe('已报到 · 康都社区')
    await expect(page.locator('#registration-value').innerText()).resolves.toBe('已报到 康都社区')
    await screenshot(page, 'member-card-registered')
  })

  it(`${MEMBER} takes 政策宣传岗 and logs a shift with a photo`, async () => {
    const page = await as(MEMBER)
    await fromWorkbench(page, 'go-posts', 'member')
    const card = await cardWith(page, '.post-card', '政策宣传岗')
    await card.locator('.post-take').click()
    await confirmSheet(page)
    await card.locator('.svc-card__note').filter({ hasText: '这是您认领的岗位' }).waitFor()

    await open(page, '/packages/member/pages/profile/index')
    await expect(page.locator('#go-my-post').innerText()).resolves.toContain('政策宣传岗')
    await page.locator('#go-log-shift').click()
    await page.locator('#shift-form').waitFor()
    await expect(page.locator('#shift-day .nc-chip--on').innerText()).resolves.toBe('今天')
    await page.locator('#shift-quick-minutes .nc-chip').filter({ hasText: '1.5 小时' }).click()
    await fill(page, 'shift-content', SHIFT_CONTENT)
    const picker = page.locator('#shift-photos')
    const chooser = await choosePhotoFile(page, picker.locator('.photo-picker__add'))
    await chooser.element().setInputFiles({ name: 'shift.png', mimeType: 'image/png', buffer: png(16, [30, 120, 200]) })
    await picker.locator('.photo-picker__item--done').waitFor()
    await page.locator('#submit-shift').click()
    await page.locator('#shift-form').waitFor({ state: 'detached' })

    await open(page, '/packages/posts/pages/mine/index')
    const shift = await cardWith(page, '.shift-card', SHIFT_CONTENT)
    await expect(shift.innerText()).resolves.toContain('待社区确认')
    await expect(shift.locator('.photo-grid__item').count()).resolves.toBe(1)
  })

  it('dev:staff confirms the shift, and my post counts it', async () => {
    const staff = await as('dev:staff')
    await open(staff, '/packages/posts/pages/shifts/index')
    const card = await cardWith(staff, '.shift-card', SHIFT_CONTENT)
    await expect(card.innerText()).resolves.toContain(memberName)
    await card.locator('.shift-confirm').click()
    await confirmSheet(staff)
    await staff.locator('.shift-card').filter({ hasText: SHIFT_CONTENT }).waitFor({ state: 'detached' })
    await staff.locator('#tab-confirmed').click()
    await cardWith(staff, '.shift-card', SHIFT_CONTENT)

    const member = await as(MEMBER)
    await open(member, '/packages/posts/pages/mine/index')
    await expect(member.locator('#my-post-stats').innerText()).resolves.toContain('已确认值守 1 次，共 1 小时 30 分钟')
    await expect((await cardWith(member, '.shift-card', SHIFT_CONTENT)).innerText()).resolves.toContain('已确认')
    await screenshot(member, 'my-post-confirmed')
  })
})
