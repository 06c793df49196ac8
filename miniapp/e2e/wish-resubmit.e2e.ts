import { screenshot } from './browser'
import { act, draftWish, fill, findCard, open, personas, statusWaiter } from './journey'

/**
 * A rejected wish is not a dead end: dev:resident posts a wish, dev:staff rejects it with a reason,
 * dev:resident opens it from 我的 → 我的心愿, taps 修改后重新提交, edits it and sends it again; the wish is
 * 待审核 with 驳回 and 重新提交 on its timeline, and dev:staff finds it in the review queue again.
 * The steps share state and run in order.
 */

const stamp = Date.now().toString(36).slice(-6)
const TITLE = `想要一个电饭煲${stamp}`
const NEW_TITLE = `想要一个三升电饭煲${stamp}`
const REASON = '请写明电饭煲的容量后重新提交'

const waitForStatus = statusWaiter('wish-status')

const { as } = personas()

describe('H5: resubmitting a rejected wish', () => {
  it('dev:resident posts a wish', async () => {
    const page = await as('dev:resident')
    await draftWish(page, { title: TITLE, description: '家里的电饭煲坏了，老人做饭不方便。', value: '200', beneficiary: '李桂兰' })
    await page.locator('#submit-wish').click()
    await waitForStatus(page, '待审核')
  })

  it('dev:staff rejects it with a reason from the review queue', async () => {
    const page = await as('dev:staff')
    await open(page, '/packages/staff/pages/review/index')
    await (await findCard(page, TITLE)).click()
    await waitForStatus(page, '待审核')
    await act(page, 'action-reject', () => page.locator('#action-reason').locator('textarea').fill(REASON))
    await waitForStatus(page, '未通过')
  })

  it('dev:resident opens it from 我的心愿, edits it and resubmits it', async () => {
    const page = await as('dev:resident')
    await open(page, '/pages/me/index')
    await page.locator('#my-wishes-cell').click()
    await (await findCard(page, TITLE)).click()
    await waitForStatus(page, '未通过')
    await expect(page.locator('#wish-reject-reason').innerText()).resolves.toContain(REASON)
    await page.locator('#action-resubmit').click()

    // The form opens with the wish's own words and the reason to act on.
    await page.locator('#resubmit-form').waitFor()
    await expect(page.locator('#reject-reason').innerText()).resolves.toContain(REASON)
    await expect(page.locator('#wish-title').locator('input').inputValue()).resolves.toBe(TITLE)
    await expect(page.locator('#wish-value').locator('input').inputValue()).resolves.toBe('200')
    // A wrong field is named and nothing is sent.
    await fill(page, 'wish-value', '5000')
    await page.locator('#resubmit-wish').click()
    await page.locator('.nc-field__error').filter({ hasText: '不超过 2000 元' }).waitFor()
    await fill(page, 'wish-value', '180')
    await fill(page, 'wish-title', NEW_TITLE)
    await fill(page, 'wish-description', '家里的电饭煲坏了，老人做饭不方便，想要一个 3 升的电饭煲。')
    await screenshot(page, 'wish-resubmit-form')
    await page.locator('#resubmit-wish').click()

    // Back on the wish: waiting for review again, the rejection kept in the history.
    await waitForStatus(page, '待审核')
    await expect(page.locator('#wish-title').innerText()).resolves.toBe(NEW_TITLE)
    await page.locator('.timeline-entry[data-action="resubmit"]').waitFor()
    const actions = (await page.locator('.timeline-entry .timeline-entry__action').allInnerTexts()).map((t) => t.trim())
    expect(actions).toEqual(['提交', '驳回', '重新提交'])
    await expect(page.locator('.timeline-entry[data-action="reject"]').innerText()).resolves.toContain(REASON)
    await expect(page.locator('#action-resubmit').count()).resolves.toBe(0)
    await screenshot(page, 'wish-resubmitted')
  })

  it('dev:staff sees it again in the review queue, with the new words', async () => {
    const page = await as('dev:staff')
    await open(page, '/packages/staff/pages/review/index')
    await (await findCard(page, NEW_TITLE)).click()
    await waitForStatus(page, '待审核')
    await expect(page.locator('#action-approve').isVisible()).resolves.toBe(true)
  })
})
