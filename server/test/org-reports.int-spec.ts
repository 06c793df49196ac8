import { randomUUID } from 'node:crypto';
import { inTransaction } from '../src/common/database/transaction';
import { newId } from '../src/common/ids';
import { AgreementCommitmentEntity } from '../src/modules/agreements/agreement-commitment.entity';
import { AgreementEntity } from '../src/modules/agreements/agreement.entity';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { LedgerService } from '../src/modules/ledger/ledger.service';
import type { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { LivelihoodProjectEntity } from '../src/modules/projects/livelihood-project.entity';
import { cstYear, yearWindow } from '../src/modules/org-reports/org-report-figures.service';
import { OrgReportVersionEntity } from '../src/modules/org-reports/org-report-version.entity';
import { OrgReportsService } from '../src/modules/org-reports/org-reports.service';
import type { RegionEntity } from '../src/modules/regions/region.entity';
import { ReportsService } from '../src/modules/reports/reports.service';
import type { TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';
import { type City, Factory, type Organisations, startWithOwnCity } from './medium/factories';
import { LedgerFactory } from './medium/report-factories';
import { refusal } from './support/refusal';

const SUMMARY = '本年度单位党组织组织党员到结对社区报到服务，认领微心愿和民生实事，落实共建协议资源清单。';

describe(`organisation annual reports (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let l: LedgerFactory;
  let service: OrgReportsService;
  let tree: City;
  let orgs: Organisations;
  const year = cstYear(new Date());
  const num = (v: unknown) => Number(v ?? 0);
  const sql = async (query: string, params: unknown[]) => {
    const column = t.dataSource.getMetadata(LedgerEntryEntity).findColumnWithPropertyName('occurredAt')!;
    const bound = params.map((p) => (p instanceof Date ? t.dataSource.driver.preparePersistentValue(p, column) : p));
    return num(Object.values((await t.dataSource.query(query, bound))[0] as object)[0]);
  };

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    l = new LedgerFactory(t);
    service = t.app.get(OrgReportsService);
  });
  afterAll(() => t?.close());

  async function agreementWith(unit: OrganisationEntity, street: RegionEntity, category = '政策宣讲') {
    const now = new Date();
    const admin = await f.holder('org_admin', unit);
    const id = newId();
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    await t.dataSource.getRepository(AgreementEntity).insert({
      id,
      organisationId: unit.id,
      unitId: unit.id,
      regionId: street.id,
      streetId: street.id,
      communityId: null,
      status: 'in_force',
      startDate: `${year}-01-01`,
      endDate: `${year + 1}-12-31`,
      contactName: '联络员',
      contactPhoneCipher: t.cipher.encrypt('13700001111'),
      note: null,
      proposerUserId: admin.id,
      proposerRole: 'org_admin',
      proposerName: unit.name,
      proposedAt: now,
      countersignerUserId: null,
      countersignerRole: 'street_official',
      countersignerName: street.name,
      countersignedAt: now,
      returnReason: null,
      endReason: null,
      endedAt: null,
      remindedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    expect(today >= `${year}-01-01`).toBe(true);
    await t.dataSource
      .getRepository(AgreementCommitmentEntity)
      .insert({ id: newId(), agreementId: id, position: 0, category: category as never, description: '政策宣讲进社区', quantity: 4, unit: '次/年' });
    return id;
  }

  function creditCategory(memberId: string, community: RegionEntity, minutes: number, category: string) {
    return inTransaction(t.dataSource, (manager) =>
      t.app.get(LedgerService).credit(manager, {
        memberId,
        organisationId: null,
        kind: 'activity_attendance',
        sourceType: 'activity_attendance',
        sourceId: randomUUID(),
        minutes,
        valueYuan: 0,
        description: '政策宣讲进社区',
        occurredAt: new Date(),
        communityId: community.id,
        streetId: community.parentId,
        category: category as never,
      }),
    );
  }

  it('should draft from the unit’s data, equal to direct SQL sums, and keep every version and comment through return and resubmit', async () => {
    const admin = await f.principal(await f.holder('org_admin', orgs.unit));
    const committee = await f.principal(await f.holder('committee_admin', orgs.committee));
    const official = await f.principal(await f.holder('street_official', tree.street));
    const a = await f.member(orgs.branch, { name: '王建国' });
    const b = await f.member(orgs.branch, { name: '李晓燕' });
    await f.member(orgs.branch, { name: '张志强' });
    const agreementId = await agreementWith(orgs.unit, tree.street);
    await creditCategory(a.member.id, tree.community, 90, '政策宣讲');
    await l.credit(a.member.id, { minutes: 60, community: tree.neighbour });
    await l.credit(b.member.id, { minutes: 30, community: tree.farCommunity });
    // Last year's service is not this year's.
    await l.credit(b.member.id, { minutes: 600, community: tree.community, at: new Date(yearWindow(year).from.getTime() - 86400_000) });
    // Claims: one confirmed wish by a member, one open by the unit; a project claimed by the branch (一支部一实事).
    await f.wish({ community: tree.community, status: 'confirmed', claimant: a });
    await f.wish({ community: tree.community, status: 'claimed', claimant: { unit: orgs.unit, user: await f.user() } });
    const now = new Date();
    await t.dataSource.getRepository(LivelihoodProjectEntity).insert({
      id: newId(),
      regionId: tree.street.id,
      streetId: tree.street.id,
      communityId: null,
      title: '小区绿化补植',
      description: '补植树木',
      location: '甲一社区',
      estimatedScale: null,
      category: null,
      status: 'completed',
      organisationId: orgs.branch.id,
      percent: 100,
      postedByUserId: (await f.user()).id,
      claimedByUserId: null,
      verifiedByUserId: null,
      claimedAt: now,
      completedAt: now,
      verifiedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    // A member's half-year report, submitted.
    await t.app.get(ReportsService).create(await f.principal(a.user), `${year}H${new Date(now.getTime() + 8 * 3600_000).getUTCMonth() < 6 ? 1 : 2}`);

    const draft = await service.create(admin, { year });
    expect(draft).toMatchObject({ status: 'draft', version: 0, unit: { id: orgs.unit.id }, actions: ['save', 'refresh', 'submit'] });

    const { from, to } = yearWindow(year);
    const fig = draft.figures;
    expect(fig.members.totalMinutes).toBe(
      await sql('SELECT SUM(`serviceMinutes`) FROM `ledger_entries` WHERE `unitId` = ? AND `memberId` IS NOT NULL AND `occurredAt` >= ? AND `occurredAt` < ?', [orgs.unit.id, from, to]),
    );
    expect(fig.members.totalMinutes).toBe(180);
    expect(fig.members.roster).toBe(await sql('SELECT COUNT(*) FROM `members` WHERE `branchId` = ?', [orgs.branch.id]));
    expect(fig.members).toMatchObject({ roster: 3, withService: 2, minutesPerMember: 60 });
    expect(fig.wishes.byMembers.claimed).toBe(await sql('SELECT COUNT(*) FROM `wish_claims` WHERE `memberId` IN (SELECT `id` FROM `members` WHERE `branchId` = ?)', [orgs.branch.id]));
    expect(fig.wishes).toMatchObject({ claimed: 2, completed: 1, byUnit: { claimed: 1, completed: 0 }, byMembers: { claimed: 1, completed: 1 } });
    expect(fig.projects).toEqual({ claimed: 1, completed: 1 });
    expect(fig.branchProjects).toMatchObject({ branches: 1, withProject: 1, items: [{ title: '小区绿化补植', branch: { id: orgs.branch.id } }] });
    expect(fig.pledges).toEqual({ members: 3, pledged: await sql('SELECT COUNT(*) FROM `pledges` WHERE `branchId` = ? AND `year` = ?', [orgs.branch.id, year]), done: 0 });
    const reportsOfUnit = fig.memberReports.reduce((n, r) => n + r.submitted, 0);
    expect(reportsOfUnit).toBe(await sql('SELECT COUNT(*) FROM `member_reports` WHERE `unitId` = ? AND `version` > 0', [orgs.unit.id]));
    expect(fig.agreements).toHaveLength(1);
    const delivered = await sql("SELECT SUM(`serviceMinutes`) FROM `ledger_entries` WHERE `unitId` = ? AND `streetId` = ? AND `category` = '政策宣讲' AND `occurredAt` >= ?", [
      orgs.unit.id,
      tree.street.id,
      new Date(Date.UTC(year, 0, 1) - 8 * 3600_000),
    ]);
    expect(fig.agreements[0]).toMatchObject({ id: agreementId, street: { id: tree.street.id }, commitments: [{ quantity: 4, delivered: { services: 1, minutes: delivered } }] });
    expect(delivered).toBe(90);

    // Refresh while a draft picks up new service.
    await l.credit(b.member.id, { minutes: 45, community: tree.community });
    expect((await service.refresh(admin, draft.id)).figures.members.totalMinutes).toBe(225);

    expect(await refusal(service.submit(admin, draft.id))).toMatchObject({ status: 400, message: '请先填写报告正文（至少 10 个字）再提交' });
    await service.update(admin, draft.id, SUMMARY);
    const submitted = await service.submit(admin, draft.id);
    expect(submitted).toMatchObject({ status: 'submitted', version: 1, actions: [] });
    expect(await refusal(service.create(admin, { year }))).toMatchObject({ status: 409, code: 'ORG_REPORT_EXISTS' });

    // The paired street assesses the agreement; the committee sees it beside the agreement.
    const assessed = await service.assess(official, agreementId, { year, grade: 'good', comment: '资源清单落实较好' });
    expect(assessed).toMatchObject({ canAssess: true, items: [{ grade: 'good', gradeLabel: '良好', street: { id: tree.street.id }, mine: true }] });
    const seen = await service.get(committee, draft.id);
    expect(seen.actions).toEqual(['approve', 'return']);
    expect(seen.assessments).toEqual([expect.objectContaining({ agreementId, grade: 'good', comment: '资源清单落实较好', mine: false })]);

    // Returned with a comment, edited, resubmitted, approved: every version and comment kept.
    const returned = await service.return(committee, draft.id, '请补充一支部一实事的进展情况');
    expect(returned).toMatchObject({ status: 'returned', versions: [{ version: 1, decision: 'returned', comment: '请补充一支部一实事的进展情况', reviewer: { name: '测试工委' } }] });
    const back = await service.get(admin, draft.id);
    expect(back.actions).toEqual(['save', 'refresh', 'submit']);
    await service.update(admin, draft.id, `${SUMMARY}第一党支部认领的小区绿化补植项目已完成。`);
    const again = await service.submit(admin, draft.id);
    expect(again).toMatchObject({ status: 'submitted', version: 2 });
    const approved = await service.approve(committee, draft.id, '同意');
    expect(approved.status).toBe('approved');
    expect(approved.versions.map((v) => [v.version, v.decision, v.comment])).toEqual([
      [2, 'approved', '同意'],
      [1, 'returned', '请补充一支部一实事的进展情况'],
    ]);
    expect(approved.versions[1].summary).toBe(SUMMARY);
    expect(approved.timeline.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve']);
    expect(await t.dataSource.getRepository(OrgReportVersionEntity).countBy({ reportId: draft.id })).toBe(2);

    // An approved report is not resubmitted, edited or decided again.
    expect(await refusal(service.submit(admin, draft.id))).toMatchObject({ status: 409, code: 'WRONG_STATE', message: '该年度报告已审核通过，不能再次提交' });
    expect(await refusal(service.update(admin, draft.id, SUMMARY))).toMatchObject({ status: 409 });
    expect(await refusal(service.return(committee, draft.id, '再改改'))).toMatchObject({ status: 409 });

    const queue = await service.list(committee, { year, status: 'approved', page: 1, pageSize: 20 });
    expect(queue.items).toEqual([expect.objectContaining({ id: draft.id, unit: { id: orgs.unit.id, name: orgs.unit.name }, assessments: 1 })]);
  });

  it('should refuse an org admin of another unit, a committee admin outside the scope and an official of a street not paired', async () => {
    const admin = await f.principal(await f.holder('org_admin', orgs.otherUnit));
    const report = await service.create(admin, { year });
    await service.update(admin, report.id, SUMMARY);
    await service.submit(admin, report.id);
    const agreementId = await agreementWith(orgs.otherUnit, tree.otherStreet);

    const strangerAdmin = await f.principal(await f.holder('org_admin', orgs.unit));
    expect(await refusal(service.get(strangerAdmin, report.id))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await refusal(service.update(strangerAdmin, report.id, SUMMARY))).toMatchObject({ status: 403 });
    expect(await refusal(service.create(strangerAdmin, { year, unitId: orgs.otherUnit.id }))).toMatchObject({ status: 403, message: '该报告不属于您管理的单位' });

    const otherCommittee = await f.organisation(null, 'work_committee', '另一工委');
    const outsider = await f.principal(await f.holder('committee_admin', otherCommittee));
    expect(await refusal(service.approve(outsider, report.id, undefined))).toMatchObject({ status: 403 });
    expect((await service.list(outsider, { page: 1, pageSize: 20 })).items).toEqual([]);

    const member = await f.member(orgs.otherBranch);
    expect(await refusal(service.list(await f.principal(member.user), { page: 1, pageSize: 20 }))).toMatchObject({ status: 403 });

    const notPaired = await f.principal(await f.holder('street_official', tree.street));
    expect(await refusal(service.assess(notPaired, agreementId, { year, grade: 'poor', comment: '' }))).toMatchObject({ status: 403, message: '该协议不是与您负责的街道签订的，不能评价' });
    expect(await refusal(service.assess(admin, agreementId, { year, grade: 'poor', comment: '' }))).toMatchObject({ status: 403 });
    const paired = await f.principal(await f.holder('street_official', tree.otherStreet));
    expect(await refusal(service.assess(paired, agreementId, { year: year - 1, grade: 'good', comment: '' }))).toMatchObject({ status: 409 });
    // A revision replaces the street's assessment.
    await service.assess(paired, agreementId, { year, grade: 'fair', comment: '一般' });
    const revised = await service.assess(paired, agreementId, { year, grade: 'excellent', comment: '优秀' });
    expect(revised.items).toEqual([expect.objectContaining({ grade: 'excellent', gradeLabel: '优秀' })]);
    expect(await refusal(service.assessmentsOfAgreement(notPaired, agreementId, year))).toMatchObject({ status: 403 });
  });
});
