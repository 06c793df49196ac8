import { REPORT_STATUSES, type ReportStatus } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';

/**
 * 党员半年报告: one per member and half year. Holds the working copy (summary, photos, the figures last taken from
 * the ledger); every submission is frozen into report_versions with its outcome.
 */
@Entity('member_reports')
@Index('UQ_member_reports_member_period', ['memberId', 'period'], { unique: true })
@Index('IDX_member_reports_branch', ['branchId', 'period', 'status'])
@Index('IDX_member_reports_period', ['period', 'status'])
export class MemberReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'memberId' })
  member?: MemberEntity;

  /** 2026H1 or 2026H2. */
  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** The member's branch when the report was last written (the secretary who reviews it). */
  @Column({ type: 'varchar', length: 36 })
  branchId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'branchId' })
  branch?: OrganisationEntity;

  @Column({ type: 'varchar', length: 36, nullable: true })
  unitId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'unitId' })
  unit?: OrganisationEntity | null;

  @Column({ type: 'simple-enum', enum: REPORT_STATUSES })
  status: ReportStatus;

  @Column({ type: 'text' })
  summary: string;

  /** JSON array of upload ids attached to `report:<id>`, in display order. */
  @Column({ type: 'varchar', length: 400 })
  photoIds: string;

  /** JSON ReportFigures: the draft's figures, or the snapshot of the last submission. */
  @Column({ type: 'text' })
  figures: string;

  @Column({ type: 'datetime', precision: 3 })
  figuresAt: Date;

  /** Submissions so far (the newest version's number). */
  @Column({ type: 'int', default: 0 })
  version: number;

  /** The first submission: lateness is judged by it. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  firstSubmittedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
