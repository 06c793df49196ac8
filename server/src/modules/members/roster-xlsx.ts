import type ExcelJS from 'exceljs';
import { AppException } from '../../common/errors/app.exception';

/** Header cells accepted for each roster field (Chinese as officials write them, or the API's own names). */
const HEADERS: Record<string, string[]> = {
  name: ['姓名', 'name'],
  phone: ['手机号', '手机号码', '电话', 'phone'],
  branch: ['党支部', '所在党支部', '支部', 'branch'],
  communityCode: ['居住社区编码', '社区编码', 'communityCode'],
};

/** Reads the first worksheet of an .xlsx roster into row objects; the header row is row 1. */
export async function readRosterXlsx(buffer: Buffer): Promise<Array<Record<string, string>>> {
  // Loaded on first use: exceljs adds ~28 MB to a process, and only roster imports need it (docs/benchmarks.md, part 5).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw AppException.badRequest('无法读取文件，请上传 .xlsx 格式的 Excel 表格');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount < 2) throw AppException.badRequest('表格为空，请在第 1 行写表头，从第 2 行开始填写党员');
  const columns = new Map<number, string>();
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    const field = Object.keys(HEADERS).find((key) => HEADERS[key].includes(text));
    if (field) columns.set(col, field);
  });
  const missing = ['name', 'phone', 'branch'].filter((f) => ![...columns.values()].includes(f));
  if (missing.length) {
    throw AppException.badRequest(`表头缺少：${missing.map((f) => HEADERS[f][0]).join('、')}（第 1 行应为 姓名、手机号、党支部、居住社区编码）`);
  }
  const rows: Array<Record<string, string>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row: Record<string, string> = {};
    columns.forEach((field, col) => {
      const text = cellText(sheet.getRow(r).getCell(col).value);
      if (text !== '') row[field] = text;
    });
    if (Object.keys(row).length) rows.push(row);
    else rows.push({});
  }
  // Trailing blank rows are formatting, not data.
  while (rows.length && Object.keys(rows[rows.length - 1]).length === 0) rows.pop();
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(Math.trunc(value) === value ? value : value);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return String(value.text).trim();
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '').trim();
  return String(value).trim();
}
