import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { BASE_URL, route, screenshot } from './browser'
import { withPhones, signInFresh } from './journey'

/**
 * Residents' rights on 我的 → 个人信息, against the real API in dev mode: a fresh resident (a dev code no persona
 * uses) downloads their data, then deletes the account, and signing in again starts a new, empty account.
 */
/** Steps on a fresh phone of the file's one browser. */
const withPhone = withPhones()

async function useToken(page: Page, token: string): Promise<void> {
  await page.goto(route('/pages/me/index'))
  await page.evaluate((t) => localStorage.setItem('nc.token', JSON.stringify({ data: t })), token)
  await page.goto('about:blank')
  await page.goto(route('/pages/me/index'))
  await page.locator('#sign-out').waitFor()
}

describe('H5: 个人信息 — download my data and delete my account', () => {
  it('downloads the JSON by tapping, deletes the account after the dialog, and a new sign-in is a fresh account', async () => {
    const code = `dev:pipl-e2e-${Date.now()}`
    const token = await signInFresh(code)
    const me = (await (await fetch(`${BASE_URL}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { id: string }
    await withPhone(async (page) => {
      await useToken(page, token)
      await page.locator('#me-privacy').click()
      await page.locator('#download-data').waitFor()
      await screenshot(page, 'privacy')

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-data').click()])
      expect(download.suggestedFilename()).toBe('我的数据.json')
      const path = await download.path()
      const doc = JSON.parse(readFileSync(path, 'utf8'))
      expect(doc['账号 account'].id).toBe(me.id)
      expect(doc['我发布的心愿 wishes']).toEqual([])

      // The dialog: cancelling changes nothing.
      await page.locator('#delete-account').click()
      await page.getByText('确定注销吗', { exact: false }).waitFor()
      await page.getByText('取消', { exact: true }).click()
      expect((await fetch(`${BASE_URL}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)

      await page.locator('#delete-account').click()
      await page.getByText('确定注销', { exact: true }).click()
      // Back on 我的, signed out.
      await page.locator('#go-login').waitFor()
      expect((await fetch(`${BASE_URL}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401)

      const again = await signInFresh(code)
      const fresh = (await (await fetch(`${BASE_URL}/api/me`, { headers: { authorization: `Bearer ${again}` } })).json()) as { id: string }
      expect(fresh.id).not.toBe(me.id)
    })
  })
})
