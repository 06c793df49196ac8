import type { Page } from 'playwright-core'
import { requireBaseUrl, screenshot } from './browser'
import { fromWorkbench, personas } from './journey'

/**
 * 共建协议 = 组织报到, and 1+N, against the real API in dev mode with the demo data: dev:org-admin (市林草局) proposes
 * an agreement with 汇丰街道 from the workbench, with two lines of its resource list; dev:official (汇丰街道)
 * finds it waiting, countersigns it; the street's 1+N view then lists 市林草局 among its partners, with its
 * commitments, and as a match for the open wish whose category its resource list covers.
 */

const CONTACT = '林草联络员'
const GREENING = '小区补植金叶白蜡'
const CLINIC = '义诊、免费测血压'

/** A Taro <Input>/<Textarea> inside `scope` (H5 renders the native control inside the element). */
async function fill(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).locator('input, textarea').first().fill(value)
}

/** The API directly, for the one set-up step a person would not repeat: a rerun against the same server. */
async function api<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${requireBaseUrl()}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined
  })
  return (await response.json()) as T
}

let agreementId = ''

beforeAll(async () => {
  // A previous run against this server left 市林草局 ↔ 汇丰街道 in force: end it, so the journey can start over.
  const { token } = await api<{ token: string }>('POST', '/api/auth/wechat', undefined, { code: 'dev:org-admin' })
  const mine = await api<{ items: Array<{ id: string; status: string; organisation: { name: string }; region: { name: string } }> }>(
    'GET',
    '/api/agreements?pageSize=50',
    token
  )
  for (const a of mine.items.filter((x) => x.organisation.name === '市林草局' && x.region.name === '汇丰街道')) {
    if (a.status === 'in_force') await api('POST', `/api/agreements/${a.id}/end`, token, { reason: '浏览器测试重新开始' })
    if (a.status === 'proposed' || a.status === 'returned') await api('POST', `/api/agreements/${a.id}/withdraw`, token, {})
  }
})

const { as } = personas()

describe('H5: a co-building agreement from proposal to the 1+N view', () => {
  it('dev:org-admin proposes an agreement with 汇丰街道 and its resource list from the workbench', async () => {
    const page = await as('dev:org-admin')
    await fromWorkbench(page, 'go-agreements')
    await page.locator('#go-propose').click()
    await page.locator('#agreement-form').waitFor()

    // One unit to sign for: already chosen. The street, and the street itself (not one of its communities).
    await expect(page.locator('#agreement-unit .nc-chip--on').innerText()).resolves.toBe('市林草局')
    await page.locator('#agreement-street .nc-chip').filter({ hasText: '汇丰街道' }).click()
    await expect(page.locator('#agreement-target .nc-chip--on').innerText()).resolves.toContain('汇丰街道（街道）')
    await fill(page, '#agreement-contact-name', CONTACT)
    await fill(page, '#agreement-contact-phone', '13700009999')

    const first = page.locator('#commitment-0')
    await first.locator('.commitment-category .nc-chip').filter({ hasText: '绿化美化' }).click()
    await fill(page, '#commitment-0 .commitment-description', GREENING)
    await fill(page, '#commitment-0 .commitment-quantity', '415')
    await first.locator('.commitment-unit-suggestions .nc-chip').filter({ hasText: /^株$/ }).click()

    await page.locator('#add-commitment').click()
    const second = page.locator('#commitment-1')
    await second.locator('.commitment-category .nc-chip').filter({ hasText: '健康义诊' }).click()
    await fill(page, '#commitment-1 .commitment-description', CLINIC)
    await fill(page, '#commitment-1 .commitment-quantity', '4')
    await screenshot(page, 'agreement-propose-form')
    await page.locator('#submit-agreement').click()

    // On the new agreement: waiting for the other side, one signature.
    await page.locator('#agreement-detail #agreement-status').filter({ hasText: '待会签' }).waitFor()
    agreementId = (await page.locator('#agreement-detail').getAttribute('data-id')) ?? ''
    expect(agreementId).not.toBe('')
    await expect(page.locator('#agreement-title').innerText()).resolves.toContain('市林草局 × 汇丰街道')
    const signatures = await page.locator('#agreement-signatures').innerText()
    expect(signatures).toContain('机关党组织管理员 · 市林草局')
    expect(signatures).toContain('待会签')
    const commitments = await page.locator('#agreement-commitments').innerText()
    expect(commitments).toContain('415 株')
    expect(commitments).toContain('4 次/年')
    expect(commitments).toContain('尚无服务记录')
    await expect(page.locator('#action-withdraw').isVisible()).resolves.toBe(true)
    await expect(page.locator('#action-countersign').count()).resolves.toBe(0)
    await screenshot(page, 'agreement-proposed')
  })

  it('dev:official finds it waiting in 汇丰街道 and countersigns it', async () => {
    expect(agreementId).not.toBe('')
    const page = await as('dev:official')
    await fromWorkbench(page, 'go-agreements-official')
    await page.locator('#agreement-filter .nc-chip').filter({ hasText: '待会签' }).click()
    const card = page.locator(`.agreement-card[data-id="${agreementId}"]`)
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('市林草局 × 汇丰街道')
    await card.click()

    await page.locator('#agreement-detail #agreement-status').filter({ hasText: '待会签' }).waitFor()
    // The other side sees the contact in full.
    await expect(page.locator('#agreement-detail').innerText()).resolves.toContain('13700009999')
    await page.locator('#action-countersign').click()
    await page.locator('#sheet').waitFor()
    await page.locator('#sheet-confirm').click()
    await page.locator('#sheet').waitFor({ state: 'detached' })

    await page.locator('#agreement-detail #agreement-status').filter({ hasText: '已生效' }).waitFor()
    await expect(page.locator('.agr-registered').innerText()).resolves.toContain('已完成组织报到')
    const signatures = await page.locator('#agreement-signatures').innerText()
    expect(signatures).toContain('街道干部 · 汇丰街道')
    expect(signatures).not.toContain('待会签')
    const actions = (await page.locator('.timeline-entry .timeline-entry__action').allInnerTexts()).map((t) => t.trim())
    expect(actions).toEqual(['拟定协议', '会签'])
    await screenshot(page, 'agreement-in-force')
  })

  it('the 1+N view of 汇丰街道 lists 市林草局 with its resource list, matched to a need', async () => {
    const page = await as('dev:official')
    await fromWorkbench(page, 'go-one-plus-n')
    await expect(page.locator('#one-plus-n-region').innerText()).resolves.toContain('汇丰街道')

    const partner = page.locator(`.partner-card[data-id="${agreementId}"]`)
    await partner.waitFor()
    const text = await partner.innerText()
    expect(text).toContain('市林草局')
    expect(text).toContain(GREENING)
    expect(text).toContain('415 株')

    // 一个血压计 (医疗健康) draws on 健康义诊: 市林草局's new commitment is offered as a match.
    const need = page.locator('.need-card').filter({ hasText: '一个血压计' })
    await expect(need.locator('.need-match').filter({ hasText: '市林草局 · 健康义诊' }).count()).resolves.toBe(1)
    await screenshot(page, 'one-plus-n')

    // The dispatch picker puts the matching partners first, with their commitment.
    await need.locator('.need-dispatch').click()
    const firstTier = page.locator('.dispatch-tier').first()
    await firstTier.waitFor()
    await expect(firstTier.getAttribute('data-tier')).resolves.toBe('matching')
    await expect(firstTier.locator('.dispatch-candidate').filter({ hasText: '市林草局' }).innerText()).resolves.toContain('健康义诊')
    await screenshot(page, 'dispatch-candidates')
  })
})
