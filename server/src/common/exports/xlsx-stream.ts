import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';

export interface XlsxColumn {
  header: string;
  key: string;
  width: number;
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  rows: AsyncIterable<Record<string, unknown>>;
}

export interface XlsxOutcome {
  /** Rows written per sheet, in order. */
  rows: number[];
  /** False when the client went away (or a read failed) before the last row. */
  complete: boolean;
}

/** China time as `2026-07-01 09:30` (the people reading these files are in Bayannur). */
export const cstMinute = (date: Date | null | undefined) => (date ? new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

/**
 * An .xlsx written sheet by sheet, row by row, with exceljs' streaming WorkbookWriter into the returned stream:
 * each row is committed as it is written and the rows come from an async iterable (a keyset-paged query), so
 * neither the rows nor the workbook are ever held in memory. Writing waits while the client is slow to read
 * (backpressure), and `finish` runs once the last row is written — before the workbook is closed, so the file
 * is not complete until whatever `finish` records is — or with complete: false when the stream is abandoned.
 */
export async function streamXlsx(sheets: XlsxSheet[], finish: (outcome: XlsxOutcome) => Promise<void>): Promise<Readable> {
  // Loaded on first use: exceljs adds ~28 MB to a process (docs/benchmarks.md, part 5).
  const { default: Excel } = await import('exceljs');
  const out = new PassThrough();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const counts: number[] = [];
  void (async () => {
    let finished = false;
    try {
      for (const spec of sheets) {
        const sheet = workbook.addWorksheet(spec.name);
        sheet.columns = spec.columns;
        counts.push(0);
        for await (const row of spec.rows) {
          if (out.destroyed) throw new Error('export abandoned by the client');
          sheet.addRow(row).commit();
          counts[counts.length - 1] += 1;
          if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        }
        sheet.commit();
      }
      finished = true;
      await finish({ rows: counts, complete: true });
      await workbook.commit();
    } catch (error) {
      if (!finished) await finish({ rows: counts, complete: false }).catch(() => undefined);
      out.destroy(error as Error);
    }
  })();
  return out;
}
