import { maskName, POST_LIMITS, type ServicePostType, type ShiftStatus } from '@nuancheng/shared';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { LedgerEntryEntity } from '../../modules/ledger/ledger-entry.entity';
import { MemberEntity } from '../../modules/members/member.entity';
import { PostHoldingEntity } from '../../modules/posts/post-holding.entity';
import { PostShiftEntity } from '../../modules/posts/post-shift.entity';
import { cstDate, termEnd } from '../../modules/posts/posts.rules';
import { shiftCredit } from '../../modules/posts/posts.types';
import { ServicePostEntity } from '../../modules/posts/service-post.entity';
import { RegionEntity } from '../../modules/regions/region.entity';
import { RegistrationEntity } from '../../modules/registrations/registration.entity';
import { DEMO_PERSONAS } from './demo-data';
import type { SeededPerson } from './demo-wishes';
import { insertTimeline, type DemoSeeder } from './demo-kit';

const DAY = 24 * 3600 * 1000;

/**
 * Members whose registration the demo tells a story about; every other member (and dev:secretary) registered
 * with their residence community and the community confirmed it.
 * - dev:member-36 (康都社区) has not registered yet: the browser test registers them from the member card;
 * - dev:member-26 asks 康都社区 for the first time; dev:member-31 was turned down by 汇丰社区 and asks 康都社区;
 * - dev:member-16 is registered with 金川社区 and asks to move to 康都社区 (confirming ends the old one);
 * - dev:member-37 waits for 江林社区 (dev:staff-jl); dev:member-40 moved from 新华社区 to 金川社区 last spring.
 */
const UNREGISTERED = ['dev:member-36'];
const STORIES: Record<string, Array<{ code: string; status: 'pending' | 'confirmed' | 'rejected' | 'ended'; daysAgo: number; reason?: string }>> = {
  'dev:member-26': [{ code: 'KDSQ01', status: 'pending', daysAgo: 2 }],
  'dev:member-31': [
    { code: 'HFSQ01', status: 'rejected', daysAgo: 20, reason: '经核实您不在本社区居住，请向实际居住的社区报到' },
    { code: 'KDSQ01', status: 'pending', daysAgo: 1 },
  ],
  'dev:member-16': [
    { code: 'JCSQ01', status: 'confirmed', daysAgo: 300 },
    { code: 'KDSQ01', status: 'pending', daysAgo: 3 },
  ],
  'dev:member-37': [{ code: 'JLSQ01', status: 'pending', daysAgo: 4 }],
  'dev:member-40': [
    { code: 'XHSQ01', status: 'ended', daysAgo: 400 },
    { code: 'JCSQ01', status: 'confirmed', daysAgo: 200 },
  ],
};

interface DemoPost {
  code: string;
  type: ServicePostType;
  places: number;
  description: string;
  /** Holders: persona codes; `unit` when the unit's org admin took the post for the member. */
  holders: Array<{ who: string; unit?: string; daysAgo: number }>;
}

const POSTS: DemoPost[] = [
  { code: 'KDSQ01', type: '政策宣传岗', places: 3, description: '在小区宣传栏、楼道张贴并讲解医保、养老等惠民政策，每月至少两次。', holders: [{ who: 'dev:member-06', daysAgo: 110 }] },
  { code: 'KDSQ01', type: '环境卫生监督岗', places: 4, description: '巡查小区楼道堆物、垃圾分类投放，发现问题及时劝导并报社区。', holders: [{ who: 'dev:member-11', daysAgo: 95 }] },
  { code: 'KDSQ01', type: '邻里调解岗', places: 2, description: '协助社区调解邻里纠纷，倾听居民诉求，化解矛盾在小区。', holders: [] },
  { code: 'KDSQ01', type: '助老服务岗', places: 3, description: '定期看望独居老人，帮助代购药品、陪同就医。', holders: [{ who: 'dev:member-21', daysAgo: 80 }] },
  { code: 'KDSQ01', type: '文明劝导岗', places: 2, description: '在小区出入口劝导不文明停车、高空抛物等行为。', holders: [] },
  {
    code: 'JLSQ01',
    type: '助老服务岗',
    places: 3,
    description: '为江林小区高龄老人提供上门探访和生活帮扶。',
    holders: [
      { who: 'dev:member-07', unit: '市林草局', daysAgo: 120 },
      { who: 'dev:member-12', daysAgo: 60 },
    ],
  },
  { code: 'JLSQ01', type: '政策宣传岗', places: 2, description: '在社区活动室宣讲惠民政策。', holders: [{ who: 'dev:member-02', daysAgo: 100 }] },
  {
    code: 'XYEQ01',
    type: '环境卫生监督岗',
    places: 3,
    description: '监督西苑二区绿化养护和环境卫生。',
    holders: [
      { who: 'dev:member-13', unit: '市林草局', daysAgo: 130 },
      { who: 'dev:member-03', daysAgo: 90 },
    ],
  },
  {
    code: 'HFSQ01',
    type: '邻里调解岗',
    places: 2,
    description: '参与汇丰社区人民调解，化解邻里矛盾。',
    holders: [
      { who: 'dev:member-04', daysAgo: 85 },
      { who: 'dev:member-19', unit: '市林草局', daysAgo: 70 },
    ],
  },
  { code: 'HFSQ01', type: '文明劝导岗', places: 3, description: '在汇丰路沿线开展文明交通劝导。', holders: [{ who: 'dev:member-09', daysAgo: 75 }] },
  { code: 'JCSQ01', type: '政策宣传岗', places: 2, description: '在金川社区宣讲政策、解答居民疑问。', holders: [{ who: 'dev:member-05', daysAgo: 100 }] },
];

/** Each holder's shifts: days ago, minutes, what was done, and its state (older ones confirmed, recent ones waiting). */
const SHIFT_PATTERN: Array<{ daysAgo: number; minutes: number; status: ShiftStatus }> = [
  { daysAgo: 62, minutes: 120, status: 'confirmed' },
  { daysAgo: 41, minutes: 90, status: 'confirmed' },
  { daysAgo: 27, minutes: 150, status: 'confirmed' },
  { daysAgo: 13, minutes: 60, status: 'confirmed' },
  { daysAgo: 2, minutes: 90, status: 'pending' },
];

const SHIFT_CONTENT: Record<ServicePostType, string[]> = {
  政策宣传岗: ['在宣传栏张贴医保新政解读', '入户讲解养老保险认证流程', '在活动室开展惠民政策答疑', '发放防范电信诈骗宣传单', '为居民讲解城乡居民医保缴费'],
  环境卫生监督岗: ['巡查楼道堆物并劝导清理', '指导居民垃圾分类投放', '协助清理小区绿化带垃圾', '巡查并报修破损垃圾桶', '劝导居民清理楼道杂物'],
  邻里调解岗: ['调解楼上楼下漏水纠纷', '协调停车位使用矛盾', '倾听居民诉求并转交社区', '调解宠物扰民纠纷', '走访化解邻里噪音矛盾'],
  助老服务岗: ['看望独居老人并代购药品', '陪同高龄老人到医院复查', '为老人打扫卫生、检查用电安全', '帮助老人学习使用手机挂号', '上门探访并测量血压'],
  文明劝导岗: ['劝导不文明停车', '在小区出入口劝导高空抛物', '劝导电动车进楼充电', '开展文明养犬劝导', '劝导占道经营'],
  其他: ['参与社区志愿服务', '参与社区志愿服务', '参与社区志愿服务', '参与社区志愿服务', '参与社区志愿服务'],
};

type Actor = { userId: string | null; role: string; name: string };

/**
 * 党员报到 and 党员服务岗位 in the demo city: most members registered with their residence community, a few
 * requests waiting for dev:staff (and one for dev:staff-jl); posts with holders in five communities; shifts,
 * the confirmed ones credited to the ledger with exactly the entries the ledger subscriber writes
 * (posts.types.ts shiftCredit), and some waiting for the community's staff.
 */
export const seedDemoMembersPosts: DemoSeeder = async (manager, now, regions, organisations, people) => {
  const at = (daysAgo: number, hour = 10) => new Date(now.getTime() - daysAgo * DAY + (hour - 10) * 3600 * 1000);
  const streetOf = (community: RegionEntity) => pathIds(community.path).at(-2)!;
  const staffUser = (code: string) => (code === 'KDSQ01' ? people.get('dev:staff')!.userId : code === 'JLSQ01' ? people.get('dev:staff-jl')!.userId : null);
  const staffActor = (community: RegionEntity): Actor => ({ userId: staffUser(community.code!), role: 'community_staff', name: community.name });
  const memberActor = (person: SeededPerson): Actor => ({ userId: person.userId, role: 'member', name: maskName(person.name ?? '党员') });
  const timeline = (subjectType: string, subjectId: string, action: string, from: string | null, to: string, when: Date, actor: Actor, note: string | null = null) =>
    insertTimeline(manager, subjectType, subjectId, [[action, from, to, when, actor, note]]);

  // ── registrations ──────────────────────────────────────────────────────────────────────────────────────
  for (const persona of DEMO_PERSONAS) {
    if (!persona.member || UNREGISTERED.includes(persona.code)) continue;
    const person = people.get(persona.code)!;
    const story = STORIES[persona.code] ?? [{ code: persona.member.homeCode, status: 'confirmed' as const, daysAgo: 150 + (Number(persona.code.slice(-2)) || 0) * 2 }];
    let previous: RegistrationEntity | null = null;
    for (const step of story) {
      const community = regions.get(step.code)!;
      const requested = at(step.daysAgo + 1, 9);
      const decided = at(step.daysAgo, 15);
      const staff = staffActor(community);
      const decidedBy = step.status === 'pending' ? null : step.status === 'rejected' || step.status === 'confirmed' || step.status === 'ended' ? staff : null;
      const registration: RegistrationEntity = {
        id: newId(),
        memberId: person.memberId!,
        communityId: community.id,
        streetId: streetOf(community),
        status: step.status,
        activeMemberId: step.status === 'confirmed' ? person.memberId! : null,
        pendingMemberId: step.status === 'pending' ? person.memberId! : null,
        requestedByUserId: person.userId,
        decidedByUserId: decidedBy?.userId ?? null,
        decidedByName: decidedBy?.name ?? null,
        decidedAt: decidedBy ? decided : null,
        rejectReason: step.reason ?? null,
        endedAt: null,
        endReason: null,
        endNote: null,
        supersededById: null,
        createdAt: requested,
        updatedAt: step.status === 'pending' ? requested : decided,
      };
      await manager.insert(RegistrationEntity, registration);
      await timeline('registration', registration.id, 'request', null, 'pending', requested, memberActor(person));
      if (step.status === 'rejected') await timeline('registration', registration.id, 'reject', 'pending', 'rejected', decided, staff, step.reason!);
      if (step.status === 'confirmed' || step.status === 'ended') await timeline('registration', registration.id, 'confirm', 'pending', 'confirmed', decided, staff);
      if (previous?.status === 'ended' && step.status === 'confirmed') {
        // The earlier one was superseded when this one was confirmed.
        const note = `转至${community.name}`;
        await manager.update(RegistrationEntity, { id: previous.id }, { endedAt: decided, endReason: 'superseded', endNote: note, supersededById: registration.id, updatedAt: decided });
        await timeline('registration', previous.id, 'supersede', 'confirmed', 'ended', decided, staff, note);
      }
      if (step.status === 'confirmed') await manager.update(MemberEntity, { id: person.memberId! }, { residenceCommunityId: community.id });
      previous = registration;
    }
  }

  // ── posts, holdings, shifts ─────────────────────────────────────────────────────────────────────────────
  const members = new Map([...people.entries()].filter(([, p]) => p.memberId));
  for (const [index, demo] of POSTS.entries()) {
    const community = regions.get(demo.code)!;
    const staff = staffActor(community);
    const createdAt = at(200 - index);
    const post: ServicePostEntity = {
      id: newId(),
      communityId: community.id,
      streetId: streetOf(community),
      type: demo.type,
      name: demo.type,
      description: demo.description,
      places: demo.places,
      taken: demo.holders.length,
      createdByUserId: staff.userId ?? people.get('dev:committee')!.userId,
      createdAt,
      updatedAt: createdAt,
    };
    await manager.insert(ServicePostEntity, post);
    await timeline('service_post', post.id, 'publish', null, 'open', createdAt, staff, `名额 ${post.places} 个`);
    const postRef = { id: post.id, name: post.name, type: post.type, communityId: community.id, communityName: community.name, streetId: post.streetId };

    for (const [h, holder] of demo.holders.entries()) {
      const person = members.get(holder.who)!;
      const unit = holder.unit ? organisations.get(holder.unit)! : null;
      const takenAt = at(holder.daysAgo);
      const startsOn = cstDate(takenAt);
      const holding: PostHoldingEntity = {
        id: newId(),
        postId: post.id,
        memberId: person.memberId!,
        liveMemberId: person.memberId!,
        communityId: community.id,
        streetId: post.streetId,
        organisationId: unit?.id ?? null,
        takenByUserId: unit ? people.get('dev:org-admin')!.userId : person.userId,
        status: 'active',
        startsOn,
        endsOn: termEnd(startsOn, POST_LIMITS.termMonths),
        endedAt: null,
        endNote: null,
        createdAt: takenAt,
        updatedAt: takenAt,
      };
      await manager.insert(PostHoldingEntity, holding);
      const takeActor: Actor = unit ? { userId: holding.takenByUserId, role: 'org_admin', name: unit.name } : memberActor(person);
      await timeline('post_holding', holding.id, 'take', null, 'active', takenAt, takeActor, `${community.name}${post.name}，${holding.startsOn} 至 ${holding.endsOn}`);

      for (const [s, pattern] of SHIFT_PATTERN.entries()) {
        if (pattern.daysAgo >= holder.daysAgo) continue;
        const loggedAt = at(pattern.daysAgo, 18);
        const decidedAt = at(Math.max(pattern.daysAgo - 1, 0), 11);
        // One older shift of the second holder of a post was turned down, to show a rejection with its reason.
        const status: ShiftStatus = h === 1 && s === 1 ? 'rejected' : pattern.status;
        const shift: PostShiftEntity = {
          id: newId(),
          holdingId: holding.id,
          postId: post.id,
          memberId: person.memberId!,
          communityId: community.id,
          streetId: post.streetId,
          serviceDate: cstDate(at(pattern.daysAgo)),
          minutes: pattern.minutes,
          content: SHIFT_CONTENT[demo.type][s % 5],
          status,
          decidedByUserId: status === 'pending' ? null : staff.userId,
          decidedAt: status === 'pending' ? null : decidedAt,
          rejectReason: status === 'rejected' ? '当天值守情况未核实，请补充说明后重新登记' : null,
          createdByUserId: person.userId,
          createdAt: loggedAt,
          updatedAt: status === 'pending' ? loggedAt : decidedAt,
        };
        await manager.insert(PostShiftEntity, shift);
        await timeline('post_shift', shift.id, 'log', null, 'pending', loggedAt, memberActor(person), `${shift.serviceDate} ${shift.minutes} 分钟`);
        if (status === 'rejected') await timeline('post_shift', shift.id, 'reject', 'pending', 'rejected', decidedAt, staff, shift.rejectReason);
        if (status !== 'confirmed') continue;
        await timeline('post_shift', shift.id, 'confirm', 'pending', 'confirmed', decidedAt, staff);
        const { minutes, ...credit } = shiftCredit(postRef, {
          id: shift.id,
          holdingId: holding.id,
          memberId: person.memberId!,
          memberUserId: person.userId,
          date: shift.serviceDate,
          minutes: shift.minutes,
        });
        await manager.insert(LedgerEntryEntity, {
          id: newId(),
          ...credit,
          sequence: 0,
          valueYuan: 0,
          serviceMinutes: minutes,
          branchId: person.branchId,
          unitId: person.unitId,
          correctsEntryId: null,
          reason: null,
          createdByUserId: null,
          createdAt: decidedAt,
        });
      }
    }
  }
};
