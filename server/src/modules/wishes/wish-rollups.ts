import type { WishStatus } from '@nuancheng/shared';
import type { EntityManager } from 'typeorm';
import { addToRollup, type RollupTable } from '../../common/database/rollup';
import { WISH_ROLLUPS_BACKFILL } from '../../database/migrations/wish-rollups-backfill';

/**
 * The wishes' rollups (issue 10: the supervision dashboard at city scale read ~190,000 wishes per figure):
 * - wish_state_months (streetId, status, month of createdAt): wishes entered in the window by their current status,
 *   and (all months) the street's published and claimed wishes for the overdue counts;
 * - wish_event_months (streetId, month): wishes published (publishedAt) and fulfilled (fulfilledAt) per month.
 * Months are Beijing calendar months ('YYYY-MM').
 *
 * Exact by construction: a wish row is written by WishesRepository.insertWish (+1 to its rows) and changed in its
 * status, publishedAt or fulfilledAt only by the wish workflow's conditional update (WishesService.transition and
 * the hold after a resubmission), which adds the change (the old row's contribution out, the new one's in) in the
 * caller's transaction: merged and written just before the commit in key order (common/database/rollup.ts), gone
 * with a rollback. The old status is the one the update was conditional on; createdAt and streetId never change;
 * the old dates a change replaces are read under the row's lock first (WishesRepository.lockedDates). Other
 * writers change none of these columns (privacy erasure seals the beneficiary fields only); bulk writers (demo
 * seed, bench city generator, tests that edit rows by hand) run rebuildWishRollups, the same GROUP BY the tests and
 * the invariant compare with.
 */

const CST_OFFSET_MS = 8 * 3600 * 1000;

/** 'YYYY-MM' of the Beijing calendar month containing `at`. */
export function wishMonthOf(at: Date): string {
  const l = new Date(at.getTime() + CST_OFFSET_MS);
  return `${l.getUTCFullYear()}-${String(l.getUTCMonth() + 1).padStart(2, '0')}`;
}

export const WISH_STATE_MONTHS: RollupTable<'wishes'> = { name: 'wish_state_months', keys: ['streetId', 'status', 'month'], sums: ['wishes'] };
export const WISH_EVENT_MONTHS: RollupTable<'posted' | 'fulfilled'> = { name: 'wish_event_months', keys: ['streetId', 'month'], sums: ['posted', 'fulfilled'] };

/** The columns of a wish the rollups count. */
export interface RolledWish {
  streetId: string;
  createdAt: Date;
  status: WishStatus;
  publishedAt: Date | null;
  fulfilledAt: Date | null;
}

/** Adds (sign 1) or takes away (sign −1) one wish's contribution: its state row and its publication and fulfilment months. */
async function contribute(manager: EntityManager, wish: RolledWish, sign: 1 | -1, parts: { state: boolean; posted: boolean; fulfilled: boolean }): Promise<void> {
  if (parts.state) await addToRollup(manager, WISH_STATE_MONTHS, [wish.streetId, wish.status, wishMonthOf(wish.createdAt)], { wishes: sign });
  if (parts.posted && wish.publishedAt) await addToRollup(manager, WISH_EVENT_MONTHS, [wish.streetId, wishMonthOf(wish.publishedAt)], { posted: sign });
  if (parts.fulfilled && wish.fulfilledAt) await addToRollup(manager, WISH_EVENT_MONTHS, [wish.streetId, wishMonthOf(wish.fulfilledAt)], { fulfilled: sign });
}

/** Adds an inserted wish to the rollups, before the transaction commits. */
export function addWishToRollups(manager: EntityManager, wish: RolledWish): Promise<void> {
  return contribute(manager, wish, 1, { state: true, posted: true, fulfilled: true });
}

/**
 * Adds a change of one wish: `before` is the row as it was (its status the one the update was conditional on, its
 * dates read under lock when the change sets them), `changes` what the update wrote (status included). Only the
 * parts that changed are touched, so a claim or a dispatch adds nothing to the monthly series.
 */
export async function addWishChangeToRollups(manager: EntityManager, before: RolledWish, changes: Partial<RolledWish> & { status: WishStatus }): Promise<void> {
  const after: RolledWish = { ...before, ...changes };
  const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  const parts = {
    state: before.status !== after.status,
    posted: 'publishedAt' in changes && !same(before.publishedAt, after.publishedAt),
    fulfilled: 'fulfilledAt' in changes && !same(before.fulfilledAt, after.fulfilledAt),
  };
  if (!parts.state && !parts.posted && !parts.fulfilled) return;
  await contribute(manager, before, -1, parts);
  await contribute(manager, after, 1, parts);
}

/** Whether a change replaces a date the rollups count (so the old one must be read under the row's lock). */
export const changesRolledDates = (changes: object) => 'publishedAt' in changes || 'fulfilledAt' in changes;

/**
 * The rollups computed from the wishes: one definition, kept beside the migration that first ran it (a migration
 * imports nothing from the modules); the bulk writers' rebuild, the invariant and the tests use it from here.
 */
export { WISH_ROLLUPS_BACKFILL, WISH_ROLLUPS_DEFINITION } from '../../database/migrations/wish-rollups-backfill';

/** Recomputes the rollups from the wishes (after a bulk write that bypassed the wishes module). */
export async function rebuildWishRollups(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM `wish_state_months`');
  await manager.query('DELETE FROM `wish_event_months`');
  for (const sql of WISH_ROLLUPS_BACKFILL(manager.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql')) await manager.query(sql);
}

/** Midnight Beijing of the first day of the month after the one containing `at`. */
export function wishMonthEndOf(at: Date): Date {
  const l = new Date(at.getTime() + CST_OFFSET_MS);
  return new Date(Date.UTC(l.getUTCFullYear(), l.getUTCMonth() + 1, 1) - CST_OFFSET_MS);
}

/**
 * The months of the rollups a window [from, to) starting on a Beijing month reads — the first and last month keys,
 * null when the window is empty — and the end of its last month: the wishes from `to` to there are read raw and
 * subtracted (none unless a wish is dated after now: an empty range of the street index).
 */
export function wishWindowMonths(from: Date, to: Date): { first: string; last: string; end: Date } | null {
  if (wishMonthEndOf(new Date(from.getTime() - 1)).getTime() !== from.getTime()) throw new Error('The dashboard window starts on a Beijing month');
  if (to.getTime() <= from.getTime()) return null;
  const lastInstant = new Date(to.getTime() - 1);
  return { first: wishMonthOf(from), last: wishMonthOf(lastInstant), end: wishMonthEndOf(lastInstant) };
}
