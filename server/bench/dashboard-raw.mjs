// The supervision dashboard's every number from hand-written SQL (part 3's "best query we can write" for it): the
// statements a person would write against the same tables and indexes, sent in parallel over a small pool (as the
// route does), the few windows computed with the server's own date helpers. The answer has the route's shape minus
// names and labels, so the bench compares every number, not a handful.
import { serverModule, serverRequire } from './lib/cipher.mjs';

const q = (list) => list.map(() => '?').join(', ');
const CST = 8 * 3600 * 1000;
const hours = (seconds) => (seconds === null || seconds === undefined ? null : Math.round(Number(seconds) / 36) / 100);
const rate = (n, of) => (of ? Math.round((n / of) * 1000) / 1000 : 0);
const num = (v) => Number(v ?? 0);
/** YYYY-MM of the Beijing month containing `at`, and the instant that month ends. */
const monthKey = (at) => {
  const l = new Date(at.getTime() + CST);
  return `${l.getUTCFullYear()}-${String(l.getUTCMonth() + 1).padStart(2, '0')}`;
};
const monthEnd = (at) => {
  const l = new Date(at.getTime() + CST);
  return new Date(Date.UTC(l.getUTCFullYear(), l.getUTCMonth() + 1, 1) - CST);
};

/** The parts of a route's answer the comparison covers (names and labels left out). */
/** An object of [key, value] pairs in key order (the comparison is of numbers, not of the order rows came in). */
const byKey = (pairs) => Object.fromEntries([...pairs].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));

export function dashboardNumbers(b) {
  return {
    members: b.members,
    wishes: {
      // By state in key order: the comparison is of numbers, not of the order rows come in.
      byState: byKey(b.wishes.byState.filter((s) => s.count).map((s) => [s.key, s.count])),
      total: b.wishes.total,
      medianHoursToClaim: b.wishes.medianHoursToClaim,
      medianHoursToFulfil: b.wishes.medianHoursToFulfil,
      overdueUnclaimed: b.wishes.overdueUnclaimed,
      overdueClaims: b.wishes.overdueClaims,
    },
    activities: b.activities,
    reports: b.reports.map((p) => ({
      key: p.key,
      members: p.members,
      submitted: p.submitted,
      approved: p.approved,
      late: p.late,
      submissionRate: p.submissionRate,
      approvalRate: p.approvalRate,
      lateRate: p.lateRate,
    })),
    agreements: b.agreements,
    ranking: b.ranking.map((u) => ({ unitId: u.unitId, minutes: u.minutes, services: u.services })),
    monthly: b.monthly,
  };
}

/**
 * Every number of the dashboard for these streets, this year to `now`, by hand-written SQL on `pool` (mysql2).
 * `overdueDays` and the report deadlines are the server's defaults.
 */
export async function rawDashboard(pool, streetIds, regionId, now, { overdueDays = 7, top = 10 } = {}) {
  const { periodOf } = serverModule('modules/ledger/ledger.period.js');
  const { monthsEnding } = serverModule('common/supervision/dashboard.js');
  const { recentHalfYears, deadlineOf } = serverModule('modules/reports/reports.deadlines.js');
  const { WISH_STATUSES: WISH_STATES } = serverRequire('@nuancheng/shared');
  const window = periodOf(String(new Date(now.getTime() + CST).getUTCFullYear()), now);
  const from = window.from;
  const to = window.to < now ? window.to : now;
  const months = monthsEnding(to);
  const S = q(streetIds);
  const s = streetIds;
  const run = async (sql, params) => (await pool.query(sql, params))[0];
  const periods = recentHalfYears(now);
  const year = String(new Date(from.getTime() + CST).getUTCFullYear());
  // The months the ledger's rollup is read for: the year's to now and the monthly series' (entries lie in the past).
  const monthKeys = [...new Set([...months.filter((m) => m.from >= from).map((m) => m.key), ...months.map((m) => m.key)])];
  const K = q(monthKeys);
  const [counts, byState, medians, monthlyWishes, ledgerMonths, served, ranking, reports, agreements] = await Promise.all([
    run(
      `SELECT (SELECT COUNT(*) FROM members m JOIN regions c ON c.id = m.residenceCommunityId WHERE c.parentId IN (${S})) AS onRoster, ` +
        `(SELECT COUNT(*) FROM registrations r JOIN members m ON m.id = r.memberId JOIN regions c ON c.id = m.residenceCommunityId WHERE r.status = 'confirmed' AND c.parentId IN (${S})) AS residentsRegistered, ` +
        `(SELECT COUNT(*) FROM registrations r WHERE r.status = 'confirmed' AND r.streetId IN (${S})) AS registered, ` +
        // The wishes' rollup: the streets' published (claimed) wishes, less those published since the cut-off (claims not yet due).
        `(SELECT COALESCE(SUM(t.wishes), 0) FROM wish_state_months t WHERE t.streetId IN (${S}) AND t.status = 'published') - ` +
        `(SELECT COUNT(*) FROM wishes w WHERE w.streetId IN (${S}) AND w.status = 'published' AND (w.publishedAt >= ? OR w.publishedAt IS NULL)) AS overdueUnclaimed, ` +
        `(SELECT COALESCE(SUM(t.wishes), 0) FROM wish_state_months t WHERE t.streetId IN (${S}) AND t.status = 'claimed') - ` +
        `(SELECT COUNT(*) FROM wishes w FORCE INDEX (IDX_wishes_street_deadline) WHERE w.streetId IN (${S}) AND w.status = 'claimed' AND (w.claimDeadline >= ? OR w.claimDeadline IS NULL)) AS overdueClaims, ` +
        // Each activity's `attended` is its attendances checked in or out, kept with them.
        `(SELECT COUNT(*) FROM activities a WHERE a.streetId IN (${S}) AND a.status <> 'cancelled' AND a.startAt >= ? AND a.startAt < ?) AS held, ` +
        `(SELECT COALESCE(SUM(a.attended), 0) FROM activities a WHERE a.streetId IN (${S}) AND a.status <> 'cancelled' AND a.startAt >= ? AND a.startAt < ?) AS attendances`,
      [...s, ...s, ...s, ...s, ...s, new Date(now.getTime() - overdueDays * 86_400_000), ...s, ...s, now, ...s, from, to, ...s, from, to],
    ),
    // The wishes' rollup: the window's months by current status, less the wishes entered from `to` to its last month's end.
    run(
      `SELECT x.status, SUM(x.n) AS n FROM (SELECT t.status, t.wishes AS n FROM wish_state_months t WHERE t.streetId IN (${S}) AND t.status IN (${q(WISH_STATES)}) AND t.month >= ? AND t.month <= ? ` +
        `UNION ALL SELECT w.status, -1 FROM wishes w WHERE w.streetId IN (${S}) AND w.createdAt >= ? AND w.createdAt < ?) x GROUP BY x.status HAVING SUM(x.n) <> 0`,
      [...s, ...WISH_STATES, monthKey(from), monthKey(new Date(to.getTime() - 1)), ...s, to, monthEnd(new Date(to.getTime() - 1))],
    ),
    // The stored durations' histogram for the year less the values after `to`, then the middle values by index order within their buckets.
    Promise.all([rawMedian(run, 'claim', S, s, from, to), rawMedian(run, 'fulfil', S, s, from, to)]).then(([toClaim, toFulfil]) => [{ toClaim, toFulfil }]),
    // The wishes' rollup: publications and fulfilments per street and Beijing month (whole months).
    run(`SELECT t.month, SUM(t.posted) AS posted, SUM(t.fulfilled) AS fulfilled FROM wish_event_months t WHERE t.streetId IN (${S}) AND t.month >= ? AND t.month <= ? GROUP BY t.month`, [
      ...s,
      months[0].key,
      months.at(-1).key,
    ]),
    // The ledger's rollups at the one region the streets make up (a street, a district, the city): minutes per
    // month and unit; members' net services per period (one row per member).
    run('SELECT t.month, SUM(t.minutes) AS minutes FROM ledger_unit_months t WHERE t.regionId = ? AND t.month IN (' + K + ') GROUP BY t.month', [regionId, ...monthKeys]),
    run('SELECT COUNT(*) AS n FROM ledger_member_periods t WHERE t.period = ? AND t.regionId = ? AND t.services > 0', [year, regionId]),
    run(
      `SELECT t.unitId, SUM(t.minutes) AS minutes, SUM(t.services) AS services FROM ledger_unit_months t WHERE t.regionId = ? AND t.month IN (${q(monthKeys.filter((k) => k.startsWith(year)))}) AND t.unitId <> '' ` +
        `GROUP BY t.unitId HAVING SUM(t.entries) > 0 ORDER BY minutes DESC, t.unitId ASC LIMIT ${Number(top)}`,
      [regionId, ...monthKeys.filter((k) => k.startsWith(year))],
    ),
    Promise.all(
      periods.map((p) => {
        const deadline = deadlineOf(p.key, { deadlineH1: '07-15', deadlineH2: '01-15' });
        const passed = now >= deadline.at;
        // The members served counted from the rollup; the reports of the period (fewer than the members served)
        // each probing its key. Late: a first submission from the deadline, or none once it has passed.
        return run(
          'SELECT (SELECT COUNT(*) FROM ledger_member_periods t WHERE t.period = ? AND t.regionId = ? AND t.services > 0) AS members, ' +
            "COALESCE(SUM(r.firstSubmittedAt IS NOT NULL), 0) AS submitted, COALESCE(SUM(r.status = 'approved'), 0) AS approved, COALESCE(SUM(r.firstSubmittedAt >= ?), 0) AS lateSubmitted " +
            'FROM member_reports r WHERE r.period = ? AND EXISTS (SELECT 1 FROM ledger_member_periods t WHERE t.period = r.period AND t.regionId = ? AND t.memberId = r.memberId AND t.services > 0)',
          [p.key, regionId, deadline.at, p.key, regionId],
        ).then(([row]) => ({ period: p, row: { ...row, late: num(row.lateSubmitted) + (passed ? num(row.members) - num(row.submitted) : 0) } }));
      }),
    ),
    rawAgreements(run, S, s),
  ]);
  const c = counts[0];
  const minutesByMonth = new Map(ledgerMonths.map((r) => [r.month, num(r.minutes)]));
  const wishMonths = new Map(monthlyWishes.map((r) => [r.month, r]));
  // The window's minutes: the months of the year up to now (the window starts on 1 January and entries lie in the past).
  const windowMinutes = monthKeys.filter((k) => k.startsWith(year)).reduce((sum, k) => sum + (minutesByMonth.get(k) ?? 0), 0);
  const membersServed = num(served[0].n);
  const total = byState.reduce((sum, r) => sum + num(r.n), 0);
  return {
    members: { onRoster: num(c.onRoster), residentsRegistered: num(c.residentsRegistered), registered: num(c.registered) },
    wishes: {
      byState: byKey(byState.map((r) => [r.status, num(r.n)])),
      total,
      medianHoursToClaim: hours(medians[0].toClaim),
      medianHoursToFulfil: hours(medians[0].toFulfil),
      overdueUnclaimed: num(c.overdueUnclaimed),
      overdueClaims: num(c.overdueClaims),
    },
    activities: { held: num(c.held), attendances: num(c.attendances), minutes: windowMinutes, membersServed, minutesPerMember: membersServed ? Math.round(windowMinutes / membersServed) : 0 },
    reports: reports.map(({ period, row }) => {
      const [members, submitted, approved, late] = [num(row.members), num(row.submitted), num(row.approved), num(row.late)];
      return { key: period.key, members, submitted, approved, late, submissionRate: rate(submitted, members), approvalRate: rate(approved, submitted), lateRate: rate(late, members) };
    }),
    agreements,
    ranking: ranking.map((r) => ({ unitId: r.unitId, minutes: num(r.minutes), services: num(r.services) })),
    monthly: months.map((m) => ({ month: m.key, wishesPosted: num(wishMonths.get(m.key)?.posted), wishesFulfilled: num(wishMonths.get(m.key)?.fulfilled), minutes: minutesByMonth.get(m.key) ?? 0 })),
  };
}

/**
 * Agreements in force, their commitments and what was delivered against each (net services of the category in the
 * agreement's street — and community, when it names one — within its term, credited to the unit or anything under
 * it), each capped at its quantity: delivery is kept per agreement and category in agreement_deliveries, so one
 * statement over the agreements in force (street index), their commitments and those rows (primary keys).
 */
/**
 * The exact median of a wish duration ('claim': publishedAt → claimedAt, 'fulfil': claimedAt → fulfilledAt) over the
 * streets' wishes whose end time lies in [from, to) (from: 1 January in Beijing): the year's histogram
 * (wish_duration_buckets) less the year's values after `to`; then the middle value(s) read in
 * duration order from (streetId, duration, time) within the middle buckets.
 */
async function rawMedian(run, kind, S, s, from, to) {
  const { bucketSql, bucketStart } = serverModule('database/migrations/wish-durations-backfill.js');
  const [column, start, at] = kind === 'claim' ? ['secondsToClaim', 'publishedAt', 'claimedAt'] : ['secondsToFulfil', 'claimedAt', 'fulfilledAt'];
  const year = new Date(from.getTime() + CST).getUTCFullYear();
  const yearEnd = new Date(Date.UTC(year + 1, 0, 1) - CST);
  // The histogram and the values after `to` (from the time index alone) in parallel.
  const [histogram, after] = await Promise.all([
    run(`SELECT bucket AS b, SUM(n) AS n FROM wish_duration_buckets WHERE kind = ? AND year = ? AND streetId IN (${S}) GROUP BY bucket`, [kind, year, ...s]),
    run(
      `SELECT ${bucketSql('mysql', `TIMESTAMPDIFF(SECOND, w.${start}, w.${at})`)} AS b, -COUNT(*) AS n FROM wishes w FORCE INDEX (IDX_wishes_street_${kind === 'claim' ? 'claimed' : 'fulfilled'}) ` +
        `WHERE w.streetId IN (${S}) AND w.${at} >= ? AND w.${at} < ? AND w.${start} IS NOT NULL GROUP BY 1`,
      [...s, to, yearEnd],
    ),
  ]);
  const sums = new Map();
  for (const r of [...histogram, ...after]) sums.set(num(r.b), (sums.get(num(r.b)) ?? 0) + num(r.n));
  const buckets = [...sums]
    .filter(([, n]) => n > 0)
    .sort((x, y) => x[0] - y[0])
    .map(([b, n]) => ({ b, n }));
  const total = buckets.reduce((sum, r) => sum + num(r.n), 0);
  if (!total) return null;
  const ranks = total % 2 ? [(total - 1) / 2] : [total / 2 - 1, total / 2];
  const find = (rank) => {
    let below = 0;
    for (const r of buckets) {
      if (below + num(r.n) > rank) return { b: num(r.b), below };
      below += num(r.n);
    }
  };
  const [lo, hi] = [find(ranks[0]), find(ranks.at(-1))];
  const low = bucketStart(lo.b);
  const rows = await run(
    `SELECT w.${column} AS v FROM wishes w FORCE INDEX (IDX_wishes_street_to_${kind}) WHERE w.streetId IN (${S}) AND ${low === null ? `w.${column} IS NOT NULL` : `w.${column} >= ?`} AND w.${column} < ? ` +
      `AND w.${at} >= ? AND w.${at} < ? ORDER BY w.${column} LIMIT ${ranks.length} OFFSET ${ranks[0] - lo.below}`,
    [...s, ...(low === null ? [] : [low]), bucketStart(hi.b + 1), from, to],
  );
  return rows.length === 1 ? num(rows[0].v) : (num(rows[0].v) + num(rows[1].v)) / 2;
}

async function rawAgreements(run, S, s) {
  const [row] = await run(
    'SELECT COUNT(DISTINCT g.id) AS inForce, COUNT(c.id) AS commitments, COALESCE(SUM(c.quantity), 0) AS committed, ' +
      'COALESCE(SUM(LEAST(c.quantity, GREATEST(0, COALESCE(d.services, 0)))), 0) AS delivered FROM agreements g ' +
      'LEFT JOIN agreement_commitments c ON c.agreementId = g.id LEFT JOIN agreement_deliveries d ON d.agreementId = g.id AND d.category = c.category ' +
      `WHERE g.status = 'in_force' AND g.streetId IN (${S})`,
    s,
  );
  return { inForce: num(row.inForce), commitments: num(row.commitments), committed: num(row.committed), delivered: num(row.delivered) };
}
