import type { CommitmentCategory, LedgerKind } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UserEntity } from '../users/user.entity';

/**
 * 台账: append-only credits to a member or an organisation — minutes served, value in yuan — with where and for
 * whom they counted at the time (community and street served; the member's branch and unit then), so a roster
 * move never rewrites history. A correction is a new entry pointing at the one it corrects, with negated values.
 *
 * Exactly once per source event: (sourceType, sourceId, kind, sequence) is unique. A credit takes the sequence
 * number of the corrections already made to that source, so after a correction the source can be credited again
 * (sequence + 1) while a second credit of the same live one still collides.
 */
@Entity('ledger_entries')
@Index('UQ_ledger_entries_source', ['sourceType', 'sourceId', 'kind', 'sequence'], { unique: true })
@Index('IDX_ledger_entries_member', ['memberId', 'occurredAt'])
@Index('IDX_ledger_entries_organisation', ['organisationId', 'occurredAt'])
// Covers the street reads (the dashboard's sums, members, units, report rates; the agreements' delivery): answered
// from the index alone. (streetId, occurredAt) first, so every street read uses it as before.
@Index('IDX_ledger_entries_street_cover', ['streetId', 'occurredAt', 'memberId', 'unitId', 'correctsEntryId', 'serviceMinutes', 'category', 'communityId', 'branchId', 'organisationId', 'valueYuan'])
@Index('IDX_ledger_entries_branch', ['branchId', 'occurredAt'])
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

  @Column({ type: 'varchar', length: 24 })
  kind: LedgerKind;

  @Column({ type: 'varchar', length: 24 })
  sourceType: string;

  @Column({ type: 'varchar', length: 36 })
  sourceId: string;

  /** How many corrections of this source came before this credit (see the class comment). */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @Column({ type: 'int' })
  valueYuan: number;

  @Column({ type: 'int' })
  serviceMinutes: number;

  @Column({ type: 'varchar', length: 120 })
  description: string;

  /** Where it counted: the community and street served (null when not tied to a place). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  communityId: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'communityId' })
  community?: RegionEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  streetId: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'streetId' })
  street?: RegionEntity | null;

  /** The resource-list category (COMMITMENT_CATEGORIES) the service delivers: what agreements count it against. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  category: CommitmentCategory | null;

  /** For whom: the member's branch and unit at the time (for a unit's own credit, the unit). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  branchId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'branchId' })
  branch?: OrganisationEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'unitId' })
  unit?: OrganisationEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  correctsEntryId: string | null;

  @ManyToOne(() => LedgerEntryEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'correctsEntryId' })
  corrects?: LedgerEntryEntity | null;

  /** A correction's reason. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  /** Who made a correction (null for credits written by the system on an event). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  createdByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'createdByUserId' })
  createdBy?: UserEntity | null;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
