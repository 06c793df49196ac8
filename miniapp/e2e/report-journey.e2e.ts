import { requireBaseUrl, screenshot } from './browser'
import { act, confirmModal, confirmSheet, fill, fromWorkbench, open, openRole, personas, statusWaiter } from './journey'

/**
 * 双报告 end to end, each persona in its own browser context, against the real API in dev mode with the demo data
 * (dev:member-01 王建国 of 市地震局机关党支部 served in 康都社区 of 汇丰街道 last half year; dev:secretary is that
 * branch's secretary; dev:official serves 汇丰街道):
 *   member drafts, edits and submits last half year's report → secretary returns it with a comment → member sees the
 *   comment, edits and resubmits → official assesses the member → secretary sees the assessment beside the report and
 *   approves → member downloads a service-record certificate, and its verification page says genuine.
 * The report is the one for the half year before now (the demo ledger has service there: today, 2026H1).
 */

const MEMBER = '王建国'
const FIRST = '上半年到康都社区报到，参加普法宣传进社区和义诊量血压志愿服务，在政策宣传岗值守。'
const EDITED = `${FIRST}下半年继续认领微心愿。`
const RETURN_COMMENT = '请写明值守的岗位、次数和为群众办的实事'
const RESUBMITTED = `${EDITED}补充：在康都社区政策宣传岗值守 1 次，为居民讲解医保报销政策。`
const ASSESSMENT = '服务群众热情，宣讲耐心细致'

/** The half year before now, in Beijing time (as the server counts). */
function previousHalfYear(now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3600 * 1000)
  const year = local.getUTCFullYear()
  return local.getUTCMonth() < 6 ? `${year - 1}H2` : `${year}H1`
}
const PERIOD = previousHalfYear()

const status = statusWaiter('report-status')
const { as, stranger: newStranger } = personas()

describe('H5: a half-year report through both review lines, and a verifiable certificate', () => {
  it('dev:member-01 drafts, edits and submits the report from the member card', async () => {
    const page = await as('dev:member-01')
    await page.locator('#member-card').click()
    await page.locator('#go-reports').click()
    await page.locator(`#due-${PERIOD}`).waitFor()
    await page.locator(`#start-${PERIOD}`).click()

    await status(page, '草稿')
    // Prefilled from the ledger: the demo's service in 康都社区 and 汇丰社区.
    await expect(page.locator('#report-figures').innerText()).resolves.toContain('康都社区')
    await expect(page.locator('#figures-total').innerText()).resolves.not.toBe('0 小时')
    await fill(page, 'report-summary', FIRST)
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/reports/'))
    await page.locator('#report-save').click()
    expect((await saved).status()).toBe(200)
    await status(page, '草稿')
    await fill(page, 'report-summary', EDITED)
    await screenshot(page, 'report-draft')
    await page.locator('#report-submit').click()
    await confirmModal(page)
    await status(page, '待审核')
    await expect(page.locator('#report-text').innerText()).resolves.toBe(EDITED)
    await expect(page.locator('#versions').innerText()).resolves.toContain('等待审核')
    await screenshot(page, 'report-submitted')
  })

  it('dev:secretary returns it from the review queue with a comment', async () => {
    const page = await as('dev:secretary')
    await openRole(page, '党支部书记')
    await page.locator('#go-report-review').click()
    const card = page.locator('#review-queue .report-card').filter({ hasText: MEMBER }).first()
    await card.click()
    await status(page, '待审核')
    await act(page, 'report-return', () => fill(page, 'review-comment', RETURN_COMMENT))
    await status(page, '已退回')
    await expect(page.locator('#versions').innerText()).resolves.toContain(RETURN_COMMENT)
  })

  it('dev:member-01 sees the comment, edits and resubmits', async () => {
    const page = await as('dev:member-01')
    await open(page, '/packages/reports/pages/mine/index')
    await page.locator(`#open-${PERIOD}`).click()
    await status(page, '已退回')
    await expect(page.locator('#return-comment').innerText()).resolves.toContain(RETURN_COMMENT)
    await fill(page, 'report-summary', RESUBMITTED)
    await page.locator('#report-submit').click()
    await confirmModal(page)
    await status(page, '待审核')
    // Both versions are kept, the first with its comment.
    const versions = await page.locator('#versions .report-version').allInnerTexts()
    expect(versions).toHaveLength(2)
    expect(versions[1]).toContain(RETURN_COMMENT)
    expect(versions[1]).toContain(EDITED)
  })

  it('dev:official assesses the member, who served in 汇丰街道', async () => {
    const page = await as('dev:official')
    await openRole(page, '街道干部')
    await page.locator('#go-served').click()
    const card = page.locator('#served-list .served-card').filter({ hasText: MEMBER }).first()
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('报告待审核')
    await card.locator('.assess-button').click()
    await confirmSheet(page, async () => {
      await page.locator('#assess-grade .nc-chip').filter({ hasText: '优秀' }).click()
      await fill(page, 'assess-comment', ASSESSMENT)
    })
    await card.locator('.report-card__grade').filter({ hasText: '汇丰街道：优秀' }).waitFor()
    await screenshot(page, 'report-assessed')
  })

  it('dev:secretary sees the assessment beside the report and approves it', async () => {
    const page = await as('dev:secretary')
    await open(page, '/packages/reports/pages/review/index')
    const card = page.locator('#review-queue .report-card').filter({ hasText: MEMBER }).first()
    await card.locator('.report-card__grade').filter({ hasText: '汇丰街道：优秀' }).waitFor()
    await card.click()
    await status(page, '待审核')
    const assessments = await page.locator('#assessments').innerText()
    expect(assessments).toContain('优秀')
    expect(assessments).toContain(ASSESSMENT)
    await expect(page.locator('#report-text').innerText()).resolves.toBe(RESUBMITTED)
    await act(page, 'report-approve', () => fill(page, 'review-comment', '内容充实，同意'))
    await status(page, '已通过')
    await screenshot(page, 'report-approved')
  })

  it('dev:member-01 downloads a service-record certificate, and its verification page says genuine', async () => {
    const page = await as('dev:member-01')
    await fromWorkbench(page, 'go-certificate', 'member')
    await page.locator('#certificate-period .nc-chip').first().click()
    await page.locator('#issue-certificate').click()
    const card = page.locator('#certificates .certificate-card--new')
    await card.waitFor()
    const number = (await card.getAttribute('data-number')) ?? ''
    expect(number).toMatch(/^NC-/)

    const [download] = await Promise.all([page.waitForEvent('download'), card.locator('.download-certificate').click()])
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const path = await download.path()
    const head = path ? (await import('node:fs')).readFileSync(path).subarray(0, 5).toString('latin1') : ''
    expect(head).toBe('%PDF-')

    await card.locator('.verify-certificate').click()
    await page.locator('#verify-verdict').filter({ hasText: '真实有效' }).waitFor()
    await screenshot(page, 'certificate-verified')

    // What the QR code on the PDF opens, in any browser without signing in.
    const stranger = await newStranger()
    try {
      await stranger.page.goto(`${requireBaseUrl()}/verify/${number}`)
      await stranger.page.locator('#verify-verdict').filter({ hasText: '真实有效' }).waitFor()
      await expect(stranger.page.locator('#verify-result').innerText()).resolves.toContain('该证明真实有效')
      await expect(stranger.page.locator('.verify-details').innerText()).resolves.toContain('王**')
      const changed = number.slice(0, -1) + (number.endsWith('A') ? 'B' : 'A')
      await stranger.page.goto('about:blank')
      await stranger.page.goto(`${requireBaseUrl()}/verify/${changed}`)
      await stranger.page.locator('#verify-verdict').filter({ hasText: '未通过核验' }).waitFor()
    } finally {
      await stranger.context.close()
    }
  })
})
