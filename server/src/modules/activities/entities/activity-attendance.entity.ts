import { ATTENDANCE_STATUSES, type AttendanceStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../../users/user.entity';
import { ActivityMemberColumns } from './activity-member-row.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../../common/database/columns';
import { newId } from '../../../common/ids';

/**
 * One member at one activity: a sign-up (or a walk-in), its check-in and check-out with the phone's fix. At most
 * one row per member and activity (unique), and each step is a conditional update from the state before it, so a
 * member checks in once however many requests race.
 */
@Entity('activity_attendances')
@Index('UQ_activity_attendances_member', ['activityId', 'memberId'], { unique: true })
@Index('IDX_activity_attendances_member', ['memberId', 'createdAt'])
export class ActivityAttendanceEntity extends ActivityMemberColumns {
  @Column({ type: 'simple-enum', enum: ATTENDANCE_STATUSES })
  status: AttendanceStatus;

  /** Came without signing up (checked in on the spot, or recorded by hand). */
  @Column({ type: 'boolean' })
  walkIn: boolean;

  @DateTimeColumn({ nullable: true })
  signedUpAt: Date | null;

  @DateTimeColumn({ nullable: true })
  checkedInAt: Date | null;

  @Column({ type: 'double', nullable: true })
  checkinLat: number | null;

  @Column({ type: 'double', nullable: true })
  checkinLng: number | null;

  @Column({ type: 'double', nullable: true })
  checkinAccuracyM: number | null;

  @Column({ type: 'int', nullable: true })
  checkinDistanceM: number | null;

  @DateTimeColumn({ nullable: true })
  checkedOutAt: Date | null;

  @Column({ type: 'double', nullable: true })
  checkoutLat: number | null;

  @Column({ type: 'double', nullable: true })
  checkoutLng: number | null;

  @Column({ type: 'double', nullable: true })
  checkoutAccuracyM: number | null;

  @Column({ type: 'int', nullable: true })
  checkoutDistanceM: number | null;

  /** Recorded by hand by the organiser: why (the member had no phone …), and who. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  manualReason: string | null;

  @UuidColumn({ nullable: true })
  recordedByUserId: string | null;

  @RefersTo(() => UserEntity, 'recordedByUserId')
  recordedBy?: UserEntity | null;
}

/** A new attendance in `status`: not checked in or out, not recorded by hand, unless `extra` says so. */
export function newAttendance(activityId: string, memberId: string, status: AttendanceStatus, now: Date, extra: Partial<ActivityAttendanceEntity> = {}): ActivityAttendanceEntity {
  return {
    id: newId(),
    activityId,
    memberId,
    status,
    walkIn: false,
    signedUpAt: null,
    checkedInAt: null,
    checkinLat: null,
    checkinLng: null,
    checkinAccuracyM: null,
    checkinDistanceM: null,
    checkedOutAt: null,
    checkoutLat: null,
    checkoutLng: null,
    checkoutAccuracyM: null,
    checkoutDistanceM: null,
    manualReason: null,
    recordedByUserId: null,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}
