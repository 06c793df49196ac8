import { REPORT_DECISIONS, type ReportDecision } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { OrgReportEntity } from './org-report.entity';

/** One submission of an organisation report, frozen: its text and figures, then the committee's decision and comment. */
@Entity('org_report_versions')
@Index('UQ_org_report_versions_report_version', ['reportId', 'version'], { unique: true })
export class OrgReportVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  reportId: string;

  @ManyToOne(() => OrgReportEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'reportId' })
  report?: OrgReportEntity;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'text' })
  figures: string;

  @Column({ type: 'datetime', precision: 3 })
  submittedAt: Date;

  @Column({ type: 'varchar', length: 36 })
  submittedByUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'submittedByUserId' })
  submittedBy?: UserEntity;

  @Column({ type: 'simple-enum', enum: REPORT_DECISIONS, nullable: true })
  decision: ReportDecision | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  reviewerUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'reviewerUserId' })
  reviewer?: UserEntity | null;

  /** As the unit sees it: the committee the reviewer acted for. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  reviewerName: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;
}
