import { Column, Entity, Index } from 'typeorm';
import { MemberReportEntity } from './member-report.entity';
import { ReviewedVersionColumns } from './review-columns.entity';
import { RefersTo } from '../../common/database/columns';

/**
 * One submission of a report, frozen: its text, photos and figures (JSON ReportFigures taken from the ledger), then
 * the secretary's decision and comment; the reviewer's name is the secretary's (they know each other) or the branch's.
 */
@Entity('report_versions')
@Index('UQ_report_versions_report_version', ['reportId', 'version'], { unique: true })
export class ReportVersionEntity extends ReviewedVersionColumns {
  @RefersTo(() => MemberReportEntity, 'reportId')
  report?: MemberReportEntity;

  @Column({ type: 'varchar', length: 400 })
  photoIds: string;
}
