import { SHIFT_STATUSES, type ShiftStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { PostHoldingEntity } from './post-holding.entity';
import { PostMemberColumns } from './post-member-row.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/** 值守记录: a shift a post-holder logged (a Beijing date, minutes, what was done), confirmed or rejected by staff. */
@Entity('post_shifts')
@Index('IDX_post_shifts_community', ['communityId', 'status', 'createdAt'])
@Index('IDX_post_shifts_street_status', ['streetId', 'status', 'createdAt', 'id'])
@Index('IDX_post_shifts_member', ['memberId', 'serviceDate'])
@Index('IDX_post_shifts_holding', ['holdingId', 'createdAt'])
export class PostShiftEntity extends PostMemberColumns {
  @UuidColumn()
  holdingId: string;

  @RefersTo(() => PostHoldingEntity, 'holdingId')
  holding?: PostHoldingEntity;

  /** The day served, YYYY-MM-DD in Beijing. */
  @Column({ type: 'varchar', length: 10 })
  serviceDate: string;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'varchar', length: 300 })
  content: string;

  @Column({ type: 'simple-enum', enum: SHIFT_STATUSES })
  status: ShiftStatus;

  @UuidColumn({ nullable: true })
  decidedByUserId: string | null;

  @RefersTo(() => UserEntity, 'decidedByUserId')
  decidedBy?: UserEntity | null;

  @DateTimeColumn({ nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @UuidColumn()
  createdByUserId: string;

  @RefersTo(() => UserEntity, 'createdByUserId')
  createdBy?: UserEntity;
}
