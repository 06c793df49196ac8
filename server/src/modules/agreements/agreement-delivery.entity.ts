import type { CommitmentCategory } from '@nuancheng/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a partner delivered against an agreement, by category: services (credits less corrections), minutes and
 * value of the ledger entries that count for it (agreement-deliveries.ts keeps it exact). A rollup keyed like the
 * ledger's, without foreign keys (agreements are never deleted); only agreements that were in force have rows.
 */
@Entity('agreement_deliveries')
export class AgreementDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  agreementId: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  category: CommitmentCategory;

  @Column({ type: 'int' })
  services: number;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'int' })
  valueYuan: number;
}
