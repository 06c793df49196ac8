import { REPORT_STATUSES, type ReportStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';
import { ReportWorkingCopyColumns } from './review-columns.entity';

/**
 * 党员半年报告: one per member and half year. Holds the working copy (summary, photos, the figures last taken from
 * the ledger); every submission is frozen into report_versions with its outcome.
 */
@Entity('member_reports')
@Index('UQ_member_reports_member_period', ['memberId', 'period'], { unique: true })
@Index('IDX_member_reports_branch', ['branchId', 'period', 'status'])
@Index('IDX_member_reports_period', ['period', 'status'])
export class MemberReportEntity extends ReportWorkingCopyColumns {
  @UuidColumn()
  memberId: string;

  @RefersTo(() => MemberEntity, 'memberId')
  member?: MemberEntity;

  /** 2026H1 or 2026H2. */
  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** The member's branch when the report was last written (the secretary who reviews it). */
  @UuidColumn()
  branchId: string;

  @RefersTo(() => OrganisationEntity, 'branchId')
  branch?: OrganisationEntity;

  @UuidColumn({ nullable: true })
  unitId: string | null;

  @RefersTo(() => OrganisationEntity, 'unitId')
  unit?: OrganisationEntity | null;

  @Column({ type: 'simple-enum', enum: REPORT_STATUSES })
  status: ReportStatus;

  /** JSON array of upload ids attached to `report:<id>`, in display order. */
  @Column({ type: 'varchar', length: 400 })
  photoIds: string;

  /** The first submission: lateness is judged by it. */
  @DateTimeColumn({ nullable: true })
  firstSubmittedAt: Date | null;
}
