import { POST_HOLDING_STATUSES, type PostHoldingStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UserEntity } from '../users/user.entity';
import { PostMemberColumns } from './post-member-row.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * 认岗: a member holds a post for a year (startsOn … endsOn, Beijing dates, inclusive). `liveMemberId` =
 * memberId while active, NULL after: the unique index is "one post at a time per member".
 */
@Entity('post_holdings')
@Index('IDX_post_holdings_post', ['postId', 'status'])
@Index('IDX_post_holdings_member', ['memberId', 'createdAt'])
@Index('IDX_post_holdings_expiry', ['status', 'endsOn'])
export class PostHoldingEntity extends PostMemberColumns {
  @Index('UQ_post_holdings_liveMemberId', { unique: true })
  @UuidColumn({ nullable: true })
  liveMemberId: string | null;

  /** The unit whose org admin took the post for the member (null: the member took it). */
  @UuidColumn({ nullable: true })
  organisationId: string | null;

  @RefersTo(() => OrganisationEntity, 'organisationId')
  organisation?: OrganisationEntity | null;

  @UuidColumn()
  takenByUserId: string;

  @RefersTo(() => UserEntity, 'takenByUserId')
  takenBy?: UserEntity;

  @Column({ type: 'simple-enum', enum: POST_HOLDING_STATUSES })
  status: PostHoldingStatus;

  @Column({ type: 'varchar', length: 10 })
  startsOn: string;

  @Column({ type: 'varchar', length: 10 })
  endsOn: string;

  @DateTimeColumn({ nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  endNote: string | null;
}
