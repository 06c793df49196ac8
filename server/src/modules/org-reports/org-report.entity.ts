import { ORG_REPORT_STATUSES, type OrgReportStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * 机关党组织年度报告: one per unit and calendar year. Holds the working copy (summary, the figures last taken from
 * the unit's data); every submission is frozen into org_report_versions with the committee's decision.
 */
@Entity('org_reports')
@Index('UQ_org_reports_unit_year', ['unitId', 'year'], { unique: true })
@Index('IDX_org_reports_year', ['year', 'status'])
export class OrgReportEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  unitId: string;

  @RefersTo(() => OrganisationEntity, 'unitId')
  unit?: OrganisationEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'simple-enum', enum: ORG_REPORT_STATUSES })
  status: OrgReportStatus;

  @Column({ type: 'text' })
  summary: string;

  /** JSON OrgReportFigures: the draft's figures, or the snapshot of the last submission. */
  @Column({ type: 'text' })
  figures: string;

  @DateTimeColumn()
  figuresAt: Date;

  /** Submissions so far (the newest version's number). */
  @Column({ type: 'int', default: 0 })
  version: number;

  @DateTimeColumn({ nullable: true })
  submittedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  decidedAt: Date | null;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}
