import type { Page } from 'playwright-core'
import { BASE_URL, route, screenshot } from './browser'
import { withPhones, signInFresh } from './journey'
import { png } from './png'

/**
 * PIPL consent in H5 against the real API (dev mode): a fresh resident's first photo pick and first phone binding
 * are preceded by our privacy sheet; agreeing records the consent on the server (GET /api/me/consents), and the
 * next pick goes straight to the file chooser. Declining stops the action and records nothing.
 */
/** Steps on a fresh phone of the file's one browser. */
const withPhone = withPhones()

async function consents(token: string): Promise<Record<string, boolean>> {
  const body = (await (await fetch(`${BASE_URL}/api/me/consents`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    scopes: { scope: string; granted: boolean }[]
  }
  return Object.fromEntries(body.scopes.map((s) => [s.scope, s.granted]))
}

async function useToken(page: Page, token: string, path: string): Promise<void> {
  await page.goto(route('/pages/me/index'))
  await page.evaluate((t) => localStorage.setItem('nc.token', JSON.stringify({ data: t })), token)
  await page.goto('about:blank')
  await page.goto(route(path))
}

describe('H5: the privacy sheet before the first photo pick and phone binding', () => {
  it('asks before the first photo pick, records the consent, and does not ask again', async () => {
    const token = await signInFresh(`dev:consent-e2e-${Date.now()}`)
    await withPhone(async (page) => {
      await useToken(page, token, '/packages/resident/pages/post-wish/index?code=KDSQ01')
      const add = page.locator('.photo-picker__add')
      await add.waitFor()

      // Declining: no file chooser, nothing recorded.
      await add.click()
      await page.locator('#privacy-gate').waitFor()
      await expect(page.locator('#privacy-gate').textContent()).resolves.toContain('暖城隐私保护指引')
      await screenshot(page, 'privacy-consent-sheet')
      await page.locator('#privacy-disagree').click()
      await page.locator('#privacy-gate').waitFor({ state: 'detached' })
      expect((await consents(token)).photos).toBe(false)

      // Agreeing: recorded on the server, then the file chooser opens.
      const chooser = page.waitForEvent('filechooser', { timeout: 15_000 })
      await add.click()
      await page.locator('#privacy-agree').click()
      await (await chooser).element().setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: png() })
      await page.locator('.photo-picker__item--done').first().waitFor()
      expect(await consents(token)).toMatchObject({ photos: true, phone: false })

      // The next pick goes straight to the chooser.
      const [again] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), add.click()])
      expect(again).toBeTruthy()
      await expect(page.locator('#privacy-gate').count()).resolves.toBe(0)
    })
  })

  it('asks before the first phone binding (dev code) and records the phone scope', async () => {
    const token = await signInFresh(`dev:consent-e2e-phone-${Date.now()}`)
    await withPhone(async (page) => {
      await useToken(page, token, '/pages/me/index')
      const bind = page.getByText('绑定测试手机号', { exact: true })
      await bind.waitFor()
      await page
        .locator('.bind-phone-dev input')
        .first()
        .fill(`dev-phone:139${String(Date.now()).slice(-8)}`)
      await bind.click()
      await page.locator('#privacy-gate').waitFor()
      await page.locator('#privacy-agree').click()
      await page.locator('#privacy-gate').waitFor({ state: 'detached' })
      let granted = false
      for (let i = 0; i < 20 && !granted; i++) {
        granted = (await consents(token)).phone
        if (!granted) await page.waitForTimeout(500)
      }
      expect(granted).toBe(true)
    })
  })
})
