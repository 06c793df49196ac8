import { Column, Entity, Index } from 'typeorm';
import { UuidPrimaryColumn, DateTimeColumn } from '../../common/database/columns';

/**
 * One deadline reminder of one half year (7 and 1 days before, by configuration): created when the job first sees
 * the period, claimed by a conditional update (`sentAt IS NULL`), so each goes out exactly once across instances.
 */
@Entity('report_reminders')
@Index('UQ_report_reminders_period_days', ['period', 'daysBefore'], { unique: true })
export class ReportReminderEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column({ type: 'varchar', length: 7 })
  period: string;

  @Column({ type: 'int' })
  daysBefore: number;

  /** The deadline it reminds of (end of the deadline day, Beijing time). */
  @DateTimeColumn()
  deadline: Date;

  @DateTimeColumn({ nullable: true })
  sentAt: Date | null;

  /** Members told (0 when a later reminder had already come due: it is skipped, not sent late). */
  @Column({ type: 'int', default: 0 })
  recipients: number;

  @DateTimeColumn()
  createdAt: Date;
}
