import { maskName } from '@nuancheng/shared';
import { Not, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { MemberEntity } from '../../src/modules/members/member.entity';
import { OrganisationEntity } from '../../src/modules/organisations/organisation.entity';
import { RegionEntity } from '../../src/modules/regions/region.entity';
import { RoleAssignmentEntity } from '../../src/modules/users/role-assignment.entity';
import { UserEntity } from '../../src/modules/users/user.entity';
import { WishEntity } from '../../src/modules/wishes/entities/wish.entity';
import { newId } from '../../src/common/ids';
import { Factory } from '../medium/factories';
import { uploadPhoto } from '../support/wish-fixtures';
import type { TestApp } from '../support/test-app';
import type { Fixture, Persona } from './matrix';

// The fixture wishes' personal data: unique strings, so a crawl of every body finds them wherever they leak.
export const SECRET = {
  own: { name: '欧阳矩阵', phone: '13955501234', hardship: '矩阵困难类别甲', guardian: '矩阵监护人甲' },
  foreign: { name: '司马矩阵', phone: '13955505678', hardship: '矩阵困难类别乙', guardian: '矩阵监护人乙' },
};

export interface MatrixFixtures {
  tokens: Map<Persona, string>;
  /** Each persona's sign-in code, for a fresh session (the sign-out cells end theirs). */
  codes: Record<Exclude<Persona, 'anon'>, string>;
  /** The path parameters of each fixture's own and foreign object. */
  fixtures: Map<Fixture, { own: string[]; foreign?: string[] }>;
  /** Ids bodies refer to: `community` (康都社区), `street` (汇丰街道), `unit` (市林草局), `member` (member-01). */
  ids: Record<string, string>;
}

/**
 * Signs the personas in and finds (or makes) one object of every kind on each side of the relations the matrix
 * names (matrix.ts): the demo city's rows where they exist, factories (test/medium/factories.ts) for the rest.
 */
export async function buildFixtures(t: TestApp): Promise<MatrixFixtures> {
  const f = new Factory(t);
  const tokens = new Map<Persona, string>();
  const fixtures: MatrixFixtures['fixtures'] = new Map();
  const ids: Record<string, string> = {};
  const repo = <T extends ObjectLiteral>(table: string) => {
    const meta = t.dataSource.entityMetadatas.find((m) => m.tableName === table);
    if (!meta) throw new Error(`no table ${table}`);
    return t.dataSource.getRepository<T>(meta.target);
  };
  const first = async (table: string, ...wheres: Array<FindOptionsWhere<any>>): Promise<string | undefined> => {
    for (const where of wheres) {
      const row = await repo<{ id: string }>(table).findOne({ where, order: { id: 'ASC' } as never });
      if (row) return row.id;
    }
    return undefined;
  };
  const region = (code: string) => t.dataSource.getRepository(RegionEntity).findOneByOrFail({ code });
  const org = (name: string) => t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name });
  const userOf = (openid: string) => t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid });

  const codes: Record<Exclude<Persona, 'anon'>, string> = {
    stranger: 'dev:matrix-stranger',
    resident: 'dev:resident',
    member: 'dev:member-01',
    secretary: 'dev:secretary',
    orgAdmin: 'dev:org-admin',
    staffJl: 'dev:staff-jl',
    staff: 'dev:staff',
    official: 'dev:official',
    committee: 'dev:committee',
  };
  for (const [persona, code] of Object.entries(codes)) tokens.set(persona as Persona, await t.signIn(code));

  const kd = await region('KDSQ01');
  const jl = await region('JLSQ01');
  const huifeng = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ id: kd.parentId! });
  const jinchuan = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ id: jl.parentId! });
  const linCao = await org('市林草局');
  const dizhen = await org('市地震局');
  const dizhenBranch = await org('市地震局机关党支部');
  const memberUser = await userOf('dev-member-01');
  const member = await t.dataSource.getRepository(MemberEntity).findOneByOrFail({ userId: memberUser.id });
  // The foreign member: dev:member-32, of 市医保局 (neither member-01's 市地震局 nor dev:org-admin's 市林草局), living in
  // 江林社区 (dev:staff-jl's, in 金川街道): every persona but staffJl and the committee is a stranger to them.
  const otherUser = await userOf('dev-member-32');
  const other = await t.dataSource.getRepository(MemberEntity).findOneByOrFail({ userId: otherUser.id });
  const yibao = await org('市医保局机关党支部');
  if (other.branchId !== yibao.id || other.residenceCommunityId !== jl.id) throw new Error('dev:member-32 is no longer of 市医保局 and 江林社区');
  const otherToken = await t.signIn('dev:member-32');
  const call = async (persona: Persona | string, method: string, path: string, body: unknown = {}) => {
    const token = tokens.get(persona as Persona) ?? (persona === 'other' ? otherToken : undefined);
    const response = await t.request(method, path, { token, body });
    if (response.status >= 300) throw new Error(`fixture ${method} ${path} as ${persona}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const resident = await userOf('dev-resident');
  Object.assign(ids, { community: kd.id, street: huifeng.id, unit: linCao.id, member: member.id, foreignCommunity: jl.id, foreignUnit: dizhen.id });
  const grantee = await f.user({ phone: '13800009999' });
  ids.granteePhone = '13800009999';
  void grantee;

  // The two wishes: claimed, with every personal field set to a unique string.
  const wishes = [];
  for (const [side, community, residentUser, claimant] of [
    ['own', kd, resident, { member, user: memberUser }],
    ['foreign', jl, await f.user(), { member: other, user: otherUser }],
  ] as const) {
    const wish = await f.wish({ community, status: 'claimed', resident: residentUser, claimant });
    const secret = SECRET[side];
    await t.dataSource.getRepository(WishEntity).update(wish.id, {
      beneficiaryMasked: maskName(secret.name),
      beneficiaryNameCipher: t.cipher.encrypt(secret.name),
      contactPhoneCipher: t.cipher.encrypt(secret.phone),
      hardshipCipher: t.cipher.encrypt(secret.hardship),
      guardianNameCipher: t.cipher.encrypt(secret.guardian),
      contactRelation: null,
      deliveryAddressCipher: null,
    });
    wishes.push(wish.id);
  }
  const grantOn = async (node: RegionEntity) => {
    const user = await f.holder('community_staff', node);
    return (await t.dataSource.getRepository(RoleAssignmentEntity).findOneByOrFail({ userId: user.id })).id;
  };
  const missing: string[] = [];
  const need = async (fixture: Fixture, own: Promise<string | undefined> | string | undefined, foreign?: Promise<string | undefined> | string | null) => {
    const o = await own;
    const x = foreign === null ? undefined : await foreign;
    if (!o || (foreign !== null && !x)) missing.push(`${fixture}: own ${o} foreign ${x}`);
    if (!o) return;
    fixtures.set(fixture, { own: [o], ...(x ? { foreign: [x] } : {}) });
  };
  await need('wish', wishes[0], wishes[1]);
  await need('region', kd.id, jl.id);
  await need('street', huifeng.id, jinchuan.id);
  await need('communityCode', 'KDSQ01', 'JLSQ01');
  await need('emptyRegion', (await f.region(huifeng, 'community')).id, (await f.region(jinchuan, 'community')).id);
  await need('unit', linCao.id, dizhen.id);
  await need('branch', dizhenBranch.id, yibao.id);
  await need('emptyOrganisation', (await f.organisation(linCao, 'branch')).id, (await f.organisation(dizhen, 'branch')).id);
  await need('member', member.id, other.id);
  await need('roleAssignment', grantOn(kd), grantOn(jl));
  await need('user', (await f.user()).id, null);
  await need('activity', first('activities', { communityId: kd.id }), first('activities', { communityId: jl.id }));
  const attendance = async (activityId: string) => [activityId, (await first('activity_attendances', { activityId }))!];
  const activities = fixtures.get('activity')!;
  fixtures.set('attendance', { own: await attendance(activities.own[0]), foreign: await attendance(activities.foreign![0]) });
  const now = new Date(t.clock.now().getTime() + 8 * 3600_000);
  const today = now.toISOString().slice(0, 10);
  // The own agreement: 市林草局 (dev:org-admin) proposes one to 汇丰街道 (dev:official), as the unit does; the foreign
  // one is 江林社区's in force with another unit, countersigned by dev:staff-jl.
  const day = (n: number) => new Date(t.clock.now().getTime() + 8 * 3600_000 + n * 86400_000).toISOString().slice(0, 10);
  const proposal = await call('orgAdmin', 'POST', '/api/agreements', {
    organisationId: linCao.id,
    regionId: huifeng.id,
    startDate: day(1),
    endDate: day(366),
    contactName: '林草联络员',
    contactPhone: '13700009999',
    commitments: [{ category: '绿化美化', description: '小区补植苗木', quantity: 500, unit: '株' }],
  });
  await need('agreement', proposal.id, first('agreements', { unitId: Not(linCao.id), communityId: jl.id }));
  const year = now.getUTCFullYear();
  const foreignPledge = await call('other', 'POST', '/api/pledges', {
    content: '每周为江林社区老人测量血压',
    target: '全年测量不少于 40 次',
    dueDate: `${year}-12-31`,
    category: '健康义诊',
    nameDisplay: 'masked',
  });
  await need('pledge', first('pledges', { memberId: member.id }), foreignPledge.id);
  // member-01 has no report in the demo: a draft of the current half year, made the way the member makes one.

  const period = `${now.getUTCFullYear()}H${now.getUTCMonth() < 6 ? 1 : 2}`;
  const draft = await t.request('POST', '/api/me/reports', { token: tokens.get('member'), body: { period } });
  const foreignDraft = await call('other', 'POST', '/api/me/reports', { period });
  await need('report', draft.body?.id ?? first('member_reports', { memberId: member.id }), foreignDraft.id);
  // 市林草局's annual report for this year, drafted by dev:org-admin as the unit does; the foreign one a demo unit's.
  const orgReport = await call('orgAdmin', 'POST', '/api/org-reports', { year });
  await need('orgReport', orgReport.id, first('org_reports', { unitId: Not(linCao.id) }));
  await need('registration', first('registrations', { memberId: member.id, communityId: kd.id }), first('registrations', { memberId: other.id, communityId: jl.id }));
  await need('post', first('service_posts', { communityId: kd.id }), first('service_posts', { communityId: jl.id }));
  // Each side's member takes a post of their community and logs two shifts: one stays pending (the matrix's), the
  // other the community's staff confirm, which credits the member's ledger.
  const holdingOf = async (persona: string, communityId: string, staff: Persona) => {
    const posts = await repo<{ id: string; communityId: string }>('service_posts').find({ where: { communityId }, order: { id: 'ASC' } });
    for (const post of posts) {
      const response = await t.request('POST', `/api/posts/${post.id}/take`, { token: persona === 'other' ? otherToken : tokens.get(persona as Persona), body: {} });
      if (response.status >= 300) continue;
      const holdingId = await first('post_holdings', { postId: post.id, memberId: persona === 'other' ? other.id : member.id, status: 'active' });
      const shift = async (content: string) => (await call(persona, 'POST', `/api/post-holdings/${holdingId}/shifts`, { date: today, minutes: 60, content })).id as string;
      const pending = await shift('授权矩阵测试值守');
      const confirmed = await shift('授权矩阵测试值守（已确认）');
      await call(staff, 'POST', `/api/post-shifts/${confirmed}/confirm`, {});
      return { holdingId, pending, confirmed };
    }
    throw new Error(`no post of ${communityId} could be taken`);
  };
  const ownHolding = await holdingOf('member', kd.id, 'staff');
  const foreignHolding = await holdingOf('other', jl.id, 'staffJl');
  await need('holding', ownHolding.holdingId, foreignHolding.holdingId);
  await need('shift', ownHolding.pending, foreignHolding.pending);
  await need(
    'project',
    first('livelihood_projects', { communityId: kd.id }, { streetId: huifeng.id }),
    first('livelihood_projects', { streetId: jinchuan.id }, { streetId: Not(huifeng.id) }, { communityId: Not(kd.id) }),
  );
  await need('ledgerEntry', first('ledger_entries', { memberId: member.id }), first('ledger_entries', { memberId: other.id }));
  // Notifications, photos and dispatches the demo does not hold for these personas, written as the app writes them.
  const notify = async (userId: string) => {
    const id = newId();
    await repo('notifications').insert({ id, userId, kind: 'registration_status', title: '矩阵通知', body: '授权矩阵测试', linkKind: null, linkId: null, readAt: null, createdAt: new Date() });
    return id;
  };
  await need('notification', notify(memberUser.id), notify(otherUser.id));
  await need('upload', uploadPhoto(t, tokens.get('member')!), uploadPhoto(t, tokens.get('resident')!));
  const dispatch = async (organisationId: string) => {
    const wish = await f.wish({ community: kd, status: 'published' });
    const id = newId();
    const soon = new Date(Date.now() + 7 * 86400_000);
    await repo('wish_dispatches').insert({
      id,
      wishId: wish.id,
      organisationId,
      dispatchedByUserId: (await userOf('dev-official')).id,
      status: 'pending',
      deadline: soon,
      answerBy: soon,
      note: null,
      declineReason: null,
      answeredByUserId: null,
      answeredAt: null,
      escalatedAt: null,
      createdAt: new Date(),
    });
    return id;
  };
  await need('dispatch', dispatch(linCao.id), dispatch(dizhen.id));
  const certificate = await repo<{ number: string }>('service_certificates').findOne({ where: {} });
  await need('certificate', certificate?.number, null);
  await need('qrToken', 'matrix-token', null);
  if (missing.length) throw new Error(`fixtures missing from the demo city: ${missing.join('; ')}`);

  return { tokens, codes, fixtures, ids };
}
