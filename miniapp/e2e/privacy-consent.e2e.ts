import { deflateSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { BASE_URL, route, screenshot } from './browser'
import { phones, signInFresh } from './journey'

/**
 * PIPL consent in H5 against the real API (dev mode): a fresh resident's first photo pick and first phone binding
 * are preceded by our privacy sheet; agreeing records the consent on the server (GET /api/me/consents), and the
 * next pick goes straight to the file chooser. Declining stops the action and records nothing.
 */
/** A fresh phone on the file's one browser. */
const phone = phones()

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

/** A 16×16 red PNG (the server decodes and re-encodes uploads). */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const size = 16
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const row = Buffer.concat([Buffer.from([0]), Buffer.concat(Array.from({ length: size }, () => Buffer.from([200, 22, 29])))])
  const raw = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

describe('H5: the privacy sheet before the first photo pick and phone binding', () => {
  it('asks before the first photo pick, records the consent, and does not ask again', async () => {
    const token = await signInFresh(`dev:consent-e2e-${Date.now()}`)
    const { context, page } = await phone()
    try {
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
    } finally {
      await context.close()
    }
  })

  it('asks before the first phone binding (dev code) and records the phone scope', async () => {
    const token = await signInFresh(`dev:consent-e2e-phone-${Date.now()}`)
    const { context, page } = await phone()
    try {
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
    } finally {
      await context.close()
    }
  })
})
