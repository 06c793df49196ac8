import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launch, phone, requireBaseUrl, screenshot } from './browser'
import { fromWorkbench, open } from './journey'

/**
 * 审计日志: dev:committee (工委管理员 of the city) opens it from the workbench, filters by 登录 and sees their own
 * sign-in (written by the server when they signed in here), then 全部 again, and goes back to the workbench.
 */

let browser: Browser
let persona: { context: BrowserContext; page: Page }

beforeAll(async () => {
  requireBaseUrl()
  browser = await launch()
  persona = await phone(browser)
})

afterAll(async () => {
  await persona?.context.close()
  await browser?.close()
})

describe('H5: the committee reads the audit log', () => {
  it('dev:committee opens 审计日志 from the workbench, filters by 登录 and sees their sign-in', async () => {
    const { page } = persona
    await open(page, '/pages/login/index')
    await page
      .locator('.persona-cell')
      .filter({ hasText: /dev:committee\s*$/ })
      .first()
      .click()
    await page.locator('#sign-out').waitFor()

    await fromWorkbench(page, 'go-audit')
    await page.locator('#audit-list').waitFor()
    await expect(page.locator('#audit-list').innerText()).resolves.toMatch(/共 \d+ 条记录/)

    await page.locator('#audit-filter .nc-chip').filter({ hasText: '登录' }).click()
    const signIn = page.locator('#audit-list .audit-entry[data-action="auth.wechat"]').first()
    await signIn.waitFor()
    const text = await signIn.innerText()
    expect(text).toContain('成功')
    expect(text).toContain('auth.wechat')
    // Only sign-ins (and refreshes) under this filter.
    const actions = await page.locator('#audit-list .audit-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
    expect(actions.length).toBeGreaterThan(0)
    expect(actions.every((a) => a?.startsWith('auth.'))).toBe(true)
    await screenshot(page, 'audit-log-sign-ins')

    await page.locator('#audit-filter .nc-chip').filter({ hasText: '全部' }).click()
    await page.locator('#audit-list').waitFor()

    // The way back: to the workbench.
    await page.goBack()
    await page.locator('#go-audit').waitFor()
  })
})
