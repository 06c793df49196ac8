import { ORG_REPORT_STATUSES, type OrgReportStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';
import { ReportWorkingCopyColumns } from '../reports/review-columns.entity';

/**
 * 机关党组织年度报告: one per unit and calendar year. Holds the working copy (summary, the figures last taken from
 * the unit's data); every submission is frozen into org_report_versions with the committee's decision.
 */
@Entity('org_reports')
@Index('UQ_org_reports_unit_year', ['unitId', 'year'], { unique: true })
@Index('IDX_org_reports_year', ['year', 'status'])
export class OrgReportEntity extends ReportWorkingCopyColumns {
  @UuidColumn()
  unitId: string;

  @RefersTo(() => OrganisationEntity, 'unitId')
  unit?: OrganisationEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'simple-enum', enum: ORG_REPORT_STATUSES })
  status: OrgReportStatus;
}
