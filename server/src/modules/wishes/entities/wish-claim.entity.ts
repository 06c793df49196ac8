import { Column, Entity, Index } from 'typeorm';
import { CLAIM_STATUSES, type ClaimStatus } from '@nuancheng/shared';
import { MemberEntity } from '../../members/member.entity';
import { OrganisationEntity } from '../../organisations/organisation.entity';
import { UserEntity } from '../../users/user.entity';
import { WishEntity } from './wish.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../../common/database/columns';

/** A claim on a wish by a member or an organisation. History is kept: ended claims stay with a reason. */
@Entity('wish_claims')
@Index('IDX_wish_claims_wish', ['wishId', 'createdAt'])
@Index('IDX_wish_claims_member', ['memberId', 'status', 'createdAt'])
@Index('IDX_wish_claims_member_recent', ['memberId', 'createdAt', 'wishId'])
@Index('IDX_wish_claims_organisation', ['organisationId', 'status'])
@Index('IDX_wish_claims_deadline', ['status', 'deadline'])
@Index('IDX_wish_claims_claimer', ['claimedByUserId', 'createdAt'])
export class WishClaimEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  wishId: string;

  @RefersTo(() => WishEntity, 'wishId')
  wish?: WishEntity;

  /** = wishId while live, NULL after: the unique index is the "one live claim per wish" guarantee. */
  @Index('UQ_wish_claims_liveWishId', { unique: true })
  @UuidColumn({ nullable: true })
  liveWishId: string | null;

  @Column({ type: 'varchar', length: 12 })
  claimantKind: 'member' | 'organisation';

  @UuidColumn({ nullable: true })
  memberId: string | null;

  @RefersTo(() => MemberEntity, 'memberId')
  member?: MemberEntity | null;

  @UuidColumn({ nullable: true })
  organisationId: string | null;

  @RefersTo(() => OrganisationEntity, 'organisationId')
  organisation?: OrganisationEntity | null;

  @UuidColumn()
  claimedByUserId: string;

  @RefersTo(() => UserEntity, 'claimedByUserId')
  claimedBy?: UserEntity;

  @Column({ type: 'simple-enum', enum: CLAIM_STATUSES })
  status: ClaimStatus;

  @DateTimeColumn()
  deadline: Date;

  @DateTimeColumn({ nullable: true })
  remindedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  endReason: string | null;

  @DateTimeColumn()
  createdAt: Date;
}
