import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { PostShiftEntity } from '../src/modules/posts/post-shift.entity';
import { shiftCredit } from '../src/modules/posts/posts.types';
import { ServicePostEntity } from '../src/modules/posts/service-post.entity';
import { cstDate } from '../src/modules/posts/posts.rules';
import { RegionEntity } from '../src/modules/regions/region.entity';
import { RegistrationEntity } from '../src/modules/registrations/registration.entity';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';
import { communityId } from './support/wish-fixtures';

/** 党员报到 and 党员服务岗位 over HTTP, on the demo city: the routes, their refusals and the demo data. */
describe(`registrations and service posts over HTTP (${TEST_DB})`, () => {
  let t: TestApp;
  let kangdu: string;
  const tokens: Record<string, string> = {};
  const as = async (code: string) => (tokens[code] ??= await t.signIn(code));

  beforeAll(async () => {
    t = await startTestApp();
    kangdu = await communityId(t, 'KDSQ01');
  });
  afterAll(() => t?.close());

  it('should show each member card’s state from the demo data', async () => {
    const none = await t.request('GET', '/api/registrations/mine', { token: await as('dev:member-36') });
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ state: 'none', active: null, pending: null, suggestedCommunity: { id: kangdu, name: '康都社区' } });
    const registered = await t.request('GET', '/api/registrations/mine', { token: await as('dev:member-06') });
    expect(registered.body).toMatchObject({ state: 'registered', active: { community: { name: '康都社区' }, actions: ['withdraw'] } });
    const moving = await t.request('GET', '/api/registrations/mine', { token: await as('dev:member-16') });
    expect(moving.body).toMatchObject({
      state: 'registered',
      active: { community: { name: '金川社区' } },
      pending: { community: { name: '康都社区' }, replaces: { community: { name: '金川社区' } } },
    });
    const rejectedBefore = await t.request('GET', '/api/registrations/mine', { token: await as('dev:member-31') });
    expect(rejectedBefore.body).toMatchObject({ state: 'pending', pending: { community: { name: '康都社区' } } });
    const resident = await t.request('GET', '/api/registrations/mine', { token: await as('dev:resident') });
    expect(resident.status).toBe(403);
  });

  it('should list 康都社区’s waiting requests to dev:staff and not to dev:staff-jl, who may not confirm them', async () => {
    const mine = await t.request('GET', '/api/registrations?status=pending', { token: await as('dev:staff') });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(3);
    expect(mine.body.items.every((r: { community: { name: string }; actions: string[] }) => r.community.name === '康都社区' && r.actions.join() === 'confirm,reject')).toBe(true);
    const jl = await t.request('GET', '/api/registrations?status=pending', { token: await as('dev:staff-jl') });
    expect(jl.body.items.map((r: { community: { name: string } }) => r.community.name)).toEqual(['江林社区']);

    const target = mine.body.items[0].id;
    const refused = await t.request('POST', `/api/registrations/${target}/confirm`, { token: await as('dev:staff-jl'), body: {} });
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', message: '该报到申请不在您负责的社区' } });
    expect(await t.dataSource.getRepository(RegistrationEntity).findOneByOrFail({ id: target })).toMatchObject({ status: 'pending' });

    const registered = await t.request('GET', `/api/registrations?status=confirmed&communityId=${kangdu}&pageSize=50`, { token: await as('dev:staff') });
    expect(registered.body.total).toBeGreaterThanOrEqual(4);
    expect(await t.request('GET', '/api/registrations', { token: await as('dev:member-01') })).toMatchObject({ status: 403 });
  });

  it('should refuse bad input with a Chinese message and change nothing', async () => {
    const member = await as('dev:member-36');
    const empty = await t.request('POST', '/api/registrations', { token: member, body: {} });
    expect(empty).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(empty.body.message).toMatch(/[\u4e00-\u9fa5]/);
    const pending = (await t.request('GET', '/api/registrations?status=pending', { token: await as('dev:staff') })).body.items[0];
    const noReason = await t.request('POST', `/api/registrations/${pending.id}/reject`, { token: await as('dev:staff'), body: { reason: ' ' } });
    expect(noReason).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await t.dataSource.getRepository(RegistrationEntity).findOneByOrFail({ id: pending.id })).toMatchObject({ status: 'pending', rejectReason: null });
    expect((await t.request('GET', '/api/registrations/mine', { token: member })).body).toMatchObject({ state: 'none', pending: null });
  });

  it('should have credited every confirmed demo shift once, with the entry the ledger subscriber writes, and nothing else', async () => {
    const shifts = await t.dataSource.getRepository(PostShiftEntity).find();
    expect(shifts.filter((s) => s.status === 'pending').length).toBeGreaterThan(0);
    const posts = new Map((await t.dataSource.getRepository(ServicePostEntity).find()).map((p) => [p.id, p]));
    const regions = new Map((await t.dataSource.getRepository(RegionEntity).find()).map((r) => [r.id, r]));
    const entries = await t.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceType: 'post_shift' });
    expect(entries).toHaveLength(shifts.filter((s) => s.status === 'confirmed').length);
    for (const shift of shifts.filter((s) => s.status === 'confirmed')) {
      const post = posts.get(shift.postId)!;
      const expected = shiftCredit(
        { id: post.id, name: post.name, type: post.type, communityId: post.communityId, communityName: regions.get(post.communityId)!.name, streetId: post.streetId },
        { id: shift.id, holdingId: shift.holdingId, memberId: shift.memberId, memberUserId: null, date: shift.serviceDate, minutes: shift.minutes },
      );
      const entry = entries.find((e) => e.sourceId === shift.id)!;
      expect(entry).toMatchObject({
        kind: expected.kind,
        memberId: expected.memberId,
        serviceMinutes: expected.minutes,
        description: expected.description,
        communityId: expected.communityId,
        streetId: expected.streetId,
        category: expected.category,
        sequence: 0,
      });
      expect(entry.occurredAt.toISOString()).toBe(expected.occurredAt.toISOString());
    }
    // Places match the holders.
    for (const post of posts.values()) {
      const holders = await t.request('GET', `/api/posts/${post.id}`);
      expect(holders.body.holders).toHaveLength(post.taken);
      expect(post.taken).toBeLessThanOrEqual(post.places);
    }
  });

  it('should offer 认岗 to a member registered with the community, not to one who is not, and mask holders for the public', async () => {
    const list = (token?: string) => t.request('GET', `/api/posts?communityId=${kangdu}`, { token });
    const registered = await list(await as('dev:member-01'));
    expect(registered.body.total).toBe(5);
    expect(registered.body.items.filter((p: { actions: string[] }) => p.actions.includes('take')).length).toBe(5);
    const unregistered = await list(await as('dev:member-36'));
    expect(unregistered.body.items.some((p: { actions: string[] }) => p.actions.includes('take'))).toBe(false);
    const holder = await list(await as('dev:member-06'));
    expect(holder.body.items.find((p: { myHoldingId: string | null }) => p.myHoldingId)).toMatchObject({ name: '政策宣传岗' });
    const propaganda = registered.body.items.find((p: { name: string }) => p.name === '政策宣传岗');
    const forPublic = await t.request('GET', `/api/posts/${propaganda.id}`);
    expect(forPublic.body.holders[0].name).toMatch(/^.\*+$/);
    const forStaff = await t.request('GET', `/api/posts/${propaganda.id}`, { token: await as('dev:staff') });
    expect(forStaff.body.holders[0].name).not.toMatch(/\*/);
    expect(forStaff.body.actions).toEqual(['edit']);
  });

  it('should validate a shift over HTTP (minutes 1–720, a date), then let dev:staff confirm it into the member’s ledger', async () => {
    const member = await as('dev:member-06');
    const holding = (await t.request('GET', '/api/post-holdings/mine', { token: member })).body.active;
    expect(holding).toMatchObject({ post: { name: '政策宣传岗' }, actions: ['log_shift', 'release'] });
    const log = (body: Record<string, unknown>) => t.request('POST', `/api/post-holdings/${holding.id}/shifts`, { token: member, body });
    const today = cstDate(new Date());
    for (const bad of [
      { date: today, minutes: 0, content: '宣传' },
      { date: today, minutes: 721, content: '宣传' },
      { date: '2026/05/01', minutes: 60, content: '宣传' },
      { date: today, minutes: 60, content: '' },
    ]) {
      const response = await log(bad);
      expect(response).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    const before = await t.dataSource.getRepository(PostShiftEntity).countBy({ holdingId: holding.id });
    const logged = await log({ date: today, minutes: 75, content: '在宣传栏更新医保政策海报' });
    expect(logged).toMatchObject({ status: 201, body: { status: 'pending', minutes: 75 } });
    expect(await t.dataSource.getRepository(PostShiftEntity).countBy({ holdingId: holding.id })).toBe(before + 1);

    const waiting = await t.request('GET', '/api/post-shifts?status=pending&pageSize=50', { token: await as('dev:staff') });
    expect(waiting.body.items.some((s: { id: string }) => s.id === logged.body.id)).toBe(true);
    const jl = await t.request('POST', `/api/post-shifts/${logged.body.id}/confirm`, { token: await as('dev:staff-jl'), body: {} });
    expect(jl).toMatchObject({ status: 403, body: { message: '该值守记录不在您负责的社区' } });
    const confirmed = await t.request('POST', `/api/post-shifts/${logged.body.id}/confirm`, { token: await as('dev:staff'), body: {} });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'confirmed', actions: [] } });
    const again = await t.request('POST', `/api/post-shifts/${logged.body.id}/confirm`, { token: await as('dev:staff'), body: {} });
    expect(again).toMatchObject({ status: 409, body: { code: 'WRONG_STATE' } });
    const ledger = await t.request('GET', '/api/me/ledger', { token: member });
    expect(ledger.body.items.filter((e: { source: { id: string } }) => e.source.id === logged.body.id)).toEqual([
      expect.objectContaining({ kind: 'service_post_shift', minutes: 75, community: { id: kangdu, name: '康都社区' } }),
    ]);
    const rejectNoReason = await t.request('POST', `/api/post-shifts/${logged.body.id}/reject`, { token: await as('dev:staff'), body: {} });
    expect(rejectNoReason.status).toBe(400);
  });
});
