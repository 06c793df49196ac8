import { route, screenshot } from './browser'
import { withPhones } from './journey'

/**
 * Against the real API in dev mode with the demo data:
 *  - persona dev:resident (label 居民（康都社区）) has the role resident and a bound phone;
 *  - community KDSQ01 is 康都社区, 汇丰街道, 临河区.
 */
const MASKED_PHONE = /1\d{2}\*{4}\d{4}/

/** Steps on a fresh phone of the file's one browser. */
const withPhone = withPhones()

describe('H5: sign in with a dev persona', () => {
  it('signs in as dev:resident from the persona picker and shows 我的 with 居民 and a masked phone', () =>
    withPhone(async (page) => {
      await page.goto(route('/pages/me/index'))
      await page.locator('#go-login').click()

      // Persona picker (GET /api/dev/personas): each cell shows the label and the code.
      const resident = page.locator('.persona-cell').filter({ hasText: /^[\s\S]*dev:resident\s*$/ })
      await resident.first().waitFor()
      await resident.first().click()

      // Back on 我的 with the session.
      const roles = page.locator('.role-cell')
      await roles.filter({ hasText: '居民' }).first().waitFor()
      await expect(roles.allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^居民/)]))
      await expect(page.locator('#me-phone').innerText()).resolves.toMatch(MASKED_PHONE)
      await expect(page.locator('#sign-out').isVisible()).resolves.toBe(true)
      await screenshot(page, 'me-resident')

      // The session survives a reload (token in storage, GET /api/me).
      await page.reload()
      await page.locator('.role-cell').filter({ hasText: '居民' }).first().waitFor()
    }))
})

describe('H5: community page opened from a QR code', () => {
  it('reads q = encoded scanned URL and shows the community with its street and district', () =>
    withPhone(async (page) => {
      const q = encodeURIComponent('http://localhost/qr/c/KDSQ01')
      await page.goto(route(`/pages/community/index?q=${q}`))
      const header = page.locator('.community__header')
      await header.waitFor()
      await expect(page.locator('.community__name').innerText()).resolves.toBe('康都社区')
      const region = await page.locator('.community__region').innerText()
      expect(region).toContain('汇丰街道')
      expect(region).toContain('临河区')
      await expect(page.locator('#post-wish').isVisible()).resolves.toBe(true)
      await screenshot(page, 'community-KDSQ01')

      // The community's public wall sits under the header (loaded, empty or not).
      await page.locator('#wish-wall .wall-tab').first().waitFor()

      // 发布微心愿 opens the resident subpackage with the community passed in (sign-in first when signed out).
      await page.locator('#post-wish').click()
      await expect(page.locator('.post-wish__community').innerText()).resolves.toBe('康都社区')
      await page.getByText('登录后发布微心愿').waitFor()
    }))

  it('reads scene = c=KDSQ01 from a 小程序码', () =>
    withPhone(async (page) => {
      await page.goto(route(`/pages/community/index?scene=${encodeURIComponent('c=KDSQ01')}`))
      await expect(page.locator('.community__name').innerText()).resolves.toBe('康都社区')
    }))

  it('shows a Chinese error state for an unknown community code', () =>
    withPhone(async (page) => {
      await page.goto(route('/pages/community/index?code=NOSUCH99'))
      const error = page.locator('#community-error')
      await error.waitFor()
      await expect(error.locator('.nc-state__title').innerText()).resolves.toBe('没有找到这个社区')
      // The server's message is shown as well, and it is Chinese.
      await expect(error.locator('.nc-state__message').innerText()).resolves.toMatch(/[\u4e00-\u9fa5]/)
      await screenshot(page, 'community-not-found')
    }))

  it('shows a Chinese error state for a QR code without a community code', () =>
    withPhone(async (page) => {
      await page.goto(route(`/pages/community/index?q=${encodeURIComponent('https://example.com/')}`))
      await page.getByText('无法识别的二维码').waitFor()
    }))
})
