import type { AssessmentGrade, OrgReportFigures, OrgReportStatus } from '@nuancheng/shared';
import { AGREEMENT_STATUS_LABELS } from '@nuancheng/shared';
import { EntityManager, In } from 'typeorm';
import { newId } from '../../common/ids';
import { AgreementCommitmentEntity } from '../../modules/agreements/agreement-commitment.entity';
import { AgreementEntity } from '../../modules/agreements/agreement.entity';
import { MemberEntity } from '../../modules/members/member.entity';
import { AgreementAssessmentEntity } from '../../modules/org-reports/agreement-assessment.entity';
import { OrgReportVersionEntity } from '../../modules/org-reports/org-report-version.entity';
import { OrgReportEntity } from '../../modules/org-reports/org-report.entity';
import type { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import { TimelineEventEntity } from '../../modules/workflow/timeline-event.entity';
import { DEMO_WORK_COMMITTEE } from './demo-data';
import { type DemoSeeder } from './demo-kit';

const DAY = 24 * 3600 * 1000;
const CST = 8 * 3600 * 1000;

interface DemoOrgReport {
  unit: string;
  /** 0: this year, -1: last year. */
  yearOffset: number;
  status: OrgReportStatus;
  versions: Array<{ decision?: 'approved' | 'returned'; comment?: string }>;
  summary: string;
}

/** 市林草局 has none for this year: the browser journey writes it. */
const REPORTS: DemoOrgReport[] = [
  {
    unit: '市地震局',
    yearOffset: 0,
    status: 'submitted',
    versions: [{}],
    summary: '本年度单位党组织与汇丰街道签订共建协议，组织在职党员到社区报到服务，开展防震减灾科普讲座和应急演练，认领微心愿，落实“一支部一实事”“一党员一践诺”。',
  },
  {
    unit: '市医保局',
    yearOffset: -1,
    status: 'approved',
    versions: [
      { decision: 'returned', comment: '请补充资源清单的落实情况和党员报到服务时长。' },
      { decision: 'approved', comment: '报告内容翔实，同意。' },
    ],
    summary: '上一年度单位党组织开展医保政策咨询与免费测血压活动，组织党员到社区报到服务，资源清单各项承诺均已落实。',
  },
];

/**
 * 机关党组织年度报告 on first start: one waiting in dev:committee's queue (市地震局, this year, with dev:official's
 * assessment of its 汇丰街道 agreement) and one approved last year after a return (市医保局). The figures are a
 * snapshot of the demo data as seeded (rosters, the ledger, agreements with their commitments); delivery and
 * claims start at zero in the snapshot and are taken afresh by a new report.
 */
export const seedDemoOrgReports: DemoSeeder = async (manager, now, regions, organisations, people) => {
  const thisYear = new Date(now.getTime() + CST).getUTCFullYear();
  const committeeUser = people.get('dev:committee')!.userId;
  const officialUser = people.get('dev:official')!.userId;
  const huifeng = regions.get('汇丰街道')!;
  for (const [i, demo] of REPORTS.entries()) {
    const unit = organisations.get(demo.unit)!;
    const year = thisYear + demo.yearOffset;
    const figures = await snapshot(manager, unit, year, now, organisations);
    const id = newId();
    const created = new Date(now.getTime() - (20 - i) * DAY);
    const author = await manager.query('SELECT `userId` FROM `role_assignments` WHERE `role` = ? AND `organisationId` = ? LIMIT 1', ['org_admin', unit.id]);
    const authorId = (author[0]?.userId as string | undefined) ?? committeeUser;
    const events: Array<Partial<TimelineEventEntity>> = [
      { action: 'create', fromStatus: null, toStatus: 'draft', actorUserId: authorId, actorRole: 'org_admin', actorName: unit.name, note: null, createdAt: created },
    ];
    const versions: Array<Partial<OrgReportVersionEntity>> = [];
    let status: OrgReportStatus = 'draft';
    let at = created;
    for (const [v, version] of demo.versions.entries()) {
      at = new Date(at.getTime() + 2 * DAY);
      events.push({ action: 'submit', fromStatus: status, toStatus: 'submitted', actorUserId: authorId, actorRole: 'org_admin', actorName: unit.name, note: `第 ${v + 1} 版`, createdAt: at });
      status = 'submitted';
      const decidedAt = version.decision ? new Date(at.getTime() + DAY) : null;
      if (version.decision) {
        const to = version.decision;
        events.push({
          action: to === 'approved' ? 'approve' : 'return',
          fromStatus: status,
          toStatus: to,
          actorUserId: committeeUser,
          actorRole: 'committee_admin',
          actorName: DEMO_WORK_COMMITTEE,
          note: version.comment ?? null,
          createdAt: decidedAt!,
        });
        status = to;
        at = decidedAt!;
      }
      versions.push({
        id: newId(),
        reportId: id,
        version: v + 1,
        summary: demo.summary,
        figures: JSON.stringify(figures),
        submittedAt: events.filter((e) => e.action === 'submit').at(-1)!.createdAt!,
        submittedByUserId: authorId,
        decision: version.decision ?? null,
        comment: version.comment ?? null,
        reviewerUserId: version.decision ? committeeUser : null,
        reviewerName: version.decision ? DEMO_WORK_COMMITTEE : null,
        decidedAt,
      });
    }
    await manager.insert(OrgReportEntity, {
      id,
      unitId: unit.id,
      year,
      status,
      summary: demo.summary,
      figures: JSON.stringify(figures),
      figuresAt: created,
      version: demo.versions.length,
      submittedAt: events.filter((e) => e.action === 'submit').at(-1)?.createdAt ?? null,
      decidedAt: status === 'approved' || status === 'returned' ? at : null,
      createdAt: created,
      updatedAt: at,
    });
    for (const v of versions) await manager.insert(OrgReportVersionEntity, v as OrgReportVersionEntity);
    for (const e of events) await manager.insert(TimelineEventEntity, { id: newId(), subjectType: 'org_report', subjectId: id, ...e } as TimelineEventEntity);
  }
  // dev:official's assessment of 市地震局's agreement with 汇丰街道 for this year.
  const dizhen = organisations.get('市地震局')!;
  const agreement = await manager.findOne(AgreementEntity, { where: { unitId: dizhen.id, streetId: huifeng.id, status: 'in_force' } });
  if (agreement) {
    const grade: AssessmentGrade = 'excellent';
    await manager.insert(AgreementAssessmentEntity, {
      id: newId(),
      agreementId: agreement.id,
      unitId: dizhen.id,
      year: thisYear,
      streetId: huifeng.id,
      grade,
      comment: '防震减灾科普讲座按计划开展，居民反响好。',
      assessorUserId: officialUser,
      createdAt: new Date(now.getTime() - 3 * DAY),
      updatedAt: new Date(now.getTime() - 3 * DAY),
    });
  }
};

/** The unit's figures as seeded, read with plain queries (the seed runs without the application's services). */
async function snapshot(manager: EntityManager, unit: OrganisationEntity, year: number, now: Date, organisations: Map<string, OrganisationEntity>): Promise<OrgReportFigures> {
  const inUnit = [...organisations.values()].filter((o) => o.path.startsWith(unit.path));
  const branches = inUnit.filter((o) => o.level === 'branch');
  const roster = branches.length ? await manager.count(MemberEntity, { where: { branchId: In(branches.map((b) => b.id)) } }) : 0;
  const agreements = await manager.find(AgreementEntity, { where: { unitId: unit.id, status: In(['in_force', 'expired', 'ended_early']) } });
  const active = agreements.filter((a) => a.startDate <= `${year}-12-31` && a.endDate >= `${year}-01-01`);
  const commitments = active.length ? await manager.find(AgreementCommitmentEntity, { where: { agreementId: In(active.map((a) => a.id)) }, order: { position: 'ASC' } }) : [];
  const regionRows: Array<{ id: string; name: string; level: string }> = active.length
    ? await manager.query(
        `SELECT \`id\`, \`name\`, \`level\` FROM \`regions\` WHERE \`id\` IN (${active.flatMap(() => ['?', '?']).join(', ')})`,
        active.flatMap((a) => [a.regionId, a.streetId]),
      )
    : [];
  const region = (id: string) => regionRows.find((r) => r.id === id) ?? { id, name: '', level: 'street' };
  return {
    year,
    members: { roster, withService: 0, totalMinutes: 0, minutesPerMember: 0, unitMinutes: 0 },
    memberReports: [
      { period: `${year}H1`, label: `${year}年上半年`, submitted: 0, approved: 0 },
      { period: `${year}H2`, label: `${year}年下半年`, submitted: 0, approved: 0 },
    ],
    agreements: active.map((a) => ({
      id: a.id,
      status: a.status,
      statusLabel: AGREEMENT_STATUS_LABELS[a.status],
      region: region(a.regionId),
      street: { id: a.streetId, name: region(a.streetId).name },
      startDate: a.startDate,
      endDate: a.endDate,
      commitments: commitments
        .filter((c) => c.agreementId === a.id)
        .map((c) => ({ id: c.id, category: c.category, description: c.description, quantity: c.quantity, unit: c.unit, delivered: { services: 0, minutes: 0, valueYuan: 0 } })),
    })),
    wishes: { claimed: 0, completed: 0, byUnit: { claimed: 0, completed: 0 }, byMembers: { claimed: 0, completed: 0 } },
    projects: { claimed: 0, completed: 0 },
    branchProjects: { branches: branches.length, withProject: 0, items: [] },
    pledges: { members: roster, pledged: 0, done: 0 },
    takenAt: now.toISOString(),
  };
}
