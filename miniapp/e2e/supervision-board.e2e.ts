import { screenshot } from './browser'
import { back, fromWorkbench, personas } from './journey'

/**
 * 件件有着落 against the real API in dev mode with the demo data: dev:official (汇丰街道) opens the board from the
 * workbench, sees the street's open items with who should act, filters to the agreements waiting for the
 * street's countersignature (市医保局, seeded), taps one to its agreement page, and comes back to the board.
 */

const { as } = personas()

describe('H5: the 件件有着落 board', () => {
  it('dev:official opens the board from the workbench and taps an item to its page, and back', async () => {
    const page = await as('dev:official')
    await fromWorkbench(page, 'go-board')
    await page.locator('#board-summary').waitFor()
    await expect(page.locator('#board-summary').innerText()).resolves.toContain('汇丰街道')
    const total = Number(await page.locator('#board-summary .board-summary__value').first().innerText())
    expect(total).toBeGreaterThan(0)
    await expect(page.locator('#board-items .board-item').count()).resolves.toBe(total)
    await screenshot(page, 'supervision-board')

    await page.locator('#board-filter .nc-chip').filter({ hasText: '共建协议待会签' }).click()
    const item = page.locator('#board-items .board-item[data-kind="agreement_countersign"]').first()
    await item.waitFor()
    await expect(item.innerText()).resolves.toContain('市医保局')
    await expect(item.innerText()).resolves.toContain('汇丰街道 街道干部')
    await expect(page.locator('#board-items .board-item:not([data-kind="agreement_countersign"])').count()).resolves.toBe(0)
    const id = await item.getAttribute('data-id')
    await item.locator('.board-item__go').click()

    await page.locator(`#agreement-detail[data-id="${id}"]`).waitFor()
    await page.locator('#agreement-detail #agreement-status').filter({ hasText: '待会签' }).waitFor()
    // Back as a person taps it on H5: the navigation bar's back control (the browser's own back once left the
    // board shaded after a long session: see the closing note of 2026-12-02).
    await back(page).click()
    await page.locator('#board-summary').waitFor()
    await page.locator('#board-items .board-item').first().waitFor()
  })
})
