import type { Page } from 'playwright-core'
import { BASE_URL, route, screenshot } from './browser'
import { back, withPhones, signInFresh } from './journey'

/**
 * Withdrawing a consent the way a person taps, against the real API (dev mode): a fresh resident agrees to photos
 * at their first photo pick, then goes 我的 → 隐私与授权, sees the consent (version, date), taps 撤回授权, reads
 * what withdrawing means, cancels once, then confirms; the scope shows 已撤回 with the record, the server has it,
 * and back on the wish form the next photo pick asks again (same page session: the app forgot the grant).
 */
/** Steps on a fresh phone of the file's one browser. */
const withPhone = withPhones()

async function photosGranted(token: string): Promise<boolean> {
  const body = (await (await fetch(`${BASE_URL}/api/me/consents`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    scopes: { scope: string; granted: boolean }[]
  }
  return body.scopes.find((s) => s.scope === 'photos')!.granted
}

const home = (page: Page) => page.locator('#taro-navigation-bar.taro-navigation-bar-home-icon > .taro-navigation-bar-home')
const tab = (page: Page, text: string) => page.locator('.weui-tabbar__item').filter({ hasText: text })

describe('H5: 我的 → 隐私与授权 — withdraw a consent', () => {
  it('shows the consent given, withdraws it after the confirmation, and the app asks again before the next use', async () => {
    const token = await signInFresh(`dev:withdraw-e2e-${Date.now()}`)
    await withPhone(async (page) => {
      await page.goto(route('/pages/me/index'))
      await page.evaluate((t) => localStorage.setItem('nc.token', JSON.stringify({ data: t })), token)
      await page.goto('about:blank')
      await page.goto(route('/pages/community/index?code=KDSQ01'))

      // The first photo pick: the privacy sheet, agreed.
      await page.locator('#post-wish').tap()
      const add = page.locator('.photo-picker__add')
      await add.waitFor()
      await add.tap()
      await page.locator('#privacy-agree').tap()
      await page.locator('#privacy-gate').waitFor({ state: 'detached' })
      expect(await photosGranted(token)).toBe(true)

      // Back to the community page, home, then 我的 → 隐私与授权.
      await back(page).tap()
      await page.locator('#post-wish').waitFor()
      await home(page).tap()
      await tab(page, '我的').tap()
      await page.locator('#me-consents').tap()
      const photos = page.locator('#consent-photos')
      await expect(photos.locator('.consents__state').textContent()).resolves.toBe('已同意')
      await expect(photos.textContent()).resolves.toMatch(/同意：.+ 版，/)
      await screenshot(page, 'consents')

      // The confirmation says what withdrawing means; cancelling changes nothing.
      await page.locator('#withdraw-photos').tap()
      const modal = page.locator('.taro__modal')
      await modal.getByText('撤回“照片”授权').waitFor()
      await expect(modal.textContent()).resolves.toContain('下次上传照片前会重新征求您的同意')
      await screenshot(page, 'consents-withdraw-confirm')
      await modal.getByText('暂不撤回', { exact: true }).tap()
      await modal.waitFor({ state: 'hidden' })
      expect(await photosGranted(token)).toBe(true)

      await page.locator('#withdraw-photos').tap()
      await modal.getByText('确定撤回', { exact: true }).tap()
      await photos.locator('.consents__state').filter({ hasText: '已撤回' }).waitFor()
      await expect(page.locator('#withdraw-photos').count()).resolves.toBe(0)
      await expect(page.locator('#consent-history').textContent()).resolves.toContain('撤回“照片”')
      expect(await photosGranted(token)).toBe(false)

      // Back to 我的, then home.
      await back(page).tap()
      await page.locator('#me-consents').waitFor()
      await tab(page, '首页').tap()
      await page.locator('#me-consents').waitFor({ state: 'hidden' })

      // The next photo pick asks again (the app forgot the grant without a reload).
      await page.evaluate(() => {
        ;(window as { sameSession?: boolean }).sameSession = true
        window.location.hash = '#/pages/community/index?code=KDSQ01'
      })
      await page.locator('#post-wish').tap()
      await add.waitFor()
      await add.tap()
      await page.locator('#privacy-gate').waitFor()
      await expect(page.evaluate(() => (window as { sameSession?: boolean }).sameSession)).resolves.toBe(true)
      await page.locator('#privacy-disagree').tap()
      expect(await photosGranted(token)).toBe(false)
    })
  })
})
