import { Readable } from 'node:stream';
import { ROSTER_MAX_ROWS } from '@nuancheng/shared';
import type ExcelJS from 'exceljs';
import { AppException } from '../../common/errors/app.exception';

/** Header cells accepted for each roster field (Chinese as officials write them, or the API's own names). */
const HEADERS: Record<string, string[]> = {
  name: ['姓名', 'name'],
  phone: ['手机号', '手机号码', '电话', 'phone'],
  branch: ['党支部', '所在党支部', '支部', 'branch'],
  communityCode: ['居住社区编码', '社区编码', 'communityCode'],
};

/**
 * Reads the first worksheet of an .xlsx roster into row objects; the header row is row 1 and row i + 2 of the
 * sheet is `rows[i]` (blank rows in between stay as `{}` so row numbers in errors match the sheet).
 *
 * Streamed, and stopped as soon as the sheet has more rows than one import may hold: a 5 MB upload can hold
 * 200,000 rows, which loaded whole takes ~550 MB and six seconds of CPU (more than the server's heap).
 */
export async function readRosterXlsx(buffer: Buffer): Promise<Array<Record<string, string>>> {
  // Loaded on first use: exceljs adds ~28 MB to a process, and only roster imports need it (docs/benchmarks.md, part 5).
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let columns: Map<number, string> | null = null;
  const rows: Array<Record<string, string>> = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!columns) {
          if (row.number !== 1) throw AppException.badRequest('第 1 行应为表头：姓名、手机号、党支部、居住社区编码');
          columns = headerColumns(row);
          continue;
        }
        const values: Record<string, string> = {};
        columns.forEach((field, col) => {
          const text = cellText(row.getCell(col).value);
          if (text !== '') values[field] = text;
        });
        // Blank rows are kept only when data follows them: trailing blank rows are formatting, not data.
        if (Object.keys(values).length === 0) continue;
        if (row.number - 1 > ROSTER_MAX_ROWS) {
          throw AppException.badRequest(`表格超过 ${ROSTER_MAX_ROWS} 行（第 ${row.number} 行仍有数据），请分成多个文件导入`);
        }
        while (rows.length < row.number - 2) rows.push({});
        rows.push(values);
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof AppException) throw error;
    throw AppException.badRequest('无法读取文件，请上传 .xlsx 格式的 Excel 表格');
  }
  if (!columns || rows.length === 0) throw AppException.badRequest('表格为空，请在第 1 行写表头，从第 2 行开始填写党员');
  return rows;
}

function headerColumns(header: ExcelJS.Row): Map<number, string> {
  const columns = new Map<number, string>();
  header.eachCell((cell, col) => {
    const text = cellText(cell.value);
    const field = Object.keys(HEADERS).find((key) => HEADERS[key].includes(text));
    if (field) columns.set(col, field);
  });
  const missing = ['name', 'phone', 'branch'].filter((f) => ![...columns.values()].includes(f));
  if (missing.length) {
    throw AppException.badRequest(`表头缺少：${missing.map((f) => HEADERS[f][0]).join('、')}（第 1 行应为 姓名、手机号、党支部、居住社区编码）`);
  }
  return columns;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Math.trunc(value) === value ? value : value);
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}
