import type { Page } from 'playwright-core'
import { screenshot } from './browser'
import { fromWorkbench, personas } from './journey'

/**
 * 督导看板 against the real API in dev mode with the demo data: dev:committee opens it from the workbench by
 * tapping, sees a chart drawn (non-blank pixels on its canvas) and the table under it with numbers, and goes back
 * to the workbench; dev:official sees their street's (汇丰街道).
 */

/** Pixels of a canvas that are not fully transparent and not white (what F2 drew). */
async function inkedPixels(page: Page, canvasHost: string): Promise<number> {
  await page.waitForFunction(
    (sel) => {
      const host = document.querySelector(sel)
      const canvas = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null
      return !!canvas && canvas.width > 0
    },
    canvasHost,
    { timeout: 10000 }
  )
  // F2 renders on the next frames: poll until something is drawn (or give up with 0).
  for (let i = 0; i < 40; i += 1) {
    const n = await page.evaluate((sel) => {
      const host = document.querySelector(sel)
      const canvas = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
      let inked = 0
      for (let p = 0; p < data.length; p += 4) if (data[p + 3] > 0 && (data[p] < 240 || data[p + 1] < 240 || data[p + 2] < 240)) inked += 1
      return inked
    }, canvasHost)
    if (n > 100) return n
    await page.waitForTimeout(250)
  }
  return 0
}

const { as } = personas()

describe('H5: the supervision dashboard', () => {
  it('dev:committee taps into the dashboard from the workbench, sees a drawn chart and its table, and goes back', async () => {
    const page = await as('dev:committee')
    await fromWorkbench(page, 'go-dashboard-committee')
    await page.locator('#dashboard-head').waitFor()
    await expect(page.locator('#dashboard-head').innerText()).resolves.toMatch(/市/)

    expect(await inkedPixels(page, '#chart-monthly-wishes')).toBeGreaterThan(100)
    expect(await inkedPixels(page, '#chart-monthly-hours')).toBeGreaterThan(100)

    // The table under the chart: 12 months with numbers, and the hours table has some service.
    const rows = page.locator('#table-monthly-wishes .data-table__row:not(.data-table__row--head)')
    await expect(rows.count()).resolves.toBe(12)
    const text = await page.locator('#table-monthly-wishes').innerText()
    expect(text).toMatch(/\d{4}-\d{2}/)
    const hours = await page.locator('#table-monthly-hours .data-table__cell--num .data-table__text').allInnerTexts()
    expect(hours.map(Number).some((h) => h > 0)).toBe(true)
    await expect(page.locator('#table-wish-states').innerText()).resolves.toContain('待认领')
    await screenshot(page, 'supervision-dashboard')

    await page.goBack()
    await page.locator('#go-dashboard-committee').waitFor()
  })

  it("dev:official sees their own street's dashboard", async () => {
    const page = await as('dev:official')
    await fromWorkbench(page, 'go-dashboard')
    await page.locator('#dashboard-head').waitFor()
    await expect(page.locator('#dashboard-head').innerText()).resolves.toContain('汇丰街道')
    expect(await inkedPixels(page, '#chart-monthly-wishes')).toBeGreaterThan(100)
    await expect(page.locator('#table-reports').innerText()).resolves.toMatch(/半年/)
    await page.goBack()
    await page.locator('#go-dashboard').waitFor()
  })
})
