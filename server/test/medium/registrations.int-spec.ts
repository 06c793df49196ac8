import { inTransaction } from '../../src/common/database/transaction';
import { newId } from '../../src/common/ids';
import { MemberEntity } from '../../src/modules/members/member.entity';
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { RegistrationEntity } from '../../src/modules/registrations/registration.entity';
import { RegistrationsService } from '../../src/modules/registrations/registrations.service';
import { TimelineEventEntity } from '../../src/modules/workflow/timeline-event.entity';
import type { UserEntity } from '../../src/modules/users/user.entity';
import type { TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations } from './factories';
import { MembersPostsFactory, refusalOrNull, startWithOwnCityAndStaff } from './members-posts-factories';

/** 党员报到: the registration rules on a real database, through the service. */
describe(`member registration (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let mp: MembersPostsFactory;
  let service: RegistrationsService;
  let tree: City;
  let orgs: Organisations;
  let staff: UserEntity;
  let neighbourStaff: UserEntity;

  beforeAll(async () => {
    ({ t, f, mp, tree, orgs, staff, neighbourStaff } = await startWithOwnCityAndStaff());
    service = t.app.get(RegistrationsService);
  });
  afterAll(() => t?.close());

  const rows = () => t.dataSource.getRepository(RegistrationEntity);
  const residenceOf = async (memberId: string) => (await t.dataSource.getRepository(MemberEntity).findOneByOrFail({ id: memberId })).residenceCommunityId;

  it('should take a request to the community’s staff, who confirm it; the residence follows; both sides are told', async () => {
    const m = await f.member(orgs.branch);
    const request = await service.request(await f.principal(m.user), tree.community.id);
    expect(request).toMatchObject({ status: 'pending', statusLabel: '待社区确认', community: { id: tree.community.id }, replaces: null, actions: ['cancel'] });
    const staffInbox = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: staff.id, kind: 'registration_request' });
    expect(staffInbox).toMatchObject({ linkKind: 'registrations', linkId: null });
    // The staff of the neighbouring community are not told.
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: neighbourStaff.id, kind: 'registration_request' })).toBe(0);

    const confirmed = await service.confirm(await f.principal(staff), request.id);
    expect(confirmed).toMatchObject({ status: 'confirmed', decidedBy: tree.community.name, actions: [] });
    expect(await residenceOf(m.member.id)).toBe(tree.community.id);
    expect(await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: m.user.id, kind: 'registration_status' })).toMatchObject({
      title: '报到已确认',
      linkKind: 'registration',
      linkId: request.id,
    });
    expect(await service.mine(await f.principal(m.user))).toMatchObject({ state: 'registered', active: { id: request.id }, pending: null });
  });

  it('should refuse staff of another community, and change nothing', async () => {
    const m = await f.member(orgs.branch);
    const request = await service.request(await f.principal(m.user), tree.community.id);
    for (const attempt of [service.confirm(await f.principal(neighbourStaff), request.id), service.reject(await f.principal(neighbourStaff), request.id, '不在本社区')]) {
      await expect(refusalOrNull(attempt)).resolves.toEqual({ status: 403, code: 'FORBIDDEN', message: '该报到申请不在您负责的社区' });
    }
    // A member who is not staff anywhere is told it is not theirs.
    const other = await f.member(orgs.otherBranch);
    await expect(refusalOrNull(service.confirm(await f.principal(other.user), request.id))).resolves.toMatchObject({ status: 403, message: '只有该社区的社区工作者可以确认报到' });
    expect(await rows().findOneByOrFail({ id: request.id })).toMatchObject({ status: 'pending', decidedAt: null, activeMemberId: null });
  });

  it('should keep one request waiting at a time, and refuse a second request to the community already registered with', async () => {
    const m = await f.member(orgs.branch);
    const principal = await f.principal(m.user);
    await service.request(principal, tree.community.id);
    await expect(refusalOrNull(service.request(principal, tree.neighbour.id))).resolves.toMatchObject({
      status: 409,
      code: 'REGISTRATION_PENDING',
      message: expect.stringContaining(tree.community.name),
    });
    const [pending] = await rows().findBy({ memberId: m.member.id });
    await service.confirm(await f.principal(staff), pending.id);
    await expect(refusalOrNull(service.request(principal, tree.community.id))).resolves.toEqual({ status: 409, code: 'ALREADY_REGISTERED', message: `您已在${tree.community.name}报到，无需重复申请` });
  });

  it('should end the old registration only when the new community confirms (not on a request, not on a rejection)', async () => {
    const m = await f.member(orgs.branch);
    const principal = await f.principal(m.user);
    const first = await mp.registered(m, tree.community, staff);

    const move = await service.request(principal, tree.neighbour.id);
    expect(move.replaces).toEqual({ id: first, community: { id: tree.community.id, name: tree.community.name } });
    expect(await rows().findOneByOrFail({ id: first })).toMatchObject({ status: 'confirmed', activeMemberId: m.member.id });
    expect(await residenceOf(m.member.id)).toBe(tree.community.id);

    // Rejected: still registered where they were.
    const rejected = await service.reject(await f.principal(neighbourStaff), move.id, '经核实不在本社区居住');
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '经核实不在本社区居住' });
    expect(await rows().findOneByOrFail({ id: first })).toMatchObject({ status: 'confirmed' });
    expect(await service.mine(principal)).toMatchObject({ state: 'registered', active: { id: first }, lastRejected: { id: move.id, rejectReason: '经核实不在本社区居住' } });

    // Asked again and confirmed: the old one ends (superseded), the new one is the only active one.
    const again = await service.request(principal, tree.neighbour.id);
    await service.confirm(await f.principal(neighbourStaff), again.id);
    expect(await rows().findOneByOrFail({ id: first })).toMatchObject({ status: 'ended', endReason: 'superseded', supersededById: again.id, activeMemberId: null });
    expect(await rows().countBy({ activeMemberId: m.member.id })).toBe(1);
    expect(await residenceOf(m.member.id)).toBe(tree.neighbour.id);
    const timeline = await t.dataSource.getRepository(TimelineEventEntity).findBy({ subjectType: 'registration', subjectId: first });
    expect(timeline.map((e) => e.action).sort()).toEqual(['confirm', 'request', 'supersede']);
    const told = await t.dataSource.getRepository(NotificationEntity).findBy({ userId: m.user.id, title: '报到已确认' });
    expect(told.map((n) => n.body)).toContain(`您已在${tree.neighbour.name}报到成功，原${tree.community.name}的报到已结束，欢迎参与社区服务`);
    expect(await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: m.user.id, title: '报到申请未通过' })).toMatchObject({
      body: expect.stringContaining('经核实不在本社区居住'),
    });
  });

  it('should let the member cancel a waiting request and withdraw a confirmed one, and nobody else', async () => {
    const m = await f.member(orgs.branch);
    const principal = await f.principal(m.user);
    const request = await service.request(principal, tree.community.id);
    await expect(refusalOrNull(service.cancel(await f.principal(staff), request.id))).resolves.toMatchObject({ status: 403 });
    expect(await service.cancel(principal, request.id)).toMatchObject({ status: 'cancelled', actions: [] });
    await expect(refusalOrNull(service.confirm(await f.principal(staff), request.id))).resolves.toEqual({ status: 409, code: 'WRONG_STATE', message: '该报到申请已撤回，不能确认报到' });

    const registration = await mp.registered(m, tree.community, staff);
    const ended = await service.withdraw(principal, registration, '已搬离本社区');
    expect(ended).toMatchObject({ status: 'ended', endReason: 'withdrawn', endReasonLabel: '本人撤销报到' });
    expect(await service.mine(principal)).toMatchObject({ state: 'none', active: null });
  });

  it('should refuse a caller who is not on the roster, and a community that does not exist', async () => {
    const resident = await f.user();
    await expect(refusalOrNull(service.request(await f.principal(resident), tree.community.id))).resolves.toMatchObject({ status: 403, message: expect.stringContaining('只有在职党员') });
    const m = await f.member(orgs.branch);
    await expect(refusalOrNull(service.request(await f.principal(m.user), tree.street.id))).resolves.toMatchObject({ status: 404 });
    expect(await rows().countBy({ memberId: m.member.id })).toBe(0);
  });

  it('should let one of two simultaneous requests of a member win', async () => {
    const m = await f.member(orgs.branch);
    const principal = await f.principal(m.user);
    const results = await Promise.all([refusalOrNull(service.request(principal, tree.community.id)), refusalOrNull(service.request(principal, tree.neighbour.id))]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({ status: 409, code: 'REGISTRATION_PENDING' });
    expect(await rows().countBy({ memberId: m.member.id })).toBe(1);
  });

  it('should let one of two simultaneous confirmations win, and end the old registration once', async () => {
    const m = await f.member(orgs.branch);
    const first = await mp.registered(m, tree.community, staff);
    const move = await service.request(await f.principal(m.user), tree.neighbour.id);
    const secondStaff = await f.holder('community_staff', tree.neighbour);
    const results = await Promise.all([refusalOrNull(service.confirm(await f.principal(neighbourStaff), move.id)), refusalOrNull(service.confirm(await f.principal(secondStaff), move.id))]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(results.find((r) => r !== null)).toMatchObject({ status: 409 });
    expect(await rows().findOneByOrFail({ id: first })).toMatchObject({ status: 'ended' });
    expect(await rows().countBy({ activeMemberId: m.member.id })).toBe(1);
    expect(await t.dataSource.getRepository(TimelineEventEntity).countBy({ subjectType: 'registration', subjectId: move.id, action: 'confirm' })).toBe(1);
  });

  it('should hold "one active registration" in the database itself', async () => {
    const m = await f.member(orgs.branch);
    await mp.registered(m, tree.community, staff);
    const now = new Date();
    const second = {
      id: newId(),
      memberId: m.member.id,
      communityId: tree.neighbour.id,
      streetId: tree.street.id,
      status: 'confirmed' as const,
      activeMemberId: m.member.id,
      pendingMemberId: null,
      requestedByUserId: m.user.id,
      decidedByUserId: null,
      decidedByName: null,
      decidedAt: now,
      rejectReason: null,
      endedAt: null,
      endReason: null,
      endNote: null,
      supersededById: null,
      createdAt: now,
      updatedAt: now,
    };
    await expect(inTransaction(t.dataSource, (manager) => manager.insert(RegistrationEntity, second))).rejects.toThrow();
  });

  it('should list a community’s waiting and registered members to its staff only', async () => {
    const m = await f.member(orgs.branch, { name: '列表测试' });
    const request = await service.request(await f.principal(m.user), tree.community.id);
    const mine = await service.list(await f.principal(staff), { status: 'pending', page: 1, pageSize: 50 });
    expect(mine.items.find((r) => r.id === request.id)).toMatchObject({ member: { name: '列表测试', branch: { id: orgs.branch.id }, unit: { id: orgs.unit.id } }, actions: ['confirm', 'reject'] });
    const theirs = await service.list(await f.principal(neighbourStaff), { status: 'pending', page: 1, pageSize: 50 });
    expect(theirs.items.some((r) => r.id === request.id)).toBe(false);
    const official = await f.holder('street_official', tree.street);
    const street = await service.list(await f.principal(official), { status: 'pending', page: 1, pageSize: 50 });
    expect(street.items.find((r) => r.id === request.id)).toMatchObject({ actions: [] });
    await service.confirm(await f.principal(staff), request.id);
    const registered = await service.list(await f.principal(staff), { status: 'confirmed', page: 1, pageSize: 50 });
    expect(registered.items.some((r) => r.id === request.id)).toBe(true);
    expect(registered.total).toBe(registered.items.length);
  });
});
