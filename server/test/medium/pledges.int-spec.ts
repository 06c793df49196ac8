import type { PledgeInput } from '@nuancheng/shared';
import { LedgerEntryEntity } from '../../src/modules/ledger/ledger-entry.entity';
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { OutboxEntity } from '../../src/modules/notifications/outbox.entity';
import { BranchesService } from '../../src/modules/pledges/branches.service';
import { PledgeAssessmentEntity } from '../../src/modules/pledges/pledge-assessment.entity';
import { PledgeQueriesService } from '../../src/modules/pledges/pledge-queries.service';
import { PledgeEntity } from '../../src/modules/pledges/pledge.entity';
import { PledgesService } from '../../src/modules/pledges/pledges.service';
import { cstYear } from '../../src/modules/pledges/pledges.rules';
import { ProjectsService } from '../../src/modules/projects/projects.service';
import { TimelineEventEntity } from '../../src/modules/workflow/timeline-event.entity';
import type { TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';

describe(`pledges: 一党员一践诺 on the workflow kernel (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let pledges: PledgesService;
  let queries: PledgeQueriesService;
  let tree: City;
  let orgs: Organisations;
  const year = cstYear(new Date());
  const input = (overrides: Partial<PledgeInput> = {}): PledgeInput => ({
    content: '每月为社区独居老人义务理发一次',
    target: '全年义务理发 12 次',
    dueDate: `${year}-12-31`,
    category: '助老助残',
    nameDisplay: 'masked',
    ...overrides,
  });

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity({ wechatMode: 'live', env: { WECHAT_TEMPLATE_PLEDGE: 'tmpl-pledge' } }));
    pledges = t.app.get(PledgesService);
    queries = t.app.get(PledgeQueriesService);
  });
  afterAll(() => t?.close());

  /** A member of the first branch living in the first community, the branch's secretary and the community's staff. */
  async function cast() {
    const { user, member } = await f.member(orgs.branch, { name: '王建国', residence: tree.community });
    return {
      member,
      owner: await f.principal(user),
      ownerUser: user,
      secretary: await f.principal(await f.holder('branch_secretary', orgs.branch)),
      staff: await f.principal(await f.holder('community_staff', tree.community)),
    };
  }

  it('should go submitted → returned → revised → approved (public) → progress → done → both assessments → assessed', async () => {
    const { member, owner, ownerUser, secretary, staff } = await cast();
    const made = await pledges.create(owner, input());
    expect(made).toMatchObject({ status: 'submitted', year, publicName: '王**', member: { name: '王建国' }, actions: ['revise'] });
    const inbox = t.dataSource.getRepository(NotificationEntity);
    expect(await inbox.findOneByOrFail({ userId: secretary.userId, kind: 'pledge' })).toMatchObject({ title: '党员承诺待审核', linkKind: 'pledge', linkId: made.id });
    // Its own template, not another kind's.
    expect(JSON.parse((await t.dataSource.getRepository(OutboxEntity).findOneByOrFail({ userId: secretary.userId })).payload)).toMatchObject({ templateId: 'tmpl-pledge' });
    expect((await queries.detail(made.id, secretary)).actions).toEqual(['approve', 'return']);
    // Not public yet.
    await expect(queries.detail(made.id, undefined)).rejects.toMatchObject({ status: 403 });
    expect((await queries.publicList({ communityCode: tree.community.code!, page: 1, pageSize: 10 })).total).toBe(0);

    const returned = await pledges.review(secretary, made.id, { decision: 'return', reason: '目标请写得更具体' });
    expect(returned).toMatchObject({ status: 'returned', returnReason: '目标请写得更具体' });
    expect(await inbox.findOneByOrFail({ userId: ownerUser.id, title: '承诺被退回修改' })).toMatchObject({ linkKind: 'pledge', linkId: made.id });
    await expect(pledges.review(secretary, made.id, { decision: 'approve' })).rejects.toMatchObject({ status: 409, message: '该承诺已退回修改，不能审核通过' });

    const revised = await pledges.revise(owner, made.id, input({ target: '全年义务理发 12 次，服务 30 人次', nameDisplay: 'full' }));
    expect(revised).toMatchObject({ status: 'submitted', returnReason: null, publicName: '王建国', target: '全年义务理发 12 次，服务 30 人次' });
    expect(await inbox.countBy({ userId: secretary.userId, title: '党员承诺已修改，待审核' })).toBe(1);
    // Still one pledge a year: a revision cannot move it to another year.
    await expect(pledges.revise(owner, made.id, input({ dueDate: `${year + 1}-06-30` }))).rejects.toMatchObject({ status: 400, message: `截止日期须在 ${year} 年内（每年一项承诺）` });

    const approved = await pledges.review(secretary, made.id, { decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', approvedAt: expect.any(String) });
    expect(await inbox.countBy({ userId: ownerUser.id, title: '承诺已亮诺' })).toBe(1);
    const wall = await queries.publicList({ communityCode: tree.community.code!, page: 1, pageSize: 10 });
    expect(wall.items).toEqual([expect.objectContaining({ id: made.id, name: '王建国', branchName: orgs.branch.name, status: 'approved' })]);
    // The public face: no assessments, the chosen name, no return reason.
    expect(await queries.detail(made.id, undefined)).toMatchObject({ member: { name: '王建国' }, actions: [] });

    expect((await pledges.progress(owner, made.id, { note: '3月为 6 位老人理发', photoIds: [] })).progress).toHaveLength(1);
    await expect(pledges.progress(secretary, made.id, { note: '代为更新', photoIds: [] })).rejects.toMatchObject({ status: 403 });
    const done = await pledges.complete(owner, made.id, { evidence: '全年理发 13 次，服务 34 人次', photoIds: [] });
    expect(done).toMatchObject({ status: 'done', evidence: { note: '全年理发 13 次，服务 34 人次' } });
    expect(await inbox.countBy({ userId: staff.userId, title: '党员已践诺，待评诺' })).toBe(1);
    expect((await queries.detail(made.id, secretary)).actions).toEqual(['assess_branch']);
    expect((await queries.detail(made.id, staff)).actions).toEqual(['assess_community']);

    const first = await pledges.assess(secretary, made.id, { grade: 'excellent', comment: '按期践诺，群众满意' });
    expect(first).toMatchObject({ status: 'done', assessed: ['branch'] });
    expect((await queries.detail(made.id, secretary)).actions).toEqual([]);
    await expect(pledges.assess(secretary, made.id, { grade: 'poor', comment: '再评一次' })).rejects.toMatchObject({
      status: 409,
      message: '这项承诺的党支部评诺已经完成，每项承诺由党支部和社区各评一次',
    });
    const second = await pledges.assess(staff, made.id, { grade: 'good', comment: '居民认可' });
    expect(second).toMatchObject({ status: 'assessed', assessed: ['branch', 'community'] });
    expect(second.assessments.map((a) => [a.kind, a.grade, a.assessorName])).toEqual([
      ['branch', 'excellent', orgs.branch.name],
      ['community', 'good', tree.community.name],
    ]);
    await expect(pledges.assess(staff, made.id, { grade: 'good', comment: '又一次' })).rejects.toMatchObject({ status: 409 });
    expect(await t.dataSource.getRepository(PledgeAssessmentEntity).countBy({ pledgeId: made.id })).toBe(2);
    expect(await inbox.countBy({ userId: ownerUser.id, title: '承诺评诺完成' })).toBe(1);

    const timeline = await queries.timeline(made.id, owner);
    expect(timeline.items.map((e) => [e.actionLabel, e.toStatus])).toEqual([
      ['承诺', 'submitted'],
      ['退回修改', 'returned'],
      ['修改后提交', 'submitted'],
      ['亮诺', 'approved'],
      ['进展', 'approved'],
      ['践诺', 'done'],
      ['党支部评诺', 'done'],
      // The second assessment concludes it.
      ['社区评诺', 'assessed'],
    ]);

    // The ledger: credited once, 0 minutes, the member's category, where they live, for their branch.
    const credits = await t.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceType: 'pledge', sourceId: made.id });
    expect(credits).toEqual([
      expect.objectContaining({
        kind: 'pledge_done',
        memberId: member.id,
        serviceMinutes: 0,
        category: '助老助残',
        communityId: tree.community.id,
        streetId: tree.street.id,
        branchId: orgs.branch.id,
      }),
    ]);
    await expect(pledges.complete(owner, made.id, { evidence: '再提交一次', photoIds: [] })).rejects.toMatchObject({ status: 409 });
    expect(await t.dataSource.getRepository(LedgerEntryEntity).countBy({ sourceType: 'pledge', sourceId: made.id })).toBe(1);
  });

  it('should allow one pledge per member per year, also when two are made at once', async () => {
    const { owner } = await cast();
    const results = await Promise.allSettled([pledges.create(owner, input()), pledges.create(owner, input({ content: '同时提交的第二项承诺' }))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(refused.reason).toMatchObject({ status: 409, code: 'PLEDGE_EXISTS', message: `您已作出 ${year} 年的承诺，每名党员每年一项承诺` });
    await expect(pledges.create(owner, input())).rejects.toMatchObject({ status: 409, code: 'PLEDGE_EXISTS' });
    // Next year's is another pledge.
    expect((await pledges.create(owner, input({ dueDate: `${year + 1}-06-30` }))).year).toBe(year + 1);
    expect((await queries.mine(owner)).items.map((p) => p.year)).toEqual([year + 1, year]);
  });

  it('should refuse bad input with a Chinese message and change nothing', async () => {
    const { owner, member } = await cast();
    await expect(pledges.create(owner, input({ dueDate: `${year - 1}-12-31` }))).rejects.toMatchObject({ status: 400 });
    await expect(pledges.create(owner, input({ dueDate: `${year + 2}-01-31` }))).rejects.toMatchObject({ status: 400, message: `只能作 ${year} 年或 ${year + 1} 年的承诺` });
    const { user } = await f.member(orgs.branch);
    await expect(pledges.create(await f.principal(user), input())).rejects.toMatchObject({ status: 400, message: expect.stringContaining('请先向居住地社区报到') });
    const resident = await f.principal(await f.user());
    await expect(pledges.create(resident, input())).rejects.toMatchObject({ status: 403, message: '只有在职党员可以作出承诺' });
    expect(await t.dataSource.getRepository(PledgeEntity).countBy({ memberId: member.id })).toBe(0);
  });

  it('should refuse a secretary of another branch and staff of another community, saying why', async () => {
    const { owner } = await cast();
    const made = await pledges.create(owner, input());
    const otherSecretary = await f.principal(await f.holder('branch_secretary', orgs.otherBranch));
    const otherStaff = await f.principal(await f.holder('community_staff', tree.neighbour));
    await expect(pledges.review(otherSecretary, made.id, { decision: 'approve' })).rejects.toMatchObject({ status: 403, message: '该党员不在您的党支部，不能处理其承诺' });
    await expect(queries.detail(made.id, otherSecretary)).rejects.toMatchObject({ status: 403 });
    // A secretary above (on the party committee) covers the branch.
    const above = await f.principal(await f.holder('branch_secretary', orgs.partyCommittee));
    await pledges.review(above, made.id, { decision: 'approve' });
    await pledges.complete(owner, made.id, { evidence: '已完成', photoIds: [] });
    await expect(pledges.assess(otherStaff, made.id, { grade: 'good', comment: '不是我社区的' })).rejects.toMatchObject({ status: 403, message: '该党员不住在您负责的社区，不能评诺' });
    await expect(pledges.assess(otherSecretary, made.id, { grade: 'good', comment: '不是我支部的' })).rejects.toMatchObject({ status: 403, message: '该党员不在您的党支部，不能处理其承诺' });
    expect(await t.dataSource.getRepository(PledgeAssessmentEntity).countBy({ pledgeId: made.id })).toBe(0);
    // Lists: neither sees it; the committee above reads it.
    expect((await queries.list(otherSecretary, { page: 1, pageSize: 50 })).items.map((p) => p.id)).not.toContain(made.id);
    expect((await queries.list(otherStaff, { page: 1, pageSize: 50 })).items.map((p) => p.id)).not.toContain(made.id);
    const committee = await f.principal(await f.holder('committee_admin', tree.city));
    expect((await queries.list(committee, { page: 1, pageSize: 50 })).items.map((p) => p.id)).toContain(made.id);
    expect((await queries.detail(made.id, committee)).actions).toEqual([]);
    await expect(pledges.assess(committee, made.id, { grade: 'good', comment: '工委不评' })).rejects.toMatchObject({ status: 403 });
  });

  it('should not let a secretary approve or assess their own pledge; a secretary above the branch does', async () => {
    const { user } = await f.member(orgs.branch, { residence: tree.community });
    await f.grant(user, 'branch_secretary', orgs.branch);
    await f.grant(user, 'community_staff', tree.community);
    const self = await f.principal(user);
    const made = await pledges.create(self, input());
    expect(made.actions).toEqual(['revise']);
    await expect(pledges.review(self, made.id, { decision: 'approve' })).rejects.toMatchObject({ status: 403, message: expect.stringContaining('不能审核或评议自己的承诺') });
    // Not told to review their own, nor shown it as waiting.
    expect((await queries.list(self, { todo: 'true', page: 1, pageSize: 50 })).items.map((p) => p.id)).not.toContain(made.id);
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: user.id, title: '党员承诺待审核' })).toBe(0);
    const above = await f.principal(await f.holder('branch_secretary', orgs.partyCommittee));
    await pledges.review(above, made.id, { decision: 'approve' });
    await pledges.complete(self, made.id, { evidence: '已完成', photoIds: [] });
    await expect(pledges.assess(self, made.id, { grade: 'excellent', comment: '自评优秀', as: 'community' })).rejects.toMatchObject({ status: 403 });
    expect(await t.dataSource.getRepository(PledgeAssessmentEntity).countBy({ pledgeId: made.id })).toBe(0);
  });

  it('should conclude exactly once when the secretary and the staff assess at the same moment', async () => {
    const { owner, secretary, staff } = await cast();
    const made = await pledges.create(owner, input());
    await pledges.review(secretary, made.id, { decision: 'approve' });
    await pledges.complete(owner, made.id, { evidence: '已完成', photoIds: [] });
    await Promise.all([pledges.assess(secretary, made.id, { grade: 'good', comment: '支部评语' }), pledges.assess(staff, made.id, { grade: 'fair', comment: '社区评语' })]);
    expect(await t.dataSource.getRepository(PledgeEntity).findOneByOrFail({ id: made.id })).toMatchObject({ status: 'assessed' });
    const steps = await t.dataSource.getRepository(TimelineEventEntity).findBy({ subjectId: made.id, fromStatus: 'done' });
    expect(steps.map((e) => e.toStatus).sort()).toEqual(['assessed', 'done']);
    // Two of one kind at once: one wins.
    const again = await cast();
    const other = await pledges.create(again.owner, input());
    await pledges.review(again.secretary, other.id, { decision: 'approve' });
    await pledges.complete(again.owner, other.id, { evidence: '已完成', photoIds: [] });
    const both = await Promise.allSettled([pledges.assess(again.staff, other.id, { grade: 'good', comment: '第一份' }), pledges.assess(again.staff, other.id, { grade: 'poor', comment: '第二份' })]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await t.dataSource.getRepository(PledgeAssessmentEntity).countBy({ pledgeId: other.id })).toBe(1);
  });

  it('should list what waits for each supervisor, and the overdue pledges', async () => {
    const { owner, secretary, staff } = await cast();
    const made = await pledges.create(owner, input());
    const todo = (who: typeof secretary, role?: 'branch_secretary' | 'community_staff') => queries.list(who, { todo: 'true', role, page: 1, pageSize: 50 }).then((p) => p.items.map((i) => i.id));
    expect(await todo(secretary)).toContain(made.id);
    expect(await todo(staff)).not.toContain(made.id);
    await pledges.review(secretary, made.id, { decision: 'approve' });
    expect(await todo(secretary)).not.toContain(made.id);
    // Past due and not done: on the secretary's overdue list (the date is moved into the past for the test).
    await t.dataSource.getRepository(PledgeEntity).update({ id: made.id }, { dueDate: `${year}-01-01` < new Date().toISOString().slice(0, 10) ? `${year}-01-01` : '2000-01-01' });
    const overdue = await queries.list(secretary, { overdue: 'true', page: 1, pageSize: 50 });
    expect(overdue.items.find((p) => p.id === made.id)).toMatchObject({ overdue: true, status: 'approved' });
    expect(overdue.items.every((p) => p.overdue)).toBe(true);
    await pledges.complete(owner, made.id, { evidence: '虽然晚了，已完成', photoIds: [] });
    expect((await queries.list(secretary, { overdue: 'true', page: 1, pageSize: 50 })).items.map((p) => p.id)).not.toContain(made.id);
    expect(await todo(secretary, 'branch_secretary')).toContain(made.id);
    expect(await todo(staff)).toContain(made.id);
    await pledges.assess(staff, made.id, { grade: 'good', comment: '已评' });
    expect(await todo(staff)).not.toContain(made.id);
    expect(await todo(secretary)).toContain(made.id);
  });

  it('should show a branch its projects of the year, and the committee the branches with none', async () => {
    const committee = await f.principal(await f.holder('committee_admin', tree.city));
    const branches = t.app.get(BranchesService);
    const before = await branches.withoutProject(committee, { page: 1, pageSize: 100 });
    expect(before.items.map((b) => b.id).sort()).toEqual([orgs.branch.id, orgs.otherBranch.id].sort());
    expect(before.items.find((b) => b.id === orgs.branch.id)!.unit).toEqual({ id: orgs.unit.id, name: orgs.unit.name });

    const staffUser = await f.holder('community_staff', tree.community);
    const secretaryUser = await f.holder('branch_secretary', orgs.branch);
    const projects = t.app.get(ProjectsService);
    const project = await projects.create(await f.principal(staffUser), { regionId: tree.community.id, title: '楼道照明改造', description: '更换楼道灯', location: '甲一社区' });
    await projects.claim(await f.principal(secretaryUser), project.id, orgs.branch.id);

    const after = await branches.withoutProject(committee, { page: 1, pageSize: 100 });
    expect(after).toMatchObject({ year, branches: 2, total: 1, items: [{ id: orgs.otherBranch.id }] });
    // Another year: no project yet.
    expect((await branches.withoutProject(committee, { year: year - 1, page: 1, pageSize: 100 })).total).toBe(2);

    const secretary = await f.principal(secretaryUser);
    const page = await branches.page(secretary, orgs.branch.id);
    expect(page).toMatchObject({ branch: { id: orgs.branch.id }, unit: { id: orgs.unit.id }, year, projects: [{ id: project.id, status: 'claimed' }] });
    expect(page.pledges.total).toBeGreaterThan(0);
    expect((await branches.page(committee, orgs.otherBranch.id)).projects).toEqual([]);
    await expect(branches.page(secretary, orgs.otherBranch.id)).rejects.toMatchObject({ status: 403 });
    await expect(branches.withoutProject(secretary, { page: 1, pageSize: 10 })).rejects.toMatchObject({ status: 403 });

    // Scope mapping: an organisation scope covers its subtree; a district-level region scope alone maps to none.
    const unitCommittee = await f.principal(await f.holder('committee_admin', orgs.otherUnit));
    expect((await branches.withoutProject(unitCommittee, { page: 1, pageSize: 10 })).branches).toBe(1);
    await expect(branches.page(unitCommittee, orgs.branch.id)).rejects.toMatchObject({ status: 403 });
    const district = await f.principal(await f.holder('committee_admin', tree.district));
    await expect(branches.withoutProject(district, { page: 1, pageSize: 10 })).rejects.toMatchObject({ status: 403 });
  });
});
