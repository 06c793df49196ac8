import { secondsBetween, sqlDate } from '../../src/common/supervision/dashboard';
import { checkInvariants } from '../../src/database/invariants';
import { histogramSql, storedDurationSql } from '../../src/database/migrations/wish-durations-backfill';
import { WishEntity } from '../../src/modules/wishes/entities/wish.entity';
import { durationMedian, rebuildWishDurations } from '../../src/modules/wishes/wish-durations';
import { WishesService } from '../../src/modules/wishes/wishes.service';
import type { TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';

/**
 * The wishes' stored durations and their histogram (modules/wishes/wish-durations.ts) through claims, releases,
 * re-claims, fulfilments and a reopen made by the services; the dashboard's medians from them equal the medians
 * computed over the raw timestamps by direct SQL, for odd and even counts, year-to-date and other windows.
 */
describe(`wish durations and the dashboard's medians (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let wishes: WishesService;
  let tree: City;
  let orgs: Organisations;
  const CST = 8 * 3600_000;
  const yearStart = (at: Date) => new Date(Date.UTC(new Date(at.getTime() + CST).getUTCFullYear(), 0, 1) - CST);

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    wishes = t.app.get(WishesService);
  });
  afterAll(() => t?.close());

  const m = () => t.dataSource.manager;
  /** The median by direct SQL over the raw timestamps: every value sorted, the middle picked here. */
  const direct = async (kind: 'claim' | 'fulfil', streetIds: string[], from: Date, to: Date) => {
    const [a, b] = kind === 'claim' ? ['publishedAt', 'claimedAt'] : ['claimedAt', 'fulfilledAt'];
    const rows: Array<{ s: unknown }> = await m().query(
      `SELECT ${secondsBetween(m(), `\`${a}\``, `\`${b}\``)} AS \`s\` FROM \`wishes\` WHERE \`streetId\` IN (${streetIds.map(() => '?').join(', ')}) AND \`${a}\` IS NOT NULL AND \`${b}\` >= ? AND \`${b}\` < ?`,
      [...streetIds, sqlDate(m(), from), sqlDate(m(), to)],
    );
    const s = rows.map((r) => Number(r.s)).sort((x, y) => x - y);
    const mid = Math.floor(s.length / 2);
    return { n: s.length, median: !s.length ? null : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2 };
  };
  const parities = new Set<string>();
  /** Both medians over a few scopes and windows equal the direct SQL's. */
  const expectMedians = async (label: string) => {
    const now = t.clock.now();
    const from = yearStart(now);
    const scopes = [[tree.street.id], [tree.otherStreet.id], [tree.street.id, tree.otherStreet.id]];
    // The year to date, to a moment ago (claims after it are taken off the year's histogram), and a window that is not a year's.
    const windows = [
      { from, to: now },
      { from, to: new Date(now.getTime() - 40 * 60_000) },
      { from: new Date(now.getTime() - 6 * 3600_000), to: now },
    ];
    for (const streetIds of scopes) {
      for (const w of windows) {
        for (const kind of ['claim', 'fulfil'] as const) {
          const want = await direct(kind, streetIds, w.from, w.to);
          if (want.n) parities.add(want.n % 2 ? 'odd' : 'even');
          expect({ label, kind, streetIds, w, median: await durationMedian(m(), kind, { streetIds, ...w }) }).toEqual({ label, kind, streetIds, w, median: want.median });
        }
      }
    }
    // The invariant: stored durations = the timestamps', the histogram = the GROUP BY.
    expect((await checkInvariants(t.dataSource, null)).filter((p) => /duration/.test(p))).toEqual([]);
  };

  it('should keep the durations and the histogram exact through claims, releases, re-claims, fulfilments and a reopen', async () => {
    const start = t.clock.now();
    const resident = await f.user();
    const members = await Promise.all([0, 1, 2, 3, 4, 5].map(() => f.member(orgs.branch)));
    const principals = await Promise.all(members.map(({ user }) => f.principal(user)));
    const staff = await f.principal(await f.holder('community_staff', tree.community));
    const made: WishEntity[] = [];
    for (let i = 0; i < 9; i++) {
      const w = await f.wish({ community: i < 6 ? (i % 2 ? tree.neighbour : tree.community) : tree.farCommunity, resident });
      // Published at different moments with milliseconds (the stored seconds are truncated, as TIMESTAMPDIFF).
      const publishedAt = new Date(start.getTime() - (i + 1) * 5_417_321 - i * 137);
      await t.dataSource.getRepository(WishEntity).update({ id: w.id }, { publishedAt });
      made.push(w);
    }
    await expectMedians('no claims');
    let k = 0;
    const claim = async (i: number) => {
      t.clock.advance(61_789 + 97 * i);
      await wishes.claim(principals[k++ % principals.length], made[i].id, {});
    };
    for (const i of [0, 1, 2, 6, 7]) await claim(i);
    await expectMedians('claims');
    // A release takes the claim's duration away; a re-claim counts the new one.
    t.clock.advance(3_600_000);
    await wishes.release(principals[1], made[1].id, '临时有事');
    await expectMedians('a release');
    k = 1;
    await claim(1);
    for (const i of [3, 4, 8]) await claim(i);
    await expectMedians('re-claims');
    // Fulfilments by the claimants (claim i was made by principals[order of its claim]).
    const claimant = async (wishId: string) => {
      const row = await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id: wishId });
      return principals[members.findIndex((x) => x.member.name === row.claimantName)];
    };
    for (const i of [0, 2, 6, 3]) {
      t.clock.advance(7_200_000 + 311 * i);
      await wishes.fulfil(await claimant(made[i].id), made[i].id, { note: '已送到', photoIds: [] });
    }
    await expectMedians('fulfilments');
    // Disputed by the resident, reopened by staff: the fulfilment's duration goes, then a new one.
    await wishes.dispute(await f.principal(resident), made[0].id, '没有收到');
    await wishes.reopen(staff, made[0].id, '重新送');
    await expectMedians('a reopen');
    t.clock.advance(1_800_000);
    await wishes.fulfil(await claimant(made[0].id), made[0].id, { note: '补送到了', photoIds: [] });
    await wishes.fulfil(await claimant(made[7].id), made[7].id, { note: '已送到', photoIds: [] });
    await expectMedians('re-fulfilled');
    expect([...parities].sort()).toEqual(['even', 'odd']);

    // The bulk writers' rebuild gives the same stored values and histogram as the transitions kept.
    const read = async () => ({
      wishes: await m().query('SELECT `id`, `secondsToClaim`, `secondsToFulfil` FROM `wishes` ORDER BY `id`'),
      buckets: (await m().query('SELECT `kind`, `year`, `streetId`, `bucket`, `n` FROM `wish_duration_buckets` WHERE `n` <> 0 ORDER BY `kind`, `year`, `streetId`, `bucket`')).map(
        (r: Record<string, unknown>) => ({ ...r, year: Number(r.year), bucket: Number(r.bucket), n: Number(r.n) }),
      ),
    });
    const kept = await read();
    expect(kept.buckets.length).toBeGreaterThan(0);
    await rebuildWishDurations(m());
    expect(await read()).toEqual(kept);
  });

  it('should store whole seconds truncated as TIMESTAMPDIFF, also across a second boundary and backwards', async () => {
    const dialect = TEST_DB === 'sqlite' ? 'sqlite' : 'mysql';
    const rows: Array<{ s: unknown }> = await m().query(
      `SELECT ${storedDurationSql(dialect, 'claim')} AS \`s\` FROM (` + ['SELECT ? AS `publishedAt`, ? AS `claimedAt`', 'SELECT ?, ?', 'SELECT ?, ?', 'SELECT ?, ?'].join(' UNION ALL ') + ') `x`',
      [
        '2026-03-01 23:59:59.999',
        '2026-03-02 00:00:00.000',
        '2026-03-01 10:00:00.900',
        '2026-03-01 10:00:02.100',
        '2026-03-01 10:00:02.100',
        '2026-03-01 10:00:00.900',
        '2026-03-01 10:00:00.000',
        '2026-03-01 10:00:00.000',
      ],
    );
    expect(rows.map((r) => Number(r.s))).toEqual([0, 1, -1, 0]);
    expect(typeof histogramSql(dialect)).toBe('string');
  });
});
