import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Rollups of `wishes` kept exact by the wishes module itself (see wish-rollups.ts): every insert of a wish and
 * every change of its status, publishedAt or fulfilledAt adds its delta in the same transaction. No foreign keys:
 * the wishes keep those.
 */

/** Wishes per street, current status and Beijing calendar month ('YYYY-MM') of creation: the dashboard's wishes by state and its open totals. */
@Entity('wish_state_months')
export class WishStateMonthEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  streetId: string;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  status: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'int' })
  wishes: number;
}

/** Wishes published (by publishedAt) and fulfilled (by fulfilledAt) per street and Beijing month: the dashboard's monthly series. */
@Entity('wish_event_months')
export class WishEventMonthEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  streetId: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'int' })
  posted: number;

  @Column({ type: 'int' })
  fulfilled: number;
}
