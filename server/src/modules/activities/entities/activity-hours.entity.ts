import { HOURS_STATUSES, type HoursStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../../users/user.entity';
import { ActivityAttendanceEntity } from './activity-attendance.entity';
import { ActivityMemberColumns } from './activity-member-row.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../../common/database/columns';

/**
 * The service hours of one attendance (same id), opened when the activity ends: pending → approved | adjusted |
 * rejected. Every move is a conditional update from `pending`, and the approval credits the ledger in the same
 * transaction, so minutes are credited exactly once whoever (organiser, job on any instance) gets there first.
 */
@Entity('activity_hours')
@Index('IDX_activity_hours_activity', ['activityId', 'status'])
@Index('IDX_activity_hours_due', ['status', 'dueAt'])
export class ActivityHoursEntity extends ActivityMemberColumns {
  /** Its id is the attendance's id. */
  @RefersTo(() => ActivityAttendanceEntity, 'id')
  attendance?: ActivityAttendanceEntity;

  @Column({ type: 'simple-enum', enum: HOURS_STATUSES })
  status: HoursStatus;

  /** The overlap of [check-in, check-out] with [start, end] (to the end when the check-out is missing). */
  @Column({ type: 'int' })
  computedMinutes: number;

  /** What is (or will be) credited: computed, or as the organiser adjusted it; 0 when rejected. */
  @Column({ type: 'int' })
  minutes: number;

  /** 未签退: counts to the end only if the organiser confirms it. */
  @Column({ type: 'boolean' })
  missingCheckout: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @UuidColumn({ nullable: true })
  reviewedByUserId: string | null;

  @RefersTo(() => UserEntity, 'reviewedByUserId')
  reviewedBy?: UserEntity | null;

  @DateTimeColumn({ nullable: true })
  reviewedAt: Date | null;

  /** When an unreviewed row is approved automatically (the activity's end + 3 days). */
  @DateTimeColumn()
  dueAt: Date;
}
