import { inTransaction } from '../../src/common/database/transaction';
import { monthsEnding } from '../../src/common/supervision/dashboard';
import { LedgerEntryEntity } from '../../src/modules/ledger/ledger-entry.entity';
import { rebuildLedgerTotals } from '../../src/modules/ledger/ledger-totals';
import { LedgerService, periodOf } from '../../src/modules/ledger/ledger.service';
import { MemberEntity } from '../../src/modules/members/member.entity';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { Factory } from './factories';

/** The ledger's rollups (ledger_unit_months, ledger_member_periods) stay equal to a GROUP BY over ledger_entries. */
describe(`ledger rollups (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let ledger: LedgerService;
  let tree: Awaited<ReturnType<Factory['city']>>;
  let orgs: Awaited<ReturnType<Factory['organisations']>>;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    f = new Factory(t);
    ledger = t.app.get(LedgerService);
    tree = await f.city();
    orgs = await f.organisations();
  });
  afterAll(() => t?.close());

  const source = () => `00000000-0000-4000-9000-${String(++seq).padStart(12, '0')}`;
  const input = (memberId: string | null, minutes: number, occurredAt: Date, streetId = tree.street.id, sourceId = source()) => ({
    memberId,
    organisationId: memberId ? null : orgs.unit.id,
    kind: (memberId ? 'activity_attendance' : 'project_update') as 'activity_attendance' | 'project_update',
    sourceType: memberId ? 'activity_attendance' : 'project_update',
    sourceId,
    minutes,
    description: '普法宣传进社区',
    occurredAt,
    communityId: streetId === tree.street.id ? tree.community.id : tree.farCommunity.id,
    streetId,
  });

  type Row = Record<string, string | number>;
  const read = async (manager = t.dataSource.manager) => {
    const norm = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) && k !== 'period' ? Number(v) : v])));
    return {
      units: norm(await manager.query('SELECT `regionId`, `month`, `unitId`, `minutes`, `services`, `entries` FROM `ledger_unit_months` WHERE `entries` <> 0 ORDER BY `regionId`, `month`, `unitId`')),
      members: norm(await manager.query('SELECT `period`, `regionId`, `memberId`, `minutes`, `services` FROM `ledger_member_periods` ORDER BY `period`, `regionId`, `memberId`')),
    };
  };
  /** The rollups as the backfill computes them from the entries (in a transaction rolled back). */
  const fromEntries = async () => {
    let rows: Awaited<ReturnType<typeof read>> | undefined;
    await t.dataSource
      .transaction(async (manager) => {
        await rebuildLedgerTotals(manager);
        rows = await read(manager);
        throw new Error('roll back');
      })
      .catch((e: Error) => {
        if (e.message !== 'roll back') throw e;
      });
    return rows!;
  };

  it('should equal a GROUP BY over the entries after credits, a correction, a re-credit, a roster move, two months and two streets', async () => {
    const { member } = await f.member(orgs.branch);
    const { member: other } = await f.member(orgs.branch);
    // 1 February 01:00 in Beijing (31 January UTC): February's; 1 July 00:30 in Beijing: the second half year's.
    const feb = new Date('2026-01-31T17:00:00Z');
    const jul = new Date('2025-06-30T16:30:00Z');
    const first = await inTransaction(t.dataSource, (m) => ledger.credit(m, input(member.id, 90, feb)));
    await inTransaction(t.dataSource, (m) => ledger.credit(m, input(member.id, 30, jul, tree.otherStreet.id)));
    // Several credits in one transaction, two of them on the same rollup rows.
    await inTransaction(t.dataSource, async (m) => {
      await ledger.credit(m, input(other.id, 45, feb));
      await ledger.credit(m, input(other.id, 15, new Date(feb.getTime() + 3600_000)));
      await ledger.credit(m, input(null, 0, jul));
      await ledger.credit(m, input(member.id, 60, jul));
    });
    // A repeated credit of the same source adds nothing.
    const repeated = source();
    await inTransaction(t.dataSource, (m) => ledger.credit(m, input(other.id, 20, feb, tree.street.id, repeated)));
    expect(await inTransaction(t.dataSource, (m) => ledger.credit(m, input(other.id, 20, feb, tree.street.id, repeated)))).toBeNull();
    // A correction and a re-credit of the same source.
    const secretary = await f.holder('branch_secretary', orgs.branch);
    await ledger.correct(await f.principal(secretary), first!, '时长有误');
    const entry = await t.dataSource.getRepository(LedgerEntryEntity).findOneByOrFail({ id: first! });
    await inTransaction(t.dataSource, (m) => ledger.credit(m, input(member.id, 80, feb, tree.street.id, entry.sourceId)));
    // A roster move: later credits count for the other unit.
    await t.dataSource.getRepository(MemberEntity).update({ id: member.id }, { branchId: orgs.otherBranch.id });
    await inTransaction(t.dataSource, (m) => ledger.credit(m, input(member.id, 25, feb)));
    // A credit outside inTransaction (a caller's own manager) is added at once.
    await ledger.credit(t.dataSource.manager, input(other.id, 5, jul, tree.otherStreet.id));

    const kept = await read();
    expect(kept).toEqual(await fromEntries());
    // And by hand: the member's February in the street, for the two units.
    expect(kept.units.filter((r) => r.regionId === tree.street.id && r.month === '2026-02')).toEqual(
      [
        { regionId: tree.street.id, month: '2026-02', unitId: orgs.unit.id, minutes: 90 - 90 + 80 + 45 + 15 + 20, services: 4, entries: 6 },
        { regionId: tree.street.id, month: '2026-02', unitId: orgs.otherUnit.id, minutes: 25, services: 1, entries: 1 },
      ].sort((a, b) => (a.unitId < b.unitId ? -1 : 1)),
    );
    // The unit months in the district and the city: the two streets' rows summed, key by key.
    const sumOf = (rows: Row[]) => {
      const sums = new Map<string, { minutes: number; services: number; entries: number }>();
      for (const r of rows) {
        const key = `${r.month}/${r.unitId}`;
        const sum = sums.get(key) ?? { minutes: 0, services: 0, entries: 0 };
        sums.set(key, { minutes: sum.minutes + Number(r.minutes), services: sum.services + Number(r.services), entries: sum.entries + Number(r.entries) });
      }
      return sums;
    };
    const streets = sumOf(kept.units.filter((r) => r.regionId === tree.street.id || r.regionId === tree.otherStreet.id));
    expect(streets.size).toBeGreaterThan(2);
    for (const region of [tree.district.id, tree.city.id]) expect(sumOf(kept.units.filter((r) => r.regionId === region))).toEqual(streets);
    expect(kept.members.filter((r) => r.memberId === member.id && r.regionId === tree.street.id)).toEqual([
      { period: '2025', regionId: tree.street.id, memberId: member.id, minutes: 60, services: 1 },
      { period: '2025H2', regionId: tree.street.id, memberId: member.id, minutes: 60, services: 1 },
      { period: '2026', regionId: tree.street.id, memberId: member.id, minutes: 105, services: 2 },
      { period: '2026H1', regionId: tree.street.id, memberId: member.id, minutes: 105, services: 2 },
    ]);
    // In the district (and the city) too, with the other street's: 2025 is 60 here and 30 there.
    for (const region of [tree.district.id, tree.city.id]) {
      expect(kept.members.filter((r) => r.memberId === member.id && r.regionId === region && r.period === '2025')).toEqual([
        { period: '2025', regionId: region, memberId: member.id, minutes: 90, services: 2 },
      ]);
    }
  });

  it('should leave neither the entry nor the rollups changed when the transaction fails', async () => {
    const { member } = await f.member(orgs.branch);
    const before = await read();
    const count = await t.dataSource.getRepository(LedgerEntryEntity).count();
    // Failing after the credit, in inTransaction (rollups written before the commit) …
    await expect(
      inTransaction(t.dataSource, async (m) => {
        await ledger.credit(m, input(member.id, 70, new Date('2026-03-10T02:00:00Z')));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    // … and in a bare transaction (rollups written with the entry).
    await expect(
      t.dataSource.transaction(async (m) => {
        await ledger.credit(m, input(member.id, 70, new Date('2026-03-10T02:00:00Z')));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.dataSource.getRepository(LedgerEntryEntity).count()).toBe(count);
    expect(await read()).toEqual(before);
  });

  it('should leave entries dated after now out of the dashboard window, as a count over the entries does', async () => {
    const now = new Date();
    const { member } = await f.member(orgs.branch);
    const { member: later } = await f.member(orgs.branch);
    await inTransaction(t.dataSource, (m) => ledger.credit(m, input(member.id, 40, new Date(now.getTime() - 60_000))));
    await inTransaction(t.dataSource, async (m) => {
      await ledger.credit(m, input(member.id, 500, new Date(now.getTime() + 60_000)));
      await ledger.credit(m, input(later.id, 700, new Date(now.getTime() + 60_000)));
      await ledger.credit(m, input(null, 0, new Date(now.getTime() + 60_000), tree.otherStreet.id));
    });
    const year = periodOf(periodOf(undefined, now).key.slice(0, 4), now);
    const streetIds = [tree.street.id, tree.otherStreet.id];
    const board = await ledger.dashboard({ streetIds, from: year.from, to: now, months: monthsEnding(now), now }, 10);
    // The district's two streets: read from the district's rollup rows; the street alone from its own.
    const street = await ledger.dashboard({ streetIds: [tree.street.id], from: year.from, to: now, months: monthsEnding(now), now }, 10);
    const streetEntries = (await t.dataSource.getRepository(LedgerEntryEntity).find()).filter((e) => e.streetId === tree.street.id && e.occurredAt >= year.from && e.occurredAt < now);
    const streetNet = new Map<string, number>();
    for (const e of streetEntries) if (e.memberId) streetNet.set(e.memberId, (streetNet.get(e.memberId) ?? 0) + (e.correctsEntryId ? -1 : 1));
    expect(street.membersServed).toBe([...streetNet.values()].filter((n) => n > 0).length);

    const entries = (await t.dataSource.getRepository(LedgerEntryEntity).find()).filter((e) => e.streetId && streetIds.includes(e.streetId) && e.occurredAt >= year.from && e.occurredAt < now);
    const net = new Map<string, number>();
    const units = new Map<string, { unitId: string; minutes: number; services: number }>();
    for (const e of entries) {
      const n = e.correctsEntryId ? -1 : 1;
      if (e.memberId) net.set(e.memberId, (net.get(e.memberId) ?? 0) + n);
      if (e.unitId) {
        const u = units.get(e.unitId) ?? { unitId: e.unitId, minutes: 0, services: 0 };
        u.minutes += e.serviceMinutes;
        u.services += n;
        units.set(e.unitId, u);
      }
    }
    expect(board.minutes).toBe(entries.reduce((n, e) => n + e.serviceMinutes, 0));
    expect(board.membersServed).toBe([...net.values()].filter((n) => n > 0).length);
    expect(board.units).toEqual([...units.values()].sort((a, b) => b.minutes - a.minutes || (a.unitId < b.unitId ? -1 : 1)));
    expect(net.has(later.id)).toBe(false);
  });
});
