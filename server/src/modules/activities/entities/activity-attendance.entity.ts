import { ATTENDANCE_STATUSES, type AttendanceStatus } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '../../members/member.entity';
import { UserEntity } from '../../users/user.entity';
import { ActivityEntity } from './activity.entity';

/**
 * One member at one activity: a sign-up (or a walk-in), its check-in and check-out with the phone's fix. At most
 * one row per member and activity (unique), and each step is a conditional update from the state before it, so a
 * member checks in once however many requests race.
 */
@Entity('activity_attendances')
@Index('UQ_activity_attendances_member', ['activityId', 'memberId'], { unique: true })
@Index('IDX_activity_attendances_member', ['memberId', 'createdAt'])
export class ActivityAttendanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  activityId: string;

  @ManyToOne(() => ActivityEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'activityId' })
  activity?: ActivityEntity;

  @Column({ type: 'varchar', length: 36 })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'memberId' })
  member?: MemberEntity;

  @Column({ type: 'simple-enum', enum: ATTENDANCE_STATUSES })
  status: AttendanceStatus;

  /** Came without signing up (checked in on the spot, or recorded by hand). */
  @Column({ type: 'boolean' })
  walkIn: boolean;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  signedUpAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  checkedInAt: Date | null;

  @Column({ type: 'double', nullable: true })
  checkinLat: number | null;

  @Column({ type: 'double', nullable: true })
  checkinLng: number | null;

  @Column({ type: 'double', nullable: true })
  checkinAccuracyM: number | null;

  @Column({ type: 'int', nullable: true })
  checkinDistanceM: number | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
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

  @Column({ type: 'varchar', length: 36, nullable: true })
  recordedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'recordedByUserId' })
  recordedBy?: UserEntity | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
