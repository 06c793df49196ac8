import { createRequire } from 'node:module'
import { join } from 'node:path'
import { screenshot } from './browser'
import { fromWorkbench, personas } from './journey'

interface ExcelWorkbook {
  xlsx: { readFile(path: string): Promise<unknown> }
  getWorksheet(name: string): { eachRow(each: (row: { values: unknown }) => void): void } | undefined
}

/**
 * 数据导出 against the real API in dev mode with the demo data: dev:official (汇丰街道) opens the exports page from
 * the workbench, chooses the ledger and this year, taps 导出, and the browser's download starts; the file is
 * an .xlsx that exceljs opens, with the ledger's headers, the street's rows and members' names masked.
 */

// exceljs is the server's dependency: read the file with the same library that wrote it.
const serverRequire = createRequire(join(__dirname, '../../server/package.json'))

const { as } = personas()

describe('H5: 数据导出', () => {
  it('dev:official exports this year’s ledger from the workbench and gets an .xlsx that opens', async () => {
    const page = await as('dev:official')
    await fromWorkbench(page, 'go-exports')
    await page.locator('#export-kind').waitFor()
    await page.locator('#export-kind .nc-chip[data-value="ledger"]').click()
    await page.locator('#export-period .nc-chip[data-value="this_year"]').click()
    await expect(page.locator('#export-from').innerText()).resolves.toMatch(/^\d{4}-01-01$/)
    await screenshot(page, 'exports')

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-download').click()])
    expect(download.suggestedFilename()).toMatch(/^服务台账-\d{4}-01-01至\d{4}-\d{2}-\d{2}\.xlsx$/)
    const path = await download.path()
    expect(path).toBeTruthy()
    // exceljs is the server's dependency, not the mini-program's: typed here by the little the test reads.
    const Excel = serverRequire('exceljs') as { Workbook: new () => ExcelWorkbook }
    const workbook = new Excel.Workbook()
    await workbook.xlsx.readFile(path!)
    const sheet = workbook.getWorksheet('服务台账')!
    const rows: string[][] = []
    sheet.eachRow((row: { values: unknown }) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
    expect(rows[0].slice(0, 4)).toEqual(['时间', '党员或单位', '类别', '内容'])
    expect(rows.length).toBeGreaterThan(1)
    expect(rows.slice(1).every((r) => r[7] === '汇丰街道')).toBe(true)
    expect(
      rows
        .slice(1)
        .filter((r) => r[1])
        .every((r) => r[1].includes('*') || !/^[\u4e00-\u9fa5]{2,3}$/.test(r[1]))
    ).toBe(true)
    await page.locator('#export-done').waitFor()
  })
})
