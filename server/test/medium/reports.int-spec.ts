import { Between } from 'typeorm';
import { AuditLogEntity } from '../../src/modules/audit/audit-log.entity';
import { LedgerEntryEntity } from '../../src/modules/ledger/ledger-entry.entity';
import { LedgerService, periodOf } from '../../src/modules/ledger/ledger.service';
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { AssessmentsService } from '../../src/modules/reports/assessments.service';
import { ReportVersionEntity } from '../../src/modules/reports/report-version.entity';
import { ReportsService } from '../../src/modules/reports/reports.service';
import type { TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';
import { LedgerFactory } from './report-factories';

const SUMMARY = '上半年参加社区普法宣传和政策宣讲，认领并完成微心愿，今后继续发挥党员作用。';

describe(`member half-year reports (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let l: LedgerFactory;
  let reports: ReportsService;
  let assessments: AssessmentsService;
  let tree: City;
  let orgs: Organisations;
  const period = () => periodOf(undefined, new Date());

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    l = new LedgerFactory(t);
    reports = t.app.get(ReportsService);
    assessments = t.app.get(AssessmentsService);
  });
  afterAll(() => t?.close());

  /** The ledger's sums for a member and the current half year, computed here from the rows (not the service's SQL). */
  async function ledgerSums(memberId: string) {
    const p = period();
    const rows = await t.dataSource.getRepository(LedgerEntryEntity).find({ where: { memberId, occurredAt: Between(p.from, new Date(p.to.getTime() - 1)) } });
    const kindOf = new Map(rows.map((r) => [r.id, r.kind]));
    const byKind: Record<string, { minutes: number; entries: number }> = {};
    const byCommunity: Record<string, number> = {};
    for (const r of rows) {
      const kind = r.correctsEntryId ? kindOf.get(r.correctsEntryId)! : r.kind;
      byKind[kind] ??= { minutes: 0, entries: 0 };
      byKind[kind].minutes += r.serviceMinutes;
      byKind[kind].entries += r.correctsEntryId ? -1 : 1;
      if (r.communityId) byCommunity[r.communityId] = (byCommunity[r.communityId] ?? 0) + r.serviceMinutes;
    }
    return { total: rows.reduce((n, r) => n + r.serviceMinutes, 0), value: rows.reduce((n, r) => n + r.valueYuan, 0), byKind, byCommunity };
  }

  function expectFiguresEqual(figures: Awaited<ReturnType<ReportsService['get']>>['figures'], sums: Awaited<ReturnType<typeof ledgerSums>>) {
    expect(figures.totalMinutes).toBe(sums.total);
    expect(figures.totalValueYuan).toBe(sums.value);
    for (const k of figures.byKind) {
      expect([k.kind, k.minutes, k.entries]).toEqual([k.kind, sums.byKind[k.kind]?.minutes ?? 0, sums.byKind[k.kind]?.entries ?? 0]);
    }
    expect(figures.activitiesAttended).toBe(sums.byKind.activity_attendance?.entries ?? 0);
    expect(figures.wishesFulfilled).toBe(sums.byKind.wish_fulfilled?.entries ?? 0);
    expect(figures.postShifts).toBe(sums.byKind.service_post_shift?.entries ?? 0);
    expect(Object.fromEntries(figures.communities.map((c) => [c.id, c.minutes]))).toEqual(Object.fromEntries(Object.entries(sums.byCommunity).filter(([, m]) => m !== 0)));
  }

  it('should prefill a draft from the ledger, refresh it while a draft, and snapshot the ledger’s sums at submission', async () => {
    const { member, user } = await f.member(orgs.branch, { name: '王建国' });
    const me = await f.principal(user);
    await l.credit(member.id, { minutes: 90, community: tree.community });
    await l.credit(member.id, { kind: 'service_post_shift', minutes: 120, community: tree.neighbour, description: '政策宣传岗值守' });
    await l.credit(member.id, { kind: 'wish_fulfilled', minutes: 0, valueYuan: 150, community: tree.community, description: '圆梦微心愿：电风扇' });
    const corrected = await l.credit(member.id, { minutes: 45, community: tree.farCommunity });
    await t.app.get(LedgerService).correct(await f.principal(await f.holder('branch_secretary', orgs.branch)), corrected, '重复登记，冲正');
    // Last half year's service is not this half year's.
    await l.credit(member.id, { minutes: 600, community: tree.community, at: new Date(period().from.getTime() - 86400_000) });

    const draft = await reports.create(me, period().key);
    expect(draft).toMatchObject({ status: 'draft', version: 0, actions: ['save', 'refresh', 'submit'], assessments: null });
    expectFiguresEqual(draft.figures, await ledgerSums(member.id));
    expect(draft.figures).toMatchObject({ totalMinutes: 210, activitiesAttended: 1, postShifts: 1, wishesFulfilled: 1, pledge: { state: 'not_filed', label: '未填报' } });
    await expect(reports.create(me, period().key)).rejects.toMatchObject({ status: 409 });

    // The draft keeps its figures until refreshed.
    await l.credit(member.id, { minutes: 30, community: tree.community });
    expect((await reports.get(me, draft.id)).figures.totalMinutes).toBe(210);
    const refreshed = await reports.refresh(me, draft.id);
    expect(refreshed.figures.totalMinutes).toBe(240);
    expectFiguresEqual(refreshed.figures, await ledgerSums(member.id));

    // Submission takes the figures again: a credit since the refresh is in the snapshot, one after it is not.
    await l.credit(member.id, { minutes: 15, community: tree.neighbour });
    await reports.update(me, draft.id, { summary: SUMMARY });
    const submitted = await reports.submit(me, draft.id);
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, actions: [] });
    expectFiguresEqual(submitted.figures, await ledgerSums(member.id));
    await l.credit(member.id, { minutes: 60, community: tree.community });
    const version = await t.dataSource.getRepository(ReportVersionEntity).findOneByOrFail({ reportId: draft.id, version: 1 });
    expect(JSON.parse(version.figures).totalMinutes).toBe(255);
    expect((await reports.get(me, draft.id)).figures.totalMinutes).toBe(255);
  });

  it('should run the organisational line: another branch’s secretary refused, return with a comment, resubmit, approve, history kept', async () => {
    const { member, user } = await f.member(orgs.branch, { name: '李晓燕' });
    const me = await f.principal(user);
    await l.credit(member.id, { minutes: 60, community: tree.community });
    const secretaryUser = await f.holder('branch_secretary', orgs.branch);
    const secretary = await f.principal(secretaryUser);
    const other = await f.principal(await f.holder('branch_secretary', orgs.otherBranch));
    const report = await reports.create(me, period().key);
    await expect(reports.submit(me, report.id)).rejects.toMatchObject({ status: 400, message: expect.stringContaining('报告正文') });
    await reports.update(me, report.id, { summary: SUMMARY });
    await reports.submit(me, report.id);
    expect(await t.dataSource.getRepository(NotificationEntity).findOneBy({ userId: secretaryUser.id, kind: 'report_status' })).toMatchObject({ title: '收到党员半年报告', linkKind: 'report_review' });

    await expect(reports.approve(other, report.id, undefined)).rejects.toMatchObject({ status: 403, message: '该报告不属于您负责的党支部' });
    await expect(reports.get(other, report.id)).rejects.toMatchObject({ status: 403 });
    await expect(reports.approve(me, report.id, undefined)).rejects.toMatchObject({ status: 403 });
    await expect(reports.update(secretary, report.id, { summary: '书记代改' })).rejects.toMatchObject({ status: 403 });
    const queue = await reports.list(secretary, { status: 'submitted', page: 1, pageSize: 20 });
    expect(queue.items.map((i) => i.id)).toContain(report.id);
    expect((await reports.list(other, { status: 'submitted', page: 1, pageSize: 20 })).items.map((i) => i.id)).not.toContain(report.id);

    const returned = await reports.return(secretary, report.id, '请补充参加普法宣传的具体情况');
    expect(returned).toMatchObject({ status: 'returned', actions: [] });
    expect(await t.dataSource.getRepository(NotificationEntity).findOneBy({ userId: user.id, kind: 'report_status' })).toMatchObject({
      title: '半年报告被退回修改',
      linkKind: 'report',
      linkId: report.id,
    });
    await expect(reports.approve(secretary, report.id, undefined)).rejects.toMatchObject({ status: 409, message: '该报告已退回修改，不能审核通过' });

    const edited = await reports.update(me, report.id, { summary: `${SUMMARY}补充：3 月在甲一社区开展普法宣传 2 次。` });
    expect(edited).toMatchObject({ status: 'returned', actions: ['save', 'refresh', 'submit'] });
    await reports.submit(me, report.id);
    const approved = await reports.approve(secretary, report.id, '内容充实，同意');
    expect(approved).toMatchObject({ status: 'approved', version: 2 });
    expect(approved.versions.map((v) => [v.version, v.decision, v.comment])).toEqual([
      [2, 'approved', '内容充实，同意'],
      [1, 'returned', '请补充参加普法宣传的具体情况'],
    ]);
    expect(approved.versions[1].summary).toBe(SUMMARY);
    expect(approved.timeline.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve']);
    // The member sees the same history.
    expect((await reports.get(me, report.id)).versions).toHaveLength(2);

    await expect(reports.submit(me, report.id)).rejects.toMatchObject({ status: 409, message: '该报告已审核通过，不能再次提交' });
    await expect(reports.update(me, report.id, { summary: '改一下' })).rejects.toMatchObject({ status: 409 });
  });

  it('should run the territorial line: officials see who served in their street, assess once per scope, and the secretary sees it', async () => {
    const { member, user } = await f.member(orgs.branch, { name: '张志强' });
    await l.credit(member.id, { minutes: 120, community: tree.community });
    const official = await f.principal(await f.holder('street_official', tree.street));
    const staff = await f.principal(await f.holder('community_staff', tree.community));
    const neighbourStaff = await f.principal(await f.holder('community_staff', tree.neighbour));
    const farOfficial = await f.principal(await f.holder('street_official', tree.otherStreet));
    const key = period().key;

    const served = await assessments.served(official, { period: key, page: 1, pageSize: 50 });
    const row = served.items.find((i) => i.id === member.id);
    expect(row).toMatchObject({
      minutes: 120,
      communities: [{ id: tree.community.id, minutes: 120 }],
      assessableScopes: [{ id: tree.street.id }],
      report: null,
      branch: { id: orgs.branch.id },
      unit: { id: orgs.unit.id },
    });
    expect((await assessments.served(farOfficial, { period: key, page: 1, pageSize: 50 })).items.map((i) => i.id)).not.toContain(member.id);
    expect((await assessments.served(neighbourStaff, { period: key, page: 1, pageSize: 50 })).items.map((i) => i.id)).not.toContain(member.id);

    await expect(assessments.assess(farOfficial, { memberId: member.id, period: key, grade: 'good', comment: '' })).rejects.toMatchObject({
      status: 403,
      message: '该党员本时段没有在您负责的街道或社区服务，不能评价',
    });
    await expect(assessments.assess(neighbourStaff, { memberId: member.id, period: key, grade: 'good', comment: '' })).rejects.toMatchObject({ status: 403 });
    await assessments.assess(official, { memberId: member.id, period: key, grade: 'good', comment: '积极参加街道活动' });
    const revised = await assessments.assess(official, { memberId: member.id, period: key, grade: 'excellent', comment: '表现突出' });
    expect(revised.assessments).toEqual([expect.objectContaining({ grade: 'excellent', gradeLabel: '优秀', comment: '表现突出', mine: true, scope: expect.objectContaining({ id: tree.street.id }) })]);
    await assessments.assess(staff, { memberId: member.id, period: key, grade: 'good', comment: '按时值守' });
    const audit = await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'report.assess', subjectId: member.id });
    expect(audit).toBe(3);

    const report = await reports.create(await f.principal(user), key);
    const secretary = await f.principal(await f.holder('branch_secretary', orgs.branch));
    const seen = await reports.get(secretary, report.id);
    expect(seen.assessments?.map((a) => [a.scope.id, a.gradeLabel, a.comment]).sort()).toEqual(
      [
        [tree.street.id, '优秀', '表现突出'],
        [tree.community.id, '良好', '按时值守'],
      ].sort(),
    );
    expect((await reports.get(await f.principal(user), report.id)).assessments).toBeNull();
  });

  it('should list the branch’s late members against the deadline', async () => {
    const { member } = await f.member(orgs.otherBranch, { name: '刘海霞' });
    const secretary = await f.principal(await f.holder('branch_secretary', orgs.otherBranch));
    // The previous half year's deadline is behind us for every date this suite runs on except the first half of Jan/Jul.
    const previous = periodOf(period().key.endsWith('H1') ? `${Number(period().key.slice(0, 4)) - 1}H2` : `${period().key.slice(0, 4)}H1`, new Date());
    const list = await reports.late(secretary, { period: previous.key });
    const late = new Date(list.deadline).getTime() <= Date.now();
    expect(list.branch.id).toBe(orgs.otherBranch.id);
    expect(list.items.some((i) => i.member.id === member.id)).toBe(late);
    await expect(reports.late(await f.principal(await f.holder('branch_secretary', orgs.branch)), { period: previous.key, branchId: orgs.otherBranch.id })).rejects.toMatchObject({ status: 403 });
  });
});
