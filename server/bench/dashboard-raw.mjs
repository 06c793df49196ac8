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
  const { dayStart, termEnd } = serverModule('modules/agreements/agreements.rules.js');
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
    rawAgreements(run, S, s, { dayStart, termEnd }),
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
 * it), each capped at its quantity. One grouped statement per street over its covering index, each agreement's
 * term summed in its own column, only entries credited inside some agreement's subtree; the subtree and community
 * tests per group here.
 */
async function rawAgreements(run, S, s, { dayStart, termEnd }) {
  const rows = await run(
    'SELECT g.id, g.streetId, g.communityId, g.startDate, g.endDate, o.path, c.category, c.quantity FROM agreements g JOIN organisations o ON o.id = g.organisationId ' +
      `JOIN agreement_commitments c ON c.agreementId = g.id WHERE g.status = 'in_force' AND g.streetId IN (${S})`,
    s,
  );
  const inForce = (await run(`SELECT COUNT(*) AS n FROM agreements g WHERE g.status = 'in_force' AND g.streetId IN (${S})`, s))[0].n;
  if (!rows.length) return { inForce: num(inForce), commitments: 0, committed: 0, delivered: 0 };
  const day = (d) => (typeof d === 'string' ? d : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10));
  const agreements = new Map();
  for (const r of rows) if (!agreements.has(r.id)) agreements.set(r.id, { ...r, from: dayStart(day(r.startDate)), to: termEnd(day(r.endDate)) });
  const paths = [...new Set(rows.map((r) => r.path))];
  const orgs = await run(
    `SELECT id, path FROM organisations WHERE ${paths.map(() => 'path LIKE ?').join(' OR ')}`,
    paths.map((p) => `${p}%`),
  );
  const pathOf = new Map(orgs.map((o) => [o.id, o.path]));
  const ids = orgs.map((o) => o.id);
  const byStreet = new Map();
  for (const a of agreements.values()) byStreet.set(a.streetId, [...(byStreet.get(a.streetId) ?? []), a]);
  const net = new Map(); // agreement id → category → net services
  await Promise.all(
    [...byStreet].map(async ([streetId, list]) => {
      const from = new Date(Math.min(...list.map((a) => a.from.getTime())));
      const to = new Date(Math.max(...list.map((a) => a.to.getTime())));
      const columns = list.map((_, i) => `SUM(CASE WHEN e.occurredAt >= ? AND e.occurredAt < ? THEN (CASE WHEN e.correctsEntryId IS NULL THEN 1 ELSE -1 END) ELSE 0 END) AS s${i}`).join(', ');
      const groups = await run(
        `SELECT e.category, e.unitId, e.branchId, e.organisationId, e.communityId, ${columns} FROM ledger_entries e FORCE INDEX (IDX_ledger_entries_street_cover) ` +
          `WHERE e.streetId = ? AND e.occurredAt >= ? AND e.occurredAt < ? AND (e.unitId IN (${q(ids)}) OR e.branchId IN (${q(ids)}) OR e.organisationId IN (${q(ids)})) ` +
          'GROUP BY e.category, e.unitId, e.branchId, e.organisationId, e.communityId',
        [...list.flatMap((a) => [a.from, a.to]), streetId, from, to, ...ids, ...ids, ...ids],
      );
      list.forEach((a, i) => {
        const sums = new Map();
        for (const g of groups) {
          if (a.communityId && g.communityId !== a.communityId) continue;
          if (![g.unitId, g.branchId, g.organisationId].some((id) => id && pathOf.get(id)?.startsWith(a.path))) continue;
          sums.set(g.category, (sums.get(g.category) ?? 0) + num(g[`s${i}`]));
        }
        net.set(a.id, sums);
      });
    }),
  );
  const delivered = rows.reduce((sum, r) => sum + Math.min(r.quantity, Math.max(0, net.get(r.id)?.get(r.category) ?? 0)), 0);
  return { inForce: num(inForce), commitments: rows.length, committed: rows.reduce((sum, r) => sum + r.quantity, 0), delivered };
}
