import { SHIFT_STATUSES, type ShiftStatus } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { UserEntity } from '../users/user.entity';
import { PostHoldingEntity } from './post-holding.entity';
import { ServicePostEntity } from './service-post.entity';
import { CommunityPlacedColumns } from '../regions/placed-row.entity';

/** 值守记录: a shift a post-holder logged (a Beijing date, minutes, what was done), confirmed or rejected by staff. */
@Entity('post_shifts')
@Index('IDX_post_shifts_community', ['communityId', 'status', 'createdAt'])
@Index('IDX_post_shifts_street_status', ['streetId', 'status', 'createdAt', 'id'])
@Index('IDX_post_shifts_member', ['memberId', 'serviceDate'])
@Index('IDX_post_shifts_holding', ['holdingId', 'createdAt'])
export class PostShiftEntity extends CommunityPlacedColumns {
  @Column({ type: 'varchar', length: 36 })
  holdingId: string;

  @ManyToOne(() => PostHoldingEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'holdingId' })
  holding?: PostHoldingEntity;

  @Column({ type: 'varchar', length: 36 })
  postId: string;

  @ManyToOne(() => ServicePostEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'postId' })
  post?: ServicePostEntity;

  @Column({ type: 'varchar', length: 36 })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'memberId' })
  member?: MemberEntity;

  /** The day served, YYYY-MM-DD in Beijing. */
  @Column({ type: 'varchar', length: 10 })
  serviceDate: string;

  @Column({ type: 'int' })
  minutes: number;

  @Column({ type: 'varchar', length: 300 })
  content: string;

  @Column({ type: 'simple-enum', enum: SHIFT_STATUSES })
  status: ShiftStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'decidedByUserId' })
  decidedBy?: UserEntity | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @Column({ type: 'varchar', length: 36 })
  createdByUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'createdByUserId' })
  createdBy?: UserEntity;
}
