import { LEDGER_KIND_LABELS, PLEDGE_STATE_LABELS, maskName, type AssessmentGrade, type LedgerKind, type ReportFigures, type ReportStatus } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { newId } from '../../common/ids';
import { CertificateEntity } from '../../modules/certificates/certificate.entity';
import { beijingDate, type CertificateContent } from '../../modules/certificates/certificate-content';
import { newCertificateNumber, signContent } from '../../modules/certificates/certificate-signing';
import { LedgerEntryEntity } from '../../modules/ledger/ledger-entry.entity';
import type { Period } from '../../modules/ledger/ledger.service';
import type { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import type { RegionEntity } from '../../modules/regions/region.entity';
import { MemberReportEntity } from '../../modules/reports/member-report.entity';
import { ReportAssessmentEntity } from '../../modules/reports/report-assessment.entity';
import { ReportVersionEntity } from '../../modules/reports/report-version.entity';
import { deadlineOf, recentHalfYears } from '../../modules/reports/reports.deadlines';
import { branchName } from './demo-data';
import type { SeededPerson } from './demo-wishes';
import { insertTimeline } from './demo-kit';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const MEMBER_KINDS: Array<Exclude<LedgerKind, 'correction'>> = ['activity_attendance', 'service_post_shift', 'wish_fulfilled', 'project_update', 'pledge_done'];

interface DemoService {
  kind: 'activity_attendance' | 'service_post_shift';
  minutes: number;
  description: string;
  community: string;
  /** Days into the period (the previous half year) or days ago (the current one). */
  day: number;
}

/** The demo ledger for the report journeys: 汇丰街道 (dev:official's) and 车站街道 communities. */
const PREVIOUS: Record<string, DemoService[]> = {
  'dev:member-01': [
    { kind: 'activity_attendance', minutes: 90, description: '普法宣传进社区', community: 'KDSQ01', day: 40 },
    { kind: 'service_post_shift', minutes: 120, description: '政策宣传岗值守', community: 'KDSQ01', day: 75 },
    { kind: 'activity_attendance', minutes: 60, description: '义诊量血压志愿服务', community: 'HFSQ01', day: 110 },
  ],
  'dev:member-02': [
    { kind: 'activity_attendance', minutes: 120, description: '普法宣传进社区', community: 'KDSQ01', day: 30 },
    { kind: 'activity_attendance', minutes: 90, description: '政策宣讲进小区', community: 'HFSQ01', day: 95 },
  ],
  'dev:member-03': [
    { kind: 'service_post_shift', minutes: 180, description: '邻里调解岗值守', community: 'HFSQ01', day: 50 },
    { kind: 'activity_attendance', minutes: 60, description: '义诊量血压志愿服务', community: 'FZSQ01', day: 120 },
  ],
  'dev:member-04': [{ kind: 'activity_attendance', minutes: 90, description: '环境整治志愿服务', community: 'XYEQ01', day: 60 }],
  'dev:member-05': [{ kind: 'activity_attendance', minutes: 60, description: '普法宣传进社区', community: 'KDSQ01', day: 80 }],
  'dev:member-06': [{ kind: 'activity_attendance', minutes: 120, description: '西苑二区绿化补植', community: 'XYEQ01', day: 100 }],
  'dev:member-07': [{ kind: 'service_post_shift', minutes: 90, description: '政策宣传岗值守', community: 'JLSQ01', day: 70 }],
};
const CURRENT: Record<string, DemoService[]> = {
  'dev:member-01': [
    { kind: 'activity_attendance', minutes: 60, description: '冬季防火安全宣传', community: 'KDSQ01', day: 12 },
    { kind: 'service_post_shift', minutes: 90, description: '政策宣传岗值守', community: 'KDSQ01', day: 6 },
  ],
  'dev:member-02': [{ kind: 'activity_attendance', minutes: 60, description: '冬季防火安全宣传', community: 'KDSQ01', day: 12 }],
};

interface DemoReport {
  who: string;
  status: ReportStatus;
  /** Each submission: whether it came late, and the secretary's decision on it. */
  versions: Array<{ late?: boolean; decision?: 'approved' | 'returned'; comment?: string }>;
  summary: string;
}

/** Reports for the previous half year in every state (dev:member-01 has none: the browser journey writes it). */
const REPORTS: DemoReport[] = [
  {
    who: 'dev:member-02',
    status: 'approved',
    versions: [{ decision: 'approved', comment: '报告内容翔实，服务记录完整，同意。' }],
    summary: '上半年到康都社区报到后，参加普法宣传进社区、政策宣讲进小区活动，为居民讲解医保政策。下半年将继续认领微心愿，做好服务。',
  },
  {
    who: 'dev:member-03',
    status: 'submitted',
    versions: [{ late: true }],
    summary: '上半年在汇丰社区邻里调解岗值守，调解邻里纠纷 3 起；参加丰泽社区义诊量血压志愿服务。因出差报告提交较晚。',
  },
  {
    who: 'dev:member-04',
    status: 'returned',
    versions: [{ decision: 'returned', comment: '请补充参加西苑二区环境整治的具体情况和下一步打算。' }],
    summary: '上半年参加了社区志愿服务活动。',
  },
  { who: 'dev:member-05', status: 'draft', versions: [], summary: '上半年参加普法宣传进社区活动，' },
  {
    who: 'dev:member-06',
    status: 'approved',
    versions: [{ decision: 'approved', comment: '同意。' }],
    summary: '上半年参加西苑二区绿化补植，和单位同事一起栽植苗木，服务时长 2 小时。',
  },
  { who: 'dev:member-07', status: 'submitted', versions: [{}], summary: '上半年在江林社区政策宣传岗值守，向居民宣传养老保险政策。' },
];

const ASSESSMENTS: Array<{ who: string; grade: AssessmentGrade; comment: string }> = [
  { who: 'dev:member-02', grade: 'excellent', comment: '积极参加社区活动，群众评价好' },
  { who: 'dev:member-03', grade: 'good', comment: '按时值守，调解耐心' },
];

/**
 * Half-year reports in every state for 市地震局机关党支部 (dev:secretary's, members 01–05) and two other branches,
 * the ledger they are drawn from, dev:official's assessments, late ones, and an issued certificate (signed with
 * `certKey`: the running server's, so it verifies; without a key no certificate is seeded).
 */
export async function seedDemoReports(
  manager: EntityManager,
  now: Date,
  regions: Map<string, RegionEntity>,
  organisations: Map<string, OrganisationEntity>,
  people: Map<string, SeededPerson>,
  certKey?: string,
): Promise<void> {
  const [previous, current] = recentHalfYears(now);
  const inPrevious = (day: number) => new Date(Math.min(previous.from.getTime() + day * DAY + 10 * HOUR, previous.to.getTime() - HOUR));
  const inCurrent = (daysAgo: number) => new Date(Math.max(current.from.getTime() + HOUR, now.getTime() - daysAgo * DAY));
  const entries = new Map<string, Array<{ service: DemoService; at: Date }>>();

  const credit = async (code: string, service: DemoService, at: Date) => {
    const person = people.get(code)!;
    const community = regions.get(service.community)!;
    await manager.insert(LedgerEntryEntity, {
      id: newId(),
      memberId: person.memberId,
      organisationId: null,
      kind: service.kind,
      sourceType: 'demo_service',
      sourceId: newId(),
      sequence: 0,
      valueYuan: 0,
      serviceMinutes: service.minutes,
      description: service.description,
      communityId: community.id,
      streetId: community.parentId,
      category: null,
      branchId: person.branchId,
      unitId: person.unitId,
      correctsEntryId: null,
      reason: null,
      createdByUserId: null,
      occurredAt: at,
      createdAt: at,
    });
    const key = `${code}|${at.getTime() < current.from.getTime() ? previous.key : current.key}`;
    entries.set(key, [...(entries.get(key) ?? []), { service, at }]);
  };
  for (const [code, list] of Object.entries(PREVIOUS)) for (const s of list) await credit(code, s, inPrevious(s.day));
  for (const [code, list] of Object.entries(CURRENT)) for (const s of list) await credit(code, s, inCurrent(s.day));

  const figuresOf = (code: string, period: Period, takenAt: Date): ReportFigures => {
    const mine = (entries.get(`${code}|${period.key}`) ?? []).filter((e) => e.at.getTime() <= takenAt.getTime());
    const byCommunity = new Map<string, { minutes: number; entries: number }>();
    for (const e of mine) {
      const c = byCommunity.get(e.service.community) ?? { minutes: 0, entries: 0 };
      c.minutes += e.service.minutes;
      c.entries += 1;
      byCommunity.set(e.service.community, c);
    }
    const kind = (k: LedgerKind) => mine.filter((e) => e.service.kind === k);
    return {
      period: { key: period.key, label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
      totalMinutes: mine.reduce((n, e) => n + e.service.minutes, 0),
      totalValueYuan: 0,
      byKind: MEMBER_KINDS.map((k) => ({ kind: k, label: LEDGER_KIND_LABELS[k], minutes: kind(k).reduce((n, e) => n + e.service.minutes, 0), valueYuan: 0, entries: kind(k).length })),
      activitiesAttended: kind('activity_attendance').length,
      wishesFulfilled: 0,
      projects: 0,
      postShifts: kind('service_post_shift').length,
      pledge: { state: 'not_filed', label: PLEDGE_STATE_LABELS.not_filed, title: null },
      communities: [...byCommunity.entries()]
        .map(([code, c]) => {
          const community = regions.get(code)!;
          const street = [...regions.values()].find((r) => r.id === community.parentId)!;
          return { id: community.id, name: community.name, street: { id: street.id, name: street.name }, minutes: c.minutes, entries: c.entries };
        })
        .sort((a, b) => b.minutes - a.minutes),
      takenAt: takenAt.toISOString(),
    };
  };

  const secretary = people.get('dev:secretary')!;
  const deadline = deadlineOf(previous.key, { deadlineH1: '07-15', deadlineH2: '01-15', remindDays: [] });
  const beforeNow = (t: number) => new Date(Math.min(t, now.getTime() - HOUR));
  const timeline = (subjectId: string, action: string, from: string | null, to: string, at: Date, actor: { userId: string | null; role: string; name: string }, note: string | null = null) =>
    insertTimeline(manager, 'report', subjectId, [[action, from, to, at, actor, note]]);

  for (const demo of REPORTS) {
    const person = people.get(demo.who)!;
    const branch = [...organisations.values()].find((o) => o.id === person.branchId)!;
    const id = newId();
    const created = beforeNow(deadline.dayStart.getTime() - 20 * DAY);
    const author = { userId: person.userId, role: 'member', name: maskName(person.name!) };
    const reviewer = { userId: branch.id === people.get('dev:member-01')!.branchId ? secretary.userId : null, role: 'branch_secretary', name: branch.name };
    await timeline(id, 'create', null, 'draft', created, author);
    let at = created.getTime();
    let status: ReportStatus = 'draft';
    const versions: ReportVersionEntity[] = [];
    let firstSubmittedAt: Date | null = null;
    for (const [i, v] of demo.versions.entries()) {
      const submittedAt = beforeNow(v.late ? deadline.at.getTime() + 3 * DAY : at + 5 * DAY);
      firstSubmittedAt ??= submittedAt;
      const figures = figuresOf(demo.who, previous, submittedAt);
      await timeline(id, 'submit', status, 'submitted', submittedAt, author, `第 ${i + 1} 版`);
      status = 'submitted';
      const decidedAt = v.decision ? beforeNow(submittedAt.getTime() + 2 * DAY) : null;
      if (v.decision && decidedAt) {
        const to = v.decision;
        await timeline(id, v.decision === 'approved' ? 'approve' : 'return', 'submitted', to, decidedAt, reviewer, v.comment ?? null);
        status = to;
      }
      versions.push({
        id: newId(),
        reportId: id,
        version: i + 1,
        summary: demo.summary,
        photoIds: '[]',
        figures: JSON.stringify(figures),
        submittedAt,
        submittedByUserId: person.userId,
        decision: v.decision ?? null,
        comment: v.comment ?? null,
        reviewerUserId: v.decision ? reviewer.userId : null,
        reviewerName: v.decision ? (reviewer.userId ? '苏建华' : branch.name) : null,
        decidedAt,
      });
      at = (decidedAt ?? submittedAt).getTime();
    }
    const last = versions.at(-1);
    await manager.insert(MemberReportEntity, {
      id,
      memberId: person.memberId!,
      period: previous.key,
      branchId: branch.id,
      unitId: person.unitId,
      status: demo.status,
      summary: demo.summary,
      photoIds: '[]',
      figures: last ? last.figures : JSON.stringify(figuresOf(demo.who, previous, created)),
      figuresAt: last ? last.submittedAt : created,
      version: versions.length,
      firstSubmittedAt,
      submittedAt: last?.submittedAt ?? null,
      decidedAt: last?.decidedAt ?? null,
      createdAt: created,
      updatedAt: new Date(at),
    });
    for (const v of versions) await manager.insert(ReportVersionEntity, v);
  }

  const official = people.get('dev:official')!;
  const huifeng = [...regions.values()].find((r) => r.name === '汇丰街道')!;
  for (const a of ASSESSMENTS) {
    const at = beforeNow(deadline.dayStart.getTime() - 3 * DAY);
    await manager.insert(ReportAssessmentEntity, {
      id: newId(),
      memberId: people.get(a.who)!.memberId!,
      period: previous.key,
      scopeRegionId: huifeng.id,
      streetId: huifeng.id,
      grade: a.grade,
      comment: a.comment,
      assessorUserId: official.userId,
      assessorRole: 'street_official',
      createdAt: at,
      updatedAt: at,
    });
  }

  if (!certKey) return;
  // dev:member-02's certificate for the previous half year, issued after the report was approved.
  const holder = people.get('dev:member-02')!;
  const branch = organisations.get(branchName('市地震局'))!;
  const issuedAt = beforeNow(deadline.at.getTime() + 10 * DAY);
  const number = newCertificateNumber(certKey);
  const list = (entries.get(`dev:member-02|${previous.key}`) ?? []).filter((e) => e.at.getTime() <= issuedAt.getTime());
  const content: CertificateContent = {
    v: 1,
    number,
    period: { key: previous.key, label: previous.label, from: previous.from.toISOString(), to: previous.to.toISOString() },
    volunteer: { memberId: holder.memberId!, name: holder.name!, branch: branch.name, unit: '市地震局' },
    issuer: { kind: 'branch', id: branch.id, name: branch.name, personInCharge: '苏建华', contact: '13800003001' },
    totalMinutes: list.reduce((n, e) => n + e.service.minutes, 0),
    entries: list.map((e) => ({ date: beijingDate(e.at), minutes: e.service.minutes, content: e.service.description, place: regions.get(e.service.community)!.name })),
    issuedAt: issuedAt.toISOString(),
  };
  const text = JSON.stringify(content);
  await manager.insert(CertificateEntity, {
    id: newId(),
    number,
    memberId: holder.memberId!,
    period: previous.key,
    content: text,
    signature: signContent(certKey, text),
    issuedByUserId: holder.userId,
    issuedAt,
  });
}
