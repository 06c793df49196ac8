import type { EntityManager } from 'typeorm';
import { beforeCommit } from '../../common/database/transaction';
import { LEDGER_TOTALS_BACKFILL } from '../../database/migrations/ledger-totals-backfill';

/**
 * The ledger's rollups (issue 10: the supervision dashboard at city scale read ~900,000 entries per pass).
 *
 * Why two tables and not one keyed by (street, month, member, unit): members rarely serve twice in a month, so
 * member-months barely shrink the entries (a city year is ~450,000 entries, ~300,000 member-months); the figures
 * that need members (members served in a year or half year) need only the period, and the figures per month (the
 * minutes, the monthly series, the unit ranking) need no member. So:
 * - ledger_unit_months (streetId, month, unitId): a few thousand rows per city year;
 * - ledger_member_periods (period, regionId, memberId) for the year and the half year of each member's entry, in
 *   its street and in each region above it: a city year has ~300,000 (street, member) pairs (members serve in
 *   several streets), so the city's members served is read from the city's ~50,000 rows instead.
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

interface Delta {
  key: string[];
  minutes: number;
  services: number;
  /** Entries, credits and corrections alike (ledger_unit_months only: a unit is ranked when it has any). */
  entries: number;
}

/** Deltas not yet written, per transaction (its manager) and table. */
const pending = new WeakMap<EntityManager, { unit: Map<string, Delta>; member: Map<string, Delta> }>();

const add = (map: Map<string, Delta>, key: string[], minutes: number, services: number) => {
  const id = key.join('\u0000');
  const d = map.get(id) ?? { key, minutes: 0, services: 0, entries: 0 };
  d.minutes += minutes;
  d.services += services;
  d.entries += 1;
  map.set(id, d);
};

/**
 * Adds an inserted entry to the rollups: before the transaction commits, or now when `manager` runs no
 * inTransaction. `regionIds`: the entry's street and the regions above it (its path), none without a street.
 */
export async function recordLedgerTotals(manager: EntityManager, entry: TotalsEntry, regionIds: string[]): Promise<void> {
  let deltas = pending.get(manager);
  const fresh = !deltas;
  if (!deltas) {
    deltas = { unit: new Map(), member: new Map() };
    pending.set(manager, deltas);
  }
  const street = entry.streetId ?? '';
  const services = entry.correctsEntryId ? -1 : 1;
  add(deltas.unit, [street, monthKeyOf(entry.occurredAt), entry.unitId ?? ''], entry.serviceMinutes, services);
  if (entry.memberId) {
    for (const period of periodKeysOf(entry.occurredAt)) {
      for (const region of entry.streetId ? regionIds : ['']) add(deltas.member, [period, region, entry.memberId], entry.serviceMinutes, services);
    }
  }
  if (fresh && !beforeCommit(manager, 'ledger-totals', flushLedgerTotals)) await flushLedgerTotals(manager);
}

/** Writes a transaction's merged deltas, in key order. */
export async function flushLedgerTotals(manager: EntityManager): Promise<void> {
  const deltas = pending.get(manager);
  pending.delete(manager);
  if (!deltas) return;
  await upsert(manager, 'ledger_unit_months', ['streetId', 'month', 'unitId'], ['minutes', 'services', 'entries'], [...deltas.unit.values()]);
  await upsert(manager, 'ledger_member_periods', ['period', 'regionId', 'memberId'], ['minutes', 'services'], [...deltas.member.values()]);
}

async function upsert(manager: EntityManager, table: string, keys: string[], sums: Array<'minutes' | 'services' | 'entries'>, deltas: Delta[]): Promise<void> {
  if (!deltas.length) return;
  const sorted = deltas.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] < b.key[i] ? -1 : 1;
    return 0;
  });
  const q = (c: string) => `\`${c}\``;
  const columns = [...keys, ...sums].map(q).join(', ');
  const values = sorted.map(() => `(${[...keys, ...sums].map(() => '?').join(', ')})`).join(', ');
  const params = sorted.flatMap((d) => [...d.key, ...sums.map((c) => d[c])]);
  const update = isSqlite(manager)
    ? ` ON CONFLICT (${keys.map(q).join(', ')}) DO UPDATE SET ${sums.map((c) => `${q(c)} = ${q(c)} + excluded.${q(c)}`).join(', ')}`
    : ` ON DUPLICATE KEY UPDATE ${sums.map((c) => `${q(c)} = ${q(c)} + VALUES(${q(c)})`).join(', ')}`;
  await manager.query(`INSERT INTO \`${table}\` (${columns}) VALUES ${values}${update}`, params);
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
