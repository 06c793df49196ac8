import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The histogram of the wishes' durations (see wish-durations.ts): how many wishes of a street have their seconds to
 * claim (kind 'claim', in the Beijing year of claimedAt) or to fulfil ('fulfil', the year of fulfilledAt) in each
 * bucket. Kept exact by WishesService.transition in the transition's transaction.
 */
@Entity('wish_duration_buckets')
export class WishDurationBucketEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  kind: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  streetId: string;

  @PrimaryColumn({ type: 'int' })
  bucket: number;

  @Column({ type: 'int' })
  n: number;
}
