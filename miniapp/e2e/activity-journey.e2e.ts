import type { Page } from 'playwright-core'
import { screenshot } from './browser'
import { chip, fill, fromWorkbench, openDetail, personas } from './journey'

/**
 * A volunteer activity from publishing to the member's ledger, each persona in its own browser context, against
 * the real API in dev mode with the demo data (dev:staff serves 康都社区 KDSQ01; dev:member-01 lives there):
 *   staff publishes (starting now, 30 minutes) → member signs up → staff shows the rotating code → member checks in
 *   with the current code and a typed location inside the radius (the H5 test entry) → a minute later checks out
 *   with the code shown then → staff ends the activity and approves the hours → member sees them in 我的服务时长.
 * The steps share state and run in order; a failed step fails the ones after it.
 */

const TITLE = `普法宣传进社区${Date.now().toString(36).slice(-5)}`
/** 康都社区's point: inside its 500 m radius. */
const AT = { lat: '40.7691', lng: '107.4125', accuracy: '25' }

/** Taro's H5 showModal: press 确定. */
async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-modal__foot').getByText('确定').click()
}

let activityId = ''

async function currentToken(page: Page, previous = ''): Promise<string> {
  const token = page.locator('#checkin-token')
  await token.waitFor()
  if (previous)
    await page.waitForFunction((old) => document.querySelector('#checkin-token')?.textContent?.trim() !== old, previous, { timeout: 45000 })
  return (await token.innerText()).trim()
}

async function typeCheckin(page: Page, token: string): Promise<void> {
  await page.locator('#dev-checkin').waitFor()
  await fill(page, 'dev-token', token)
  await fill(page, 'dev-lat', AT.lat)
  await fill(page, 'dev-lng', AT.lng)
  await fill(page, 'dev-accuracy', AT.accuracy)
  await page.locator('#dev-submit').click()
}

/** Fills the open activity form (the chips by their text), sends it and waits for the new activity's page. */
async function publish(
  page: Page,
  screenshotName: string,
  a: { title: string; type: string; place: string; start: string; duration: string; capacity: string; deadline?: string }
): Promise<void> {
  await fill(page, 'activity-title', a.title)
  await chip(page, 'activity-type', a.type)
  await fill(page, 'activity-place', a.place)
  await chip(page, 'activity-start-quick', a.start)
  await chip(page, 'activity-duration', a.duration)
  await fill(page, 'activity-capacity', a.capacity)
  if (a.deadline) await chip(page, 'activity-deadline', a.deadline)
  await screenshot(page, screenshotName)
  await page.locator('#submit-activity').click()
  await page.locator('#activity-detail').waitFor()
  await expect(page.locator('#activity-title').innerText()).resolves.toBe(a.title)
}

const { as } = personas()

describe('H5: a volunteer activity from publishing to the member’s ledger', () => {
  it('dev:staff publishes an activity from the workbench', async () => {
    const page = await as('dev:staff')
    await fromWorkbench(page, 'go-activities', 'staff')
    await page.locator('#go-publish').click()
    await page.locator('#activity-form').waitFor()
    await publish(page, 'activity-publish-form', {
      title: TITLE,
      type: '普法宣传',
      place: '康都小区中心广场',
      start: '现在开始',
      duration: '30 分钟',
      capacity: '10',
      deadline: '活动结束时'
    })
    activityId = (await page.locator('#activity-detail').getAttribute('data-id')) ?? ''
    expect(activityId).not.toBe('')
    await expect(page.locator('#action-show_code').isVisible()).resolves.toBe(true)
  })

  it('dev:member-01 finds it among activities in their community and signs up', async () => {
    expect(activityId).not.toBe('')
    const page = await as('dev:member-01')
    await fromWorkbench(page, 'go-activities', 'member')
    await page.locator('.activity-card').filter({ hasText: TITLE }).first().click()
    await page.locator('#activity-detail').waitFor()
    await page.locator('#action-signup').click()
    await page.locator('#my-status').filter({ hasText: '已报名' }).waitFor()
    await expect(page.locator('#activity-places').innerText()).resolves.toContain('已报名 1 / 10')
    await screenshot(page, 'activity-signed-up')
  })

  let firstToken = ''
  it('dev:staff shows the rotating check-in code full-screen', async () => {
    const page = await as('dev:staff')
    await page.locator('#action-show_code').click()
    await page.locator('#checkin-qr').waitFor()
    firstToken = await currentToken(page)
    expect(firstToken.startsWith(`${activityId}.`)).toBe(true)
    await screenshot(page, 'activity-code')
  })

  it('dev:member-01 checks in with the current code and a location inside the radius', async () => {
    const page = await as('dev:member-01')
    await page.locator('#action-checkin').click()
    await typeCheckin(page, firstToken)
    await page.locator('#checkin-result-title').filter({ hasText: '签到成功' }).waitFor()
    await screenshot(page, 'activity-checked-in')
    // The code refreshes by itself on the organiser's phone, and counts the check-in.
    const staff = await as('dev:staff')
    await staff.locator('#checked-in-count').filter({ hasText: '已签到 1 人' }).waitFor({ timeout: 45000 })
  })

  it('dev:member-01 checks out a minute later with the code shown then', async () => {
    const staff = await as('dev:staff')
    // Service minutes are whole minutes: wait until a minute has passed since the check-in.
    await staff.waitForTimeout(61000)
    const token = await currentToken(staff, firstToken)
    const page = await as('dev:member-01')
    await typeCheckin(page, token)
    await page.locator('#checkin-result-title').filter({ hasText: '签退成功' }).waitFor()
  }, 120000)

  it('dev:staff ends the activity and approves the hours', async () => {
    const page = await as('dev:staff')
    await openDetail(page, 'activities', activityId)
    await page.locator('#action-end').click()
    await confirmModal(page)
    await page.locator('#activity-phase').filter({ hasText: '已结束' }).waitFor()
    await page.locator('#action-review_hours').click()
    await page.locator('#hours-review').waitFor()
    await page.locator('#approve-all').click()
    await page.locator('.att-row').filter({ hasText: '已通过' }).first().waitFor()
    await screenshot(page, 'activity-hours-approved')
  })

  it('dev:member-01 sees them in 我的服务时长', async () => {
    const page = await as('dev:member-01')
    await fromWorkbench(page, 'go-ledger', 'member')
    await page.locator('#ledger-totals').waitFor()
    const entry = page.locator('.ledger-entry').filter({ hasText: `志愿服务活动：${TITLE}` })
    await entry.first().waitFor()
    await expect(entry.first().innerText()).resolves.toMatch(/\d+ 分钟/)
    await expect(page.locator('#ledger-totals').innerText()).resolves.toContain('志愿服务活动')
    await screenshot(page, 'activity-ledger')
  })
})

describe('H5: a partner unit organises an activity where its agreement is in force', () => {
  const UNIT_TITLE = `节日走访慰问${Date.now().toString(36).slice(-5)}`

  it('dev:org-admin (市林草局) publishes in 西苑二区社区 (车站街道) delivering a commitment, and shows the code', async () => {
    const page = await as('dev:org-admin')
    await fromWorkbench(page, 'go-unit-activities')
    await page.locator('#go-publish').click()
    await page.locator('#activity-form').waitFor()
    await chip(page, 'activity-community', '西苑二区社区')
    await expect(page.locator('#activity-organiser').innerText()).resolves.toContain('以市林草局的名义在车站街道西苑二区社区组织')
    await chip(page, 'activity-commitment', '节日走访慰问困难家庭')
    await publish(page, 'unit-activity-publish-form', {
      title: UNIT_TITLE,
      type: '帮扶慰问',
      place: '西苑二区活动室',
      start: '1 小时后',
      duration: '1 小时',
      capacity: '8'
    })
    await expect(page.locator('.act-head__line').filter({ hasText: '组织者' }).innerText()).resolves.toContain('市林草局')
    await expect(page.locator('#activity-commitment-line').innerText()).resolves.toContain('市林草局·节日走访慰问困难家庭')
    await page.locator('#action-show_code').click()
    await currentToken(page)
    await screenshot(page, 'unit-activity-code')
  })

  it('dev:org-admin finds it in 我组织的 under the unit, from the workbench', async () => {
    const page = await as('dev:org-admin')
    await fromWorkbench(page, 'go-unit-activities')
    await page.locator('.activity-card').filter({ hasText: UNIT_TITLE }).first().click()
    await page.locator('#activity-detail').waitFor()
    await expect(page.locator('#action-show_code').isVisible()).resolves.toBe(true)
  })
})
