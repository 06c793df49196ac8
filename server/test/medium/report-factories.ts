import type { LedgerKind } from '@nuancheng/shared';
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../src/common/database/transaction';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import type { RegionEntity } from '../../src/modules/regions/region.entity';
import type { TestApp } from '../support/test-app';

/** Ledger credits for report and certificate tests, written through the ledger's own credit (exactly once by source). */
export class LedgerFactory {
  constructor(private readonly t: TestApp) {}

  credit(memberId: string, options: { kind?: Exclude<LedgerKind, 'correction'>; minutes?: number; valueYuan?: number; community: RegionEntity; at?: Date; description?: string }): Promise<string> {
    const ledger = this.t.app.get(LedgerService);
    return inTransaction(this.t.dataSource, async (manager) => {
      const id = await ledger.credit(manager, {
        memberId,
        organisationId: null,
        kind: options.kind ?? 'activity_attendance',
        sourceType: options.kind ?? 'activity_attendance',
        sourceId: randomUUID(),
        minutes: options.minutes ?? 60,
        valueYuan: options.valueYuan ?? 0,
        description: options.description ?? '普法宣传进社区',
        occurredAt: options.at ?? new Date(),
        communityId: options.community.id,
        streetId: options.community.parentId,
      });
      if (!id) throw new Error('credit refused');
      return id;
    });
  }
}
