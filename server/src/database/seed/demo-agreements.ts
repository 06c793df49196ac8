import type { AgreementStatus, CommitmentCategory } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { DataCipher } from '../../common/crypto/data-cipher';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { AgreementCommitmentEntity } from '../../modules/agreements/agreement-commitment.entity';
import { AgreementEntity } from '../../modules/agreements/agreement.entity';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import { RegionEntity } from '../../modules/regions/region.entity';
import { RoleAssignmentEntity } from '../../modules/users/role-assignment.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { DEMO_UNITS } from './demo-data';
import { insertTimeline, type DemoCipherSeeder } from './demo-kit';

type Line = [CommitmentCategory, string, number, string];

/**
 * The resource lists (资源清单) the 15 units brought to 车站街道's signing ceremony (the article: greening with 415
 * trees by 市林草局, legal publicity, free clinics, policy talks, visits to families in need …).
 */
const CEREMONY_COMMITMENTS: Record<string, Line[]> = {
  市自然资源局: [
    ['政策宣讲', '自然资源与不动产登记政策宣讲进社区', 4, '次/年'],
    ['绿化美化', '小区绿地规划指导', 2, '次/年'],
  ],
  市地震局: [
    ['政策宣讲', '防震减灾知识宣讲和应急演练', 4, '次/年'],
    ['帮扶慰问', '走访慰问困难群众', 10, '户'],
  ],
  市林草局: [
    ['绿化美化', '西苑二区改造绿化补植金叶白蜡、侧柏', 415, '株'],
    ['帮扶慰问', '节日走访慰问困难家庭', 8, '户'],
  ],
  市医保局: [
    ['健康义诊', '医保政策咨询与免费测血压', 4, '次/年'],
    ['政策宣讲', '城乡居民医保参保宣讲', 2, '次/年'],
  ],
  市人大常委会办公室: [
    ['普法宣传', '法律法规宣传进社区', 4, '次/年'],
    ['帮扶慰问', '走访慰问独居老人', 6, '户'],
  ],
  市民政局: [
    ['助老助残', '高龄、残疾老人上门探访', 20, '户'],
    ['物资捐赠', '冬季御寒物资', 50, '份'],
  ],
  市教育局: [
    ['助学', '困难家庭学生结对助学', 10, '人'],
    ['普法宣传', '青少年法治教育课堂', 2, '次/年'],
  ],
  市卫生健康委员会: [
    ['健康义诊', '家庭医生义诊、免费测血压', 6, '次/年'],
    ['助老助残', '老年人健康体检', 100, '人次'],
  ],
  市财政局: [
    ['政策宣讲', '惠民惠农财政补贴政策宣讲', 2, '次/年'],
    ['物资捐赠', '困难家庭米面油', 30, '份'],
  ],
  市司法局: [
    ['普法宣传', '法律咨询和人民调解进社区', 6, '次/年'],
    ['其他', '法律援助申请代办', 12, '件'],
  ],
  市住房和城乡建设局: [
    ['其他', '老旧小区改造政策咨询', 2, '次/年'],
    ['绿化美化', '楼院环境整治', 2, '次/年'],
  ],
  市人力资源和社会保障局: [
    ['政策宣讲', '就业创业与社保政策宣讲', 4, '次/年'],
    ['其他', '就业岗位推介', 2, '场'],
  ],
  市生态环境局: [
    ['绿化美化', '环境整治志愿服务', 4, '次/年'],
    ['普法宣传', '生态环境保护法宣传', 2, '次/年'],
  ],
  市交通运输局: [
    ['帮扶慰问', '困难群众走访慰问', 10, '户'],
    ['其他', '交通安全宣传', 2, '次/年'],
  ],
  市文化旅游广电局: [
    ['其他', '文艺演出进社区', 2, '场'],
    ['物资捐赠', '社区书屋图书', 200, '册'],
  ],
};

const DAY = 24 * 3600 * 1000;
const CST = 8 * 3600 * 1000;
const cstDate = (instant: Date) => new Date(instant.getTime() + CST).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
/** 09:30 Beijing time on a calendar day. */
const morning = (date: string, hours = 9.5) => new Date(Date.parse(`${date}T00:00:00Z`) - CST + hours * 3600 * 1000);

interface Side {
  userId: string;
  role: string;
  name: string;
}

interface DemoAgreement {
  unit: string;
  region: RegionEntity;
  startDate: string;
  endDate: string;
  status: AgreementStatus;
  proposer: Side;
  proposedAt: Date;
  countersigner?: Side;
  countersignedAt?: Date;
  returnReason?: string;
  lines: Line[];
  contact: [string, string];
  /** Timeline note of the proposal (续签 …). */
  note?: string;
}

/**
 * 共建协议 on first start: 车站街道's signing ceremony of May 2024 with the 15 units (two-year terms, renewed as new
 * agreements when they ran out, so the current ones are in force), a few partners of 汇丰街道 (one waiting for
 * dev:official's countersignature, one expiring within 30 days, one with 康都社区 signed by dev:staff) and of
 * 金川街道 (one returned, one with 江林社区 signed by dev:staff-jl). Signed by the personas and by seeded staff:
 * each unit's org admin (`dev:unit-admin-NN`) and the street officials of 车站街道 (`dev:official-cz`) and 金川街道
 * (`dev:official-jc`).
 */
export const seedDemoAgreements: DemoCipherSeeder = async (manager, cipher, now, regions, organisations, people) => {
  const today = cstDate(now);
  const user = async (openid: string, role: RoleAssignmentEntity['role'], scope: { regionId?: string; organisationId?: string }) => {
    const id = newId();
    await manager.insert(UserEntity, { id, openid, unionid: null, nickname: null, phoneCipher: null, phoneHash: null, phoneBoundAt: null, lastSignInAt: null, createdAt: now });
    await manager.insert(RoleAssignmentEntity, { id: newId(), userId: id, role, regionId: scope.regionId ?? null, organisationId: scope.organisationId ?? null, grantedBy: null, createdAt: now });
    return id;
  };

  const chezhan = regions.get('车站街道')!;
  const huifeng = regions.get('汇丰街道')!;
  const jinchuan = regions.get('金川街道')!;
  const czOfficial: Side = { userId: await user('dev-official-cz', 'street_official', { regionId: chezhan.id }), role: 'street_official', name: chezhan.name };
  const jcOfficial: Side = { userId: await user('dev-official-jc', 'street_official', { regionId: jinchuan.id }), role: 'street_official', name: jinchuan.name };
  const hfOfficial: Side = { userId: people.get('dev:official')!.userId, role: 'street_official', name: huifeng.name };
  const kdStaff: Side = { userId: people.get('dev:staff')!.userId, role: 'community_staff', name: '康都社区' };

  // Each unit's org admin: the persona for 市林草局, seeded staff for the others.
  const admins = new Map<string, string>();
  for (const [i, unit] of DEMO_UNITS.entries()) {
    admins.set(
      unit,
      unit === '市林草局' ? people.get('dev:org-admin')!.userId : await user(`dev-unit-admin-${String(i + 1).padStart(2, '0')}`, 'org_admin', { organisationId: organisations.get(unit)!.id }),
    );
  }
  const proposer = (unit: string): Side => ({ userId: admins.get(unit)!, role: 'org_admin', name: unit });

  const demos: DemoAgreement[] = [];

  // 车站街道's ceremony: 2024-05-20, two years; each ran out and was renewed (a new agreement) until one covers today.
  for (const [i, unit] of DEMO_UNITS.entries()) {
    const contact: [string, string] = [`${'王李张刘陈杨赵黄周吴徐孙胡朱高'[i]}联络员`, `1370000${String(100 + i).padStart(4, '0')}`];
    for (let start = '2024-05-20', round = 0; start <= today; start = addYears(start, 2), round++) {
      const endDate = addDays(addYears(start, 2), -1);
      const signed = round === 0 ? '2024-05-20' : addDays(start, -3);
      demos.push({
        unit,
        region: chezhan,
        startDate: start,
        endDate,
        status: endDate < today ? 'expired' : 'in_force',
        proposer: proposer(unit),
        proposedAt: morning(addDays(signed, -5)),
        countersigner: czOfficial,
        countersignedAt: morning(signed, 10),
        lines: CEREMONY_COMMITMENTS[unit],
        contact,
        note: round === 0 ? '“领航共建·先锋暖城”共建协议签约仪式' : '协议到期续签',
      });
    }
  }

  /** A partner agreement of a street or community, proposed by the unit's admin; countersigned unless it waits. */
  type Partner = Omit<DemoAgreement, 'unit' | 'region' | 'startDate' | 'endDate' | 'proposer' | 'proposedAt' | 'countersigner' | 'countersignedAt'> & {
    term: [start: string, end: string];
    proposed: string;
    countersigned?: [Side, string];
  };
  const partner = (unit: string, region: RegionEntity, { term: [startDate, endDate], proposed, countersigned, ...rest }: Partner): DemoAgreement => ({
    unit,
    region,
    startDate,
    endDate,
    proposer: proposer(unit),
    proposedAt: morning(proposed),
    countersigner: countersigned?.[0],
    countersignedAt: countersigned && morning(countersigned[1]),
    ...rest,
  });

  const recent = addDays(today, -200);
  // 汇丰街道: the 市地震局 partner of dev:member-01…05, dev:official's.
  demos.push(
    partner('市地震局', huifeng, {
      term: [recent, addDays(addYears(recent, 2), -1)],
      status: 'in_force',
      proposed: addDays(recent, -6),
      countersigned: [hfOfficial, addDays(recent, -2)],
      lines: [
        ['政策宣讲', '防震减灾科普讲座', 4, '次/年'],
        ['物资捐赠', '困难家庭生活物资', 20, '份'],
      ],
      contact: ['苏建华', '13800003001'],
    }),
  );
  // …one expiring within 30 days (the reminder goes to both sides on the first tick of the jobs).
  const endingSoon = addDays(today, 20);
  demos.push(
    partner('市卫生健康委员会', huifeng, {
      term: [addDays(addYears(endingSoon, -1), 1), endingSoon],
      status: 'in_force',
      proposed: addDays(addYears(endingSoon, -1), -5),
      countersigned: [hfOfficial, addDays(addYears(endingSoon, -1), -1)],
      lines: [
        ['健康义诊', '社区义诊、免费测血压血糖', 6, '次/年'],
        ['助老助残', '失能老人上门巡诊', 30, '人次'],
      ],
      contact: ['高卫东', '13700002001'],
    }),
  );
  // …a 市林草局 partnership of this year that has run out (its annual report lists it; dev:official assesses it).
  const linCaoStart = addDays(today, -200) < `${today.slice(0, 4)}-01-01` ? addDays(today, -200) : `${today.slice(0, 4)}-01-01`;
  demos.push(
    partner('市林草局', huifeng, {
      term: [linCaoStart, addDays(today, -20)],
      status: 'expired',
      proposed: addDays(linCaoStart, -6),
      countersigned: [hfOfficial, addDays(linCaoStart, -2)],
      lines: [
        ['绿化美化', '汇丰社区楼院补植苗木', 120, '株'],
        ['普法宣传', '森林草原防火法规宣传', 2, '次/年'],
      ],
      contact: ['林联络员', '13700002009'],
      note: '年度共建（已到期）',
    }),
  );
  // …one waiting for dev:official's countersignature.
  demos.push(
    partner('市医保局', huifeng, {
      term: [addDays(today, 3), addDays(addYears(today, 2), 2)],
      status: 'proposed',
      proposed: addDays(today, -1),
      lines: [
        ['健康义诊', '医保政策咨询与健康义诊', 4, '次/年'],
        ['帮扶慰问', '困难参保群众走访', 10, '户'],
      ],
      contact: ['刘医保', '13700002002'],
    }),
  );
  // …and 康都社区's own partner, signed by dev:staff.
  const kangdu = regions.get('KDSQ01')!;
  demos.push(
    partner('市民政局', kangdu, {
      term: [addDays(today, -90), addDays(addYears(today, 1), -90)],
      status: 'in_force',
      proposed: addDays(today, -95),
      countersigned: [kdStaff, addDays(today, -91)],
      lines: [
        ['物资捐赠', '困难家庭家用电器、生活用品', 20, '件'],
        ['助老助残', '独居老人定期探访', 12, '户'],
      ],
      contact: ['马民政', '13700002003'],
    }),
  );

  // 金川街道: one in force, one with 江林社区 (dev:staff-jl), one sent back.
  demos.push(
    partner('市教育局', jinchuan, {
      term: [addDays(today, -150), addDays(addYears(today, 2), -151)],
      status: 'in_force',
      proposed: addDays(today, -160),
      countersigned: [jcOfficial, addDays(today, -152)],
      lines: [
        ['助学', '困难学生学习用品和结对辅导', 15, '人'],
        ['普法宣传', '校园周边安全与法治宣传', 2, '次/年'],
      ],
      contact: ['赵教育', '13700002004'],
    }),
  );
  const jianglin = regions.get('JLSQ01')!;
  demos.push(
    partner('市司法局', jianglin, {
      term: [addDays(today, -60), addDays(addYears(today, 2), -61)],
      status: 'in_force',
      proposed: addDays(today, -65),
      countersigned: [{ userId: people.get('dev:staff-jl')!.userId, role: 'community_staff', name: jianglin.name }, addDays(today, -61)],
      lines: [['普法宣传', '每月一次法律咨询和人民调解', 12, '次/年']],
      contact: ['孙司法', '13700002005'],
    }),
  );
  demos.push(
    partner('市财政局', jinchuan, {
      term: [addDays(today, 10), addDays(addYears(today, 2), 9)],
      status: 'returned',
      proposed: addDays(today, -4),
      countersigned: [jcOfficial, addDays(today, -2)],
      returnReason: '资源清单请写明每项服务的次数和时间安排',
      lines: [['政策宣讲', '惠民政策宣讲', 1, '次']],
      contact: ['钱财政', '13700002006'],
    }),
  );

  for (const demo of demos) await insertAgreement(manager, cipher, demo, organisations);
};

async function insertAgreement(manager: EntityManager, cipher: DataCipher, demo: DemoAgreement, organisations: Map<string, OrganisationEntity>): Promise<void> {
  const organisation = organisations.get(demo.unit)!;
  const id = newId();
  const signed = demo.status === 'in_force' || demo.status === 'expired';
  const expiredAt = demo.status === 'expired' ? new Date(Date.parse(`${addDays(demo.endDate, 1)}T00:00:00Z`) - CST) : null;
  const isCommunity = demo.region.level === 'community';
  await manager.insert(AgreementEntity, {
    id,
    organisationId: organisation.id,
    unitId: organisation.id,
    regionId: demo.region.id,
    streetId: isCommunity ? pathIds(demo.region.path).at(-2)! : demo.region.id,
    communityId: isCommunity ? demo.region.id : null,
    status: demo.status,
    startDate: demo.startDate,
    endDate: demo.endDate,
    contactName: demo.contact[0],
    contactPhoneCipher: cipher.encrypt(demo.contact[1]),
    note: null,
    proposerUserId: demo.proposer.userId,
    proposerRole: demo.proposer.role,
    proposerName: demo.proposer.name,
    proposedAt: demo.proposedAt,
    countersignerUserId: signed ? demo.countersigner!.userId : null,
    countersignerRole: signed ? demo.countersigner!.role : null,
    countersignerName: signed ? demo.countersigner!.name : null,
    countersignedAt: signed ? demo.countersignedAt! : null,
    returnReason: demo.returnReason ?? null,
    endReason: null,
    endedAt: expiredAt,
    remindedAt: expiredAt,
    createdAt: demo.proposedAt,
    updatedAt: expiredAt ?? demo.countersignedAt ?? demo.proposedAt,
  });
  await manager.insert(
    AgreementCommitmentEntity,
    demo.lines.map(([category, description, quantity, unit], position) => ({ id: newId(), agreementId: id, position, category, description, quantity, unit })),
  );
  const events: Array<[string, string | null, string, Date, Side | null, string | null]> = [
    ['propose', null, 'proposed', demo.proposedAt, demo.proposer, demo.note ?? `${demo.startDate} 至 ${demo.endDate}`],
  ];
  if (signed) events.push(['countersign', 'proposed', 'in_force', demo.countersignedAt!, demo.countersigner!, null]);
  if (demo.status === 'returned') events.push(['return', 'proposed', 'returned', demo.countersignedAt!, demo.countersigner!, demo.returnReason!]);
  if (expiredAt) events.push(['expire', 'in_force', 'expired', expiredAt, null, `协议期限至 ${demo.endDate}，已到期`]);
  await insertTimeline(manager, 'agreement', id, events);
}
