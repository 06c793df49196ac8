import { screenshot } from './browser'
import { act, fill, fromWorkbench, open, openDetail, personas, statusWaiter } from './journey'

/**
 * 一党员一践诺 from the pledge to its assessments, each persona in its own browser context, against the real API
 * with the demo data (dev:member-02 lives in 江林社区 and has no pledge yet; dev:secretary is their branch's;
 * dev:staff-jl serves 江林社区):
 *   member pledges from 我的践诺 → secretary approves (亮诺) → the pledge shows on 江林社区's page → member marks it
 *   done (践诺) → secretary assesses it, then the community's staff (评诺) → 已评诺.
 * The member card (another subpackage) links 我的践诺; here it is opened by its path.
 */

const CONTENT = `每周为江林社区老人测量血压${Date.now().toString(36).slice(-5)}`
const TARGET = '全年测量不少于 40 次'
const EVIDENCE = '全年为社区老人测量血压 46 次'

const waitForStatus = statusWaiter('pledge-status')

let pledgeId = ''

const { as } = personas()

describe('H5: a pledge from 我的践诺 to 评诺', () => {
  it('dev:member-02 makes this year’s pledge from 我的践诺', async () => {
    const page = await as('dev:member-02')
    await open(page, '/packages/pledges/pages/mine/index')
    await page.locator('#make-pledge').click()
    await page.locator('#pledge-form').waitFor()
    await fill(page, 'pledge-content-input', CONTENT)
    await fill(page, 'pledge-target-input', TARGET)
    await page.locator('#pledge-category .nc-chip').filter({ hasText: '健康义诊' }).click()
    await page.locator('#pledge-name-display .nc-chip').filter({ hasText: '显示全名' }).click()
    await screenshot(page, 'pledge-form')
    await page.locator('#submit-pledge').click()

    await waitForStatus(page, '待审核')
    await expect(page.locator('#pledge-content').innerText()).resolves.toBe(CONTENT)
    pledgeId = (await page.locator('#pledge-detail').getAttribute('data-id')) ?? ''
    expect(pledgeId).not.toBe('')
    await expect(page.locator('#action-revise').isVisible()).resolves.toBe(true)
    // Back on 我的践诺: this year's pledge, no second one offered.
    await open(page, '/packages/pledges/pages/mine/index')
    await page.locator('#my-pledge').filter({ hasText: CONTENT }).waitFor()
    await expect(page.locator('#make-pledge').count()).resolves.toBe(0)
  })

  it('dev:secretary approves it from the review list (亮诺)', async () => {
    expect(pledgeId).not.toBe('')
    const page = await as('dev:secretary')
    await fromWorkbench(page, 'go-pledge-review')
    await page.locator('.pledge-card').filter({ hasText: CONTENT }).first().click()
    await waitForStatus(page, '待审核')
    await act(page, 'action-approve')
    await waitForStatus(page, '践诺中')
    await screenshot(page, 'pledge-approved')
  })

  it('shows on 江林社区’s community page under 党员承诺', async () => {
    const page = await as('dev:resident')
    await open(page, '/pages/community/index?code=JLSQ01')
    const card = page.locator('#community-pledges .community-pledge').filter({ hasText: CONTENT })
    await card.waitFor()
    await expect(card.innerText()).resolves.toContain('市地震局机关党支部')
    await screenshot(page, 'pledge-on-community-page')
    await card.click()
    await waitForStatus(page, '践诺中')
    // The public sees the pledge, not the buttons.
    await expect(page.locator('[id^="action-"]').count()).resolves.toBe(0)
  })

  it('dev:member-02 marks it done with evidence (践诺)', async () => {
    const page = await as('dev:member-02')
    await openDetail(page, 'pledges', pledgeId)
    await waitForStatus(page, '践诺中')
    await act(page, 'action-complete', () => fill(page, 'pledge-note', EVIDENCE))
    await waitForStatus(page, '待评诺')
    await expect(page.locator('#pledge-evidence').innerText()).resolves.toContain(EVIDENCE)
  })

  it('dev:secretary assesses it, then dev:staff-jl (评诺)', async () => {
    const secretary = await as('dev:secretary')
    await openDetail(secretary, 'pledges', pledgeId)
    await waitForStatus(secretary, '待评诺')
    await act(secretary, 'action-assess_branch', async () => {
      await secretary.locator('#assess-grade .nc-chip').filter({ hasText: '优秀' }).click()
      await fill(secretary, 'pledge-note', '坚持每周服务，群众满意')
    })
    await secretary.locator('#pledge-assessments [data-kind="branch"]').filter({ hasText: '优秀' }).waitFor()
    await expect(secretary.locator('#action-assess_branch').count()).resolves.toBe(0)
    await waitForStatus(secretary, '待评诺')

    const staff = await as('dev:staff-jl')
    await openDetail(staff, 'pledges', pledgeId)
    await act(staff, 'action-assess_community', async () => {
      await staff.locator('#assess-grade .nc-chip').filter({ hasText: '良好' }).click()
      await fill(staff, 'pledge-note', '居民反映很好')
    })
    await waitForStatus(staff, '已评诺')
    // The timeline reloads after the answer: wait for its last entry before reading the whole of it.
    await staff.locator('.timeline-entry .timeline-entry__action').filter({ hasText: '社区评诺' }).waitFor()
    const steps = (await staff.locator('.timeline-entry .timeline-entry__action').allInnerTexts()).map((t) => t.trim())
    expect(steps).toEqual(['承诺', '亮诺', '践诺', '党支部评诺', '社区评诺'])
    await screenshot(staff, 'pledge-assessed')
  })
})
