import type { Readable } from 'node:stream';
import type { BoardItem } from '@nuancheng/shared';
import { cstMinute, streamXlsx } from '../../common/exports/xlsx-stream';

const cst = (iso: string | null) => cstMinute(iso ? new Date(iso) : null);

/**
 * The board as an .xlsx, written row by row with exceljs' streaming WorkbookWriter into the response
 * (common/exports/xlsx-stream, as the data exports are). Names on the board are masked already; no contact
 * travels here. The board is audited before it is written (it is counted already), so nothing is recorded after.
 */
export async function boardXlsx(items: Iterable<BoardItem>): Promise<Readable> {
  return streamXlsx(
    [
      {
        name: '件件有着落',
        columns: [
          { header: '事项', key: 'label', width: 18 },
          { header: '内容', key: 'title', width: 40 },
          { header: '街道', key: 'street', width: 14 },
          { header: '社区', key: 'community', width: 14 },
          { header: '等待自', key: 'since', width: 18 },
          { header: '期限', key: 'deadline', width: 18 },
          { header: '是否超期', key: 'overdue', width: 10 },
          { header: '处理人', key: 'actor', width: 28 },
        ],
        rows: (async function* () {
          for (const i of items) {
            yield {
              label: i.label,
              title: i.title,
              street: i.street?.name ?? '',
              community: i.community?.name ?? '',
              since: cst(i.since),
              deadline: cst(i.deadline),
              overdue: i.overdue ? '是' : '否',
              actor: `${i.actor.name ? `${i.actor.name} ` : ''}${i.actor.label}`,
            };
          }
        })(),
      },
    ],
    async () => undefined,
  );
}
