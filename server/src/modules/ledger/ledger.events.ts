import type { LedgerEntryEntity } from './ledger-entry.entity';

/**
 * An entry written to the ledger (a credit or a correction, which carries the corrected entry's place, owner and
 * category with negated values), published in the writing transaction by LedgerRepository.insert, the only
 * application path into ledger_entries: what another module's rollups of entries need (the agreements' delivery).
 */
export interface LedgerEntryRecorded {
  entry: Pick<LedgerEntryEntity, 'id' | 'streetId' | 'communityId' | 'category' | 'unitId' | 'branchId' | 'organisationId' | 'serviceMinutes' | 'valueYuan' | 'correctsEntryId' | 'occurredAt'>;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'ledger.entry_recorded': LedgerEntryRecorded;
  }
}
