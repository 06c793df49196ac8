// The wishes' stored durations and their histogram (modules/wishes/wish-durations.ts), computed from the wishes'
// timestamps, for the WishDurations migration's backfill, the bulk writers' rebuild (demo seed, bench city
// generator), the invariant and the tests. Here, not in the module, because a migration imports nothing from the
// modules; change the buckets only together with a new migration that rebuilds the histogram.

export type WishDurationKind = 'claim' | 'fulfil';

/**
 * The histogram's bucket of a duration in whole seconds: 5 minutes under an hour, 30 minutes under a day, an hour
 * under 30 days, a day beyond; every negative duration (a clock set back) in bucket −1. Monotone, so a bucket is a
 * range of seconds. Finer buckets mean more histogram rows to read and fewer values to order in the middle one: at
 * city scale (30 streets, ~85,000 values a year) a few thousand of each.
 */
export function durationBucket(seconds: number): number {
  if (seconds < 0) return -1;
  if (seconds < 3600) return Math.floor(seconds / 300);
  if (seconds < 86_400) return 10 + Math.floor(seconds / 1800);
  if (seconds < 2_592_000) return 34 + Math.floor(seconds / 3600);
  return 724 + Math.floor(seconds / 86_400);
}

/** The smallest duration of bucket `b` (null for bucket −1: unbounded below). */
export function bucketStart(b: number): number | null {
  if (b < 0) return null;
  if (b < 12) return b * 300;
  if (b < 58) return (b - 10) * 1800;
  if (b < 754) return (b - 34) * 3600;
  return (b - 724) * 86_400;
}

/** Whole seconds from `a` to `b` (Dates with milliseconds), truncated toward zero as MariaDB's TIMESTAMPDIFF. */
export function secondsFromTo(a: Date | null, b: Date | null): number | null {
  return a && b ? Math.trunc((b.getTime() - a.getTime()) / 1000) : null;
}

/**
 * Whole seconds from column `a` to column `b` as SQL, equal to secondsFromTo: TIMESTAMPDIFF truncates; on SQLite
 * (text 'YYYY-MM-DD HH:MM:SS.SSS' in UTC) the exact milliseconds, integer-divided (toward zero) — julianday's
 * floating point can be a millisecond off.
 */
export function secondsSql(dialect: 'sqlite' | 'mysql', a: string, b: string): string {
  if (dialect === 'mysql') return `TIMESTAMPDIFF(SECOND, ${a}, ${b})`;
  const ms = (c: string) => `(CAST(strftime('%s', ${c}) AS INTEGER) * 1000 + CAST(ROUND(strftime('%f', ${c}) * 1000) AS INTEGER) % 1000)`;
  return `((${ms(b)} - ${ms(a)}) / 1000)`;
}

/** durationBucket as SQL over an integer expression. */
export function bucketSql(dialect: 'sqlite' | 'mysql', s: string): string {
  const div = dialect === 'mysql' ? 'DIV' : '/';
  return `(CASE WHEN ${s} < 0 THEN -1 WHEN ${s} < 3600 THEN ${s} ${div} 300 WHEN ${s} < 86400 THEN 10 + ${s} ${div} 1800 WHEN ${s} < 2592000 THEN 34 + ${s} ${div} 3600 ELSE 724 + ${s} ${div} 86400 END)`;
}

/** The Beijing calendar year (an integer) of a UTC datetime column. */
export function yearSql(dialect: 'sqlite' | 'mysql', column: string): string {
  return dialect === 'sqlite' ? `CAST(strftime('%Y', ${column}, '+8 hours') AS INTEGER)` : `YEAR(DATE_ADD(${column}, INTERVAL 8 HOUR))`;
}

/** What each kind measures: from which timestamp to which, and the stored column. The year is the end's. */
export const DURATIONS: Record<WishDurationKind, { from: 'publishedAt' | 'claimedAt'; to: 'claimedAt' | 'fulfilledAt'; column: 'secondsToClaim' | 'secondsToFulfil' }> = {
  claim: { from: 'publishedAt', to: 'claimedAt', column: 'secondsToClaim' },
  fulfil: { from: 'claimedAt', to: 'fulfilledAt', column: 'secondsToFulfil' },
};

/** The stored durations computed from the timestamps, as SQL (null unless both are set). */
export function storedDurationSql(dialect: 'sqlite' | 'mysql', kind: WishDurationKind): string {
  const { from, to } = DURATIONS[kind];
  return `CASE WHEN \`${from}\` IS NOT NULL AND \`${to}\` IS NOT NULL THEN ${secondsSql(dialect, `\`${from}\``, `\`${to}\``)} END`;
}

/** The histogram computed from the stored durations, as a SELECT of (kind, year, streetId, bucket, n). */
export function histogramSql(dialect: 'sqlite' | 'mysql'): string {
  return (Object.keys(DURATIONS) as WishDurationKind[])
    .map((kind) => {
      const { to, column } = DURATIONS[kind];
      return (
        `SELECT '${kind}' AS \`kind\`, ${yearSql(dialect, `\`${to}\``)} AS \`year\`, \`streetId\`, ${bucketSql(dialect, `\`${column}\``)} AS \`bucket\`, COUNT(*) AS \`n\` ` +
        `FROM \`wishes\` WHERE \`${column}\` IS NOT NULL GROUP BY ${yearSql(dialect, `\`${to}\``)}, \`streetId\`, ${bucketSql(dialect, `\`${column}\``)}`
      );
    })
    .join(' UNION ALL ');
}

/**
 * Fills the wishes' durations from their timestamps and the histogram from them (an empty histogram assumed): the
 * migration's backfill and the bulk writers' rebuild.
 */
export function WISH_DURATIONS_BACKFILL(dialect: 'sqlite' | 'mysql'): string[] {
  return [
    `UPDATE \`wishes\` SET \`secondsToClaim\` = ${storedDurationSql(dialect, 'claim')}, \`secondsToFulfil\` = ${storedDurationSql(dialect, 'fulfil')}`,
    `INSERT INTO \`wish_duration_buckets\` (\`kind\`, \`year\`, \`streetId\`, \`bucket\`, \`n\`) ${histogramSql(dialect)}`,
  ];
}
