// The supervision dashboard's every number from hand-written SQL (part 3's "best query we can write" for it): the
// statements a person would write against the same tables and indexes, sent in parallel over a small pool (as the
// route does), the few windows computed with the server's own date helpers. The answer has the route's shape minus
// names and labels, so the bench compares every number, not a handful.
import { serverModule } from './lib/cipher.mjs';

const q = (list) => list.map(() => '?').join(', ');
const CST = 8 * 3600 * 1000;
/** YYYY-MM of a UTC `datetime` column in Beijing, as MariaDB computes it. */
const monthOf = (column) => `DATE_FORMAT(${column} + INTERVAL 8 HOUR, '%Y-%m')`;
const hours = (seconds) => (seconds === null || seconds === undefined ? null : Math.round(Number(seconds) / 36) / 100);
const rate = (n, of) => (of ? Math.round((n / of) * 1000) / 1000 : 0);
const num = (v) => Number(v ?? 0);

/** The parts of a route's answer the comparison covers (names and labels left out). */
export function dashboardNumbers(b) {
  return {
    members: b.members,
    wishes: {
      byState: Object.fromEntries(b.wishes.byState.filter((s) => s.count).map((s) => [s.key, s.count])),
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
  const window = periodOf(String(new Date(now.getTime() + CST).getUTCFullYear()), now);
  const from = window.from;
  const to = window.to < now ? window.to : now;
  const months = monthsEnding(to);
  const first = months[0].from;
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
        `(SELECT COUNT(*) FROM wishes w WHERE w.streetId IN (${S}) AND w.status = 'published' AND w.publishedAt < ?) AS overdueUnclaimed, ` +
        `(SELECT COUNT(*) FROM wishes w WHERE w.streetId IN (${S}) AND w.status = 'claimed' AND w.claimDeadline < ?) AS overdueClaims, ` +
        // Each activity's `attended` is its attendances checked in or out, kept with them.
        `(SELECT COUNT(*) FROM activities a WHERE a.streetId IN (${S}) AND a.status <> 'cancelled' AND a.startAt >= ? AND a.startAt < ?) AS held, ` +
        `(SELECT COALESCE(SUM(a.attended), 0) FROM activities a WHERE a.streetId IN (${S}) AND a.status <> 'cancelled' AND a.startAt >= ? AND a.startAt < ?) AS attendances`,
      [...s, ...s, ...s, ...s, new Date(now.getTime() - overdueDays * 86_400_000), ...s, now, ...s, from, to, ...s, from, to],
    ),
    run(`SELECT w.status, COUNT(*) AS n FROM wishes w WHERE w.streetId IN (${S}) AND w.createdAt >= ? AND w.createdAt < ? GROUP BY w.status`, [...s, from, to]),
    // MariaDB's MEDIAN (PERCENTILE_CONT 0.5: the mean of the two middle values for an even count, as the route's).
    run(
      `SELECT (SELECT DISTINCT MEDIAN(TIMESTAMPDIFF(SECOND, w.publishedAt, w.claimedAt)) OVER () FROM wishes w WHERE w.streetId IN (${S}) AND w.publishedAt IS NOT NULL AND w.claimedAt >= ? AND w.claimedAt < ?) AS toClaim, ` +
        `(SELECT DISTINCT MEDIAN(TIMESTAMPDIFF(SECOND, w.claimedAt, w.fulfilledAt)) OVER () FROM wishes w WHERE w.streetId IN (${S}) AND w.claimedAt IS NOT NULL AND w.fulfilledAt >= ? AND w.fulfilledAt < ?) AS toFulfil`,
      [...s, from, to, ...s, from, to],
    ),
    run(
      `SELECT x.month, SUM(x.posted) AS posted, SUM(x.fulfilled) AS fulfilled FROM (` +
        `SELECT ${monthOf('w.publishedAt')} AS month, COUNT(*) AS posted, 0 AS fulfilled FROM wishes w WHERE w.streetId IN (${S}) AND w.publishedAt >= ? GROUP BY 1 ` +
        `UNION ALL SELECT ${monthOf('w.fulfilledAt')}, 0, COUNT(*) FROM wishes w WHERE w.streetId IN (${S}) AND w.fulfilledAt >= ? GROUP BY 1) x GROUP BY x.month`,
      [...s, first, ...s, first],
    ),
    // The ledger's rollups: minutes per street, month and unit; members' net services per period and region.
    run(`SELECT t.month, SUM(t.minutes) AS minutes FROM ledger_unit_months t WHERE t.streetId IN (${S}) AND t.month IN (${K}) GROUP BY t.month`, [...s, ...monthKeys]),
    run('SELECT COUNT(*) AS n FROM ledger_member_periods t WHERE t.period = ? AND t.regionId = ? AND t.services > 0', [year, regionId]),
    run(
      `SELECT t.unitId, SUM(t.minutes) AS minutes, SUM(t.services) AS services FROM ledger_unit_months t WHERE t.streetId IN (${S}) AND t.month IN (${q(monthKeys.filter((k) => k.startsWith(year)))}) AND t.unitId <> '' ` +
        `GROUP BY t.unitId HAVING SUM(t.entries) > 0 ORDER BY minutes DESC, t.unitId ASC LIMIT ${Number(top)}`,
      [...s, ...monthKeys.filter((k) => k.startsWith(year))],
    ),
    Promise.all(
      periods.map((p) => {
        const deadline = deadlineOf(p.key, { deadlineH1: '07-15', deadlineH2: '01-15' });
        const passed = now >= deadline.at;
        return run(
          `SELECT COUNT(*) AS members, SUM(r.firstSubmittedAt IS NOT NULL) AS submitted, SUM(r.status = 'approved') AS approved, ` +
            `SUM(CASE WHEN r.firstSubmittedAt >= ? THEN 1 WHEN r.firstSubmittedAt IS NULL AND ${passed ? 1 : 0} THEN 1 ELSE 0 END) AS late ` +
            'FROM (SELECT t.memberId FROM ledger_member_periods t WHERE t.period = ? AND t.regionId = ? AND t.services > 0) t ' +
            'LEFT JOIN member_reports r ON r.memberId = t.memberId AND r.period = ?',
          [deadline.at, p.key, regionId, p.key],
        ).then((rows) => ({ period: p, row: rows[0] }));
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
      byState: Object.fromEntries(byState.map((r) => [r.status, num(r.n)])),
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
