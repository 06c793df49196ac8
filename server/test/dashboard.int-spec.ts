import type { Dashboard } from '@nuancheng/shared';
import { In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../src/config/config';
import { AgreementCommitmentEntity } from '../src/modules/agreements/agreement-commitment.entity';
import { AgreementEntity } from '../src/modules/agreements/agreement.entity';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { periodOf } from '../src/modules/ledger/ledger.service';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { RegionEntity } from '../src/modules/regions/region.entity';
import { deadlineOf, recentHalfYears } from '../src/modules/reports/reports.deadlines';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { rebuildWishRollups } from '../src/modules/wishes/wish-rollups';
import { Factory } from './medium/factories';
import { LedgerFactory } from './medium/report-factories';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { rebuildWishDurations } from '../src/modules/wishes/wish-durations';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CST = 8 * HOUR;

/**
 * 督导看板 over HTTP on the demo city plus rows made here with the medium factories: every number on the street's
 * and the city's dashboard equals a count written by hand over the tables (plain SQL, or rows read and counted
 * here — never the modules' queries), and the scope is refused to an official of another street, to a member and
 * for a community.
 */
describe(`supervision dashboard (${TEST_DB})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = async (persona: string) => (tokens[persona] ??= await t.signIn(`dev:${persona}`));
  const dashboard = async (persona: string, query = '') => t.request<Dashboard>('GET', `/api/supervision/dashboard${query}`, { token: await as(persona) });
  let huifeng: RegionEntity;
  let chezhan: RegionEntity;
  let city: RegionEntity;
  const config = () => t.app.get<AppConfig>(APP_CONFIG);

  /** A scalar from a hand-written statement. */
  const one = async (sql: string, params: unknown[]): Promise<number> => {
    const rows: Array<Record<string, unknown>> = await t.dataSource.query(sql, params);
    return Number(Object.values(rows[0] ?? {})[0] ?? 0);
  };
  const d = (date: Date) => (TEST_DB === 'sqlite' ? date.toISOString().replace('T', ' ').replace('Z', '') : date);
  const ins = (ids: string[]) => ids.map(() => '?').join(', ');
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    if (!s.length) return null;
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };

  async function streetsOf(region: RegionEntity): Promise<string[]> {
    const rows = await t.dataSource.getRepository(RegionEntity).find({ where: { level: 'street' } });
    return rows.filter((r) => r.path.startsWith(region.path)).map((r) => r.id);
  }

  /** Every number of the dashboard, counted by hand for the same streets, window and clock. */
  async function expected(streets: string[], b: Dashboard) {
    const now = new Date(b.generatedAt);
    const from = new Date(b.from);
    const to = new Date(b.to);
    const S = ins(streets);
    const wishes = await t.dataSource.getRepository(WishEntity).find({ where: { streetId: In(streets) } });
    const inWindow = (x: Date | null) => !!x && x >= from && x < to;
    const entries = await t.dataSource.getRepository(LedgerEntryEntity).find({ where: { streetId: In(streets) } });
    const net = (rows: LedgerEntryEntity[]) => rows.reduce((n, e) => n + (e.correctsEntryId ? -1 : 1), 0);
    const servedIn = (a: Date, z: Date) => {
      const byMember = new Map<string, LedgerEntryEntity[]>();
      for (const e of entries) if (e.memberId && e.occurredAt >= a && e.occurredAt < z) byMember.set(e.memberId, [...(byMember.get(e.memberId) ?? []), e]);
      return [...byMember].filter(([, rows]) => net(rows) > 0).map(([id]) => id);
    };
    const yearEntries = entries.filter((e) => inWindow(e.occurredAt));
    const minutes = yearEntries.reduce((n, e) => n + e.serviceMinutes, 0);
    const served = servedIn(from, to).length;

    const reports = [];
    for (const period of recentHalfYears(now)) {
      const deadline = deadlineOf(period.key, config().reports);
      const members = servedIn(period.from, period.to);
      const rows: Array<{ memberId: string; status: string; firstSubmittedAt: Date | string | null }> = members.length
        ? await t.dataSource.query(`SELECT \`memberId\`, \`status\`, \`firstSubmittedAt\` FROM \`member_reports\` WHERE \`period\` = ? AND \`memberId\` IN (${ins(members)})`, [period.key, ...members])
        : [];
      const at = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`));
      const byMember = new Map(rows.map((r) => [r.memberId, { status: r.status, first: at(r.firstSubmittedAt) }]));
      const submitted = members.filter((m) => byMember.get(m)?.first).length;
      const approved = members.filter((m) => byMember.get(m)?.status === 'approved').length;
      const late = members.filter((m) => {
        const first = byMember.get(m)?.first;
        return first ? first >= deadline.at : now >= deadline.at;
      }).length;
      reports.push({ key: period.key, members: members.length, submitted, approved, late });
    }

    // Agreements in force and delivery: the partner's (its subtree's) live credits less corrections, by category,
    // in the agreement's street (and community) and term, summed per commitment up to its quantity.
    const agreements = await t.dataSource.getRepository(AgreementEntity).find({ where: { streetId: In(streets), status: 'in_force' } });
    const commitments = agreements.length ? await t.dataSource.getRepository(AgreementCommitmentEntity).find({ where: { agreementId: In(agreements.map((a) => a.id)) } }) : [];
    const orgs = new Map((await t.dataSource.getRepository(OrganisationEntity).find()).map((o) => [o.id, o]));
    let delivered = 0;
    for (const c of commitments) {
      const a = agreements.find((x) => x.id === c.agreementId)!;
      const path = orgs.get(a.organisationId)!.path;
      const start = new Date(Date.parse(`${a.startDate}T00:00:00Z`) - CST);
      const end = new Date(Date.parse(`${a.endDate}T00:00:00Z`) - CST + DAY);
      const services = entries
        .filter((e) => e.streetId === a.streetId && (!a.communityId || e.communityId === a.communityId) && e.category === c.category && e.occurredAt >= start && e.occurredAt < end)
        .filter((e) => [e.unitId, e.branchId, e.organisationId].some((id) => id && orgs.get(id)?.path.startsWith(path)))
        .reduce((n, e) => n + (e.correctsEntryId ? -1 : 1), 0);
      delivered += Math.min(c.quantity, Math.max(0, services));
    }

    const units = new Map<string, { minutes: number; services: number }>();
    for (const e of yearEntries) {
      if (!e.unitId) continue;
      const u = units.get(e.unitId) ?? { minutes: 0, services: 0 };
      u.minutes += e.serviceMinutes;
      u.services += e.correctsEntryId ? -1 : 1;
      units.set(e.unitId, u);
    }
    const ranking = [...units]
      .map(([unitId, u]) => ({ unitId, ...u, name: orgs.get(unitId)?.name ?? '' }))
      .sort((a, z) => z.minutes - a.minutes || (a.unitId < z.unitId ? -1 : 1))
      .slice(0, 10);

    const inMonth = (x: Date | null, m: string) => {
      if (!x) return false;
      const local = new Date(x.getTime() + CST);
      return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}` === m;
    };
    const states = new Map<string, number>();
    for (const w of wishes.filter((w) => inWindow(w.createdAt))) states.set(w.status, (states.get(w.status) ?? 0) + 1);
    const hours = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000 / 36) / 100);

    return {
      members: {
        onRoster: await one('SELECT COUNT(*) FROM `members` WHERE `residenceCommunityId` IN (SELECT `id` FROM `regions` WHERE `level` = ? AND `parentId` IN (' + S + '))', ['community', ...streets]),
        residentsRegistered: await one(
          'SELECT COUNT(*) FROM `members` `m` WHERE `m`.`residenceCommunityId` IN (SELECT `id` FROM `regions` WHERE `parentId` IN (' +
            S +
            ")) AND EXISTS (SELECT 1 FROM `registrations` `r` WHERE `r`.`memberId` = `m`.`id` AND `r`.`status` = 'confirmed')",
          streets,
        ),
        registered: await one("SELECT COUNT(*) FROM `registrations` WHERE `status` = 'confirmed' AND `communityId` IN (SELECT `id` FROM `regions` WHERE `parentId` IN (" + S + '))', streets),
      },
      wishes: {
        byState: Object.fromEntries([...states].sort()),
        total: await one(`SELECT COUNT(*) FROM \`wishes\` WHERE \`streetId\` IN (${S}) AND \`createdAt\` >= ? AND \`createdAt\` < ?`, [...streets, d(from), d(to)]),
        medianHoursToClaim: hours(median(wishes.filter((w) => w.publishedAt && inWindow(w.claimedAt)).map((w) => Math.trunc((w.claimedAt!.getTime() - w.publishedAt!.getTime()) / 1000) * 1000))),
        medianHoursToFulfil: hours(median(wishes.filter((w) => w.claimedAt && inWindow(w.fulfilledAt)).map((w) => Math.trunc((w.fulfilledAt!.getTime() - w.claimedAt!.getTime()) / 1000) * 1000))),
        overdueUnclaimed: await one(`SELECT COUNT(*) FROM \`wishes\` WHERE \`streetId\` IN (${S}) AND \`status\` = 'published' AND \`publishedAt\` < ?`, [
          ...streets,
          d(new Date(now.getTime() - config().wishes.overdueDays * DAY)),
        ]),
        overdueClaims: await one(`SELECT COUNT(*) FROM \`wishes\` WHERE \`streetId\` IN (${S}) AND \`status\` = 'claimed' AND \`claimDeadline\` < ?`, [...streets, d(now)]),
      },
      activities: {
        held: await one(`SELECT COUNT(*) FROM \`activities\` WHERE \`streetId\` IN (${S}) AND \`status\` IN ('published', 'ended') AND \`startAt\` >= ? AND \`startAt\` < ?`, [
          ...streets,
          d(from),
          d(to),
        ]),
        attendances: await one(
          `SELECT COUNT(*) FROM \`activity_attendances\` \`t\` WHERE \`t\`.\`status\` IN ('checked_in', 'checked_out') AND \`t\`.\`activityId\` IN (SELECT \`id\` FROM \`activities\` WHERE \`streetId\` IN (${S}) AND \`status\` <> 'cancelled' AND \`startAt\` >= ? AND \`startAt\` < ?)`,
          [...streets, d(from), d(to)],
        ),
        minutes,
        membersServed: served,
        minutesPerMember: served ? Math.round(minutes / served) : 0,
      },
      reports,
      agreements: {
        inForce: agreements.length,
        commitments: commitments.length,
        committed: commitments.reduce((n, c) => n + c.quantity, 0),
        delivered,
      },
      ranking,
      monthly: b.monthly.map((m) => ({
        month: m.month,
        wishesPosted: wishes.filter((w) => inMonth(w.publishedAt, m.month)).length,
        wishesFulfilled: wishes.filter((w) => inMonth(w.fulfilledAt, m.month)).length,
        minutes: entries.filter((e) => inMonth(e.occurredAt, m.month)).reduce((n, e) => n + e.serviceMinutes, 0),
      })),
    };
  }

  /** The dashboard as the comparison reads it. */
  const actual = (b: Dashboard) => ({
    members: b.members,
    wishes: {
      ...b.wishes,
      byState: Object.fromEntries(
        b.wishes.byState
          .filter((s) => s.count)
          .map((s) => [s.key, s.count])
          .sort(),
      ),
    },
    activities: b.activities,
    reports: b.reports.map((r) => ({ key: r.key, members: r.members, submitted: r.submitted, approved: r.approved, late: r.late })),
    agreements: b.agreements,
    ranking: b.ranking,
    monthly: b.monthly,
  });

  beforeAll(async () => {
    t = await startTestApp();
    const regions = t.dataSource.getRepository(RegionEntity);
    huifeng = await regions.findOneByOrFail({ name: '汇丰街道' });
    chezhan = await regions.findOneByOrFail({ name: '车站街道' });
    city = await regions.findOneByOrFail({ level: 'city' });

    // Rows of our own in 汇丰街道 (medium factories): a resident member, wishes claimed and fulfilled after known
    // waits (so the medians are not all zero), and credits this year.
    const f = new Factory(t);
    const l = new LedgerFactory(t);
    const community = await regions.findOneByOrFail({ parentId: huifeng.id, level: 'community' });
    const branch = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ level: 'branch' });
    const { user, member } = await f.member(branch, { residence: community });
    const now = t.clock.now();
    const waits: Array<['claimed' | 'fulfilled', number, number]> = [
      ['fulfilled', 5, 30],
      ['fulfilled', 11, 50],
      ['claimed', 7, 0],
      ['fulfilled', 2, 8],
    ];
    for (const [status, toClaim, toFulfil] of waits) {
      const w = await f.wish({ community, status, claimant: { member, user } });
      const fulfilledAt = status === 'fulfilled' ? new Date(now.getTime() - HOUR) : null;
      const claimedAt = new Date((fulfilledAt ?? now).getTime() - toFulfil * HOUR - HOUR);
      const publishedAt = new Date(claimedAt.getTime() - toClaim * HOUR);
      await t.dataSource.getRepository(WishEntity).update({ id: w.id }, { publishedAt, claimedAt, fulfilledAt, createdAt: publishedAt });
    }
    // Rows edited by hand, around the wishes module: its rollups recomputed, as a bulk writer does.
    await rebuildWishRollups(t.dataSource.manager);
    // The times were written directly: the stored durations and their histogram are recomputed, as bulk writers do.
    await rebuildWishDurations(t.dataSource.manager);
    await l.credit(member.id, { community, minutes: 90, at: new Date(now.getTime() - 2 * DAY) });
    await l.credit(member.id, { community, minutes: 45, at: new Date(now.getTime() - 3 * HOUR) });
  });
  afterAll(() => t?.close());

  it('should give the official their own street with every number equal to its hand count', async () => {
    const response = await dashboard('official');
    expect(response.status).toBe(200);
    const b = response.body;
    expect(b.region).toEqual({ id: huifeng.id, name: '汇丰街道', level: 'street' });
    expect(b.monthly).toHaveLength(12);
    expect(b.from).toBe(periodOf(String(b.year), new Date(b.generatedAt)).from.toISOString());
    const want = await expected([huifeng.id], b);
    expect(actual(b)).toEqual(want);
    // The rows made here are in it: not everything is zero.
    expect(b.wishes.medianHoursToClaim).not.toBeNull();
    expect(b.wishes.medianHoursToFulfil).not.toBeNull();
    expect(b.activities.minutes).toBeGreaterThan(0);
    expect(b.members.onRoster).toBeGreaterThan(0);
    expect(b.monthly.at(-1)!.wishesFulfilled).toBeGreaterThan(0);
    for (const r of b.reports) expect(r.submissionRate).toBe(r.members ? Math.round((r.submitted / r.members) * 1000) / 1000 : 0);
  });

  it('should give the committee the city and any district or street of it, each equal to its hand count', async () => {
    const response = await dashboard('committee');
    expect(response.status).toBe(200);
    expect(response.body.region.id).toBe(city.id);
    expect(actual(response.body)).toEqual(await expected(await streetsOf(city), response.body));
    expect(response.body.activities.minutes).toBeGreaterThanOrEqual((await dashboard('official')).body.activities.minutes);

    const district = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ id: huifeng.parentId! });
    const byDistrict = await dashboard('committee', `?regionId=${district.id}`);
    expect(byDistrict.status).toBe(200);
    expect(actual(byDistrict.body)).toEqual(await expected(await streetsOf(district), byDistrict.body));
    const street = await dashboard('committee', `?regionId=${chezhan.id}`);
    expect(street.status).toBe(200);
    expect(actual(street.body)).toEqual(await expected([chezhan.id], street.body));
  });

  it('should count a past year over that whole year', async () => {
    const year = new Date(t.clock.now().getTime() + CST).getUTCFullYear() - 1;
    const response = await dashboard('committee', `?year=${year}`);
    expect(response.status).toBe(200);
    expect(response.body.to).toBe(periodOf(String(year + 1), t.clock.now()).from.toISOString());
    expect(response.body.monthly[0].month).toBe(`${year}-01`);
    expect(actual(response.body)).toEqual(await expected(await streetsOf(city), response.body));
  });

  it('should refuse an official of another street, a member, a community and a year not begun', async () => {
    expect((await dashboard('official', `?regionId=${chezhan.id}`)).status).toBe(403);
    expect((await dashboard('member-01')).status).toBe(403);
    expect((await dashboard('member-01', `?regionId=${huifeng.id}`)).status).toBe(403);
    const community = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ parentId: huifeng.id, level: 'community' });
    const refused = await dashboard('official', `?regionId=${community.id}`);
    expect(refused.status).toBe(400);
    expect((refused.body as unknown as { message: string }).message).toContain('街道');
    expect((await dashboard('committee', '?year=2100')).status).toBe(400);
    expect((await dashboard('committee', '?year=abc')).status).toBe(400);
  });
});
