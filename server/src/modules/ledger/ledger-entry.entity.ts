import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';

/**
 * 台账: append-only credits to a member or an organisation. A correction is a new entry pointing at the one it
 * corrects (with negated values); nothing is updated in place.
 */
@Entity('ledger_entries')
@Index('UQ_ledger_entries_source', ['sourceType', 'sourceId', 'kind'], { unique: true })
@Index('IDX_ledger_entries_member', ['memberId', 'occurredAt'])
@Index('IDX_ledger_entries_organisation', ['organisationId', 'occurredAt'])
export class LedgerEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'memberId' })
  member?: MemberEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: OrganisationEntity | null;

  /** wish_fulfilled | project_update | correction */
  @Column({ type: 'varchar', length: 24 })
  kind: string;

  @Column({ type: 'varchar', length: 24 })
  sourceType: string;

  @Column({ type: 'varchar', length: 36 })
  sourceId: string;

  @Column({ type: 'int' })
  valueYuan: number;

  @Column({ type: 'int' })
  serviceMinutes: number;

  @Column({ type: 'varchar', length: 120 })
  description: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  correctsEntryId: string | null;

  @ManyToOne(() => LedgerEntryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'correctsEntryId' })
  corrects?: LedgerEntryEntity | null;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
