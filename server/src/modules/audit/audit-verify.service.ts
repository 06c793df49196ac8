import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AuditChainHeadEntity, AuditCheckpointEntity } from './audit-chain.entity';
import { entryHash, GENESIS_HASH, PENDING_HASH } from './audit-chain';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditChainBreak {
  /** The seq where the chain breaks. */
  seq: number;
  /** The entry there, when it still exists. */
  id: string | null;
  kind: 'edited' | 'missing' | 'relinked' | 'truncated';
  message: string;
}

export interface AuditChainReport {
  ok: boolean;
  /** Entries whose hash and link were checked. */
  checked: number;
  /** Entries from before the chain (seq NULL), outside the check. */
  legacy: number;
  /** Entries written but not yet linked by the `audit-chain-link` job (seq NULL, hash `pending`), outside the check. */
  pending: number;
  /** The checkpoint the walk started from (the last purge), if any. */
  fromSeq: number;
  head: { seq: number; hash: string } | null;
  firstBreak: AuditChainBreak | null;
}

const PAGE = 1000;

/**
 * Walks the chain from the last purge checkpoint (or the beginning) to the head: every seq present once, every
 * entry's stored hash equal to the hash of its fields, every prevHash equal to the entry before, and the head
 * pointing at the last entry. Reports the first break, and how many entries still wait for the linker (they are
 * checked once linked). A plain function of the data source, for the CLI too.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditChainReport> {
  const checkpoint = await dataSource.getRepository(AuditCheckpointEntity).findOne({ where: {}, order: { seq: 'DESC' } });
  const head = await dataSource.getRepository(AuditChainHeadEntity).findOneBy({ id: 1 });
  const legacy = await dataSource.getRepository(AuditLogEntity).countBy({ seq: IsNull(), hash: IsNull() });
  const pending = await dataSource.getRepository(AuditLogEntity).countBy({ hash: PENDING_HASH });
  let expectedSeq = (checkpoint?.seq ?? 0) + 1;
  let prevHash = checkpoint?.hash ?? GENESIS_HASH;
  let checked = 0;
  const report = (firstBreak: AuditChainBreak | null): AuditChainReport => ({
    ok: !firstBreak,
    checked,
    legacy,
    pending,
    fromSeq: checkpoint?.seq ?? 0,
    head: head ? { seq: head.seq, hash: head.hash } : null,
    firstBreak,
  });
  for (;;) {
    const rows = await dataSource.getRepository(AuditLogEntity).find({ where: { seq: MoreThan(expectedSeq - 1) }, order: { seq: 'ASC' }, take: PAGE });
    for (const row of rows) {
      const seq = row.seq!;
      if (seq !== expectedSeq) {
        return report({
          seq: expectedSeq,
          id: null,
          kind: 'missing',
          message: `第 ${expectedSeq} 条${seq - expectedSeq > 1 ? `至第 ${seq - 1} 条` : ''}审计记录缺失（已被删除），其后一条为 ${row.id}`,
        });
      }
      if (entryHash({ ...row, seq }) !== row.hash) {
        return report({ seq, id: row.id, kind: 'edited', message: `第 ${seq} 条审计记录（${row.id}）的内容与其哈希不符：记录被修改过` });
      }
      if (row.prevHash !== prevHash) {
        return report({ seq, id: row.id, kind: 'relinked', message: `第 ${seq} 条审计记录（${row.id}）没有接在前一条之后：前一条被修改或替换过` });
      }
      prevHash = row.hash!;
      expectedSeq = seq + 1;
      checked++;
    }
    if (rows.length < PAGE) break;
  }
  const lastSeq = expectedSeq - 1;
  if (head && (head.seq !== lastSeq || (lastSeq > 0 && head.hash !== prevHash))) {
    return report({
      seq: head.seq,
      id: null,
      kind: 'truncated',
      message: head.seq > lastSeq ? `第 ${lastSeq + 1} 条至第 ${head.seq} 条审计记录缺失（链尾被删除）` : `链头（第 ${head.seq} 条）与最后一条记录（第 ${lastSeq} 条）不符`,
    });
  }
  return report(null);
}

@Injectable()
export class AuditVerifyService {
  constructor(private readonly dataSource: DataSource) {}

  verify(): Promise<AuditChainReport> {
    return verifyAuditChain(this.dataSource);
  }
}
