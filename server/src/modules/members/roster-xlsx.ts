import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
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
  const entries = zipEntriesInReadingOrder(buffer);
  // Loaded on first use: exceljs adds ~28 MB to a process, and only roster imports need it (docs/benchmarks.md, part 5).
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from(entries), {
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
    throw AppException.badRequest(UNREADABLE);
  }
  if (!columns || rows.length === 0) throw AppException.badRequest('表格为空，请在第 1 行写表头，从第 2 行开始填写党员');
  return rows;
}

/** What one roster's parts may unpack to in all (a 5,000-row sheet is ~1 MB of XML): past it, a zip bomb. */
export const ROSTER_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
const UNREADABLE = '无法读取文件，请上传 .xlsx 格式的 Excel 表格';

/**
 * The workbook's zip entries (each local header with its data, as stored) with the workbook, its relations and the
 * shared strings first. exceljs's stream reader spools a worksheet that comes before the shared strings (as Excel
 * and exceljs write them) to a temporary file, which stays behind when reading stops early (the row limit, the
 * first sheet only) and which a zip bomb fills; in this order it streams every sheet and writes no file at all.
 * The central directory's declared sizes are checked first (zip bombs refused before anything is inflated).
 */
export function zipEntriesInReadingOrder(buffer: Buffer): Buffer[] {
  const refuse = () => AppException.badRequest(UNREADABLE);
  // End of central directory: 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw refuse();
  const count = buffer.readUInt16LE(eocd + 10);
  const cdSize = buffer.readUInt32LE(eocd + 12);
  const cdStart = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdStart === 0xffffffff || cdStart + cdSize > eocd) throw refuse();
  const entries: Array<{ name: string; offset: number }> = [];
  let unpacked = 0;
  for (let p = cdStart, n = 0; n < count; n++) {
    if (p + 46 > eocd || buffer.readUInt32LE(p) !== 0x02014b50) throw refuse();
    const size = buffer.readUInt32LE(p + 24);
    const nameLength = buffer.readUInt16LE(p + 28);
    const extraLength = buffer.readUInt16LE(p + 30);
    const commentLength = buffer.readUInt16LE(p + 32);
    const offset = buffer.readUInt32LE(p + 42);
    if (size === 0xffffffff || offset >= cdStart || buffer.readUInt32LE(offset) !== 0x04034b50) throw refuse();
    unpacked += size;
    entries.push({ name: buffer.toString('utf8', p + 46, p + 46 + nameLength), offset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (unpacked > ROSTER_MAX_UNPACKED_BYTES) throw AppException.badRequest('文件解压后过大，请上传正常的 .xlsx 花名册');
  // Each entry runs from its local header to the next one's (or the central directory): its data descriptor included.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  const slices = new Map(byOffset.map((e, i) => [e, buffer.subarray(e.offset, i + 1 < byOffset.length ? byOffset[i + 1].offset : cdStart)]));
  const FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml'];
  const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);
  const ordered = [...entries].sort((a, b) => rank(a.name) - rank(b.name) || a.offset - b.offset).map((e) => slices.get(e)!);
  // A workbook without shared strings (numbers and inline strings only) gets an empty table, so it streams too.
  if (!entries.some((e) => e.name === 'xl/sharedStrings.xml')) ordered.splice(entries.some((e) => FIRST.includes(e.name)) ? 2 : 0, 0, storedEntry('xl/sharedStrings.xml', EMPTY_SHARED_STRINGS));
  return ordered;
}

const EMPTY_SHARED_STRINGS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';

/** One uncompressed zip entry: local header and data. */
function storedEntry(name: string, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, data]);
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
