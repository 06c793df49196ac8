import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { BASE_URL, launch, phone, requireBaseUrl, route } from './browser'

/** The steps every journey takes, written once: open a route, sign in as a dev persona, fill a field, find a card. */

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A full page load of an app route (a hash-only change on the same document would not reload the app). */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto('about:blank')
  await page.goto(route(path))
}

/** A full page load of the detail page of a record: openDetail(page, 'wish', id) opens /packages/wish/pages/detail. */
export async function openDetail(page: Page, pkg: 'wish' | 'pledges' | 'activities', id: string): Promise<void> {
  await open(page, `/packages/${pkg}/pages/detail/index?id=${encodeURIComponent(id)}`)
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

/**
 * One browser for the whole test file: registers the file's beforeAll (launch it) and afterAll (close it, and with
 * it every phone still open). Returns what opens a new phone (a fresh browser context) on it.
 */
export function phones(): () => Promise<{ context: BrowserContext; page: Page }> {
  let browser: Browser | undefined
  beforeAll(async () => {
    requireBaseUrl()
    browser = await launch()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => phone(browser!)
}

/**
 * Phones for tests that bring no persona (see phones): `withPhone(async (page) => …)` runs the steps on a fresh
 * phone and closes it, also when a step fails.
 */
export function withPhones(): (steps: (page: Page) => Promise<void>) => Promise<void> {
  const newPhone = phones()
  return async (steps) => {
    const { context, page } = await newPhone()
    try {
      await steps(page)
    } finally {
      await context.close()
    }
  }
}

/**
 * One phone (browser context) per persona for the whole test file, signed in on first use. Registers the file's
 * beforeAll (launch a browser) and afterAll (close every phone and the browser).
 */
export function personas(how: 'click' | 'tap' = 'click') {
  const newPhone = phones()
  const phoneOf = new Map<string, { context: BrowserContext; page: Page }>()
  return {
    /** The page of this persona (a dev persona code), signed in the first time. */
    async as(code: string): Promise<Page> {
      let p = phoneOf.get(code)
      if (!p) {
        p = await newPhone()
        phoneOf.set(code, p)
        await signIn(p.page, code, how)
      }
      return p.page
    },
    /** This persona's browser context (after `as`). */
    context: (code: string): BrowserContext => phoneOf.get(code)!.context,
    /** A phone of no persona, for a stranger; the caller closes it. */
    stranger: newPhone
  }
}

/** From 我的, the workbench of a role (its cell in 我的身份). */
export async function openRole(page: Page, roleLabel: string): Promise<void> {
  await open(page, '/pages/me/index')
  await page.locator('.role-cell').filter({ hasText: roleLabel }).first().click()
}

/** The workbenches: the admin one (officials, the committee, unit admins), the staff one, the member's profile. */
const WORKBENCHES = {
  admin: '/packages/admin/pages/home/index',
  staff: '/packages/staff/pages/home/index',
  member: '/packages/member/pages/profile/index'
}

/** Opens a workbench and taps one of its entries (#go-…). */
export async function fromWorkbench(page: Page, entry: string, workbench: keyof typeof WORKBENCHES = 'admin'): Promise<void> {
  await open(page, WORKBENCHES[workbench])
  await page.locator(`#${entry}`).click()
}

/** Taro's H5 modal (Taro.showModal): taps its confirm button. */
export async function confirmModal(page: Page): Promise<void> {
  const button = page.locator('.taro__modal .taro-model__confirm')
  await button.waitFor()
  await button.click()
}

/** The navigation bar's back button of the H5 build. */
export const back = (page: Page) => page.locator('#taro-navigation-bar.taro-navigation-bar-back-icon > .taro-navigation-bar-back')

/** The open sheet (#sheet): waits for it, lets `fillSheet` fill it, confirms, and waits for it to close. */
export async function confirmSheet(page: Page, fillSheet?: () => Promise<void>): Promise<void> {
  await page.locator('#sheet').waitFor()
  if (fillSheet) await fillSheet()
  await page.locator('#sheet-confirm').click()
  await page.locator('#sheet').waitFor({ state: 'detached' })
}

/** Taps the button with this id and confirms the sheet it opens (see confirmSheet). */
export async function act(page: Page, buttonId: string, fillSheet?: () => Promise<void>): Promise<void> {
  await page.locator(`#${buttonId}`).click()
  await confirmSheet(page, fillSheet)
}

/** A wait until the status tag with this id (#wish-status, #report-status …) shows a word. */
export const statusWaiter =
  (tagId: string) =>
  async (page: Page, label: string): Promise<void> => {
    await page.locator(`#${tagId}`).filter({ hasText: label }).waitFor()
  }

/** What a resident writes on 许个微心愿 (the 家用电器 category and a 独居老人 beneficiary unless told). */
export interface WishDraft {
  title: string
  description: string
  value: string
  beneficiary: string
  category?: string
  hardship?: string
}

/** From the community page (康都社区 unless told), taps 许个微心愿 and fills the form with the consent ticked; not sent. */
export async function draftWish(page: Page, wish: WishDraft, community = 'KDSQ01'): Promise<void> {
  await open(page, `/pages/community/index?code=${community}`)
  await page.locator('#post-wish').click()
  await page.locator('#wish-form').waitFor()
  await fill(page, 'wish-title', wish.title)
  await fill(page, 'wish-description', wish.description)
  await chip(page, 'wish-category', wish.category ?? '家用电器')
  await fill(page, 'wish-value', wish.value)
  await fill(page, 'beneficiary-name', wish.beneficiary)
  await chip(page, 'hardship-category', wish.hardship ?? '独居老人')
  await page.locator('#consent-sensitive').click()
}
