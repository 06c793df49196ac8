import { maskName, PLEDGE_GRADE_LABELS as GRADES, type CommitmentCategory, type PledgeAssessorKind, type PledgeGrade, type PledgeNameDisplay, type PledgeStatus } from '@nuancheng/shared';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { LedgerEntryEntity } from '../../modules/ledger/ledger-entry.entity';
import { PledgeAssessmentEntity } from '../../modules/pledges/pledge-assessment.entity';
import { PledgeProgressEntity } from '../../modules/pledges/pledge-progress.entity';
import { PledgeEntity } from '../../modules/pledges/pledge.entity';
import { cstToday, cstYear, cstYearBounds } from '../../modules/pledges/pledges.rules';
import { LivelihoodProjectEntity } from '../../modules/projects/livelihood-project.entity';
import { branchName, DEMO_PERSONAS } from './demo-data';
import { communityPlace, type DemoSeeder, insertProjectUpdate, insertTimeline } from './demo-kit';

const DAY = 24 * 3600 * 1000;

interface DemoPledge {
  who: string;
  state: PledgeStatus;
  content: string;
  target: string;
  category: CommitmentCategory;
  name: PledgeNameDisplay;
  /** Past due (an overdue pledge on the secretary's list). */
  late?: boolean;
  reason?: string;
  progress?: string[];
  evidence?: string;
  /** Assessments given: by the branch (dev:secretary, 市地震局's branch only) and by the community's staff. */
  assessed?: Array<[PledgeAssessorKind, PledgeGrade, string]>;
}

// dev:member-02 has none, so a tester (and the browser test) can make one. Members 01–05, 06, 12, 36 sit in
// 市地震局's branch (dev:secretary's); 01, 06, 11, 16, 21, 36 live in 康都社区 (dev:staff's), 07 and 12 in 江林社区.
const PLEDGES: DemoPledge[] = [
  {
    who: 'dev:member-01',
    state: 'approved',
    content: '每月为康都社区独居老人义务理发一次',
    target: '全年义务理发 12 次，服务老人不少于 30 人次',
    category: '助老助残',
    name: 'full',
    progress: ['1月在社区活动室为 6 位老人理发', '3月上门为 2 位行动不便的老人理发'],
  },
  { who: 'dev:member-03', state: 'submitted', content: '为西苑二区居民讲解城乡居民医保参保政策', target: '开展政策宣讲 4 次', category: '政策宣讲', name: 'masked' },
  {
    who: 'dev:member-04',
    state: 'returned',
    content: '帮助汇丰社区困难家庭',
    target: '多帮助困难家庭',
    category: '帮扶慰问',
    name: 'masked',
    reason: '目标不够具体，请写明帮扶的户数和次数',
  },
  { who: 'dev:member-05', state: 'approved', content: '在金川社区开展防震减灾知识宣传', target: '进楼栋宣讲 6 次，发放宣传册 300 份', category: '普法宣传', name: 'full', late: true },
  {
    who: 'dev:member-06',
    state: 'assessed',
    content: '义务清理康都小区楼道小广告',
    target: '每季度清理 1 次，覆盖 6 栋楼',
    category: '绿化美化',
    name: 'masked',
    evidence: '全年清理楼道小广告 4 次，覆盖 6 栋楼 36 个单元',
    assessed: [
      ['branch', 'excellent', '坚持全年践诺，带动了支部党员参与'],
      ['community', 'good', '楼道环境明显改善，居民认可'],
    ],
  },
  {
    who: 'dev:member-12',
    state: 'done',
    content: '为江林社区儿童开展暑期防溺水安全讲座',
    target: '暑期讲座 3 场，覆盖儿童 100 人次',
    category: '普法宣传',
    name: 'full',
    evidence: '7月、8月共开展讲座 3 场，参加儿童 126 人次',
    assessed: [['branch', 'good', '按期完成，内容贴近群众']],
  },
  {
    who: 'dev:member-36',
    state: 'done',
    content: '为康都社区老年人讲解手机防诈骗知识',
    target: '讲座 2 场，一对一指导 20 人',
    category: '普法宣传',
    name: 'masked',
    evidence: '开展讲座 2 场，一对一指导老人 24 人',
  },
  { who: 'dev:member-07', state: 'approved', content: '认养江林社区绿地一块并定期养护', target: '每月养护 2 次', category: '绿化美化', name: 'masked', progress: ['完成绿地补植和浇水'] },
  { who: 'dev:member-08', state: 'submitted', content: '为西苑二区老人代办医保报销手续', target: '代办 10 人次', category: '助老助残', name: 'masked' },
  { who: 'dev:member-09', state: 'approved', content: '为汇丰社区困难学生辅导功课', target: '每周辅导 1 次，全年不少于 30 次', category: '助学', name: 'full' },
  { who: 'dev:member-10', state: 'returned', content: '参加社区活动', target: '多参加', category: '其他', name: 'masked', reason: '请写明具体参加哪些服务和次数' },
  { who: 'dev:member-11', state: 'approved', content: '结对帮扶康都社区 2 户低保家庭', target: '每季度走访慰问 1 次', category: '帮扶慰问', name: 'full' },
  { who: 'dev:member-16', state: 'approved', content: '为康都社区居民提供免费法律咨询', target: '每月坐班咨询 1 次', category: '普法宣传', name: 'masked' },
  {
    who: 'dev:member-21',
    state: 'done',
    content: '组织康都小区垃圾分类志愿宣传',
    target: '宣传 4 次，入户 100 户',
    category: '绿化美化',
    name: 'full',
    evidence: '完成宣传 4 次，入户 118 户',
    assessed: [['community', 'excellent', '宣传到位，居民分类准确率明显提高']],
  },
];

/** 一党员一践诺 in every state (public ones on 康都社区's page), and 一支部一实事: a project claimed by 市地震局's branch. */
export const seedDemoPledges: DemoSeeder = async (manager, now, regions, organisations, people) => {
  const year = cstYear(now);
  const yearStart = cstYearBounds(year).from.getTime();
  // Days ago, but not before this year began (early in January everything happened today).
  const at = (daysAgo: number) => new Date(Math.max(yearStart, now.getTime() - daysAgo * DAY));
  const secretary = people.get('dev:secretary')!;
  const homes = new Map(DEMO_PERSONAS.filter((p) => p.member).map((p) => [p.code, p.member!.homeCode]));
  const staffOf = (code: string) => (code === 'JLSQ01' ? people.get('dev:staff-jl')! : people.get('dev:staff')!);
  const order: PledgeStatus[] = ['submitted', 'approved', 'done', 'assessed'];

  for (const demo of PLEDGES) {
    const person = people.get(demo.who)!;
    const homeCode = homes.get(demo.who)!;
    const community = regions.get(homeCode)!;
    const branch = organisations.get(branchName(DEMO_PERSONAS.find((p) => p.code === demo.who)!.member!.unit))!;
    const dueDate = demo.late ? cstToday(new Date(now.getTime() - DAY)) : `${year}-12-31`;
    const id = newId();
    const reached = (s: PledgeStatus) => demo.state !== 'returned' && order.indexOf(demo.state) >= order.indexOf(s);
    const submittedAt = at(40);
    const approvedAt = reached('approved') ? at(35) : null;
    const doneAt = reached('done') ? at(6) : null;
    const assessedAt = demo.state === 'assessed' ? at(3) : null;
    const memberActor = { userId: person.userId, role: 'member', name: maskName(person.name!) };
    const secretaryActor = { userId: secretary.userId, role: 'branch_secretary', name: branch.name };
    const staffActor = { userId: staffOf(homeCode).userId, role: 'community_staff', name: community.name };
    await manager.insert(PledgeEntity, {
      id,
      memberId: person.memberId!,
      year: Number(dueDate.slice(0, 4)),
      branchId: branch.id,
      communityId: community.id,
      streetId: pathIds(community.path).at(-2)!,
      content: demo.content,
      target: demo.target,
      dueDate,
      category: demo.category,
      nameDisplay: demo.name,
      publicName: demo.name === 'full' ? person.name! : maskName(person.name!),
      status: demo.state,
      returnReason: demo.reason ?? null,
      evidenceNote: demo.evidence ?? null,
      approvedByUserId: approvedAt ? secretary.userId : null,
      submittedAt,
      approvedAt,
      doneAt,
      assessedAt,
      createdAt: submittedAt,
      updatedAt: at(1),
    });
    const events: Array<[string, PledgeStatus | null, PledgeStatus, Date, { userId: string | null; role: string; name: string }, string | null]> = [
      ['submit', null, 'submitted', submittedAt, memberActor, null],
    ];
    if (demo.state === 'returned') events.push(['return', 'submitted', 'returned', at(38), secretaryActor, demo.reason!]);
    if (approvedAt) events.push(['approve', 'submitted', 'approved', approvedAt, secretaryActor, null]);
    for (const [i, note] of (demo.progress ?? []).entries()) {
      const when = at(30 - i * 10);
      await manager.insert(PledgeProgressEntity, { id: newId(), pledgeId: id, note, authorUserId: person.userId, createdAt: when });
      events.push(['progress', 'approved', 'approved', when, memberActor, note]);
    }
    if (doneAt) events.push(['complete', 'approved', 'done', doneAt, memberActor, demo.evidence ?? null]);
    for (const [i, [kind, grade, comment]] of (demo.assessed ?? []).entries()) {
      const actor = kind === 'branch' ? secretaryActor : staffActor;
      const last = demo.state === 'assessed' && i === demo.assessed!.length - 1;
      const when = last ? assessedAt! : at(4 - i);
      await manager.insert(PledgeAssessmentEntity, { id: newId(), pledgeId: id, kind, grade, comment, assessorUserId: actor.userId!, assessorName: actor.name, createdAt: when });
      // The second assessment concludes it (done → assessed), as the service records it.
      events.push([kind === 'branch' ? 'assess_branch' : 'assess_community', 'done', last ? 'assessed' : 'done', when, actor, `${GRADES[grade]}：${comment}`]);
    }
    await insertTimeline(manager, 'pledge', id, events);
    if (doneAt) {
      await manager.insert(LedgerEntryEntity, {
        id: newId(),
        memberId: person.memberId!,
        organisationId: null,
        kind: 'pledge_done',
        sourceType: 'pledge',
        sourceId: id,
        sequence: 0,
        valueYuan: 0,
        serviceMinutes: 0,
        description: `践诺：${demo.content}`,
        communityId: community.id,
        streetId: pathIds(community.path).at(-2)!,
        category: demo.category,
        branchId: person.branchId,
        unitId: person.unitId,
        correctsEntryId: null,
        reason: null,
        createdByUserId: null,
        occurredAt: doneAt,
        createdAt: doneAt,
      });
    }
  }

  // 一支部一实事: 市地震局's branch took one project this year; every other branch has none yet.
  const kangdu = regions.get('KDSQ01')!;
  const branch = organisations.get(branchName('市地震局'))!;
  const projectId = newId();
  const updateId = newId();
  await manager.insert(LivelihoodProjectEntity, {
    id: projectId,
    ...communityPlace(kangdu),
    title: '康都小区健身器材维修更换',
    description: '小区健身广场器材老化损坏，需维修更换约 12 件，方便老人和孩子锻炼。',
    location: '临河区汇丰街道康都小区健身广场',
    estimatedScale: '约 12 件器材',
    status: 'claimed',
    organisationId: branch.id,
    percent: 40,
    postedByUserId: people.get('dev:staff')!.userId,
    claimedByUserId: secretary.userId,
    verifiedByUserId: null,
    claimedAt: at(20),
    completedAt: null,
    verifiedAt: null,
    createdAt: at(25),
    updatedAt: at(8),
  });
  await insertProjectUpdate(
    manager,
    { id: projectId, title: '康都小区健身器材维修更换', category: '其他', community: kangdu, organisationId: branch.id, branchId: branch.id, unitId: organisations.get('市地震局')!.id },
    { id: updateId, percent: 40, note: '已拆除损坏器材 5 件，新器材已订购', authorUserId: secretary.userId, at: at(8) },
  );
  await insertTimeline(manager, 'project', projectId, [
    ['post', null, 'open', at(25), { userId: people.get('dev:staff')!.userId, role: 'community_staff', name: kangdu.name }, null],
    ['claim', 'open', 'claimed', at(20), { userId: secretary.userId, role: 'org_admin', name: branch.name }, null],
    ['update', 'claimed', 'claimed', at(8), { userId: secretary.userId, role: 'org_admin', name: branch.name }, '40%：已拆除损坏器材 5 件，新器材已订购'],
  ]);
};
