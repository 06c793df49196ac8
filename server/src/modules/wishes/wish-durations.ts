import type { EntityManager } from 'typeorm';
import { addToRollup, type RollupTable } from '../../common/database/rollup';
import { forceIndex, medianIn, placeholders, secondsBetween, sqlDate, type DashboardScope } from '../../common/supervision/dashboard';
import { bucketSql, bucketStart, DURATIONS, durationBucket, secondsFromTo, WISH_DURATIONS_BACKFILL, type WishDurationKind } from '../../database/migrations/wish-durations-backfill';
import type { WishEntity } from './entities/wish.entity';

/**
 * The supervision dashboard's two medians (seconds from publication to claim over the window's claims, from claim
 * to fulfilment over its fulfilments; issue 10: at city scale MariaDB's MEDIAN sorted ~85,000 computed values per
 * median, ~200 ms).
 *
 * Each wish stores its two durations (secondsToClaim, secondsToFulfil: whole seconds, truncated as TIMESTAMPDIFF),
 * indexed by (streetId, duration, time), and wish_duration_buckets counts them per (kind, Beijing year of the
 * end time, street, bucket) — 5-minute buckets under an hour, 30 minutes under a day, an hour under 30 days. The exact
 * median: the year's histogram of the streets (a few thousand rows for a city) gives the bucket holding the middle
 * rank and how many values lie below it; the middle values are then read from the index in duration order within
 * that bucket's streets (LIMIT 2 OFFSET rank − below, the filtered values of one bucket sorted, a few thousand at
 * most at city scale). A window that ends before the year does (the year to date) first takes off the histogram
 * the values timed after its end: a range of the (streetId, time, start) index, empty unless a clock ran ahead.
 *
 * Exact by construction: WishesService.transition is the only application path that changes publishedAt,
 * claimedAt or fulfilledAt (claim, release, fulfil, reopen, approve …); it sets the stored durations in the same
 * UPDATE and moves the wish between histogram rows in the transition's transaction (addToRollup: merged,
 * key-ordered, rolled back with it). Bulk writers (the demo seed, the bench city generator, the migration) insert
 * wishes directly and then run rebuildWishDurations / WISH_DURATIONS_BACKFILL, the definition the invariant and
 * the tests compare with.
 */

const BUCKETS: RollupTable<'n'> = { name: 'wish_duration_buckets', keys: ['kind', 'year', 'streetId', 'bucket'], sums: ['n'] };

const CST_OFFSET_MS = 8 * 3600 * 1000;
const beijingYear = (at: Date) => new Date(at.getTime() + CST_OFFSET_MS).getUTCFullYear();
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - CST_OFFSET_MS);

type Times = Pick<WishEntity, 'streetId' | 'publishedAt' | 'claimedAt' | 'fulfilledAt'>;

/** The wish's histogram row for `kind` (null when the duration is not set). */
function slot(wish: Times, kind: WishDurationKind): { key: string[]; seconds: number } | null {
  const { from, to } = DURATIONS[kind];
  const seconds = secondsFromTo(wish[from], wish[to]);
  if (seconds === null) return null;
  return { key: [kind, String(beijingYear(wish[to]!)), wish.streetId, String(durationBucket(seconds))], seconds };
}

/**
 * The stored durations a transition's `changes` imply for `wish` (added to the same UPDATE), and the wish moved
 * between histogram rows before the transaction commits. Call with the wish as it was.
 */
export async function recordWishDurations(manager: EntityManager, wish: Times, changes: Partial<WishEntity>): Promise<void> {
  const after: Times = { ...wish, ...changes };
  for (const kind of Object.keys(DURATIONS) as WishDurationKind[]) {
    const { from, to, column } = DURATIONS[kind];
    if (!(from in changes) && !(to in changes)) continue;
    const [was, now] = [slot(wish, kind), slot(after, kind)];
    changes[column] = now?.seconds ?? null;
    if (was && now && was.key.join('\u0000') === now.key.join('\u0000')) continue;
    if (was) await addToRollup(manager, BUCKETS, was.key, { n: -1 });
    if (now) await addToRollup(manager, BUCKETS, now.key, { n: 1 });
  }
}

/** Recomputes the stored durations and the histogram from the timestamps (after a bulk insert of wishes). */
export async function rebuildWishDurations(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM `wish_duration_buckets`');
  for (const sql of WISH_DURATIONS_BACKFILL(manager.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql')) await manager.query(sql);
}

/**
 * Whether the histogram answers `scope`: a window from the start of a Beijing year to a point within it (the
 * dashboard's year or year to date). Any other window is computed from the raw rows.
 */
export function histogramServes(scope: Pick<DashboardScope, 'from' | 'to'>): boolean {
  const year = beijingYear(scope.from);
  return scope.from.getTime() === yearStart(year).getTime() && scope.to.getTime() <= yearStart(year + 1).getTime() && scope.to > scope.from;
}

/**
 * The exact median of the wishes' `kind` durations whose end time lies in [scope.from, scope.to) in the scope's
 * streets (the mean of the two middle values for an even count; null when there are none): from the histogram for
 * a year's window, else from the raw rows (medianIn).
 */
export async function durationMedian(manager: EntityManager, kind: WishDurationKind, scope: Pick<DashboardScope, 'streetIds' | 'from' | 'to'>): Promise<number | null> {
  if (!scope.streetIds.length) return null;
  if (histogramServes(scope)) return medianFromHistogram(manager, kind, scope);
  const { from, to } = DURATIONS[kind];
  const index = kind === 'claim' ? 'IDX_wishes_street_claimed' : 'IDX_wishes_street_fulfilled';
  return medianIn(
    manager,
    secondsBetween(manager, `\`w\`.\`${from}\``, `\`w\`.\`${to}\``),
    `FROM \`wishes\` \`w\`${forceIndex(manager, index)} WHERE \`w\`.\`streetId\` IN (${placeholders(scope.streetIds)}) AND \`w\`.\`${to}\` >= ? AND \`w\`.\`${to}\` < ? AND \`w\`.\`${from}\` IS NOT NULL`,
    [...scope.streetIds, sqlDate(manager, scope.from), sqlDate(manager, scope.to)],
  );
}

async function medianFromHistogram(manager: EntityManager, kind: WishDurationKind, scope: Pick<DashboardScope, 'streetIds' | 'from' | 'to'>): Promise<number | null> {
  const { from, to, column } = DURATIONS[kind];
  const year = beijingYear(scope.from);
  const yearEnd = yearStart(year + 1);
  const s = scope.streetIds;
  const streets = `\`streetId\` IN (${placeholders(s)})`;
  const d = (date: Date) => sqlDate(manager, date);
  // The year's histogram, and the year's values timed at or after the window's end (none unless the window is the
  // year to date and a clock ran ahead) to take off it: computed from the timestamps (= the stored value) so the
  // (streetId, time, start) index answers alone.
  const dialect = manager.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  const timeIndex = kind === 'claim' ? 'IDX_wishes_street_claimed' : 'IDX_wishes_street_fulfilled';
  const [histogram, after] = (await Promise.all([
    manager.query(`SELECT \`bucket\` AS \`b\`, SUM(\`n\`) AS \`n\` FROM \`wish_duration_buckets\` WHERE \`kind\` = ? AND \`year\` = ? AND ${streets} GROUP BY \`bucket\``, [kind, year, ...s]),
    scope.to < yearEnd
      ? manager.query(
          `SELECT ${bucketSql(dialect, secondsBetween(manager, `\`${from}\``, `\`${to}\``))} AS \`b\`, -COUNT(*) AS \`n\` FROM \`wishes\`${forceIndex(manager, timeIndex)} ` +
            `WHERE ${streets} AND \`${to}\` >= ? AND \`${to}\` < ? AND \`${from}\` IS NOT NULL GROUP BY 1`,
          [...s, d(scope.to), d(yearEnd)],
        )
      : [],
  ])) as Array<Array<{ b: unknown; n: unknown }>>;
  const counts = new Map<number, number>();
  for (const r of [...histogram, ...after]) counts.set(Number(r.b), (counts.get(Number(r.b)) ?? 0) + Number(r.n));
  const buckets = [...counts.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (!total) return null;
  // The middle ranks (0-based; one for an odd count), the bucket of each, the values below the first's.
  const ranks = total % 2 ? [(total - 1) / 2] : [total / 2 - 1, total / 2];
  const bucketOf = (rank: number) => {
    let below = 0;
    for (const [b, n] of buckets) {
      if (below + n > rank) return { bucket: b, below };
      below += n;
    }
    throw new Error('unreachable: rank beyond the total');
  };
  const first = bucketOf(ranks[0]);
  const last = bucketOf(ranks[ranks.length - 1]);
  // From the first middle bucket's start to the last one's end, in duration order (bucket b ends where b + 1 starts).
  const start = bucketStart(first.bucket);
  const rows: Array<{ s: unknown }> = await manager.query(
    `SELECT \`${column}\` AS \`s\` FROM \`wishes\`${forceIndex(manager, kind === 'claim' ? 'IDX_wishes_street_to_claim' : 'IDX_wishes_street_to_fulfil')} ` +
      `WHERE ${streets} AND ${start === null ? `\`${column}\` IS NOT NULL` : `\`${column}\` >= ?`} AND \`${column}\` < ? AND \`${to}\` >= ? AND \`${to}\` < ? ` +
      `ORDER BY \`${column}\` LIMIT ${ranks.length} OFFSET ${ranks[0] - first.below}`,
    [...s, ...(start === null ? [] : [start]), bucketStart(last.bucket + 1), d(scope.from), d(scope.to)],
  );
  const values = rows.map((r) => Number(r.s));
  if (values.length !== ranks.length) throw new Error(`wish_duration_buckets disagrees with the wishes (${kind}, ${year})`);
  return values.length === 1 ? values[0] : (values[0] + values[1]) / 2;
}
