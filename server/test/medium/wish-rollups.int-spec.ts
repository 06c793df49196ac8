import { CreateWishSchema } from '@nuancheng/shared';
import { inTransaction } from '../../src/common/database/transaction';
import { monthsEnding } from '../../src/common/supervision/dashboard';
import { checkInvariants } from '../../src/database/invariants';
import { periodOf } from '../../src/modules/ledger/ledger.service';
import { WishEntity } from '../../src/modules/wishes/entities/wish.entity';
import { WishContextService } from '../../src/modules/wishes/wish-context.service';
import { WishQueriesService } from '../../src/modules/wishes/wish-queries.service';
import { rebuildWishRollups } from '../../src/modules/wishes/wish-rollups';
import { WishesService } from '../../src/modules/wishes/wishes.service';
import type { TestApp } from '../support/test-app';
import { refusal } from '../support/refusal';
import { TEST_DB } from '../support/test-database';
import { wishInput } from '../support/wish-fixtures';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';

const DAY = 86_400_000;
const CST = 8 * 3600_000;
const monthOf = (at: Date) => {
  const l = new Date(at.getTime() + CST);
  return `${l.getUTCFullYear()}-${String(l.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** The wishes' rollups (wish_state_months, wish_event_months) stay equal to a GROUP BY over the wishes. */
describe(`wish rollups (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let tree: City;
  let orgs: Organisations;
  let wishes: WishesService;
  let queries: WishQueriesService;

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    wishes = t.app.get(WishesService);
    queries = t.app.get(WishQueriesService);
  });
  afterAll(() => t?.close());

  type Row = Record<string, string | number>;
  const read = async (manager = t.dataSource.manager) => {
    const norm = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v])));
    return {
      states: norm(await manager.query('SELECT `streetId`, `status`, `month`, `wishes` FROM `wish_state_months` WHERE `wishes` <> 0 ORDER BY `streetId`, `status`, `month`')),
      events: norm(await manager.query('SELECT `streetId`, `month`, `posted`, `fulfilled` FROM `wish_event_months` WHERE `posted` <> 0 OR `fulfilled` <> 0 ORDER BY `streetId`, `month`')),
    };
  };
  /** The rollups as the backfill computes them from the wishes (in a transaction rolled back). */
  const fromWishes = async () => {
    let rows: Awaited<ReturnType<typeof read>> | undefined;
    await t.dataSource
      .transaction(async (manager) => {
        await rebuildWishRollups(manager);
        rows = await read(manager);
        throw new Error('roll back');
      })
      .catch((e: Error) => {
        if (e.message !== 'roll back') throw e;
      });
    return rows!;
  };
  const wishProblems = async () => (await checkInvariants(t.dataSource, null)).filter((p) => p.startsWith('wish_'));

  let residents = 0;
  async function people() {
    const resident = await f.user({ phone: `1391234567${residents++}` });
    const staff = await f.holder('community_staff', tree.community);
    const { user } = await f.member(orgs.branch);
    const { user: other } = await f.member(orgs.branch);
    return { resident: await f.principal(resident), staff: await f.principal(staff), member: await f.principal(user), other: await f.principal(other) };
  }
  const input = () => CreateWishSchema.parse(wishInput(tree.community.id, { contactPhone: '13912340000' }));
  /** Text moderation holding the wish (WeChat's check is off in tests). */
  const holding = () => jest.spyOn(wishes as unknown as { moderate: () => Promise<unknown> }, 'moderate').mockResolvedValue({ held: true, reason: '内容安全检查暂不可用，转人工复核' });

  it('should equal a GROUP BY over the wishes after posts, holds, approvals, claims, releases, fulfilments, disputes, reopens, revokes, confirmations and withdrawals', async () => {
    const p = await people();
    const approve = (id: string) => wishes.review(p.staff, id, { decision: 'approve' });
    // Created this month; some move on a month and more later (the clock only goes forward).
    const w1 = (await wishes.post(p.resident, input())).id;
    const w2 = (await wishes.post(p.resident, input())).id;
    const w3 = (await wishes.post(p.resident, input())).id;
    const spy = holding();
    const w4 = (await wishes.post(p.resident, input())).id;
    spy.mockRestore();
    const w5 = (await wishes.post(p.resident, input())).id;
    await approve(w1);
    await approve(w2);
    await approve(w4);
    // w3: rejected, resubmitted and held by the content check (the hold straight after the resubmission).
    await wishes.review(p.staff, w3, { decision: 'reject', reason: '请补充具体型号' });
    const again = holding();
    expect(
      (await wishes.resubmit(p.resident, w3, { title: '我需要一个电风扇', description: '家里老人夏天怕热，想要一台落地电风扇。', category: '家用电器', estimatedValueYuan: 150, photoIds: [] })).status,
    ).toBe('held');
    again.mockRestore();
    await wishes.withdraw(p.resident, w5);
    await wishes.claim(p.member, w1, {});
    await wishes.claim(p.member, w2, {});
    await wishes.release(p.member, w2, '临时有事');
    await wishes.claim(p.other, w2, {});
    await wishes.claim(p.member, w4, {});

    t.clock.advance(40 * DAY);
    await approve(w3);
    await wishes.fulfil(p.member, w1, { photoIds: [], note: '已送到' });
    await wishes.confirm(p.resident, w1, { rating: 5 });
    await wishes.fulfil(p.other, w2, { photoIds: [], note: '已送到' });
    await wishes.dispute(p.resident, w2, '没有收到');
    await wishes.reopen(p.staff, w2, '请重新送达');
    await wishes.fulfil(p.member, w4, { photoIds: [], note: '已送到' });
    await wishes.dispute(p.resident, w4, '没有收到');
    // Revoked from disputed: published again with its fulfilment date kept (the series still counts it) …
    await wishes.revoke(p.staff, w4, '认领人联系不上');

    t.clock.advance(40 * DAY);
    await wishes.fulfil(p.other, w2, { photoIds: [], note: '再次送到' });
    await wishes.confirm(p.staff, w2, { note: '社区核实已收到' });
    // … until it is fulfilled again: the new date replaces it.
    await wishes.claim(p.other, w4, {});
    await wishes.fulfil(p.other, w4, { photoIds: [], note: '已送到' });
    await wishes.withdraw(p.resident, w3);

    const kept = await read();
    expect(kept).toEqual(await fromWishes());
    expect(await wishProblems()).toEqual([]);
    // And by hand: the five wishes, created this month, by their status now; published and fulfilled by month.
    const rows = await t.dataSource.getRepository(WishEntity).findBy({ streetId: tree.street.id });
    const mine = rows.filter((w) => [w1, w2, w3, w4, w5].includes(w.id));
    expect(mine.map((w) => w.status).sort()).toEqual(['confirmed', 'confirmed', 'fulfilled', 'withdrawn', 'withdrawn']);
    const created = monthOf(mine[0].createdAt);
    const states = kept.states.filter((r) => r.streetId === tree.street.id && r.month === created);
    expect(states).toEqual(
      expect.arrayContaining([
        { streetId: tree.street.id, status: 'confirmed', month: created, wishes: rows.filter((w) => w.status === 'confirmed' && monthOf(w.createdAt) === created).length },
        { streetId: tree.street.id, status: 'withdrawn', month: created, wishes: rows.filter((w) => w.status === 'withdrawn' && monthOf(w.createdAt) === created).length },
      ]),
    );
    const w4Row = mine.find((w) => w.id === w4)!;
    expect(monthOf(w4Row.fulfilledAt!)).toBe(monthOf(t.clock.now()));
  });

  it('should leave the wish and the rollups unchanged when the transaction fails or the change is stale', async () => {
    const p = await people();
    const id = (await wishes.post(p.resident, input())).id;
    const before = await read();
    const contexts = t.app.get(WishContextService);
    const approveIn = async (manager: Parameters<Parameters<typeof inTransaction>[1]>[0]) => {
      const ctx = await contexts.load(manager, id, p.staff);
      await wishes.transition(manager, ctx, 'approve', contexts.staffActor(p.staff, ctx.community), { publishedAt: t.clock.now(), holdReason: null });
      throw new Error('boom');
    };
    // Failing after the change, in inTransaction (rollups written before the commit) …
    await expect(inTransaction(t.dataSource, approveIn)).rejects.toThrow('boom');
    // … and in a bare transaction (rollups written with the change).
    await expect(t.dataSource.transaction(approveIn)).rejects.toThrow('boom');
    expect((await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id })).status).toBe('submitted');
    expect(await read()).toEqual(before);
    // A second approval is refused (409) and adds nothing.
    await wishes.review(p.staff, id, { decision: 'approve' });
    const after = await read();
    expect(await refusal(wishes.review(p.staff, id, { decision: 'approve' }))).toMatchObject({ status: 409 });
    expect(await read()).toEqual(after);
    expect(after).toEqual(await fromWishes());
  });

  it('should give the dashboard the counts over the wishes, with wishes dated after now left out of the window', async () => {
    const p = await people();
    const now = t.clock.now();
    // Through the services: a published wish, a claimed one, a fulfilled one.
    const published = (await wishes.post(p.resident, input())).id;
    await wishes.review(p.staff, published, { decision: 'approve' });
    const claimed = (await wishes.post(p.resident, input())).id;
    await wishes.review(p.staff, claimed, { decision: 'approve' });
    await wishes.claim(p.member, claimed, {});
    // Written around the module (a bulk writer), then the rollups rebuilt: overdue ones, and ones dated after now.
    const { user, member } = await f.member(orgs.branch);
    const old = await f.wish({ community: tree.community, status: 'published' });
    const late = await f.wish({ community: tree.community, status: 'claimed', claimant: { member, user } });
    const future = await f.wish({ community: tree.community, status: 'fulfilled', claimant: { member, user } });
    const repo = t.dataSource.getRepository(WishEntity);
    await repo.update({ id: old.id }, { publishedAt: new Date(now.getTime() - 20 * DAY) });
    await repo.update({ id: late.id }, { claimDeadline: new Date(now.getTime() - DAY) });
    await repo.update({ id: future.id }, { createdAt: new Date(now.getTime() + 3600_000), publishedAt: new Date(now.getTime() + 3600_000), fulfilledAt: new Date(now.getTime() + 7200_000) });
    await rebuildWishRollups(t.dataSource.manager);

    // The dashboard's clock after the writes (the wishes posted above are in its window; `future` is not).
    const at = t.clock.now();
    const year = periodOf(periodOf(undefined, at).key.slice(0, 4), at);
    const months = monthsEnding(at);
    const streetIds = [tree.street.id, tree.otherStreet.id];
    const board = await queries.dashboard({ streetIds, from: year.from, to: at, months, now: at });
    const rows = (await repo.find()).filter((w) => streetIds.includes(w.streetId));
    const states = new Map<string, number>();
    for (const w of rows.filter((w) => w.createdAt >= year.from && w.createdAt < at)) states.set(w.status, (states.get(w.status) ?? 0) + 1);
    expect(Object.fromEntries(board.byState.map((s) => [s.status, s.count]))).toEqual(Object.fromEntries(states));
    expect(states.get('published')).toBeGreaterThan(0);
    expect(states.get('claimed')).toBeGreaterThan(0);
    expect(board.overdueUnclaimed).toBe(rows.filter((w) => w.status === 'published' && w.publishedAt && w.publishedAt.getTime() < at.getTime() - 7 * DAY).length);
    expect(board.overdueClaims).toBe(rows.filter((w) => w.status === 'claimed' && w.claimDeadline && w.claimDeadline < at).length);
    expect(board.overdueUnclaimed).toBeGreaterThan(0);
    expect(board.overdueClaims).toBeGreaterThan(0);
    expect(board.posted).toEqual(months.map((m) => rows.filter((w) => w.publishedAt && monthOf(w.publishedAt) === m.key).length));
    expect(board.fulfilled).toEqual(months.map((m) => rows.filter((w) => w.fulfilledAt && monthOf(w.fulfilledAt) === m.key).length));
    // The wish entered after now is in its month's series but not in the window's states.
    expect(rows.filter((w) => w.createdAt >= at).map((w) => w.id)).toEqual([future.id]);
  });
});
