import type { Locator, Page } from 'playwright-core'
import { BASE_URL, route } from './browser'

/** The steps every journey takes, written once: open a route, sign in as a dev persona, fill a field, find a card. */

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A full page load of an app route (a hash-only change on the same document would not reload the app). */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(route(path))
}

/**
 * Signs in with a dev persona from the picker (GET /api/dev/personas); lands on 我的. `tap` for contexts that
 * emulate touch and test that taps, not clicks, reach the control.
 */
export async function signIn(page: Page, code: string, how: 'click' | 'tap' = 'click'): Promise<void> {
  await open(page, '/pages/login/index')
  const persona = page
    .locator('.persona-cell')
    .filter({ hasText: new RegExp(`${escapeRegExp(code)}\\s*$`) })
    .first()
  await (how === 'tap' ? persona.tap() : persona.click())
  await page.locator('#sign-out').waitFor()
}

/** Fills a Taro <Input>/<Textarea> by its id (H5 renders the native control inside the element carrying the id). */
export async function fill(page: Page, id: string, value: string): Promise<void> {
  await page.locator(`#${id}`).locator('input, textarea').first().fill(value)
}

/** Taps the chip with this text in the chip group with this id. */
export async function chip(page: Page, group: string, text: string): Promise<void> {
  await page.locator(`#${group} .nc-chip`).filter({ hasText: text }).first().click()
}

/** The wish card with this title, tapping 加载更多 while it is not on the pages loaded so far. */
export async function findCard(page: Page, title: string): Promise<Locator> {
  const card = page.locator('.wish-card').filter({ hasText: title }).first()
  await page.locator('.wish-card').first().waitFor()
  for (let i = 0; i < 10 && (await card.count()) === 0; i++) {
    const more = page.locator('.load-more')
    if ((await more.count()) === 0) break
    await more.click()
    await page.waitForTimeout(500)
  }
  await card.waitFor()
  return card
}

/** Signs a new WeChat identity in over the API (no page) and returns its token. */
export async function signInFresh(code: string): Promise<string> {
  const res = await fetch(`${BASE_URL}/api/auth/wechat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code })
  })
  if (!res.ok) throw new Error(`sign-in ${code}: ${res.status}`)
  return ((await res.json()) as { token: string }).token
}
