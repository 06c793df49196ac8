import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../../common/database/transaction';
import { JobRegistry } from '../jobs/job-registry.service';
import { AuditChainHeadEntity } from './audit-chain.entity';
import { entryHash, PENDING_HASH } from './audit-chain';
import { AuditLogEntity } from './audit-log.entity';
import { AuditService, HEAD_ID } from './audit.service';

/** Entries linked per transaction: the head lock is held for one batch, then let go. */
const BATCH = 500;

/**
 * Links the entries appends left pending: under the head lock, the pending ones in id order (ids are time-ordered)
 * get seq = head + 1…, prevHash = the entry before and their hash, exactly as the append once did, and the head
 * moves. A job (`audit-chain-link`), so off every request's path; two runs at once take turns on the head lock,
 * and each row is changed only while still pending (`WHERE hash = 'pending'`), so a second run links nothing twice.
 * An entry that commits after a later id was linked (a long transaction) simply gets the next seq.
 */
@Injectable()
export class AuditLinkerService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'audit-chain-link', run: () => this.link() });
  }

  /** Links every entry pending now; returns how many it linked. */
  link(): Promise<number> {
    return linkAuditChain(this.dataSource, (manager) => this.audit.lockHead(manager));
  }
}

/** The linker as a plain function of the data source, for the CLI too (`cli.js audit-link`). */
export async function linkAuditChain(dataSource: DataSource, lockHead: (manager: EntityManager) => Promise<{ seq: number; hash: string }>): Promise<number> {
  let linked = 0;
  for (;;) {
    const n = await linkBatch(dataSource, lockHead);
    linked += n;
    if (n < BATCH) return linked;
  }
}

function linkBatch(dataSource: DataSource, lockHead: (manager: EntityManager) => Promise<{ seq: number; hash: string }>): Promise<number> {
  return inTransaction(dataSource, async (manager) => {
    const head = await lockHead(manager);
    // Read after the lock: a run that linked before us has committed, and its rows are no longer pending.
    const rows = await manager.getRepository(AuditLogEntity).find({ where: { hash: PENDING_HASH }, order: { id: 'ASC' }, take: BATCH });
    let { seq, hash: prevHash } = head;
    for (const row of rows) {
      seq += 1;
      const hash = entryHash({ ...row, seq, prevHash });
      const changed = await manager.update(AuditLogEntity, { id: row.id, hash: PENDING_HASH }, { seq, prevHash, hash });
      // Linked meanwhile (cannot happen under the head lock): give up this batch rather than link it twice.
      if (changed.affected !== undefined && changed.affected !== 1) throw new Error(`audit entry ${row.id} was linked by another run`);
      prevHash = hash;
    }
    if (rows.length) await manager.update(AuditChainHeadEntity, { id: HEAD_ID }, { seq, hash: prevHash });
    return rows.length;
  });
}
