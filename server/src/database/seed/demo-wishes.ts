import { commitmentCategoryOfWish, maskName, type WishStatus } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { LedgerEntryEntity } from '../../modules/ledger/ledger-entry.entity';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import { LivelihoodProjectEntity } from '../../modules/projects/livelihood-project.entity';
import { RegionEntity } from '../../modules/regions/region.entity';
import { WishClaimEntity } from '../../modules/wishes/entities/wish-claim.entity';
import { WishEntity } from '../../modules/wishes/entities/wish.entity';
import { communityPlace, type DemoCipherSeeder, type DemoProject, insertProjectUpdate, insertTimeline } from './demo-kit';

export interface SeededPerson {
  userId: string;
  memberId: string | null;
  /** A member's branch and unit (for the ledger's "for whom"). */
  branchId: string | null;
  unitId: string | null;
  name: string | null;
}

type DemoState = 'submitted' | 'held' | 'rejected' | 'withdrawn' | 'published' | 'claimed' | 'fulfilled' | 'disputed' | 'confirmed';

interface DemoWish {
  code: string;
  title: string;
  description: string;
  category: string;
  value: number;
  beneficiary: string;
  hardship: string;
  state: DemoState;
  /** Days ago it was posted. */
  age: number;
  /** Claimant: a persona code (member) or a unit name. */
  by?: string;
  thanks?: string;
  reason?: string;
}

// Claims go to members 10+ so dev:member-01 … 05 start with no open claims (the claim cap is 3).
const WISHES: DemoWish[] = [
  {
    code: 'KDSQ01',
    title: '我需要一个电风扇',
    description: '家中老人夏天怕热，想要一台落地电风扇。',
    category: '家用电器',
    value: 150,
    beneficiary: '王秀英',
    hardship: '独居老人',
    state: 'published',
    age: 1,
  },
  { code: 'KDSQ01', title: '一个血压计', description: '患有高血压，需要在家每天测量血压。', category: '医疗健康', value: 200, beneficiary: '刘桂兰', hardship: '低保', state: 'published', age: 10 },
  { code: 'KDSQ01', title: '一盏护眼台灯', description: '孩子上初中，晚上写作业光线不好。', category: '学习用品', value: 120, beneficiary: '张子涵', hardship: '困难学生', state: 'submitted', age: 0 },
  {
    code: 'KDSQ01',
    title: '一个新书包',
    description: '孩子的书包已经破了，希望开学前能有一个新书包。',
    category: '学习用品',
    value: 100,
    beneficiary: '李小明',
    hardship: '困难学生',
    state: 'claimed',
    age: 5,
    by: 'dev:member-12',
  },
  {
    code: 'KDSQ01',
    title: '一辆轮椅',
    description: '腿脚不便，出门需要一辆轻便轮椅。',
    category: '助老助残',
    value: 800,
    beneficiary: '赵德胜',
    hardship: '残疾',
    state: 'fulfilled',
    age: 12,
    by: 'dev:member-13',
  },
  {
    code: 'KDSQ01',
    title: '一个电饭锅',
    description: '家里电饭锅坏了，想要一个小的电饭锅。',
    category: '家用电器',
    value: 180,
    beneficiary: '孙玉梅',
    hardship: '特困',
    state: 'confirmed',
    age: 20,
    by: 'dev:member-14',
    thanks: '谢谢党员同志，电饭锅很好用！',
  },
  {
    code: 'KDSQ01',
    title: '一副助听器',
    description: '耳朵听不清，想配一副助听器。',
    category: '医疗健康',
    value: 1500,
    beneficiary: '周长海',
    hardship: '独居老人',
    state: 'disputed',
    age: 15,
    by: 'dev:member-15',
    reason: '没有收到',
  },
  { code: 'XYEQ01', title: '冬季棉被两床', description: '家里被褥单薄，冬天需要厚棉被。', category: '生活用品', value: 300, beneficiary: '吴桂芝', hardship: '低保', state: 'published', age: 3 },
  {
    code: 'XYEQ01',
    title: '一副老花镜',
    description: '看不清报纸，想要一副老花镜。',
    category: '医疗健康',
    value: 80,
    beneficiary: '郑国强',
    hardship: '独居老人',
    state: 'confirmed',
    age: 25,
    by: '市林草局',
    thanks: '感谢市林草局！',
  },
  { code: 'JLSQ01', title: '米面油一份', description: '家庭困难，希望得到一份米面油。', category: '生活用品', value: 200, beneficiary: '王建军', hardship: '特困', state: 'published', age: 9 },
  {
    code: 'JLSQ01',
    title: '一副护膝',
    description: '关节炎，冬天需要保暖护膝。',
    category: '助老助残',
    value: 90,
    beneficiary: '何淑珍',
    hardship: '独居老人',
    state: 'claimed',
    age: 6,
    by: 'dev:member-16',
  },
  {
    code: 'HFSQ01',
    title: '一部智能手机',
    description: '想要一部手机方便联系子女。',
    category: '家用电器',
    value: 1999,
    beneficiary: '马金花',
    hardship: '其他',
    state: 'rejected',
    age: 4,
    reason: '建议先由社区协调旧手机捐赠',
  },
  { code: 'HFSQ01', title: '一个保温杯', description: '冬天出门想带热水。', category: '生活用品', value: 60, beneficiary: '高永福', hardship: '其他', state: 'withdrawn', age: 7 },
  { code: 'ZQSQ01', title: '一套学习文具', description: '孩子上小学，需要一套文具。', category: '学习用品', value: 80, beneficiary: '陈思雨', hardship: '困难学生', state: 'published', age: 2 },
  { code: 'TNSQ01', title: '一台电暖器', description: '家里暖气不热，需要一台电暖器。', category: '家用电器', value: 260, beneficiary: '杨秀兰', hardship: '低保', state: 'published', age: 8 },
  { code: 'JCSQ01', title: '一根拐杖', description: '走路不稳，需要一根四脚拐杖。', category: '助老助残', value: 70, beneficiary: '徐福生', hardship: '残疾', state: 'published', age: 2 },
  {
    code: 'XHSQ01',
    title: '一个收音机',
    description: '一个人住，想听广播解闷。',
    category: '家用电器',
    value: 100,
    beneficiary: '朱淑英',
    hardship: '独居老人',
    state: 'claimed',
    age: 4,
    by: 'dev:member-17',
  },
  { code: 'FZSQ01', title: '一套羽绒服', description: '冬天没有厚衣服。', category: '生活用品', value: 400, beneficiary: '胡建华', hardship: '特困', state: 'published', age: 1 },
];

const DAY = 24 * 3600 * 1000;

/** Wishes in every state across the demo communities, and two livelihood projects, so boards are alive on first start. */
export const seedDemoWishes: DemoCipherSeeder = async (manager, cipher, now, regions, organisations, people) => {
  const resident = people.get('dev:resident')!;
  const staff = people.get('dev:staff')!;
  const at = (daysAgo: number, hours = 0) => new Date(now.getTime() - daysAgo * DAY + hours * 3600 * 1000);

  for (const demo of WISHES) {
    const community = regions.get(demo.code)!;
    const streetId = pathIds(community.path).at(-2)!;
    const ownedByResident = demo.code === 'KDSQ01';
    const id = newId();
    const posted = at(demo.age);
    const published = at(demo.age, 4);
    const claimedAt = at(demo.age - 1);
    const fulfilledAt = at(Math.max(0, demo.age - 4));
    const confirmedAt = at(Math.max(0, demo.age - 5));
    const reached = (s: DemoState) => ORDER.indexOf(demo.state) >= ORDER.indexOf(s) && !['rejected', 'withdrawn', 'submitted', 'held'].includes(demo.state);
    const claimant = demo.by ? (demo.by.startsWith('dev:') ? { kind: 'member' as const, person: people.get(demo.by)! } : { kind: 'organisation' as const, org: organisations.get(demo.by)! }) : null;
    const claimantName = claimant ? (claimant.kind === 'member' ? claimant.person.name! : claimant.org.name) : null;
    const claimId = claimant ? newId() : null;
    const live = ['claimed', 'fulfilled', 'disputed'].includes(demo.state);
    const status: WishStatus = demo.state;

    await manager.insert(WishEntity, {
      id,
      communityId: community.id,
      streetId,
      residentUserId: ownedByResident ? resident.userId : null,
      enteredByUserId: ownedByResident ? resident.userId : staff.userId,
      title: demo.title,
      description: demo.description,
      category: demo.category,
      estimatedValueYuan: demo.value,
      beneficiaryMasked: maskName(demo.beneficiary),
      beneficiaryNameCipher: cipher.encrypt(demo.beneficiary),
      contactPhoneCipher: cipher.encrypt(ownedByResident ? '13800001234' : '13900009999'),
      hardshipCipher: cipher.encrypt(demo.hardship),
      guardianNameCipher: null,
      contactRelation: null,
      deliveryAddressCipher: null,
      consentVersion: '2026-11-v1',
      consentAt: posted,
      status,
      holdReason: null,
      rejectReason: demo.state === 'rejected' ? demo.reason! : null,
      currentClaimId: live ? claimId : null,
      claimantKind: live || demo.state === 'confirmed' ? (claimant?.kind ?? null) : null,
      claimantName: live || demo.state === 'confirmed' ? claimantName : null,
      claimDeadline: live ? new Date(claimedAt.getTime() + 14 * DAY) : null,
      fulfilmentNote: reached('fulfilled') ? '已送到居民家中，居民很满意' : null,
      rating: demo.state === 'confirmed' ? 5 : null,
      thanks: demo.state === 'confirmed' ? (demo.thanks ?? null) : null,
      publishedAt: reached('published') || demo.state === 'withdrawn' ? published : null,
      claimedAt: reached('claimed') ? claimedAt : null,
      fulfilledAt: reached('fulfilled') ? fulfilledAt : null,
      confirmedAt: demo.state === 'confirmed' ? confirmedAt : null,
      anonymisedAt: null,
      createdAt: posted,
      updatedAt: now,
    });

    const events: Array<[string, string | null, string, Date, { userId: string | null; role: string; name: string }, string | null]> = [];
    const residentActor = ownedByResident ? { userId: resident.userId, role: 'resident', name: '居民' } : { userId: staff.userId, role: 'community_staff', name: community.name };
    const staffActor = { userId: staff.userId, role: 'community_staff', name: community.name };
    events.push(['submit', null, 'submitted', posted, residentActor, ownedByResident ? null : '社区代录']);
    if (demo.state === 'rejected') events.push(['reject', 'submitted', 'rejected', published, staffActor, demo.reason!]);
    if (reached('published') || demo.state === 'withdrawn') events.push(['approve', 'submitted', 'published', published, staffActor, null]);
    if (demo.state === 'withdrawn') events.push(['withdraw', 'published', 'withdrawn', at(demo.age - 1), residentActor, null]);
    const claimActor = claimant
      ? claimant.kind === 'member'
        ? { userId: claimant.person.userId, role: 'member', name: maskName(claimant.person.name!) }
        : { userId: people.get('dev:org-admin')!.userId, role: 'org_admin', name: claimant.org.name }
      : null;
    if (reached('claimed')) events.push(['claim', 'published', 'claimed', claimedAt, claimActor!, null]);
    if (reached('fulfilled')) events.push(['fulfil', 'claimed', 'fulfilled', fulfilledAt, claimActor!, '已送到居民家中，居民很满意']);
    if (demo.state === 'disputed') events.push(['dispute', 'fulfilled', 'disputed', confirmedAt, residentActor, demo.reason!]);
    if (demo.state === 'confirmed') events.push(['confirm', 'fulfilled', 'confirmed', confirmedAt, residentActor, demo.thanks ?? null]);
    await insertTimeline(manager, 'wish', id, events);

    if (claimant && claimId && reached('claimed')) {
      await manager.insert(WishClaimEntity, {
        id: claimId,
        wishId: id,
        liveWishId: live ? id : null,
        claimantKind: claimant.kind,
        memberId: claimant.kind === 'member' ? claimant.person.memberId : null,
        organisationId: claimant.kind === 'organisation' ? claimant.org.id : null,
        claimedByUserId: claimActor!.userId!,
        status: demo.state === 'confirmed' ? 'completed' : demo.state === 'claimed' ? 'open' : demo.state === 'disputed' ? 'open' : 'fulfilled',
        deadline: new Date(claimedAt.getTime() + 14 * DAY),
        remindedAt: null,
        endedAt: demo.state === 'confirmed' ? confirmedAt : null,
        endReason: null,
        createdAt: claimedAt,
      });
      if (demo.state === 'confirmed') {
        await manager.insert(LedgerEntryEntity, {
          id: newId(),
          memberId: claimant.kind === 'member' ? claimant.person.memberId : null,
          organisationId: claimant.kind === 'organisation' ? claimant.org.id : null,
          kind: 'wish_fulfilled',
          sourceType: 'wish',
          sourceId: id,
          sequence: 0,
          valueYuan: demo.value,
          serviceMinutes: 0,
          description: `圆梦微心愿：${demo.title}`,
          communityId: community.id,
          streetId,
          category: commitmentCategoryOfWish(demo.category),
          branchId: claimant.kind === 'member' ? claimant.person.branchId : null,
          unitId: claimant.kind === 'member' ? claimant.person.unitId : claimant.org.id,
          correctsEntryId: null,
          reason: null,
          createdByUserId: null,
          occurredAt: confirmedAt,
          createdAt: confirmedAt,
        });
      }
    }
  }

  await seedProjects(manager, now, regions, organisations, people);
};

const ORDER: DemoState[] = ['submitted', 'published', 'claimed', 'fulfilled', 'disputed', 'confirmed'];

async function seedProjects(manager: EntityManager, now: Date, regions: Map<string, RegionEntity>, organisations: Map<string, OrganisationEntity>, people: Map<string, SeededPerson>) {
  const xiyuan = regions.get('XYEQ01')!;
  const kangdu = regions.get('KDSQ01')!;
  const linCao = organisations.get('市林草局')!;
  const orgAdmin = people.get('dev:org-admin')!;
  const official = people.get('dev:official')!;
  const staff = people.get('dev:staff')!;
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const greening = newId();
  await manager.insert(LivelihoodProjectEntity, {
    id: greening,
    ...communityPlace(xiyuan),
    title: '西苑二区改造绿化补植',
    description: '西苑二区老旧小区改造后缺少绿化树木，需补植金叶白蜡、侧柏等苗木。',
    location: '临河区车站街道西苑二区',
    estimatedScale: '约 415 株苗木',
    category: '绿化美化',
    status: 'completed',
    organisationId: linCao.id,
    percent: 100,
    postedByUserId: official.userId,
    claimedByUserId: orgAdmin.userId,
    verifiedByUserId: null,
    claimedAt: at(40),
    completedAt: at(18),
    verifiedAt: null,
    createdAt: at(45),
    updatedAt: at(18),
  });
  const project: DemoProject = { id: greening, title: '西苑二区改造绿化补植', category: '绿化美化', community: xiyuan, organisationId: linCao.id, branchId: null, unitId: linCao.id };
  for (const [daysAgo, percent, note] of [
    [30, 30, '4月底完成土地平整和树穴开挖'],
    [18, 100, '5月10日调运415株金叶白蜡、侧柏并栽植'],
  ] as const) {
    await insertProjectUpdate(manager, project, { percent, note, authorUserId: orgAdmin.userId, at: at(daysAgo) });
  }
  await manager.insert(LivelihoodProjectEntity, {
    id: newId(),
    ...communityPlace(kangdu),
    title: '康都小区楼道照明改造',
    description: '小区 6 栋楼道灯老化，夜间出行不便，需更换声控节能灯约 120 盏。',
    location: '临河区汇丰街道康都小区',
    estimatedScale: '约 120 盏',
    category: '其他',
    status: 'open',
    organisationId: null,
    percent: 0,
    postedByUserId: staff.userId,
    claimedByUserId: null,
    verifiedByUserId: null,
    claimedAt: null,
    completedAt: null,
    verifiedAt: null,
    createdAt: at(6),
    updatedAt: at(6),
  });
}
