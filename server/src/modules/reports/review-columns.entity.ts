import { ASSESSMENT_GRADES, REPORT_DECISIONS, type AssessmentGrade, type ReportDecision } from '@nuancheng/shared';
import { Column } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';
import { StampedRowColumns } from '../../common/database/stamped-row';

/**
 * The working copy every reviewed report keeps (a member's half-year report, a unit's annual report): its summary,
 * the figures last taken, how many times it was submitted, when it was last submitted and decided. Not an entity
 * itself: each report's entity extends it with its author, period, status and indexes.
 */
export abstract class ReportWorkingCopyColumns extends StampedRowColumns {
  @Column({ type: 'text' })
  summary: string;

  /** JSON figures (ReportFigures, OrgReportFigures): the draft's figures, or the snapshot of the last submission. */
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
}

/**
 * The columns every frozen version of a reviewed report has (member reports' `report_versions`, organisations'
 * `org_report_versions`): its number, text and figures, who submitted it when, then the reviewer's decision and
 * comment. Not an entity itself: each table's entity extends it (TypeORM copies the columns into that table) and
 * adds its report relation and unique index.
 */
export abstract class ReviewedVersionColumns {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  reportId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  summary: string;

  /** JSON figures as taken at submission. */
  @Column({ type: 'text' })
  figures: string;

  @DateTimeColumn()
  submittedAt: Date;

  @UuidColumn()
  submittedByUserId: string;

  @RefersTo(() => UserEntity, 'submittedByUserId')
  submittedBy?: UserEntity;

  @Column({ type: 'simple-enum', enum: REPORT_DECISIONS, nullable: true })
  decision: ReportDecision | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment: string | null;

  @UuidColumn({ nullable: true })
  reviewerUserId: string | null;

  @RefersTo(() => UserEntity, 'reviewerUserId')
  reviewer?: UserEntity | null;

  /** As the author sees it: the reviewer's name, or the body they acted for. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  reviewerName: string | null;

  @DateTimeColumn({ nullable: true })
  decidedAt: Date | null;
}

/**
 * The columns every graded assessment has (a street's or community's of a member's half year, a paired street's of
 * a unit's agreement): 优秀 / 良好 / 一般 / 较差, a comment, the assessor and when. Each table's entity extends it
 * with what is assessed and its indexes.
 */
export abstract class AssessmentColumns {
  @UuidPrimaryColumn()
  id: string;

  @Column({ type: 'simple-enum', enum: ASSESSMENT_GRADES })
  grade: AssessmentGrade;

  @Column({ type: 'varchar', length: 300 })
  comment: string;

  @UuidColumn()
  assessorUserId: string;

  @RefersTo(() => UserEntity, 'assessorUserId')
  assessor?: UserEntity;

  @DateTimeColumn()
  createdAt: Date;

  @DateTimeColumn()
  updatedAt: Date;
}
