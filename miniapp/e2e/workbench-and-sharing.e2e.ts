import type { Page } from 'playwright-core'
import { screenshot } from './browser'
import { fill, fromWorkbench, open, personas } from './journey'

/**
 * Against the real API in dev mode with the demo data: a failed tap offline says so; the wall's filters come back
 * after a reload; the post form marks every wrong field and scrolls to the first; community staff open their own
 * community's wall and its printable QR code; a public wish offers a copy-link share on H5; each workbench shows
 * its 待办 counts, equal to GET /api/me/todo-counts.
 */
const NETWORK = /网络不可用，请检查网络后重试/

const { as, context: contextOf, stranger } = personas()

/** The API with the page's session (Taro's H5 storage keeps { data } JSON in localStorage). */
function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const raw = localStorage.getItem('nc.token')
    const token = raw ? (JSON.parse(raw) as { data: string }).data : ''
    const res = await fetch(p, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
    return res.json()
  }, path) as Promise<T>
}

interface TodoCounts {
  roles: { role: string; total: number; kinds: { kind: string; label: string; count: number }[] }[]
}
const countOf = (todo: TodoCounts, role: string, ...kinds: string[]) =>
  (todo.roles.find((r) => r.role === role)?.kinds ?? []).filter((k) => kinds.includes(k.kind)).reduce((n, k) => n + k.count, 0)

describe('H5: failures said, filters kept, forms marked, staff tools, sharing, workbench counts', () => {
  it('says the network is down when a tap fails offline (a list reload and a form submit)', async () => {
    const { context, page } = await stranger()
    try {
      await open(page, '/packages/member/pages/wall/index')
      await page.locator('.wall-tab').first().waitFor()
      await page.locator('.wish-card').first().waitFor()
      await context.setOffline(true)
      await page.locator('.wall-tab').filter({ hasText: '助老助残' }).click()
      await page.getByText(NETWORK).first().waitFor()
      await screenshot(page, 'offline-wall')
    } finally {
      await context.close()
    }
    const resident = await as('dev:resident')
    await open(resident, '/packages/resident/pages/post-wish/index?code=KDSQ01')
    await resident.locator('#wish-title').waitFor()
    await fill(resident, 'wish-title', '离线时想要一个台灯')
    await fill(resident, 'wish-description', '晚上看书光线太暗，想要一个台灯。')
    await resident.locator('#wish-category .nc-chip').filter({ hasText: '生活用品' }).click()
    await fill(resident, 'wish-value', '60')
    await fill(resident, 'beneficiary-name', '王秀英')
    await resident.locator('#hardship-category .nc-chip').filter({ hasText: '独居老人' }).click()
    await resident.locator('#consent-sensitive').click()
    await contextOf('dev:resident').setOffline(true)
    try {
      await resident.locator('#submit-wish').click()
      await resident.getByText(NETWORK).first().waitFor({ timeout: 20000 })
    } finally {
      await contextOf('dev:resident').setOffline(false)
    }
  })

  it('brings the wall filters back after a reload', async () => {
    const { context, page } = await stranger()
    try {
      await open(page, '/packages/member/pages/wall/index')
      await page.locator('.wall-tab').filter({ hasText: '家用电器' }).click()
      await expect(page.locator('.wall-tab.nc-tab--on').innerText()).resolves.toBe('家用电器')
      await page.reload()
      await page.locator('.wall-tab.nc-tab--on').waitFor()
      await expect(page.locator('.wall-tab.nc-tab--on').innerText()).resolves.toBe('家用电器')
    } finally {
      await context.close()
    }
  })

  it('marks every wrong field of the post form at once and scrolls to the first', async () => {
    const page = await as('dev:resident')
    await open(page, '/packages/resident/pages/post-wish/index?code=KDSQ01')
    await page.locator('#wish-title').waitFor()
    await fill(page, 'wish-description', '晚上看书光线太暗，想要一个台灯。')
    await page.locator('#submit-wish').scrollIntoViewIfNeeded()
    await page.locator('#submit-wish').click()
    for (const field of ['title', 'category', 'value', 'beneficiaryName', 'hardshipCategory']) {
      const row = page.locator(`#field-${field}`)
      await expect(row.getAttribute('class')).resolves.toContain('nc-field--error')
      // In words, not by colour alone.
      await expect(row.locator('.nc-field__flag').innerText()).resolves.toBe('（需修改）')
      await expect(row.locator('.nc-field__error').count()).resolves.toBe(1)
    }
    await expect(page.locator('#field-description').getAttribute('class')).resolves.not.toContain('nc-field--error')
    await expect(page.locator('#field-sensitiveConsent .nc-field__error').count()).resolves.toBe(1)
    // The first wrong field (the title, at the top) is scrolled back into view.
    await page.waitForFunction(() => {
      const r = document.getElementById('field-title')?.getBoundingClientRect()
      return !!r && r.top >= 0 && r.bottom <= window.innerHeight
    })
    await screenshot(page, 'post-wish-errors')
  })

  it("opens the staff's own community wall and its QR code page", async () => {
    const page = await as('dev:staff')
    await fromWorkbench(page, 'go-wall', 'staff')
    await page.locator('#filter-community').waitFor()
    await expect(page.locator('#filter-community').innerText()).resolves.toContain('康都社区')
    await fromWorkbench(page, 'go-qrcode', 'staff')
    await page.locator('#qrcode-image').waitFor()
    await expect(page.locator('#qrcode-name').innerText()).resolves.toBe('康都社区')
    const src = await page.locator('#qrcode-image img').getAttribute('src')
    expect(src).toContain('/api/communities/KDSQ01/qrcode.png')
    const png = await page.evaluate(async (url) => {
      const res = await fetch(url!)
      return { status: res.status, type: res.headers.get('content-type') }
    }, src)
    expect(png).toEqual({ status: 200, type: 'image/png' })
    await expect(page.locator('#qrcode-save').innerText()).resolves.toBe('下载二维码')
    const download = page.waitForEvent('download')
    await page.locator('#qrcode-save').click()
    expect((await download).suggestedFilename()).toBe('康都社区-二维码.png')
    await screenshot(page, 'staff-qrcode')
  })

  it('offers a copy-link share for a public wish on H5', async () => {
    const { context, page } = await stranger()
    try {
      await open(page, '/packages/member/pages/wall/index')
      await page.locator('.wish-card').first().click()
      await page.locator('#share-copy-link').click()
      await page
        .getByText(/链接已复制|复制下面的链接分享/)
        .first()
        .waitFor()
    } finally {
      await context.close()
    }
  })

  it('shows each workbench its 待办 counts, equal to the counts route', async () => {
    const staff = await as('dev:staff')
    await open(staff, '/packages/staff/pages/home/index')
    await staff.locator('#go-review').waitFor()
    const todo = await api<TodoCounts>(staff, '/api/me/todo-counts')
    const review = countOf(todo, 'community_staff', 'wish_review')
    expect(review).toBeGreaterThan(0)
    await expect(staff.locator('#review-waiting').innerText()).resolves.toBe(`待办 ${review}`)
    const registrations = countOf(todo, 'community_staff', 'registration_pending')
    if (registrations) await expect(staff.locator('#registrations-waiting').innerText()).resolves.toBe(`待办 ${registrations}`)
    await screenshot(staff, 'staff-todo')

    for (const [code, role] of [
      ['dev:org-admin', 'org_admin'],
      ['dev:official', 'street_official'],
      ['dev:secretary', 'branch_secretary'],
      ['dev:committee', 'committee_admin']
    ] as const) {
      const page = await as(code)
      await open(page, '/packages/admin/pages/home/index')
      const counts = await api<TodoCounts>(page, '/api/me/todo-counts')
      const total = counts.roles.find((r) => r.role === role)?.total ?? 0
      const summary = page.locator(`#todo-${role}`)
      await summary.waitFor()
      await expect(summary.locator('.nc-cell__title').innerText()).resolves.toBe(total ? `待办 ${total} 项` : '暂无待办')
    }
  })
})
