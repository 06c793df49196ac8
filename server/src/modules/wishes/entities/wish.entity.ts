import type { WishStatus } from '@nuancheng/shared';
import { WISH_STATUSES } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../../users/user.entity';
import { CommunityPlacedColumns } from '../../regions/placed-row.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../../common/database/columns';

/**
 * A 微心愿. Personal fields are stored encrypted (DataCipher); `beneficiaryMasked` (王**) is what the wall shows.
 * `streetId` is denormalised from the community so the street wall is one index range.
 */
@Entity('wishes')
@Index('IDX_wishes_community_wall', ['communityId', 'status', 'publishedAt'])
@Index('IDX_wishes_street_wall', ['streetId', 'status', 'publishedAt', 'id', 'claimDeadline'])
// The street's wall by publication, and (covered) the dashboard's claim and fulfilment times.
@Index('IDX_wishes_street_times', ['streetId', 'publishedAt', 'id', 'claimedAt', 'fulfilledAt'])
@Index('IDX_wishes_street_created', ['streetId', 'createdAt', 'status'])
@Index('IDX_wishes_street_claimed', ['streetId', 'claimedAt', 'publishedAt'])
@Index('IDX_wishes_street_fulfilled', ['streetId', 'fulfilledAt', 'claimedAt'])
// The claims not yet due, one range (the dashboard's overdue claims: the claimed wishes of the rollup less these).
@Index('IDX_wishes_street_deadline', ['streetId', 'status', 'claimDeadline'])
// The dashboard's medians: a street's durations in order (wish-durations.ts).
@Index('IDX_wishes_street_to_claim', ['streetId', 'secondsToClaim', 'claimedAt'])
@Index('IDX_wishes_street_to_fulfil', ['streetId', 'secondsToFulfil', 'fulfilledAt'])
@Index('IDX_wishes_community_published', ['communityId', 'publishedAt', 'id'])
@Index('IDX_wishes_wall', ['status', 'publishedAt'])
@Index('IDX_wishes_resident', ['residentUserId', 'createdAt'])
@Index('IDX_wishes_retention', ['status', 'updatedAt'])
export class WishEntity extends CommunityPlacedColumns {
  /** The resident who owns the wish; null when staff entered it for someone without a phone. */
  @UuidColumn({ nullable: true })
  residentUserId: string | null;

  @RefersTo(() => UserEntity, 'residentUserId')
  resident?: UserEntity | null;

  @UuidColumn()
  enteredByUserId: string;

  @RefersTo(() => UserEntity, 'enteredByUserId')
  enteredBy?: UserEntity;

  @Column({ type: 'varchar', length: 30 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 8 })
  category: string;

  @Column({ type: 'int' })
  estimatedValueYuan: number;

  @Column({ type: 'varchar', length: 24 })
  beneficiaryMasked: string;

  @Column({ type: 'varchar', length: 255 })
  beneficiaryNameCipher: string;

  @Column({ type: 'varchar', length: 255 })
  contactPhoneCipher: string;

  /** Sensitive (PIPL): encrypted, shown only to staff of the community. */
  @Column({ type: 'varchar', length: 255 })
  hardshipCipher: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  guardianNameCipher: string | null;

  /** Who answers the contact number when it is a family member's (女儿, 邻居 …); null: the beneficiary's own. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  contactRelation: string | null;

  /** Where to deliver (代录 for a resident without a mobile), encrypted: the claimant and the community's staff only. */
  @Column({ type: 'varchar', length: 512, nullable: true })
  deliveryAddressCipher: string | null;

  @Column({ type: 'varchar', length: 20 })
  consentVersion: string;

  @DateTimeColumn()
  consentAt: Date;

  @Column({ type: 'simple-enum', enum: WISH_STATUSES })
  status: WishStatus;

  /** Why text moderation held it for a person to look at. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  holdReason: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @UuidColumn({ nullable: true })
  currentClaimId: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  claimantKind: 'member' | 'organisation' | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  claimantName: string | null;

  @DateTimeColumn({ nullable: true })
  claimDeadline: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  fulfilmentNote: string | null;

  @Column({ type: 'int', nullable: true })
  rating: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  thanks: string | null;

  @DateTimeColumn({ nullable: true })
  publishedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  claimedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  fulfilledAt: Date | null;

  @DateTimeColumn({ nullable: true })
  confirmedAt: Date | null;

  /** Whole seconds from publishedAt to claimedAt (truncated), kept by WishesService.transition; null unless both are set. */
  @Column({ type: 'int', nullable: true })
  secondsToClaim?: number | null;

  /** Whole seconds from claimedAt to fulfilledAt (truncated), kept by WishesService.transition; null unless both are set. */
  @Column({ type: 'int', nullable: true })
  secondsToFulfil?: number | null;

  /** When the beneficiary fields were sealed (account deletion, or the retention job once the wish had long closed). */
  @DateTimeColumn({ nullable: true })
  anonymisedAt: Date | null;
}
