import { DISPATCH_ANSWER_DAYS } from '@nuancheng/shared';
import { JobLeaseService } from '../src/modules/jobs/job-lease.service';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { WishClaimEntity } from '../src/modules/wishes/entities/wish-claim.entity';
import { WishDispatchEntity } from '../src/modules/wishes/entities/wish-dispatch.entity';
import { WishJobsService } from '../src/modules/wishes/wish-jobs.service';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, publishedWish } from './support/wish-fixtures';

const DAY = 24 * 3600 * 1000;

/** Deadlines, reminders, releases, overdue boards, dispatch and escalation, with a clock the test moves. */
describe(`wish deadlines and dispatch (${TEST_DB})`, () => {
  let t: TestApp;
  let jobs: WishJobsService;
  let resident: string;
  let staff: string;
  let member: string;
  let official: string;
  let orgAdmin: string;
  let committee: string;
  let kangdu: string;
  let linCao: OrganisationEntity;

  beforeAll(async () => {
    t = await startTestApp();
    jobs = t.app.get(WishJobsService);
    [resident, staff, member, official, orgAdmin, committee] = await Promise.all(
      ['dev:resident', 'dev:staff', 'dev:member-05', 'dev:official', 'dev:org-admin', 'dev:committee'].map((c) => t.signIn(c)),
    );
    kangdu = await communityId(t, 'KDSQ01');
    linCao = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局' });
  });
  afterAll(() => t?.close());

  it('should remind the claimant 3 days before the deadline, once, then release the claim when it passes', async () => {
    const id = await publishedWish(t, resident, staff, kangdu);
    const claimed = await t.request('POST', `/api/wishes/${id}/claim`, { token: member, body: {} });
    const deadline = new Date(claimed.body.claimDeadline).getTime();
    expect(deadline - t.clock.now().getTime()).toBeGreaterThan(13.9 * DAY);

    // The demo data has claims of its own: watch this one.
    const reminders = async () => (await t.request('GET', '/api/me/notifications?pageSize=50', { token: member })).body.items.filter((n: { title: string }) => n.title === '认领即将到期');
    t.clock.advance(10 * DAY);
    await jobs.runOnce();
    expect(await reminders()).toHaveLength(0);
    t.clock.advance(1.5 * DAY);
    await jobs.runOnce();
    await jobs.runOnce();
    const sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toContain('还有 3 天到期');

    // Two instances ticking at once release it once.
    t.clock.advance(3 * DAY);
    const expiredBefore = await t.dataSource.getRepository(WishClaimEntity).countBy({ status: 'expired' });
    const [a, b] = await Promise.all([jobs.releaseExpired(), jobs.releaseExpired()]);
    // Demo claims expire too; each claim is released by exactly one of the two runs.
    expect(a + b).toBe((await t.dataSource.getRepository(WishClaimEntity).countBy({ status: 'expired' })) - expiredBefore);
    const expiredClaims = await t.dataSource.getRepository(WishClaimEntity).countBy({ wishId: id, status: 'expired' });
    expect(expiredClaims).toBe(1);
    const wish = await t.request('GET', `/api/wishes/${id}`);
    expect(wish.body).toMatchObject({ status: 'published', claimant: null });
    const timeline = await t.request('GET', `/api/wishes/${id}/timeline`);
    const expiries = timeline.body.items.filter((e: { action: string }) => e.action === 'expire');
    expect(expiries).toHaveLength(1);
    expect(expiries[0]).toMatchObject({ actionLabel: '超期释放', actor: { name: '系统', roleLabel: '系统' } });
    expect((await t.request('GET', '/api/me/notifications', { token: member })).body.items[0].title).toBe('认领已到期释放');
  });

  it('should show unclaimed wishes on their street’s overdue board after 7 days, and nowhere else', async () => {
    const id = await publishedWish(t, resident, staff, kangdu);
    const onBoard = async (token: string) => (await t.request('GET', '/api/wishes/overdue?pageSize=50', { token })).body.items?.map((w: { id: string }) => w.id) ?? [];
    expect(await onBoard(official)).not.toContain(id);
    t.clock.advance(8 * DAY);
    const board = await t.request('GET', '/api/wishes/overdue?pageSize=50', { token: official });
    expect(board.status).toBe(200);
    expect(board.body.items.find((w: { id: string }) => w.id === id)).toMatchObject({ overdue: 'unclaimed' });
    const otherStreet = await t.signIn('dev:staff-jl');
    expect((await t.request('GET', '/api/wishes/overdue', { token: otherStreet })).status).toBe(403);
    expect((await t.request('GET', '/api/wishes/overdue', { token: member })).status).toBe(403);
  });

  it('should page the overdue board oldest first across both kinds (unclaimed too long, claims past their deadline), with the total', async () => {
    // Interleaved: claimed, unclaimed, claimed, unclaimed, published a day apart; claims by two members (cap 3).
    const other = await t.signIn('dev:member-06');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await publishedWish(t, resident, staff, kangdu);
      if (i % 2 === 0) expect((await t.request('POST', `/api/wishes/${id}/claim`, { token: i === 4 ? other : member, body: {} })).status).toBe(200);
      ids.push(id);
      t.clock.advance(DAY);
    }
    t.clock.advance(15 * DAY);
    const [{ streetId }] = await t.dataSource.query('SELECT `streetId` FROM `wishes` WHERE `id` = ?', [ids[0]]);
    const now = t.clock.now();
    const param = (d: Date) => (TEST_DB === 'sqlite' ? d.toISOString().replace('T', ' ').replace('Z', '') : d);
    // The answer as one ORDER BY over the whole condition gives it.
    const expected: Array<{ id: string }> = await t.dataSource.query(
      "SELECT `id` FROM `wishes` WHERE `streetId` = ? AND ((`status` = 'published' AND `publishedAt` < ?) OR (`status` = 'claimed' AND `claimDeadline` < ?)) ORDER BY `publishedAt` ASC, `id` ASC",
      [streetId, param(new Date(now.getTime() - 7 * DAY)), param(now)],
    );
    expect(expected.map((r) => r.id)).toEqual(expect.arrayContaining(ids));
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const board = await t.request('GET', `/api/wishes/overdue?page=${page}&pageSize=2`, { token: official });
      expect(board.status).toBe(200);
      expect(board.body.total).toBe(expected.length);
      if (!board.body.items.length) break;
      seen.push(...board.body.items.map((w: { id: string }) => w.id));
    }
    expect(seen).toEqual(expected.map((r) => r.id));
    const byId = new Map(((await t.request('GET', '/api/wishes/overdue?pageSize=50', { token: official })).body.items as Array<{ id: string; overdue: string }>).map((w) => [w.id, w.overdue]));
    expect(ids.map((id) => byId.get(id))).toEqual(['claim_deadline_passed', 'unclaimed', 'claim_deadline_passed', 'unclaimed', 'claim_deadline_passed']);
  });

  it('should dispatch to a unit, take a decline with its reason, escalate silence to the committee, and turn acceptance into the unit’s claim', async () => {
    const id = await publishedWish(t, resident, staff, kangdu);
    t.clock.advance(8 * DAY);
    const deadline = new Date(t.clock.now().getTime() + 10 * DAY).toISOString();
    expect((await t.request('POST', `/api/wishes/${id}/dispatch`, { token: staff, body: { organisationId: linCao.id, deadline } })).status).toBe(403);
    expect((await t.request('POST', `/api/wishes/${id}/dispatch`, { token: official, body: { organisationId: linCao.id, deadline: new Date(0).toISOString() } })).status).toBe(400);
    const dispatched = await t.request('POST', `/api/wishes/${id}/dispatch`, { token: official, body: { organisationId: linCao.id, deadline, note: '请市林草局协助' } });
    expect(dispatched.status).toBe(200);
    expect((await t.request('POST', `/api/wishes/${id}/dispatch`, { token: official, body: { organisationId: linCao.id, deadline } })).status).toBe(409);

    const mine = await t.request('GET', '/api/me/dispatches', { token: orgAdmin });
    const dispatch = mine.body.items.find((d: { wish: { id: string } }) => d.wish.id === id);
    expect(dispatch).toMatchObject({ status: 'pending', organisation: { name: '市林草局' }, note: '请市林草局协助' });
    expect((await t.request('POST', `/api/dispatches/${dispatch.id}/answer`, { token: member, body: { decision: 'accept' } })).status).toBe(403);
    expect((await t.request('POST', `/api/dispatches/${dispatch.id}/answer`, { token: orgAdmin, body: { decision: 'decline' } })).status).toBe(400);
    const declined = await t.request('POST', `/api/dispatches/${dispatch.id}/answer`, { token: orgAdmin, body: { decision: 'decline', reason: '本月物资已用完' } });
    expect(declined.status).toBe(204);
    expect((await t.request('GET', '/api/me/notifications', { token: official })).body.items[0].body).toContain('本月物资已用完');

    // Dispatched again and left unanswered for more than 3 days: escalated to the committee.
    await t.request('POST', `/api/wishes/${id}/dispatch`, { token: official, body: { organisationId: linCao.id, deadline: new Date(t.clock.now().getTime() + 10 * DAY).toISOString() } });
    t.clock.advance(4 * DAY);
    const [a, b] = await Promise.all([jobs.escalate(), jobs.escalate()]);
    expect(a + b).toBe(1);
    const board = await t.request('GET', '/api/wishes/overdue', { token: committee });
    expect(board.body.items.find((w: { id: string }) => w.id === id)).toMatchObject({ overdue: 'dispatch_unanswered' });
    const escalated = await t.dataSource.getRepository(WishDispatchEntity).findOneByOrFail({ wishId: id, status: 'escalated' });

    const accepted = await t.request('POST', `/api/dispatches/${escalated.id}/answer`, { token: orgAdmin, body: { decision: 'accept' } });
    expect(accepted.status).toBe(204);
    const wish = await t.request('GET', `/api/wishes/${id}`, { token: orgAdmin });
    expect(wish.body).toMatchObject({ status: 'claimed', claimant: { kind: 'organisation', name: '市林草局' } });
    expect(wish.body.actions).toContain('fulfil');
    const labels = (await t.request('GET', `/api/wishes/${id}/timeline`)).body.items.map((e: { actionLabel: string }) => e.actionLabel);
    expect(labels).toEqual(['提交', '审核通过', '派单', '拒绝派单', '派单', '升级督办', '转为认领']);
    expect((await t.request('POST', `/api/dispatches/${escalated.id}/answer`, { token: orgAdmin, body: { decision: 'accept' } })).status).toBe(409);
  });

  it('should offer 派单 only while no dispatch waits, show where each dispatch stands, and take a unit claim as the answer', async () => {
    const id = await publishedWish(t, resident, staff, kangdu);
    t.clock.advance(8 * DAY);
    const onBoard = async () => (await t.request('GET', '/api/wishes/overdue?pageSize=50', { token: official })).body.items.find((w: { id: string }) => w.id === id);
    expect(await onBoard()).toMatchObject({ dispatch: null, actions: ['dispatch'] });

    // A completion deadline inside the unit's answer window is refused, and nothing is written.
    const tooSoon = new Date(t.clock.now().getTime() + (DISPATCH_ANSWER_DAYS - 1) * DAY).toISOString();
    const refused = await t.request('POST', `/api/wishes/${id}/dispatch`, { token: official, body: { organisationId: linCao.id, deadline: tooSoon } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain(`${DISPATCH_ANSWER_DAYS} 天`);
    expect(await t.dataSource.getRepository(WishDispatchEntity).countBy({ wishId: id })).toBe(0);

    const deadline = new Date(t.clock.now().getTime() + 10 * DAY).toISOString();
    const dispatched = await t.request('POST', `/api/wishes/${id}/dispatch`, { token: official, body: { organisationId: linCao.id, deadline } });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body.actions).not.toContain('dispatch');
    expect((await t.request('GET', `/api/wishes/${id}`, { token: official })).body.actions).not.toContain('dispatch');
    const dispatchRow = await t.dataSource.getRepository(WishDispatchEntity).findOneByOrFail({ wishId: id });
    expect(dispatchRow.answerBy.getTime() - dispatchRow.createdAt.getTime()).toBe(DISPATCH_ANSWER_DAYS * DAY);
    const answerBy = dispatchRow.answerBy.toISOString();
    expect(await onBoard()).toMatchObject({ dispatch: { status: 'pending', organisation: { id: linCao.id, name: '市林草局' }, answerBy }, actions: [] });

    // One answer-by time, the same in the message and on the dispatch.
    const [mine] = (await t.request('GET', '/api/me/dispatches', { token: orgAdmin })).body.items.filter((d: { wish: { id: string } }) => d.wish.id === id);
    expect(mine).toMatchObject({ status: 'pending', answerBy, deadline });
    const local = new Date(new Date(answerBy).getTime() + 8 * 3600_000).toISOString();
    const told = (await t.request('GET', '/api/me/notifications?pageSize=50', { token: orgAdmin })).body.items.find((n: { body: string }) => n.body.includes(dispatched.body.title));
    expect(told.body).toContain(`${DISPATCH_ANSWER_DAYS} 天内（${local.slice(5, 10)} ${local.slice(11, 16)} 前）`);

    // 以单位名义认领 by the dispatched unit's admin answers the dispatch: accepted, in the same transaction.
    const claimed = await t.request('POST', `/api/wishes/${id}/claim`, { token: orgAdmin, body: { onBehalfOf: linCao.id } });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ status: 'claimed', claimant: { kind: 'organisation', name: '市林草局' } });
    const row = await t.dataSource.getRepository(WishDispatchEntity).findOneByOrFail({ id: mine.id });
    expect(row).toMatchObject({ status: 'accepted' });
    expect(row.answeredAt).not.toBeNull();
    expect((await t.request('GET', '/api/me/dispatches', { token: orgAdmin })).body.items.find((d: { id: string }) => d.id === mine.id)).toMatchObject({ status: 'accepted' });
    expect((await t.request('POST', `/api/dispatches/${mine.id}/answer`, { token: orgAdmin, body: { decision: 'accept' } })).status).toBe(409);
    const labels = (await t.request('GET', `/api/wishes/${id}/timeline`)).body.items.map((e: { actionLabel: string }) => e.actionLabel);
    expect(labels).toEqual(['提交', '审核通过', '派单', '单位认领']);
  });

  it('should let one instance hold a job lease at a time', async () => {
    const leases = t.app.get(JobLeaseService);
    expect(await leases.tryLease('test-job', 60_000)).toBe(true);
    expect(await leases.tryLease('test-job', 60_000)).toBe(false);
    t.clock.advance(61_000);
    expect(await leases.tryLease('test-job', 60_000)).toBe(true);
  });
});
