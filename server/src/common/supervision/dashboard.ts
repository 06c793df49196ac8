import type { EntityManager } from 'typeorm';

/**
 * What a module counts for the supervision dashboard (督导看板): the streets it covers, the yearly window
 * [from, to), the 12 months of its monthly series, and the clock. Each module answers with aggregates computed in
 * SQL; the dashboard only composes them.
 */
export interface DashboardScope {
  streetIds: string[];
  /** The one region these streets make up (the dashboard's street, district or city), when the caller knows it. */
  regionId?: string;
  from: Date;
  to: Date;
  months: DashboardMonth[];
  now: Date;
}

export interface DashboardMonth {
  /** YYYY-MM (Beijing). */
  key: string;
  from: Date;
  /** Exclusive. */
  to: Date;
}

const CST_OFFSET_MS = 8 * 3600 * 1000;
const cstMonthStart = (year: number, month0: number) => new Date(Date.UTC(year, month0, 1) - CST_OFFSET_MS);

/** The 12 Beijing calendar months ending with the one that contains the instant just before `end`. */
export function monthsEnding(end: Date): DashboardMonth[] {
  const local = new Date(end.getTime() - 1 + CST_OFFSET_MS);
  const months: DashboardMonth[] = [];
  for (let i = 11; i >= 0; i -= 1) {
    const from = cstMonthStart(local.getUTCFullYear(), local.getUTCMonth() - i);
    const to = cstMonthStart(local.getUTCFullYear(), local.getUTCMonth() - i + 1);
    const l = new Date(from.getTime() + CST_OFFSET_MS);
    months.push({ key: `${l.getUTCFullYear()}-${String(l.getUTCMonth() + 1).padStart(2, '0')}`, from, to });
  }
  return months;
}

/** A date as a bound parameter for a raw query on `datetime(3)` columns (text in UTC on SQLite). */
export function sqlDate(manager: EntityManager, date: Date): unknown {
  return manager.connection.options.type === 'better-sqlite3' ? date.toISOString().replace('T', ' ').replace('Z', '') : date;
}

/**
 * An index hint after a table alias, for MariaDB/MySQL (nothing on SQLite, whose planner picks the covering index
 * by itself). Over a whole district or city a long IN list of streets makes MariaDB choose a narrow index and
 * read ~450,000 rows one by one (19 s for the unit ranking) where the covering index answers from the index alone.
 */
export function forceIndex(manager: EntityManager, index: string): string {
  return manager.connection.options.type === 'better-sqlite3' ? '' : ` FORCE INDEX (\`${index}\`)`;
}

/**
 * Whole seconds from column `a` to column `b` (truncated toward zero as TIMESTAMPDIFF), as a SQL expression for the
 * connection's dialect; on SQLite from the exact milliseconds (julianday's floating point can be one off).
 */
export function secondsBetween(manager: EntityManager, a: string, b: string): string {
  if (manager.connection.options.type !== 'better-sqlite3') return `TIMESTAMPDIFF(SECOND, ${a}, ${b})`;
  const ms = (c: string) => `(CAST(strftime('%s', ${c}) AS INTEGER) * 1000 + CAST(ROUND(strftime('%f', ${c}) * 1000) AS INTEGER) % 1000)`;
  return `((${ms(b)} - ${ms(a)}) / 1000)`;
}

/**
 * The exact median of `expr` over the rows of `from` (a FROM … WHERE … clause), null when there are none. MariaDB
 * computes it (MEDIAN, the mean of the two middle values for an even count, as `median` below) instead of sending
 * every value — at city scale ~85,000 of them; elsewhere the values come sorted and `median` picks the middle.
 */
export async function medianIn(manager: EntityManager, expr: string, from: string, params: unknown[]): Promise<number | null> {
  if (manager.connection.options.type === 'mariadb') {
    const rows: Array<{ m: unknown }> = await manager.query(`SELECT DISTINCT MEDIAN(${expr}) OVER () AS \`m\` ${from}`, params);
    return rows.length && rows[0].m !== null ? Number(rows[0].m) : null;
  }
  const rows: Array<{ s: unknown }> = await manager.query(`SELECT ${expr} AS \`s\` ${from} ORDER BY 1`, params);
  return median(rows.map((r) => Number(r.s)));
}

/** The median of an ascending list of numbers (null when empty). */
export function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** `SUM(CASE WHEN <column> in month i THEN <value> ELSE 0 END) AS <prefix><i>` for each month, with their parameters. */
export function monthlySums(manager: EntityManager, months: DashboardMonth[], column: string, prefix = 'm', value = '1'): { sql: string; params: unknown[] } {
  return {
    sql: months.map((_, i) => `SUM(CASE WHEN ${column} >= ? AND ${column} < ? THEN ${value} ELSE 0 END) AS \`${prefix}${i}\``).join(', '),
    params: months.flatMap((m) => [sqlDate(manager, m.from), sqlDate(manager, m.to)]),
  };
}

/** The `<prefix>0…<prefix>11` columns of a monthlySums row as numbers. */
export const monthlyValues = (row: Record<string, unknown> | undefined, months: DashboardMonth[], prefix = 'm') => months.map((_, i) => Number(row?.[`${prefix}${i}`] ?? 0));
