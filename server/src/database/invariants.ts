import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { WISH_ROLLUPS_DEFINITION } from './migrations/wish-rollups-backfill';
import { histogramSql, storedDurationSql, type WishDurationKind } from './migrations/wish-durations-backfill';
import { LEDGER_TOTALS_DEFINITION } from './migrations/ledger-totals-backfill';
import { agreementDeliveriesFromEntries } from './migrations/agreement-deliveries-backfill';

/** States in which a wish has exactly one live claim, its current one. */
const CLAIMED_STATES = ['claimed', 'fulfilled', 'disputed'];

/**
 * The keys at which a kept rollup and its recount disagree, with both values (`absent` where one has no row): the
 * one comparison behind each rollup check below.
 */
function differences(kept: Map<string, string>, counted: Map<string, string>, absent: string): Array<[key: string, kept: string, counted: string]> {
  const out: Array<[string, string, string]> = [];
  for (const key of new Set([...kept.keys(), ...counted.keys()])) {
    const k = kept.get(key) ?? absent;
    const c = counted.get(key) ?? absent;
    if (k !== c) out.push([key, k, c]);
  }
  return out;
}

/**
 * The invariants a crash, a restore or a bug must not break, checked over the whole database (after a kill -9, or
 * on a restored backup: `cli.js check`). Returns what is wrong, one line each; empty when all hold.
 * - one live claim per wish, and a claimed/fulfilled/disputed wish's current claim is that live claim;
 * - every wish change has its timeline entry: the entries chain from the first state to the wish's present one;
 * - one wish credit in the ledger per confirmed wish (corrections aside), none for any other wish;
 * - every wish's stored durations (secondsToClaim, secondsToFulfil) equal those of its timestamps, and the
 *   histogram wish_duration_buckets counts them (the dashboard's medians);
 * - every activity's `attended` equals its attendances checked in or out (the dashboard sums it);
 * - the wishes' rollups (wish_state_months, wish_event_months) equal their GROUP BY over the wishes (zero rows aside);
 * - the ledger's rollups (ledger_unit_months, ledger_member_periods) equal their GROUP BY over the entries: the
 *   street rows against the entries, each region's rows against the street rows below it (so, those being right,
 *   against the entries too), and no row more;
 * - agreement_deliveries equals the agreements' delivery counted from the ledger's entries (rows of zeros aside);
 * - every upload row has its image and thumbnail in local storage (`uploadDir`; skipped for S3), and every photo a
 *   wish shows is a stored upload.
 */
export async function checkInvariants(dataSource: DataSource, uploadDir: string | null): Promise<string[]> {
  const problems: string[] = [];
  const q = (sql: string) => dataSource.query<Record<string, unknown>[]>(sql);

  for (const row of await q('SELECT liveWishId AS id, COUNT(*) AS n FROM wish_claims WHERE liveWishId IS NOT NULL GROUP BY liveWishId HAVING COUNT(*) > 1')) {
    problems.push(`wish ${row.id}: ${row.n} live claims`);
  }
  const wishes = (await q('SELECT id, status, currentClaimId FROM wishes')) as { id: string; status: string; currentClaimId: string | null }[];
  const live = new Map(((await q('SELECT id, liveWishId FROM wish_claims WHERE liveWishId IS NOT NULL')) as { id: string; liveWishId: string }[]).map((c) => [c.liveWishId, c.id]));
  for (const w of wishes) {
    if (CLAIMED_STATES.includes(w.status) && (!w.currentClaimId || live.get(w.id) !== w.currentClaimId))
      problems.push(`wish ${w.id} (${w.status}): current claim ${w.currentClaimId} is not its live claim`);
  }

  const events = (await q("SELECT subjectId, fromStatus, toStatus FROM timeline_events WHERE subjectType = 'wish' ORDER BY createdAt, id")) as {
    subjectId: string;
    fromStatus: string | null;
    toStatus: string | null;
  }[];
  const bySubject = new Map<string, typeof events>();
  for (const e of events) if (e.toStatus && e.fromStatus !== e.toStatus) bySubject.set(e.subjectId, [...(bySubject.get(e.subjectId) ?? []), e]);
  for (const w of wishes) {
    const left = [...(bySubject.get(w.id) ?? [])];
    let state: string | null = null;
    while (left.length) {
      const next = left.findIndex((e) => e.fromStatus === state);
      if (next < 0) break;
      state = left.splice(next, 1)[0].toStatus;
    }
    if (left.length || state !== w.status)
      problems.push(`wish ${w.id} (${w.status}): its timeline ends at ${state ?? 'nothing'}${left.length ? ` with ${left.length} entries that do not chain` : ''}`);
  }

  const credits = new Map(
    ((await q("SELECT sourceId AS id, COUNT(*) AS n FROM ledger_entries WHERE sourceType = 'wish' AND correctsEntryId IS NULL GROUP BY sourceId")) as { id: string; n: number }[]).map((r) => [
      r.id,
      Number(r.n),
    ]),
  );
  for (const w of wishes) {
    const expected = w.status === 'confirmed' ? 1 : 0;
    if ((credits.get(w.id) ?? 0) !== expected) problems.push(`wish ${w.id} (${w.status}): ${credits.get(w.id) ?? 0} ledger credits, expected ${expected}`);
  }

  for (const row of await q(
    "SELECT a.id AS id, a.attended AS attended, (SELECT COUNT(*) FROM activity_attendances t WHERE t.activityId = a.id AND t.status IN ('checked_in', 'checked_out')) AS n FROM activities a",
  )) {
    if (Number(row.attended) !== Number(row.n)) problems.push(`activity ${row.id}: attended ${row.attended}, ${row.n} attendances checked in or out`);
  }

  const dialect = dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  // The wishes' rollups: each non-zero row as the GROUP BY over the wishes computes it, and no other.
  for (const d of WISH_ROLLUPS_DEFINITION(dialect)) {
    const rowsOf = (rows: Record<string, unknown>[]) =>
      new Map(rows.map((r) => Object.values(r)).map((v) => [v.slice(0, d.keys.length).map(String).join(' '), v.slice(d.keys.length).map(Number).join(' ')]));
    const kept = rowsOf(await q(`SELECT ${[...d.keys, ...d.sums].map((c) => `\`${c}\``).join(', ')} FROM \`${d.table}\` WHERE ${d.sums.map((c) => `\`${c}\` <> 0`).join(' OR ')}`));
    const zero = d.sums.map(() => 0).join(' ');
    for (const [key, k, c] of differences(kept, rowsOf(await q(d.select)), zero)) problems.push(`${d.table} ${key}: ${d.sums.join(' ')} ${k}, the wishes say ${c}`);
  }
  // The wishes' stored durations and their histogram (the dashboard's medians; modules/wishes/wish-durations.ts).
  const differs = (column: string, kind: WishDurationKind) => `((${column} IS NULL) <> ((${storedDurationSql(dialect, kind)}) IS NULL) OR ${column} <> (${storedDurationSql(dialect, kind)}))`;
  for (const w of await q(`SELECT id, secondsToClaim, secondsToFulfil FROM wishes WHERE ${differs('secondsToClaim', 'claim')} OR ${differs('secondsToFulfil', 'fulfil')}`)) {
    problems.push(`wish ${w.id}: stored durations ${w.secondsToClaim}/${w.secondsToFulfil} differ from its timestamps'`);
  }
  const histogram = (rows: Record<string, unknown>[]) => new Map(rows.map((r) => [`${r.kind} ${r.year} ${r.streetId} ${r.bucket}`, String(Number(r.n))]));
  for (const [key, k, c] of differences(histogram(await q('SELECT kind, year, streetId, bucket, n FROM wish_duration_buckets WHERE n <> 0')), histogram(await q(histogramSql(dialect))), '0'))
    problems.push(`wish_duration_buckets ${key}: ${k}, the wishes have ${c}`);
  const definition = LEDGER_TOTALS_DEFINITION(dataSource.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql');
  for (const table of [...new Set(definition.map((d) => d.table))]) {
    let computed = 0;
    for (const { keys, sums, select } of definition.filter((d) => d.table === table)) {
      const rows = await q(
        `SELECT COUNT(*) AS n, SUM(CASE WHEN ${sums.map((c) => `\`t\`.\`${c}\` = \`x\`.\`${c}\``).join(' AND ')} THEN 0 ELSE 1 END) AS wrong FROM (${select}) \`x\` ` +
          `LEFT JOIN \`${table}\` \`t\` ON ${keys.map((c) => `\`t\`.\`${c}\` = \`x\`.\`${c}\``).join(' AND ')}`,
      );
      computed += Number(rows[0].n);
      if (Number(rows[0].wrong)) problems.push(`${table}: ${rows[0].wrong} rows differ from their GROUP BY (${select.slice(0, 80)}…)`);
    }
    // Every computed row is kept (a missing one compares with NULL: wrong); then no kept row is more.
    const kept = Number((await q(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
    if (kept !== computed) problems.push(`${table}: ${kept} rows kept, ${computed} computed from the entries`);
  }
  const deliveries = (list: ReadonlyArray<object>) => {
    const rows = new Map<string, string>();
    for (const r of list as Array<Record<string, unknown>>) {
      const sums = [r.services, r.minutes, r.valueYuan].map(Number);
      if (sums.some((n) => n !== 0)) rows.set(`${r.agreementId} ${r.category}`, sums.join('/'));
    }
    return rows;
  };
  const delivered = deliveries(await q('SELECT agreementId, category, services, minutes, valueYuan FROM agreement_deliveries'));
  const countedDelivery = deliveries(await agreementDeliveriesFromEntries((sql, params) => dataSource.query(sql, params), dialect));
  for (const [key, k, c] of differences(delivered, countedDelivery, 'none')) problems.push(`agreement delivery ${key}: kept ${k}, counted from the entries ${c} (services/minutes/value)`);

  const uploads = (await q('SELECT id, storageKey, thumbnailKey, attachedTo FROM uploads')) as { id: string; storageKey: string; thumbnailKey: string; attachedTo: string | null }[];
  if (uploadDir) {
    for (const u of uploads) {
      for (const key of [u.storageKey, u.thumbnailKey]) if (!existsSync(join(uploadDir, key))) problems.push(`upload ${u.id}: ${key} is missing from storage`);
    }
  }
  const wishIds = new Set(wishes.map((w) => w.id));
  for (const u of uploads) {
    if (u.attachedTo?.startsWith('wish:') && !wishIds.has(u.attachedTo.slice('wish:'.length))) problems.push(`upload ${u.id}: attached to a wish that does not exist`);
  }
  return problems;
}
