import type { EntityManager } from 'typeorm';
import { addToRollup, type RollupTable } from '../../common/database/rollup';
import { LEDGER_TOTALS_BACKFILL } from '../../database/migrations/ledger-totals-backfill';

/**
 * The ledger's rollups (issue 10: the supervision dashboard at city scale read ~900,000 entries per pass).
 *
 * Why two tables and not one keyed by (street, month, member, unit): members rarely serve twice in a month, so
 * member-months barely shrink the entries (a city year is ~450,000 entries, ~300,000 member-months); the figures
 * that need members (members served in a year or half year) need only the period, and the figures per month (the
 * minutes, the monthly series, the unit ranking) need no member. So:
 * - ledger_unit_months (regionId, month, unitId) for the month of each entry, in its street and in each region
 *   above it: ~40,000 street rows per city year, and the city's ~1,500 (its units × months) read instead;
 * - ledger_member_periods (period, regionId, memberId) for the year and the half year of each member's entry, in
 *   its street and in each region above it: a city year has ~300,000 (street, member) pairs (members serve in
 *   several streets), so the city's members served is read from the city's ~50,000 rows instead.
 * A district's or the city's reads take that region's rows (LedgerService.coverOf), where each member or unit has
 * one row: members served is a count of the rows with net service, no GROUP BY. A credit upserts up to 3 unit-month
 * rows and 6 member-period rows (street, district, city).
 *
 * Exact by construction: LedgerRepository.insert is the only application path into ledger_entries, and it adds
 * the entry to both tables in the caller's transaction (a rollback takes both away). The deltas of one
 * transaction are merged and written just before it commits, in key order, one statement per table, so two
 * transactions crediting the same members lock the same rows in the same order (no deadlock between them).
 * Bulk writers (the demo seed, the bench city generator, the migration) insert entries directly and then run
 * rebuildLedgerTotals / LEDGER_TOTALS_BACKFILL, the same GROUP BY the tests compare with.
 *
 * Reads over a window that does not end on a month or period boundary (the dashboard's [1 January, now)) take the
 * rollup of the whole month or period and subtract the raw entries of the rest (occurredAt ≥ now: entries dated in
 * the future, which no credit path writes today; the read is an empty range of the street index).
 */

const CST_OFFSET_MS = 8 * 3600 * 1000;

const beijing = (at: Date) => new Date(at.getTime() + CST_OFFSET_MS);

/** Midnight of 1 January in Beijing. */
export const cstYearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - CST_OFFSET_MS);

/** 'YYYY-MM' of the Beijing calendar month containing `at`. */
export function monthKeyOf(at: Date): string {
  const l = beijing(at);
  return `${l.getUTCFullYear()}-${String(l.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The Beijing year ('YYYY') and half year ('YYYYH1' / 'YYYYH2') containing `at`, as ledger.period keys them. */
export function periodKeysOf(at: Date): [string, string] {
  const l = beijing(at);
  return [String(l.getUTCFullYear()), `${l.getUTCFullYear()}H${l.getUTCMonth() < 6 ? 1 : 2}`];
}

/** The month keys of the Beijing months from the one containing `from` to the one containing the instant before `to`. */
export function monthKeysBetween(from: Date, to: Date): string[] {
  const keys: string[] = [];
  const l = beijing(from);
  const end = monthKeyOf(new Date(to.getTime() - 1));
  for (let y = l.getUTCFullYear(), m = l.getUTCMonth(); ; m += 1) {
    const key = `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    keys.push(key);
    if (key >= end) return keys;
  }
}

/** What one entry adds to the rollups. */
export interface TotalsEntry {
  streetId: string | null;
  memberId: string | null;
  unitId: string | null;
  serviceMinutes: number;
  correctsEntryId: string | null;
  occurredAt: Date;
}

const UNIT_MONTHS: RollupTable<'minutes' | 'services' | 'entries'> = { name: 'ledger_unit_months', keys: ['regionId', 'month', 'unitId'], sums: ['minutes', 'services', 'entries'] };
const MEMBER_PERIODS: RollupTable<'minutes' | 'services'> = { name: 'ledger_member_periods', keys: ['period', 'regionId', 'memberId'], sums: ['minutes', 'services'] };

/**
 * Adds an inserted entry to the rollups, before the transaction commits (common/database/rollup.ts).
 * `regionIds`: the entry's street and the regions above it (its path), none without a street.
 */
export async function recordLedgerTotals(manager: EntityManager, entry: TotalsEntry, regionIds: string[]): Promise<void> {
  const services = entry.correctsEntryId ? -1 : 1;
  const regions = entry.streetId ? regionIds : [''];
  // `entries` counts credits and corrections alike: a unit is ranked when it has any.
  const month = monthKeyOf(entry.occurredAt);
  for (const region of regions) await addToRollup(manager, UNIT_MONTHS, [region, month, entry.unitId ?? ''], { minutes: entry.serviceMinutes, services, entries: 1 });
  if (!entry.memberId) return;
  for (const period of periodKeysOf(entry.occurredAt)) {
    for (const region of regions) await addToRollup(manager, MEMBER_PERIODS, [period, region, entry.memberId], { minutes: entry.serviceMinutes, services });
  }
}

const isSqlite = (manager: EntityManager) => manager.connection.options.type === 'better-sqlite3';

/**
 * The rollups computed from ledger_entries: one definition, kept beside the migration that first ran it (a
 * migration imports nothing from the modules); the bulk writers' rebuild and the tests use it from here.
 */
export { LEDGER_TOTALS_BACKFILL } from '../../database/migrations/ledger-totals-backfill';

/** Recomputes the rollups from the entries (after a bulk insert that bypassed LedgerRepository.insert). */
export async function rebuildLedgerTotals(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM `ledger_unit_months`');
  await manager.query('DELETE FROM `ledger_member_periods`');
  for (const sql of LEDGER_TOTALS_BACKFILL(isSqlite(manager) ? 'sqlite' : 'mysql')) await manager.query(sql);
}
