import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

/**
 * The H5 build in headless Chromium. Needs E2E_BASE_URL: a server that serves dist/h5 at `/` and the
 * API (dev mode, demo data) at `/api`. Optional: CHROMIUM_PATH (default /usr/bin/chromium),
 * E2E_SCREENSHOT_DIR (saves screenshots of the pages visited).
 */
export const BASE_URL = (process.env.E2E_BASE_URL ?? '').replace(/\/+$/, '')

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export function requireBaseUrl(): string {
  if (!BASE_URL) {
    throw new Error(
      'E2E_BASE_URL is not set: start the API server (serving dist/h5 at /) and pass its origin, e.g. E2E_BASE_URL=http://127.0.0.1:3000'
    )
  }
  return BASE_URL
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS
  })
}

/** A phone-sized context (fresh storage: no token). */
export async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 720 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN'
  })
  context.setDefaultTimeout(15000)
  const page = await context.newPage()
  return { context, page }
}

/** Opens an app route in hash mode: route('/pages/me/index') → BASE/#/pages/me/index. */
export function route(path: string): string {
  return `${requireBaseUrl()}/#${path.startsWith('/') ? path : `/${path}`}`
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOT_DIR
  if (!dir) return
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: path.join(dir, `${name}.png`) })
}

/**
 * Taps a PhotoPicker's + and returns the H5 file chooser; the first pick of an account shows the privacy sheet
 * (components/PrivacyGate.tsx), which is agreed to on the way.
 */
export async function choosePhotoFile(page: Page, add: import('playwright-core').Locator): Promise<import('playwright-core').FileChooser> {
  const chooser = page.waitForEvent('filechooser', { timeout: 15_000 })
  await add.click()
  const agree = page.locator('#privacy-agree')
  const asked = await agree
    .waitFor({ timeout: 2500 })
    .then(() => true)
    .catch(() => false)
  if (asked) await agree.click()
  return chooser
}
