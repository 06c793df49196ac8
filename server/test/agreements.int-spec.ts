import { inTransaction } from '../src/common/database/transaction';
import { AgreementJobsService } from '../src/modules/agreements/agreement-jobs.service';
import { AgreementsService } from '../src/modules/agreements/agreements.service';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { LedgerService } from '../src/modules/ledger/ledger.service';
import { MemberEntity } from '../src/modules/members/member.entity';
import { NotificationEntity } from '../src/modules/notifications/notification.entity';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { RegionEntity } from '../src/modules/regions/region.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

const DAY = 24 * 3600 * 1000;
const cstDate = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const plusDays = (days: number) => cstDate(new Date(Date.now() + days * DAY));

/**
 * 共建协议 over HTTP on the demo city: both signatures, every scope refusal (admin of another unit, official of
 * another street, staff of another community), the return / re-propose loop, ending early, delivery against
 * commitments from the ledger, the 1+N view, the dispatch picker, the reminder and the expiry jobs.
 */
describe(`co-building agreements (${TEST_DB})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = async (persona: string) => (tokens[persona] ??= await t.signIn(`dev:${persona}`));
  let linCao: OrganisationEntity;
  let diZhen: OrganisationEntity;
  let huifeng: RegionEntity;
  let chezhan: RegionEntity;
  let kangdu: RegionEntity;
  let agreementId = '';

  const terms = (overrides: Record<string, unknown> = {}) => ({
    startDate: plusDays(0),
    endDate: plusDays(365),
    contactName: '林草联络员',
    contactPhone: '13700009999',
    commitments: [
      { category: '绿化美化', description: '小区补植苗木', quantity: 500, unit: '株' },
      { category: '健康义诊', description: '义诊、免费测血压', quantity: 4, unit: '次/年' },
    ],
    ...overrides,
  });
  const propose = async (persona: string, body: Record<string, unknown>) => t.request('POST', '/api/agreements', { token: await as(persona), body });
  const post = async (persona: string, path: string, body: unknown = {}) => t.request('POST', path, { token: await as(persona), body });
  const count = (table: 'agreements') => t.dataSource.query(`SELECT COUNT(*) AS n FROM \`${table}\``).then((r: Array<{ n: number | string }>) => Number(r[0].n));

  beforeAll(async () => {
    t = await startTestApp();
    const orgs = t.dataSource.getRepository(OrganisationEntity);
    const regions = t.dataSource.getRepository(RegionEntity);
    linCao = await orgs.findOneByOrFail({ name: '市林草局' });
    diZhen = await orgs.findOneByOrFail({ name: '市地震局' });
    huifeng = await regions.findOneByOrFail({ name: '汇丰街道' });
    chezhan = await regions.findOneByOrFail({ name: '车站街道' });
    kangdu = await regions.findOneByOrFail({ code: 'KDSQ01' });
  });
  afterAll(() => t?.close());

  it('should refuse bad proposals with a Chinese message and change nothing', async () => {
    const before = await count('agreements');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [terms({ endDate: plusDays(-1), startDate: plusDays(-10) }), /不能早于今天/],
      [terms({ endDate: plusDays(0), startDate: plusDays(5) }), /结束日期应晚于开始日期/],
      [terms({ endDate: plusDays(6 * 366) }), /最长 5 年/],
      [terms({ commitments: [] }), /至少填写 1 项/],
      [
        terms({
          commitments: [
            { category: '助学', description: '助学金', quantity: 5, unit: '人' },
            { category: '助学', description: '学习用品', quantity: 10, unit: '份' },
          ],
        }),
        /同一类别请合并/,
      ],
      [terms({ commitments: [{ category: '助学', description: '助学金', quantity: 1.5, unit: '人' }] }), /整数/],
      [terms({ contactPhone: '12345' }), /手机号/],
    ];
    for (const [body, message] of cases) {
      const response = await propose('org-admin', { ...body, organisationId: linCao.id, regionId: huifeng.id });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(message);
    }
    // A branch cannot sign, nor can an agreement be made with a district.
    const branch = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局机关党支部' });
    expect((await propose('org-admin', { ...terms(), organisationId: branch.id, regionId: huifeng.id })).body.message).toBe('签约方应为机关单位或机关党委（党总支）');
    expect((await propose('org-admin', { ...terms(), organisationId: linCao.id, regionId: huifeng.parentId })).body.message).toBe('共建协议只能与街道或社区签订');
    expect(await count('agreements')).toBe(before);
  });

  it('should refuse an admin of another unit, and those without the role', async () => {
    const other = await propose('unit-admin-01', { ...terms(), organisationId: linCao.id, regionId: huifeng.id });
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('您不是该单位的党组织管理员，不能为其拟定协议');
    expect((await propose('official', { ...terms(), organisationId: linCao.id, regionId: huifeng.id })).status).toBe(403);
    expect((await propose('member-01', { ...terms(), organisationId: linCao.id, regionId: huifeng.id })).status).toBe(403);
  });

  it('should need both signatures: proposed by the unit, in force only once the street countersigns', async () => {
    const proposed = await propose('org-admin', { ...terms(), organisationId: linCao.id, regionId: huifeng.id });
    expect(proposed.status).toBe(201);
    agreementId = proposed.body.id;
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      organisation: { name: '市林草局' },
      region: { name: '汇丰街道', level: 'street' },
      street: { name: '汇丰街道' },
      community: null,
      registered: false,
      contact: { name: '林草联络员', phone: '13700009999' },
      signatures: { proposer: { role: 'org_admin', roleLabel: '机关党组织管理员', name: '市林草局' }, countersigner: null },
      actions: ['withdraw'],
    });
    const agreements = t.app.get(AgreementsService);
    expect(await agreements.inForce(linCao.id, kangdu.id)).toBeNull();

    // The official of 汇丰街道 was told, and is offered the two buttons.
    const official = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'dev-official' });
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: official.id, kind: 'agreement', linkId: agreementId })).toBe(1);
    const seen = await t.request('GET', `/api/agreements/${agreementId}`, { token: await as('official') });
    expect(seen.body.actions).toEqual(['countersign', 'return']);
    expect(seen.body.contact.phone).toBe('13700009999');
    expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'agreement.contact.read', subjectId: agreementId })).toBeGreaterThan(0);

    // The proposing side cannot sign for the other side.
    expect((await post('org-admin', `/api/agreements/${agreementId}/countersign`)).status).toBe(403);

    const signed = await post('official', `/api/agreements/${agreementId}/countersign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'in_force',
      registered: true,
      signatures: {
        proposer: { role: 'org_admin', name: '市林草局' },
        countersigner: { role: 'street_official', roleLabel: '街道干部', name: '汇丰街道' },
      },
      actions: ['end_early'],
    });
    expect(new Date(signed.body.signatures.countersigner.at).getTime()).toBeGreaterThanOrEqual(new Date(signed.body.signatures.proposer.at).getTime());
    // 组织报到: registered in the street and each of its communities, not elsewhere.
    expect(await agreements.inForce(linCao.id, huifeng.id)).toMatchObject({ id: agreementId });
    expect(await agreements.inForce(linCao.id, kangdu.id)).toMatchObject({ id: agreementId, commitments: [{ category: '绿化美化' }, { category: '健康义诊' }] });
    expect(await agreements.inForce(linCao.id, chezhan.id)).toMatchObject({ organisationId: linCao.id }); // the ceremony's renewal
    expect(await agreements.inForce(diZhen.id, kangdu.id)).not.toBeNull();
    expect(await agreements.inForce(linCao.id, kangdu.id, new Date(Date.now() + 400 * DAY))).toBeNull();

    const timeline = await t.request('GET', `/api/agreements/${agreementId}/timeline`, { token: await as('org-admin') });
    expect(timeline.body.items.map((e: { actionLabel: string }) => e.actionLabel)).toEqual(['拟定协议', '会签']);
    expect(timeline.body.items[1].actor).toMatchObject({ roleLabel: '街道干部', name: '汇丰街道' });

    // Signed once: a second countersignature is a wrong-state refusal worded for the state.
    const again = await post('official', `/api/agreements/${agreementId}/countersign`);
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('该协议已生效，不能会签');
  });

  it('should refuse an overlapping second agreement of the same unit and street, and accept the renewal after it', async () => {
    const overlap = await propose('org-admin', { ...terms({ startDate: plusDays(100), endDate: plusDays(500) }), organisationId: linCao.id, regionId: huifeng.id });
    expect(overlap.status).toBe(409);
    expect(overlap.body.message).toMatch(/已有一份期限重叠的共建协议/);
    const renewal = await propose('org-admin', { ...terms({ startDate: plusDays(366), endDate: plusDays(700) }), organisationId: linCao.id, regionId: huifeng.id });
    expect(renewal.status).toBe(201);
    expect((await post('org-admin', `/api/agreements/${renewal.body.id}/withdraw`)).body.status).toBe('withdrawn');
  });

  it('should refuse officials of another street and staff of another community, in their own words', async () => {
    const waiting = await propose('org-admin', { ...terms(), organisationId: linCao.id, regionId: kangdu.id });
    expect(waiting.status).toBe(201);
    // 江林社区's staff cannot sign for 康都社区; 车站街道's official cannot sign for 汇丰街道; the street official
    // does not sign a community's agreement (its staff do).
    const jl = await post('staff-jl', `/api/agreements/${waiting.body.id}/countersign`);
    expect(jl.status).toBe(403);
    expect(jl.body.message).toBe('该协议不是与您负责的街道或社区签订的');
    expect((await post('official', `/api/agreements/${waiting.body.id}/countersign`)).status).toBe(403);
    const proposedInHuifeng = (await t.request('GET', '/api/agreements?status=proposed', { token: await as('official') })).body.items.find(
      (a: { organisation: { name: string } }) => a.organisation.name === '市医保局',
    );
    const cz = await post('official-cz', `/api/agreements/${proposedInHuifeng.id}/countersign`);
    expect(cz.status).toBe(403);
    expect(cz.body.message).toBe('该协议不是与您负责的街道或社区签订的');
    expect((await post('official-cz', `/api/agreements/${proposedInHuifeng.id}/return`, { reason: '不是本街道' })).status).toBe(403);
    // Nor may another unit's admin withdraw or end 市林草局's agreement; they do not even see it.
    const otherAdmin = await post('unit-admin-01', `/api/agreements/${waiting.body.id}/withdraw`);
    expect(otherAdmin.status).toBe(403);
    expect(otherAdmin.body.message).toBe('该协议不是您管理的单位签订的');
    expect((await t.request('GET', `/api/agreements/${waiting.body.id}`, { token: await as('unit-admin-01') })).status).toBe(404);
    expect((await t.request('GET', `/api/agreements/${waiting.body.id}`, { token: await as('staff-jl') })).status).toBe(404);
    // The community's own staff signs it.
    const signed = await post('staff', `/api/agreements/${waiting.body.id}/countersign`);
    expect(signed.body).toMatchObject({ status: 'in_force', community: { name: '康都社区' }, signatures: { countersigner: { role: 'community_staff', name: '康都社区' } } });
    // Those above see it, masked; the street official over it is not offered a button.
    const seenAbove = await t.request('GET', `/api/agreements/${waiting.body.id}`, { token: await as('official') });
    expect(seenAbove.body).toMatchObject({ actions: [], contact: { phone: '137****9999' } });
    expect((await post('org-admin', `/api/agreements/${waiting.body.id}/end`, { reason: '改为与街道签订' })).body.status).toBe('ended_early');
  });

  it('should let one of two simultaneous countersignatures win, and let an admin above a party committee propose for it', async () => {
    const partyCommittee = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市人大常委会办公室机关党委' });
    const proposed = await propose('unit-admin-05', { ...terms(), organisationId: partyCommittee.id, regionId: huifeng.id });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ organisation: { name: '市人大常委会办公室机关党委', level: 'party_committee' }, unit: { name: '市人大常委会办公室' } });
    const [a, b] = await Promise.all([post('official', `/api/agreements/${proposed.body.id}/countersign`), post('committee', `/api/agreements/${proposed.body.id}/countersign`)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const timeline = await t.request('GET', `/api/agreements/${proposed.body.id}/timeline`, { token: await as('official') });
    expect(timeline.body.items.filter((e: { action: string }) => e.action === 'countersign')).toHaveLength(1);
    // The unit above the party committee, and a branch under it, have registered in 汇丰街道 through it.
    const branch = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市人大常委会办公室机关党支部' });
    const agreements = t.app.get(AgreementsService);
    expect(await agreements.inForce(branch.id, kangdu.id)).toMatchObject({ id: proposed.body.id });
    expect(await agreements.inForce(partyCommittee.parentId!, huifeng.id)).toMatchObject({ id: proposed.body.id });
  });

  it('should send a proposal back with a reason, take it again edited, and end it early with a reason', async () => {
    const proposed = await propose('org-admin', { ...terms({ startDate: plusDays(800), endDate: plusDays(1000) }), organisationId: linCao.id, regionId: huifeng.id });
    const id = proposed.body.id;
    expect((await post('official', `/api/agreements/${id}/return`, { reason: '' })).status).toBe(400);
    const returned = await post('official', `/api/agreements/${id}/return`, { reason: '请写明义诊的时间安排' });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: '请写明义诊的时间安排', actions: [] });
    const orgView = await t.request('GET', `/api/agreements/${id}`, { token: await as('org-admin') });
    expect(orgView.body.actions).toEqual(['repropose', 'withdraw']);
    expect((await post('official', `/api/agreements/${id}/countersign`)).body.message).toBe('该协议已被退回修改，不能会签');

    const again = await post(
      'org-admin',
      `/api/agreements/${id}/repropose`,
      terms({ startDate: plusDays(800), endDate: plusDays(1000), commitments: [{ category: '健康义诊', description: '每季度一次义诊', quantity: 4, unit: '次/年' }] }),
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'proposed', returnReason: null, commitments: [{ category: '健康义诊', description: '每季度一次义诊' }] });
    const signed = await post('official', `/api/agreements/${id}/countersign`);
    expect(signed.body.status).toBe('in_force');
    expect(signed.body.registered).toBe(false); // its term has not begun
    expect((await post('official', `/api/agreements/${id}/end`, { reason: 'x' })).status).toBe(400);
    const ended = await post('official', `/api/agreements/${id}/end`, { reason: '单位职能调整，双方协商终止' });
    expect(ended.body).toMatchObject({ status: 'ended_early', endReason: '单位职能调整，双方协商终止', actions: [] });
    const timeline = await t.request('GET', `/api/agreements/${id}/timeline`, { token: await as('official') });
    expect(timeline.body.items.map((e: { action: string }) => e.action)).toEqual(['propose', 'return', 'repropose', 'countersign', 'end_early']);
    // The unit was told it ended (the other side).
    const admin = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'dev-org-admin' });
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: admin.id, linkId: id, title: '共建协议提前终止' })).toBe(1);
  });

  it('should count delivery against each commitment: the partner’s ledger entries in its street, category and term', async () => {
    const ledger = t.app.get(LedgerService);
    const member = await t.dataSource
      .getRepository(MemberEntity)
      .findOneByOrFail({ branchId: (await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局机关党支部' })).id });
    const credit = (input: Partial<Parameters<LedgerService['credit']>[1]> & { sourceId: string }) =>
      inTransaction(t.dataSource, (m) =>
        ledger.credit(m, {
          memberId: null,
          organisationId: linCao.id,
          kind: 'project_update',
          sourceType: 'project_update',
          description: '绿化补植',
          occurredAt: new Date(),
          communityId: kangdu.id,
          streetId: huifeng.id,
          category: '绿化美化',
          minutes: 0,
          valueYuan: 0,
          ...input,
        }),
      );
    const src = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    await credit({ sourceId: src(1), minutes: 120 }); // counts
    await credit({ sourceId: src(2), memberId: member.id, organisationId: null, kind: 'activity_attendance', sourceType: 'activity_attendance', minutes: 90 }); // a member of the unit: counts
    await credit({ sourceId: src(3), category: '助学' }); // another category
    await credit({ sourceId: src(4), streetId: chezhan.id, communityId: null }); // another street
    await credit({ sourceId: src(5), organisationId: diZhen.id }); // another unit
    await credit({ sourceId: src(6), occurredAt: new Date(Date.now() - 3 * DAY) }); // before the term
    const counted = await credit({ sourceId: src(7), minutes: 60, valueYuan: 50 }); // counts, then corrected
    const secretary = await t.signIn('dev:org-admin');
    expect((await t.request('POST', `/api/ledger/${counted}/corrections`, { token: secretary, body: { reason: '重复登记，予以更正' } })).status).toBe(201);

    const detail = await t.request('GET', `/api/agreements/${agreementId}`, { token: await as('org-admin') });
    const greening = detail.body.commitments.find((c: { category: string }) => c.category === '绿化美化');
    expect(greening).toMatchObject({ quantity: 500, unit: '株', delivered: { services: 2, minutes: 210, valueYuan: 0 } });
    expect(detail.body.commitments.find((c: { category: string }) => c.category === '健康义诊').delivered).toEqual({ services: 0, minutes: 0, valueYuan: 0 });
  });

  it('should show a street’s 1+N: partners with commitments and delivery beside its open needs and their matches', async () => {
    const view = await t.request('GET', `/api/regions/${huifeng.id}/one-plus-n`, { token: await as('official') });
    expect(view.status).toBe(200);
    expect(view.body.region).toMatchObject({ name: '汇丰街道', level: 'street' });
    const names = view.body.partners.map((p: { organisation: { name: string } }) => p.organisation.name);
    expect(names).toEqual(expect.arrayContaining(['市林草局', '市地震局', '市卫生健康委员会', '市民政局']));
    expect(names).not.toContain('市医保局'); // still waiting for its countersignature
    const lin = view.body.partners.find((p: { agreementId: string }) => p.agreementId === agreementId);
    expect(lin.commitments.find((c: { category: string }) => c.category === '绿化美化').delivered.services).toBe(2);
    // Needs: the street's unclaimed wishes and open projects, each with the partners whose commitments match.
    const kinds = new Set(view.body.needs.map((n: { kind: string }) => n.kind));
    expect(kinds).toEqual(new Set(['wish', 'project']));
    const monitor = view.body.needs.find((n: { title: string }) => n.title === '一个血压计');
    expect(monitor).toMatchObject({ kind: 'wish', category: '医疗健康', commitmentCategories: ['健康义诊', '物资捐赠', '帮扶慰问'], overdue: 'unclaimed' });
    const matched = monitor.matches.map((m: { organisation: { name: string }; commitment: { category: string } }) => `${m.organisation.name}:${m.commitment.category}`);
    expect(matched).toEqual(expect.arrayContaining(['市林草局:健康义诊', '市卫生健康委员会:健康义诊', '市民政局:物资捐赠', '市地震局:物资捐赠']));
    expect(matched.indexOf('市民政局:物资捐赠')).toBeGreaterThan(matched.indexOf('市卫生健康委员会:健康义诊'));
    expect(view.body.needs.some((n: { title: string }) => n.title === '一个新书包')).toBe(false); // claimed, not overdue
    expect(view.body.totals).toMatchObject({ partners: names.length, needs: view.body.needs.length });
    expect(view.body.totals.matchedNeeds).toBeGreaterThan(0);
  });

  it('should scope the 1+N view: the street’s officials, its communities’ staff for their community, partner units', async () => {
    const get = async (persona: string, regionId: string) => (await t.request('GET', `/api/regions/${regionId}/one-plus-n`, { token: await as(persona) })).status;
    const jinchuan = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ name: '金川街道' });
    const jianglin = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ code: 'JLSQ01' });
    expect(await get('staff', kangdu.id)).toBe(200);
    expect(await get('staff', huifeng.id)).toBe(403);
    expect(await get('staff-jl', kangdu.id)).toBe(403);
    expect(await get('staff-jl', jianglin.id)).toBe(200);
    expect(await get('official', jinchuan.id)).toBe(403);
    expect(await get('official-cz', huifeng.id)).toBe(403);
    expect(await get('committee', jinchuan.id)).toBe(200);
    expect(await get('org-admin', huifeng.id)).toBe(200); // 市林草局 is a partner now
    expect(await get('org-admin', jinchuan.id)).toBe(403);
    expect(await get('member-01', huifeng.id)).toBe(403);
    // A community's view: its own partners and its street's.
    const community = await t.request('GET', `/api/regions/${kangdu.id}/one-plus-n`, { token: await as('staff') });
    expect(community.body.partners.map((p: { region: { name: string } }) => p.region.name)).toEqual(expect.arrayContaining(['汇丰街道', '康都社区']));
    expect(community.body.needs.every((n: { community: { name: string } | null }) => n.community === null || n.community.name === '康都社区')).toBe(true);
  });

  it('should rank the dispatch picker: matching partners with their commitment, other partners, then every unit', async () => {
    const wish = await t.dataSource.getRepository(WishEntity).findOneByOrFail({ title: '一个血压计' });
    expect((await t.request('GET', `/api/wishes/${wish.id}/dispatch-candidates`, { token: await as('official-cz') })).status).toBe(403);
    expect((await t.request('GET', `/api/wishes/${wish.id}/dispatch-candidates`, { token: await as('staff') })).status).toBe(403);
    const response = await t.request('GET', `/api/wishes/${wish.id}/dispatch-candidates`, { token: await as('official') });
    expect(response.status).toBe(200);
    const items: Array<{ organisation: { name: string }; tier: string; commitment: { category: string } | null }> = response.body.items;
    const tiers = items.map((i) => i.tier);
    expect(tiers.indexOf('other')).toBeGreaterThan(tiers.lastIndexOf('matching'));
    expect(items[0]).toMatchObject({ tier: 'matching', commitment: { category: '健康义诊' } });
    expect(items.find((i) => i.organisation.name === '市民政局')).toMatchObject({ tier: 'matching', commitment: { category: '物资捐赠' } });
    // Every unit appears exactly once.
    expect(new Set(items.map((i) => i.organisation.name)).size).toBe(items.length);
    expect(items.filter((i) => i.tier === 'other').map((i) => i.organisation.name)).toContain('市财政局');
  });

  it('should list agreements in the caller’s scope', async () => {
    const list = async (persona: string, query = '') => (await t.request('GET', `/api/agreements${query}`, { token: await as(persona) })).body;
    const org = await list('org-admin', '?pageSize=50');
    expect(org.items.every((a: { organisation: { name: string } }) => a.organisation.name === '市林草局')).toBe(true);
    expect(org.total).toBeGreaterThanOrEqual(4);
    const official = await list('official', '?pageSize=50');
    expect(official.items.every((a: { street: { name: string } }) => a.street.name === '汇丰街道')).toBe(true);
    const cz = await list('official-cz', '?status=in_force&pageSize=50');
    expect(cz.total).toBe(15);
    expect(cz.items[0]).toMatchObject({ region: { name: '车站街道' }, status: 'in_force' });
    expect((await list('official-cz', '?status=expired')).total).toBeGreaterThanOrEqual(0);
    const staff = await list('staff');
    expect(staff.items.every((a: { region: { name: string } }) => a.region.name === '康都社区')).toBe(true);
    expect((await t.request('GET', '/api/agreements', { token: await as('member-01') })).status).toBe(403);
  });

  it('should credit a project’s progress under its category, and match it to partners as a need', async () => {
    const posted = await post('staff', '/api/projects', {
      regionId: kangdu.id,
      title: '康都小区义诊角',
      description: '在小区活动室设立义诊角，定期义诊',
      location: '康都小区活动室',
      category: '健康义诊',
    });
    expect(posted.body.category).toBe('健康义诊');
    const view = await t.request('GET', `/api/regions/${kangdu.id}/one-plus-n`, { token: await as('staff') });
    const need = view.body.needs.find((n: { id: string }) => n.id === posted.body.id);
    expect(need).toMatchObject({ kind: 'project', commitmentCategories: ['健康义诊'] });
    expect(need.matches.map((m: { organisation: { name: string } }) => m.organisation.name)).toEqual(expect.arrayContaining(['市林草局', '市卫生健康委员会']));
    await post('org-admin', `/api/projects/${posted.body.id}/claim`, { organisationId: linCao.id });
    const update = await post('org-admin', `/api/projects/${posted.body.id}/updates`, { percent: 50, note: '义诊角已布置完成' });
    expect(update.status).toBe(201);
    const entry = await t.dataSource.getRepository(LedgerEntryEntity).findOneByOrFail({ sourceType: 'project_update', sourceId: update.body.updates[0].id });
    expect(entry).toMatchObject({ category: '健康义诊', unitId: linCao.id, streetId: huifeng.id });
    const detail = await t.request('GET', `/api/agreements/${agreementId}`, { token: await as('org-admin') });
    expect(detail.body.commitments.find((c: { category: string }) => c.category === '健康义诊').delivered.services).toBe(1);
  });

  it('should remind both sides once before the term ends, and expire it after', async () => {
    const jobs = t.app.get(AgreementJobsService);
    const first = await jobs.remind();
    expect(first).toBeGreaterThanOrEqual(1); // the demo's 市卫生健康委员会 ↔ 汇丰街道, 20 days left
    expect(await jobs.remind()).toBe(0);
    const official = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'dev-official' });
    const reminders = await t.dataSource.getRepository(NotificationEntity).findBy({ kind: 'agreement', title: '共建协议即将到期' });
    expect(reminders.some((n) => n.userId === official.id)).toBe(true);
    expect(reminders.some((n) => n.body.includes('市卫生健康委员会'))).toBe(true);
    const unitAdmins = await t.dataSource.getRepository(UserEntity).findBy({});
    expect(reminders.some((n) => n.userId !== official.id && unitAdmins.some((u) => u.id === n.userId && u.openid.startsWith('dev-unit-admin-')))).toBe(true);

    // 25 days on, its last day has passed: the job expires it, once.
    t.clock.advance(25 * DAY);
    const expired = await jobs.expire();
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(await jobs.expire()).toBe(0);
    const list = await t.request('GET', '/api/agreements?status=expired&pageSize=50', { token: await as('official') });
    const health = list.body.items.find((a: { organisation: { name: string } }) => a.organisation.name === '市卫生健康委员会');
    expect(health).toBeDefined();
    const timeline = await t.request('GET', `/api/agreements/${health.id}/timeline`, { token: await as('official') });
    expect(timeline.body.items.at(-1)).toMatchObject({ action: 'expire', actionLabel: '到期', actor: { roleLabel: '系统' } });
  });
});
