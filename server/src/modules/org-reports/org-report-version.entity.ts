import { Entity, Index } from 'typeorm';
import { ReviewedVersionColumns } from '../reports/review-columns.entity';
import { OrgReportEntity } from './org-report.entity';
import { RefersTo } from '../../common/database/columns';

/**
 * One submission of an organisation report, frozen: its text and figures, then the committee's decision and
 * comment; the reviewer's name is the committee the reviewer acted for.
 */
@Entity('org_report_versions')
@Index('UQ_org_report_versions_report_version', ['reportId', 'version'], { unique: true })
export class OrgReportVersionEntity extends ReviewedVersionColumns {
  @RefersTo(() => OrgReportEntity, 'reportId')
  report?: OrgReportEntity;
}
