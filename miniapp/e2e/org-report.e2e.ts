import { screenshot } from './browser'
import { act, back, confirmModal, confirmSheet, fill, openRole, personas, statusWaiter } from './journey'

/**
 * 机关党组织年度报告 end to end, each persona in its own browser context, against the real API in dev mode with the
 * demo data (dev:org-admin is 市林草局's; 市林草局 and 汇丰街道 had an agreement this year, dev:official is 汇丰街道's;
 * dev:committee is 市直机关工委's): the org admin drafts and submits this year's report → the official assesses the
 * agreement → the committee returns the report with a comment → the org admin resubmits → the committee approves and
 * sees the assessment beside the agreement → back, back, back to 我的. All by taps. Needs a freshly seeded server.
 */

const UNIT = '市林草局'
const YEAR = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear()
const FIRST = '本年度组织在职党员到汇丰街道报到服务，开展楼院补植和森林草原防火法规宣传，认领微心愿。'
const RETURN_COMMENT = '请补充资源清单各项承诺的兑现情况'
const RESUBMITTED = `${FIRST}补充：楼院补植苗木承诺已按计划推进，防火宣传开展 2 次。`
const ASSESSMENT = '共建单位资源清单落实到位，居民满意'

const status = statusWaiter('org-report-status')
const { as } = personas()

describe('H5: an organisation annual report to the work committee, with the paired street’s assessment', () => {
  it('dev:org-admin drafts this year’s report from the workbench and submits it', async () => {
    const page = await as('dev:org-admin')
    await openRole(page, '机关党组织管理员')
    await page.locator('#go-org-reports').click()
    await page.locator(`#org-report-start-${YEAR}`).click()
    await status(page, '草稿')
    // Prefilled from the unit's data: the (expired) agreement with 汇丰街道 and its resource list (the agreement
    // journey may have made a second one with 汇丰街道, in force from today).
    await expect(page.locator('.org-report-agreement').filter({ hasText: '汇丰街道' }).filter({ hasText: '已到期' }).innerText()).resolves.toContain(
      '楼院补植苗木'
    )
    await fill(page, 'org-report-summary', FIRST)
    await page.locator('#org-report-submit').click()
    await confirmModal(page)
    await status(page, '待工委审核')
    await expect(page.locator('#org-report-text').innerText()).resolves.toBe(FIRST)
    await screenshot(page, 'org-report-submitted')
  })

  it('dev:official assesses the agreement with 市林草局 on its page', async () => {
    const page = await as('dev:official')
    await openRole(page, '街道干部')
    await page.locator('#go-agreements-official').click()
    await page.locator('#agreement-filter .nc-chip[data-value="expired"]').click()
    await page.locator('#agreement-list .agreement-card').filter({ hasText: UNIT }).first().click()
    await page.locator('#agreement-detail').waitFor()
    await page.locator('#agreement-assess').click()
    await confirmSheet(page, async () => {
      await page.locator('#agreement-grade .nc-chip[data-value="good"]').click()
      await fill(page, 'agreement-assess-comment', ASSESSMENT)
    })
    await expect(page.locator('#agreement-assessments').innerText()).resolves.toContain('汇丰街道：良好')
    await screenshot(page, 'agreement-assessed')
  })

  it('dev:committee returns it from the review queue with a comment, seeing the assessment', async () => {
    const page = await as('dev:committee')
    await openRole(page, '工委管理员')
    await page.locator('#go-org-review').click()
    await page.locator('#org-review-queue .org-report-card').filter({ hasText: UNIT }).first().click()
    await status(page, '待工委审核')
    await expect(page.locator('.org-report-agreement').filter({ hasText: '汇丰街道' }).filter({ hasText: '已到期' }).innerText()).resolves.toContain(
      ASSESSMENT
    )
    await act(page, 'org-report-return', () => fill(page, 'org-review-comment', RETURN_COMMENT))
    await status(page, '已退回')
    await expect(page.locator('#org-versions').innerText()).resolves.toContain(RETURN_COMMENT)
  })

  it('dev:org-admin sees the comment, edits and resubmits', async () => {
    const page = await as('dev:org-admin')
    await openRole(page, '机关党组织管理员')
    await page.locator('#go-org-reports').click()
    await page
      .locator('#org-reports .org-report-card')
      .filter({ hasText: `${YEAR} 年度` })
      .first()
      .click()
    await status(page, '已退回')
    await expect(page.locator('#org-return-comment').innerText()).resolves.toContain(RETURN_COMMENT)
    await fill(page, 'org-report-summary', RESUBMITTED)
    await page.locator('#org-report-submit').click()
    await confirmModal(page)
    await status(page, '待工委审核')
  })

  it('dev:committee approves it, sees the assessment and the history, and goes back home', async () => {
    const page = await as('dev:committee')
    await openRole(page, '工委管理员')
    await page.locator('#go-org-review').click()
    await page.locator('#org-review-queue .org-report-card').filter({ hasText: UNIT }).first().click()
    await status(page, '待工委审核')
    const agreement = page.locator('.org-report-agreement').filter({ hasText: '汇丰街道' }).filter({ hasText: '已到期' })
    await expect(agreement.innerText()).resolves.toContain('良好')
    await act(page, 'org-report-approve')
    await status(page, '已通过')
    const versions = await page.locator('#org-versions').innerText()
    expect(versions).toContain('第 2 版')
    expect(versions).toContain(RETURN_COMMENT)
    await expect(agreement.innerText()).resolves.toContain(ASSESSMENT)
    await screenshot(page, 'org-report-approved')

    // Back to the queue, the workbench and 我的.
    await back(page).click()
    await page.locator('#tab-queue').waitFor()
    await back(page).click()
    await page.locator('#go-org-review').waitFor()
    await back(page).click()
    await page.waitForURL(/#\/pages\/me\/index/)
    await page.locator('#sign-out').waitFor({ timeout: 45000 })
  })
})
