import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CLAIM_STATUSES, type ClaimStatus } from '@nuancheng/shared';
import { MemberEntity } from '../../members/member.entity';
import { OrganisationEntity } from '../../organisations/organisation.entity';
import { UserEntity } from '../../users/user.entity';
import { WishEntity } from './wish.entity';

/** A claim on a wish by a member or an organisation. History is kept: ended claims stay with a reason. */
@Entity('wish_claims')
@Index('IDX_wish_claims_wish', ['wishId', 'createdAt'])
@Index('IDX_wish_claims_member', ['memberId', 'status', 'createdAt'])
@Index('IDX_wish_claims_member_recent', ['memberId', 'createdAt', 'wishId'])
@Index('IDX_wish_claims_organisation', ['organisationId', 'status'])
@Index('IDX_wish_claims_deadline', ['status', 'deadline'])
@Index('IDX_wish_claims_claimer', ['claimedByUserId', 'createdAt'])
export class WishClaimEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  wishId: string;

  @ManyToOne(() => WishEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'wishId' })
  wish?: WishEntity;

  /** = wishId while live, NULL after: the unique index is the "one live claim per wish" guarantee. */
  @Index('UQ_wish_claims_liveWishId', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  liveWishId: string | null;

  @Column({ type: 'varchar', length: 12 })
  claimantKind: 'member' | 'organisation';

  @Column({ type: 'varchar', length: 36, nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'memberId' })
  member?: MemberEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: OrganisationEntity | null;

  @Column({ type: 'varchar', length: 36 })
  claimedByUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'claimedByUserId' })
  claimedBy?: UserEntity;

  @Column({ type: 'simple-enum', enum: CLAIM_STATUSES })
  status: ClaimStatus;

  @Column({ type: 'datetime', precision: 3 })
  deadline: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  endReason: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
