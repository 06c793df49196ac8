import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launch, phone, requireBaseUrl, screenshot } from './browser'
import { back, open, signIn } from './journey'

/**
 * H5 has no WeChat navigation bar: Taro draws one (app.config window.navigationStyle). A resident who scanned a
 * community code (the printed /qr/c/KDSQ01 URL) lands on the community page with a home control, goes 首页, then
 * 我的 from the tab bar, where 我的心愿 shows counts by state; a page opened from there has a back control.
 * Against the real API with the demo data (dev:resident lives in 康都社区 and has wishes in several states).
 */

const at = (page: Page) => new URL(page.url()).hash
const bar = (page: Page) => page.locator('#taro-navigation-bar')
const home = (page: Page) => page.locator('#taro-navigation-bar.taro-navigation-bar-home-icon > .taro-navigation-bar-home')

let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  requireBaseUrl()
  browser = await launch()
  ;({ context, page } = await phone(browser))
  await signIn(page, 'dev:resident', 'tap')
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
})

describe('H5: back and home without WeChat’s bar', () => {
  it('a scanned community code opens the community page with a home control, which leads to 首页 and then 我的', async () => {
    await page.goto('about:blank')
    await page.goto(`${requireBaseUrl()}/qr/c/KDSQ01`)
    await page.locator('.wish-card').first().waitFor()
    expect(at(page)).toContain('/pages/community/index?code=KDSQ01')
    // The entry page: nowhere to go back to, so home — and a target big enough to tap.
    await home(page).waitFor()
    await expect(back(page).isVisible()).resolves.toBe(false)
    const box = await home(page).boundingBox()
    expect(box!.width).toBeGreaterThanOrEqual(44)
    expect(box!.height).toBeGreaterThanOrEqual(44)
    await screenshot(page, 'h5-nav-scanned-entry')
    await home(page).tap()
    await page.locator('.weui-tabbar__item').first().waitFor()
    expect(at(page)).toMatch(/^#\/pages\/index\/index|^#\/?$/)
    // A tab page: the bar shows no control.
    await expect(home(page).isVisible()).resolves.toBe(false)
    await expect(back(page).isVisible()).resolves.toBe(false)
    await page.locator('.weui-tabbar__item').filter({ hasText: '我的' }).tap()
    await page.locator('#sign-out').waitFor()
    expect(at(page)).toContain('/pages/me/index')
  })

  it('我的 shows 我的心愿 with counts by state; the page it opens has a back control to 我的', async () => {
    const counts = page.locator('#my-wish-counts .me__wish-count')
    await counts.first().waitFor()
    // The counts are the resident's own, as the server gives them.
    const token = await page.evaluate(() => {
      for (let i = 0; i < localStorage.length; i++) {
        const raw = localStorage.getItem(localStorage.key(i)!) ?? ''
        const m = /eyJ[\w-]+\.[\w-]+\.[\w-]+/.exec(raw)
        if (m) return m[0]
      }
      return ''
    })
    const server = (await (await fetch(`${requireBaseUrl()}/api/me/wishes/counts`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      total: number
      byStatus: Array<{ status: string; count: number }>
    }
    expect(server.total).toBeGreaterThan(0)
    const shown = await counts.evaluateAll((els) =>
      els.map((el) => ({ status: el.getAttribute('data-status'), text: (el as HTMLElement).innerText }))
    )
    expect(shown.map((s) => s.status)).toEqual(server.byStatus.map((s) => s.status))
    expect(shown.map((s) => parseInt(s.text, 10))).toEqual(server.byStatus.map((s) => s.count))
    await expect(page.locator('#my-wishes-total').innerText()).resolves.toBe(`共 ${server.total} 个`)
    await screenshot(page, 'me-my-wishes')

    await page.locator('#my-wishes-cell').tap()
    await page.locator('#my-wishes .wish-card').first().waitFor()
    expect(at(page)).toContain('/packages/resident/pages/home/index')
    await back(page).waitFor()
    await expect(bar(page).innerText()).resolves.toContain('我的微心愿')
    await back(page).tap()
    await page.waitForURL(/#\/pages\/me\/index/)
    // Taro shows the tab page again when its transition ends; on a loaded two-core machine that took over 15 s once.
    await page.locator('#my-wishes-cell').waitFor({ timeout: 45000 })
    await screenshot(page, 'back-on-me')
  })

  it('an unknown in-app route shows 页面不存在 with a way home', async () => {
    await open(page, '/pages/no-such-page/index')
    await page.locator('#not-found').waitFor()
    await expect(page.locator('#not-found').innerText()).resolves.toContain('页面不存在')
    await screenshot(page, 'not-found')
    await page.locator('#not-found').getByText('回到首页', { exact: true }).tap()
    await page.locator('.weui-tabbar__item').first().waitFor()
    expect(at(page)).toMatch(/^#\/pages\/index\/index|^#\/?$/)
  })
})
