import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, IsNull, LessThan, LessThanOrEqual, MoreThanOrEqual, Not } from 'typeorm';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { newId } from '../../common/ids';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { JobRegistry } from '../jobs/job-registry.service';
import { AuditCheckpointEntity } from './audit-chain.entity';
import { AuditLogEntity } from './audit-log.entity';
import { AuditService } from './audit.service';

export interface AuditPurgeResult {
  purged: number;
  /** The last purged seq, now the checkpoint the check starts after; null when nothing was old enough. */
  throughSeq: number | null;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Retention: entries older than AUDIT_RETENTION_DAYS (at least 180) are deleted — the one deletion the
 * application makes in the log. Only a prefix of the chain goes (every entry up to the first one still within
 * retention), and the last purged entry's seq and hash stay behind as a checkpoint, so the check still links the
 * first entry kept. The purge itself is an entry.
 */
@Injectable()
export class AuditRetentionService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'audit-retention', run: () => this.purge() });
  }

  async purge(): Promise<AuditPurgeResult> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.auditRetentionDays * DAY_MS);
    return inTransaction(this.dataSource, async (manager) => {
      // Purges take turns with the linker and with each other (the head lock): the prefix read here stays the
      // prefix. Pending entries (no seq yet) are left to the linker; legacy ones have neither seq nor hash.
      const head = await this.audit.lockHead(manager);
      const logs = manager.getRepository(AuditLogEntity);
      const firstKept = await logs.findOne({ where: { seq: Not(IsNull()), createdAt: MoreThanOrEqual(cutoff) }, order: { seq: 'ASC' }, select: { seq: true } });
      // Everything before the first entry within retention.
      const through = (firstKept?.seq ?? head.seq + 1) - 1;
      const last = await manager.getRepository(AuditCheckpointEntity).findOne({ where: {}, order: { seq: 'DESC' } });
      const legacy = await logs.delete({ seq: IsNull(), hash: IsNull(), createdAt: LessThan(cutoff) });
      if (through <= (last?.seq ?? 0)) return { purged: legacy.affected ?? 0, throughSeq: null };
      const boundary = await logs.findOneByOrFail({ seq: through });
      const deleted = await logs.delete({ seq: LessThanOrEqual(through) });
      const purged = (deleted.affected ?? 0) + (legacy.affected ?? 0);
      await manager.insert(AuditCheckpointEntity, { id: newId(), seq: through, hash: boundary.hash!, purgedBefore: cutoff, purged, createdAt: this.clock.now() });
      await this.audit.record(manager, {
        actorId: null,
        action: 'audit.purge',
        subjectType: 'audit',
        detail: { throughSeq: through, purged, before: cutoff.toISOString(), retentionDays: this.config.auditRetentionDays },
      });
      return { purged, throughSeq: through };
    });
  }
}
