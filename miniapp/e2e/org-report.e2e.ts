import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launch, phone, requireBaseUrl, route, screenshot } from './browser'

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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const back = (page: Page) => page.locator('#taro-navigation-bar.taro-navigation-bar-back-icon > .taro-navigation-bar-back')

async function open(page: Page, path: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(route(path))
}

async function signIn(page: Page, code: string): Promise<void> {
  await open(page, '/pages/login/index')
  await page
    .locator('.persona-cell')
    .filter({ hasText: new RegExp(`${escapeRegExp(code)}\\s*$`) })
    .first()
    .click()
  await page.locator('#sign-out').waitFor()
}

/** From 我的, the workbench of a role (its cell in 我的身份). */
async function openRole(page: Page, roleLabel: string): Promise<void> {
  await open(page, '/pages/me/index')
  await page.locator('.role-cell').filter({ hasText: roleLabel }).first().click()
}

async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id}`).locator('input, textarea').first().fill(value)
}

async function status(page: Page, label: string): Promise<void> {
  await page.locator('#org-report-status').filter({ hasText: label }).waitFor()
}

async function confirmModal(page: Page): Promise<void> {
  const button = page.locator('.taro__modal .taro-model__confirm')
  await button.waitFor()
  await button.click()
}

let browser: Browser
const people: Record<string, { context: BrowserContext; page: Page }> = {}

async function as(code: string): Promise<Page> {
  if (!people[code]) {
    people[code] = await phone(browser)
    await signIn(people[code].page, code)
  }
  return people[code].page
}

beforeAll(async () => {
  requireBaseUrl()
  browser = await launch()
})

afterAll(async () => {
  for (const p of Object.values(people)) await p.context.close()
  await browser?.close()
})

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
    await page.locator('#sheet').waitFor()
    await page.locator('#agreement-grade .nc-chip[data-value="good"]').click()
    await fill(page, 'agreement-assess-comment', ASSESSMENT)
    await page.locator('#sheet-confirm').click()
    await page.locator('#sheet').waitFor({ state: 'detached' })
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
    await page.locator('#org-report-return').click()
    await page.locator('#sheet').waitFor()
    await fill(page, 'org-review-comment', RETURN_COMMENT)
    await page.locator('#sheet-confirm').click()
    await page.locator('#sheet').waitFor({ state: 'detached' })
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
    await page.locator('#org-report-approve').click()
    await page.locator('#sheet').waitFor()
    await page.locator('#sheet-confirm').click()
    await page.locator('#sheet').waitFor({ state: 'detached' })
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
