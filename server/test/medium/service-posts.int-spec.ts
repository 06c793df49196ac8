import { DomainEvents } from '../../src/common/events/domain-events';
import { inTransaction } from '../../src/common/database/transaction';
import { LedgerEntryEntity } from '../../src/modules/ledger/ledger-entry.entity';
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { PostHoldingEntity } from '../../src/modules/posts/post-holding.entity';
import { PostShiftEntity } from '../../src/modules/posts/post-shift.entity';
import { PostsJobsService } from '../../src/modules/posts/posts-jobs.service';
import { cstDate } from '../../src/modules/posts/posts.rules';
import { ServicePostEntity } from '../../src/modules/posts/service-post.entity';
import { ShiftsService } from '../../src/modules/posts/shifts.service';
import type { UserEntity } from '../../src/modules/users/user.entity';
import type { TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations } from './factories';
import { MembersPostsFactory, refusalOrNull, startWithOwnCityAndStaff } from './members-posts-factories';

/** 党员服务岗位: places, holdings, shifts and their ledger credit, on a real database through the services. */
describe(`service posts and shifts (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let mp: MembersPostsFactory;
  let shifts: ShiftsService;
  let tree: City;
  let orgs: Organisations;
  let staff: UserEntity;
  let neighbourStaff: UserEntity;

  beforeAll(async () => {
    ({ t, f, mp, tree, orgs, staff, neighbourStaff } = await startWithOwnCityAndStaff());
    shifts = t.app.get(ShiftsService);
  });
  afterAll(() => t?.close());

  const today = () => cstDate(new Date());
  const daysAgo = (n: number) => cstDate(new Date(Date.now() - n * 86400_000));
  const registeredMember = async (community = tree.community, by = staff, branch = orgs.branch) => {
    const m = await f.member(branch);
    await mp.registered(m, community, by);
    return m;
  };
  const holding = async (postId: string, m: { user: Parameters<Factory['principal']>[0] }) => {
    const post = await mp.posts.take(await f.principal(m.user), postId);
    return post.myHoldingId!;
  };

  it('should let the community’s staff publish and edit posts, and refuse staff of another community', async () => {
    const post = await mp.post(tree.community, staff, { places: 2 });
    expect(post).toMatchObject({ type: '政策宣传岗', name: '政策宣传岗', places: 2, taken: 0, category: '政策宣讲', actions: ['edit'], holders: [] });
    await expect(refusalOrNull(mp.post(tree.community, neighbourStaff))).resolves.toMatchObject({ status: 403, message: '只能在您负责的社区发布服务岗位' });
    await expect(refusalOrNull(mp.posts.update(await f.principal(neighbourStaff), post.id, { places: 5 }))).resolves.toMatchObject({ status: 403, message: '该岗位不在您负责的社区' });
    expect(await mp.posts.update(await f.principal(staff), post.id, { places: 4, description: '每周在宣传栏更新政策宣传材料，解答居民疑问。' })).toMatchObject({ places: 4 });
  });

  it('should let only members registered with the community take its post, one post at a time', async () => {
    const post = await mp.post(tree.community, staff);
    const stranger = await f.member(orgs.branch);
    await expect(refusalOrNull(mp.posts.take(await f.principal(stranger.user), post.id))).resolves.toMatchObject({ status: 403, message: expect.stringContaining('请先到该社区报到') });
    const elsewhere = await registeredMember(tree.neighbour, neighbourStaff);
    await expect(refusalOrNull(mp.posts.take(await f.principal(elsewhere.user), post.id))).resolves.toMatchObject({ status: 403 });

    const m = await registeredMember();
    const taken = await mp.posts.take(await f.principal(m.user), post.id);
    expect(taken).toMatchObject({ taken: 1, myHoldingId: expect.any(String), actions: [] });
    expect(taken.holders).toHaveLength(1);
    const other = await mp.post(tree.community, staff, { type: '助老服务岗' });
    await expect(refusalOrNull(mp.posts.take(await f.principal(m.user), other.id))).resolves.toMatchObject({ status: 409, code: 'ALREADY_HOLDS_POST', message: expect.stringContaining('政策宣传岗') });
    const mine = await mp.posts.mine(await f.principal(m.user));
    expect(mine.active).toMatchObject({ status: 'active', post: { id: post.id }, actions: ['log_shift', 'release'] });
    expect(mine.active!.endsOn > mine.active!.startsOn).toBe(true);
  });

  it('should never exceed the places: two simultaneous takes of the last place, one wins', async () => {
    const post = await mp.post(tree.community, staff, { places: 1 });
    const [a, b] = [await registeredMember(), await registeredMember()];
    const results = await Promise.all([refusalOrNull(mp.posts.take(await f.principal(a.user), post.id)), refusalOrNull(mp.posts.take(await f.principal(b.user), post.id))]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toEqual({ status: 409, code: 'POST_FULL', message: '该岗位名额已满，不能认岗' });
    expect(await t.dataSource.getRepository(ServicePostEntity).findOneByOrFail({ id: post.id })).toMatchObject({ taken: 1, places: 1 });
    expect(await t.dataSource.getRepository(PostHoldingEntity).countBy({ postId: post.id, status: 'active' })).toBe(1);
    // Places cannot go below those taken.
    await expect(refusalOrNull(mp.posts.update(await f.principal(staff), post.id, { places: 1 }))).resolves.toBeNull();
    const three = await mp.post(tree.community, staff, { places: 3 });
    await holding(three.id, await registeredMember());
    await holding(three.id, await registeredMember());
    await expect(refusalOrNull(mp.posts.update(await f.principal(staff), three.id, { places: 1 }))).resolves.toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: '该岗位已有 2 人在岗，名额不能少于 2 个',
    });
  });

  it('should let a unit’s org admin take a post for a member of the unit (told), and refuse the admin of another unit', async () => {
    const post = await mp.post(tree.community, staff);
    const m = await f.member(orgs.branch);
    const otherAdmin = await f.holder('org_admin', orgs.otherUnit);
    await expect(refusalOrNull(mp.posts.take(await f.principal(otherAdmin), post.id, m.member.id))).resolves.toMatchObject({ status: 403, message: '该党员不在您管理的单位' });
    const admin = await f.holder('org_admin', orgs.unit);
    const taken = await mp.posts.take(await f.principal(admin), post.id, m.member.id);
    expect(taken.holders[0]).toMatchObject({ assignedBy: orgs.unit.name, unit: orgs.unit.name });
    expect(await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: m.user.id, kind: 'service_post' })).toMatchObject({
      title: '单位为您认领了服务岗位',
      linkKind: 'service_post',
    });
    const mine = await mp.posts.mine(await f.principal(m.user));
    expect(mine.active).toMatchObject({ assignedBy: { id: orgs.unit.id } });
    // The admin may release it; the place is free again.
    const released = await mp.posts.release(await f.principal(admin), mine.active!.id, '工作调整');
    expect(released).toMatchObject({ status: 'released', endNote: '工作调整' });
    expect(await t.dataSource.getRepository(ServicePostEntity).findOneByOrFail({ id: post.id })).toMatchObject({ taken: 0 });
    await expect(refusalOrNull(mp.posts.release(await f.principal(m.user), mine.active!.id, null))).resolves.toMatchObject({ status: 409, message: '该认岗已离岗，不能办理离岗' });
  });

  it('should take a shift within its rules: a past day of the term, within 30 days, at most 720 minutes a day', async () => {
    const post = await mp.post(tree.community, staff);
    const m = await registeredMember();
    const holdingId = await holding(post.id, m);
    const principal = await f.principal(m.user);
    const log = (date: string, minutes: number) => refusalOrNull(shifts.log(principal, holdingId, { date, minutes, content: '在宣传栏张贴医保政策宣传材料', photoIds: [] }));
    const tomorrow = cstDate(new Date(Date.now() + 86400_000));
    await expect(log(tomorrow, 60)).resolves.toMatchObject({ status: 400, message: '值守日期不能晚于今天' });
    await expect(log('2026-02-30', 60)).resolves.toMatchObject({ status: 400, message: '日期不存在，请重新选择' });
    await mp.backdateHolding(holdingId, daysAgo(60), cstDate(new Date(Date.now() + 300 * 86400_000)));
    await expect(log(daysAgo(31), 60)).resolves.toMatchObject({ status: 400, message: '请在值守后 30 天内登记' });
    await mp.backdateHolding(holdingId, daysAgo(2), cstDate(new Date(Date.now() + 300 * 86400_000)));
    await expect(log(daysAgo(3), 60)).resolves.toMatchObject({ status: 400, message: expect.stringContaining('不能早于认岗日期') });
    await expect(log(today(), 600)).resolves.toBeNull();
    await expect(log(today(), 121)).resolves.toMatchObject({ status: 400, message: `您在 ${today()} 已登记 600 分钟，一天合计不能超过 720 分钟` });
    await expect(log(today(), 120)).resolves.toBeNull();
    // Somebody else cannot log on this holding.
    const other = await registeredMember();
    await expect(refusalOrNull(shifts.log(await f.principal(other.user), holdingId, { date: today(), minutes: 30, content: '代为登记', photoIds: [] }))).resolves.toMatchObject({ status: 403 });
    expect(await t.dataSource.getRepository(PostShiftEntity).countBy({ holdingId })).toBe(2);
  });

  it('should credit a confirmed shift to the ledger exactly once, and refuse staff of another community', async () => {
    const post = await mp.post(tree.community, staff, { type: '助老服务岗' });
    const m = await registeredMember();
    const holdingId = await holding(post.id, m);
    const shift = await shifts.log(await f.principal(m.user), holdingId, { date: today(), minutes: 90, content: '陪同独居老人就医取药', photoIds: [] });
    expect(shift).toMatchObject({ status: 'pending', statusLabel: '待社区确认', minutes: 90, actions: [] });
    const ledger = () => t.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceType: 'post_shift', sourceId: shift.id });

    await expect(refusalOrNull(shifts.confirm(await f.principal(neighbourStaff), shift.id))).resolves.toMatchObject({ status: 403, message: '该值守记录不在您负责的社区' });
    await expect(refusalOrNull(shifts.confirm(await f.principal(m.user), shift.id))).resolves.toMatchObject({ status: 403 });
    expect(await ledger()).toHaveLength(0);

    // Two staff confirming at once: one confirmation, one entry.
    const secondStaff = await f.holder('community_staff', tree.community);
    const results = await Promise.all([refusalOrNull(shifts.confirm(await f.principal(staff), shift.id)), refusalOrNull(shifts.confirm(await f.principal(secondStaff), shift.id))]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({ status: 409 });
    const entries = await ledger();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      kind: 'service_post_shift',
      memberId: m.member.id,
      serviceMinutes: 90,
      category: '助老助残',
      communityId: tree.community.id,
      streetId: tree.street.id,
      branchId: orgs.branch.id,
      unitId: orgs.unit.id,
      description: `党员服务岗位值守：${tree.community.name}助老服务岗`,
    });
    await expect(refusalOrNull(shifts.confirm(await f.principal(staff), shift.id))).resolves.toEqual({ status: 409, code: 'WRONG_STATE', message: '该值守记录已确认，不能确认' });

    // The same event delivered again credits nothing.
    const confirmed = await t.dataSource.getRepository(PostShiftEntity).findOneByOrFail({ id: shift.id });
    await inTransaction(t.dataSource, (manager) =>
      t.app.get(DomainEvents).publish(manager, 'post_shift.confirmed', {
        post: { id: post.id, name: post.name, type: post.type, communityId: tree.community.id, communityName: tree.community.name, streetId: tree.street.id },
        shift: { id: confirmed.id, holdingId, memberId: m.member.id, memberUserId: m.user.id, date: confirmed.serviceDate, minutes: confirmed.minutes },
        actor: { userId: staff.id, role: 'community_staff', name: tree.community.name },
      }),
    );
    expect(await ledger()).toHaveLength(1);
    const mine = await mp.posts.mine(await f.principal(m.user));
    expect(mine.active!.shifts).toEqual({ pending: 0, confirmed: 1, confirmedMinutes: 90 });
    expect(await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: m.user.id, title: '值守记录已确认' })).toMatchObject({ linkKind: 'service_post', linkId: holdingId });
  });

  it('should reject a shift with its reason, credit nothing, and tell the member', async () => {
    const post = await mp.post(tree.community, staff);
    const m = await registeredMember();
    const holdingId = await holding(post.id, m);
    const shift = await shifts.log(await f.principal(m.user), holdingId, { date: today(), minutes: 60, content: '楼道宣传', photoIds: [] });
    const rejected = await shifts.reject(await f.principal(staff), shift.id, '当天未见到值守，请核实');
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '当天未见到值守，请核实' });
    expect(await t.dataSource.getRepository(LedgerEntryEntity).countBy({ sourceId: shift.id })).toBe(0);
    expect(await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: m.user.id, title: '值守记录未通过' })).toMatchObject({ body: expect.stringContaining('当天未见到值守') });
    // A rejected shift does not count toward the day's total.
    await expect(refusalOrNull(shifts.log(await f.principal(m.user), holdingId, { date: today(), minutes: 720, content: '全天值守', photoIds: [] }))).resolves.toBeNull();
  });

  it('should list waiting shifts to the community’s staff only', async () => {
    const post = await mp.post(tree.community, staff);
    const m = await registeredMember();
    const shift = await shifts.log(await f.principal(m.user), await holding(post.id, m), { date: today(), minutes: 45, content: '文明劝导', photoIds: [] });
    const mine = await shifts.list(await f.principal(staff), { status: 'pending', page: 1, pageSize: 50 });
    expect(mine.items.find((s) => s.id === shift.id)).toMatchObject({ actions: ['confirm', 'reject'], member: { id: m.member.id } });
    const theirs = await shifts.list(await f.principal(neighbourStaff), { status: 'pending', page: 1, pageSize: 50 });
    expect(theirs.items.some((s) => s.id === shift.id)).toBe(false);
  });

  it('should end holdings whose year is over (the job), freeing the place once', async () => {
    const post = await mp.post(tree.community, staff, { places: 1 });
    const m = await registeredMember();
    const holdingId = await holding(post.id, m);
    await mp.backdateHolding(holdingId, daysAgo(366), daysAgo(1));
    const jobs = t.app.get(PostsJobsService);
    expect((await jobs.runOnce()).expired).toBeGreaterThanOrEqual(1);
    expect(await t.dataSource.getRepository(PostHoldingEntity).findOneByOrFail({ id: holdingId })).toMatchObject({ status: 'expired', liveMemberId: null });
    expect(await t.dataSource.getRepository(ServicePostEntity).findOneByOrFail({ id: post.id })).toMatchObject({ taken: 0 });
    expect((await jobs.runOnce()).expired).toBe(0);
    expect(await t.dataSource.getRepository(ServicePostEntity).findOneByOrFail({ id: post.id })).toMatchObject({ taken: 0 });
    // The member may take a post again.
    await expect(refusalOrNull(mp.posts.take(await f.principal(m.user), post.id))).resolves.toBeNull();
  });
});
