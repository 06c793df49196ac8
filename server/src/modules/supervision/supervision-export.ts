import { PassThrough, type Readable } from 'node:stream';
import type { BoardItem } from '@nuancheng/shared';

const cst = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

/**
 * The board as an .xlsx, written row by row with exceljs' streaming WorkbookWriter into the response (each row
 * is committed as it is written, so a large board is never held as a workbook in memory). Names on the board
 * are masked already; no contact travels here.
 */
export async function boardXlsx(regionName: string, items: AsyncIterable<BoardItem> | Iterable<BoardItem>): Promise<Readable> {
  // Loaded on first use: exceljs adds ~28 MB to a process (docs/benchmarks.md, part 5).
  const { default: Excel } = await import('exceljs');
  const out = new PassThrough();
  const workbook = new Excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('件件有着落');
  sheet.columns = [
    { header: '事项', key: 'label', width: 18 },
    { header: '内容', key: 'title', width: 40 },
    { header: '街道', key: 'street', width: 14 },
    { header: '社区', key: 'community', width: 14 },
    { header: '等待自', key: 'since', width: 18 },
    { header: '期限', key: 'deadline', width: 18 },
    { header: '是否超期', key: 'overdue', width: 10 },
    { header: '处理人', key: 'actor', width: 28 },
  ];
  void (async () => {
    try {
      for await (const i of items) {
        sheet
          .addRow({
            label: i.label,
            title: i.title,
            street: i.street?.name ?? '',
            community: i.community?.name ?? '',
            since: cst(i.since),
            deadline: cst(i.deadline),
            overdue: i.overdue ? '是' : '否',
            actor: `${i.actor.name ? `${i.actor.name} ` : ''}${i.actor.label}`,
          })
          .commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  void regionName;
  return out;
}
