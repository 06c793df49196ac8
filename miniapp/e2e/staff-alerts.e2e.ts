import type { Page } from 'playwright-core'
import { screenshot } from './browser'
import { open, phones, signIn } from './journey'

/**
 * The staff alert, against the real API in dev mode with the demo data: dev:resident (康都社区 KDSQ01) posts a
 * wish; dev:staff (康都社区's staff) sees the unread badge on the 我的 tab and the message in the inbox, and the
 * message opens the wish.
 */
const TITLE = `想要一个热水袋${Date.now().toString(36).slice(-6)}`

/** A fresh phone on the file's one browser. */
const phone = phones()

/** The API with the page's session (Taro's H5 storage keeps { data } JSON in localStorage). */
function api(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ([m, p, b]) => {
      const raw = localStorage.getItem('nc.token')
      const token = raw ? (JSON.parse(raw) as { data: string }).data : ''
      const res = await fetch(p as string, {
        method: m as string,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: b === undefined ? undefined : JSON.stringify(b)
      })
      return { status: res.status, body: res.status === 204 ? null : await res.json() }
    },
    [method, path, body] as const
  )
}

/** The badge H5 draws on the 我的 tab (tab index 1). */
const meBadge = (page: Page) => page.locator('.weui-tabbar__item').nth(1).locator('.taro-tabbar-badge')

describe('H5: staff are told of a new wish', () => {
  it('shows dev:staff an unread badge on 我的 and a message that opens the wish', async () => {
    const staff = await phone()
    const resident = await phone()
    try {
      // Staff start with nothing unread: no badge.
      await signIn(staff.page, 'dev:staff')
      expect((await api(staff.page, 'POST', '/api/me/notifications/read-all', {})).status).toBe(204)
      await open(staff.page, '/pages/me/index')
      await staff.page.locator('#sign-out').waitFor()
      await expect(meBadge(staff.page).count()).resolves.toBe(0)

      // The resident posts a wish for 康都社区.
      await signIn(resident.page, 'dev:resident')
      const community = (await api(resident.page, 'GET', '/api/communities/KDSQ01')).body as { id: string }
      const posted = await api(resident.page, 'POST', '/api/wishes', {
        communityId: community.id,
        title: TITLE,
        description: '冬天屋里冷，老人想要一个热水袋暖手。',
        category: '生活用品',
        estimatedValueYuan: 30,
        beneficiaryName: '李桂兰',
        hardshipCategory: '独居老人',
        sensitiveConsent: { agreed: true, version: '2026-11-v1' }
      })
      expect(posted.status).toBe(201)
      const wishId = (posted.body as { id: string }).id

      // Staff come back to the app: the badge on 我的 says 1, and so does the 消息 cell.
      await open(staff.page, '/pages/me/index')
      await meBadge(staff.page).waitFor()
      await expect(meBadge(staff.page).innerText()).resolves.toBe('1')
      await expect(staff.page.locator('#unread-count').innerText()).resolves.toBe('1')
      // Readable: 14 px or more, white on the brand red (5.9:1), not Taro's #f43530 (3.9:1).
      const look = await meBadge(staff.page).evaluate((el) => {
        const style = getComputedStyle(el)
        return { size: parseFloat(style.fontSize), background: style.backgroundColor, color: style.color }
      })
      expect(look.size).toBeGreaterThanOrEqual(14)
      expect(look).toMatchObject({ background: 'rgb(200, 22, 29)', color: 'rgb(255, 255, 255)' })
      await screenshot(staff.page, 'staff-alert-badge')

      // The inbox lists the message; tapping it opens the wish.
      await staff.page.locator('#notifications-cell').click()
      const item = staff.page.locator('.notification-item').filter({ hasText: TITLE })
      await item.first().waitFor()
      await expect(item.first().innerText()).resolves.toContain('新心愿待审核')
      await screenshot(staff.page, 'staff-alert-inbox')
      await item.first().click()
      await staff.page.locator(`#wish-detail[data-id="${wishId}"]`).waitFor()
      await expect(staff.page.locator('#wish-title').innerText()).resolves.toBe(TITLE)

      // Read now: back on 我的 the badge is gone.
      await open(staff.page, '/pages/me/index')
      await staff.page.locator('#sign-out').waitFor()
      await meBadge(staff.page).waitFor({ state: 'detached' })
      await expect(staff.page.locator('#unread-count').count()).resolves.toBe(0)
    } finally {
      await staff.context.close()
      await resident.context.close()
    }
  })
})
