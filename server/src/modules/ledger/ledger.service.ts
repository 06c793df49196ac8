import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { newId } from '../../common/ids';
import { LedgerEntryEntity } from './ledger-entry.entity';

export interface CreditInput {
  memberId: string | null;
  organisationId: string | null;
  kind: 'wish_fulfilled' | 'project_update';
  sourceType: 'wish' | 'project_update';
  sourceId: string;
  valueYuan?: number;
  serviceMinutes?: number;
  description: string;
  occurredAt: Date;
}

/** 台账: append-only. The unique (sourceType, sourceId, kind) index makes a repeated credit fail, not double. */
@Injectable()
export class LedgerService {
  constructor(private readonly clock: Clock) {}

  async credit(manager: EntityManager, input: CreditInput): Promise<string> {
    const id = newId();
    await manager.insert(LedgerEntryEntity, {
      id,
      memberId: input.memberId,
      organisationId: input.organisationId,
      kind: input.kind,
      sourceType: input.sourceType,
      sourceId: input.sourceId,
      valueYuan: input.valueYuan ?? 0,
      serviceMinutes: input.serviceMinutes ?? 0,
      description: input.description.slice(0, 120),
      correctsEntryId: null,
      occurredAt: input.occurredAt,
      createdAt: this.clock.now(),
    });
    return id;
  }

  /** A correction: a new entry with the negated values of the one it corrects. */
  async correct(manager: EntityManager, entryId: string, description: string): Promise<string> {
    const original = await manager.findOneByOrFail(LedgerEntryEntity, { id: entryId });
    const id = newId();
    await manager.insert(LedgerEntryEntity, {
      ...original,
      id,
      kind: 'correction',
      sourceType: 'ledger_entry',
      sourceId: original.id,
      valueYuan: -original.valueYuan,
      serviceMinutes: -original.serviceMinutes,
      description: description.slice(0, 120),
      correctsEntryId: original.id,
      occurredAt: this.clock.now(),
      createdAt: this.clock.now(),
    });
    return id;
  }
}
