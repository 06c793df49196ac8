import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, uploadPhoto } from './support/wish-fixtures';

describe(`livelihood projects (${TEST_DB})`, () => {
  let t: TestApp;
  let staff: string;
  let staffJl: string;
  let orgAdmin: string;
  let official: string;
  let member: string;
  let kangdu: string;
  let linCao: OrganisationEntity;
  let diZhen: OrganisationEntity;

  beforeAll(async () => {
    t = await startTestApp();
    [staff, staffJl, orgAdmin, official, member] = await Promise.all(['dev:staff', 'dev:staff-jl', 'dev:org-admin', 'dev:official', 'dev:member-01'].map((c) => t.signIn(c)));
    kangdu = await communityId(t, 'KDSQ01');
    const organisations = t.dataSource.getRepository(OrganisationEntity);
    linCao = await organisations.findOneByOrFail({ name: '市林草局' });
    diZhen = await organisations.findOneByOrFail({ name: '市地震局' });
  });
  afterAll(() => t?.close());

  const project = { title: '康都小区绿化补植', description: '小区改造后缺少绿化树木，需要补植约 400 株苗木', location: '康都小区中心花园', estimatedScale: '约 400 株' };

  it('should go posted → claimed → progress with photos → completed → verified, crediting the unit', async () => {
    expect((await t.request('POST', '/api/projects', { token: staffJl, body: { ...project, regionId: kangdu } })).status).toBe(403);
    expect((await t.request('POST', '/api/projects', { token: member, body: { ...project, regionId: kangdu } })).status).toBe(403);
    expect((await t.request('POST', '/api/projects', { token: staff, body: { ...project, title: '', regionId: kangdu } })).status).toBe(400);
    const posted = await t.request('POST', '/api/projects', { token: staff, body: { ...project, regionId: kangdu } });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ status: 'open', region: { name: '康都社区' }, street: { name: '汇丰街道' }, organisation: null, percent: 0 });
    const id = posted.body.id;

    expect((await t.request('POST', `/api/projects/${id}/updates`, { token: orgAdmin, body: { percent: 10, note: '开始施工' } })).status).toBe(409);
    expect((await t.request('POST', `/api/projects/${id}/claim`, { token: orgAdmin, body: { organisationId: diZhen.id } })).status).toBe(403);
    const claimed = await t.request('POST', `/api/projects/${id}/claim`, { token: orgAdmin, body: { organisationId: linCao.id } });
    expect(claimed.body).toMatchObject({ status: 'claimed', organisation: { name: '市林草局' } });
    expect((await t.request('POST', `/api/projects/${id}/claim`, { token: orgAdmin, body: { organisationId: linCao.id } })).status).toBe(409);

    const photo = await uploadPhoto(t, orgAdmin);
    const update = await t.request('POST', `/api/projects/${id}/updates`, { token: orgAdmin, body: { percent: 60, note: '5月10日调运415株金叶白蜡、侧柏并栽植', photoIds: [photo] } });
    expect(update.status).toBe(201);
    expect(update.body.percent).toBe(60);
    expect(update.body.updates[0]).toMatchObject({ percent: 60, note: '5月10日调运415株金叶白蜡、侧柏并栽植' });
    expect(update.body.updates[0].photos).toHaveLength(1);
    expect((await t.request('POST', `/api/projects/${id}/updates`, { token: orgAdmin, body: { percent: 40, note: '倒退' } })).status).toBe(400);
    expect((await t.request('POST', `/api/projects/${id}/updates`, { token: orgAdmin, body: { percent: 101, note: '超过' } })).status).toBe(400);

    expect((await t.request('POST', `/api/projects/${id}/verify`, { token: official, body: {} })).status).toBe(409);
    expect((await t.request('POST', `/api/projects/${id}/complete`, { token: orgAdmin, body: {} })).body).toMatchObject({ status: 'completed', percent: 100 });
    expect((await t.request('POST', `/api/projects/${id}/verify`, { token: staff, body: {} })).status).toBe(403);
    const verified = await t.request('POST', `/api/projects/${id}/verify`, { token: official, body: {} });
    expect(verified.body.status).toBe('verified');
    expect(verified.body.verifiedAt).not.toBeNull();

    const credits = await t.dataSource.getRepository(LedgerEntryEntity).findBy({ organisationId: linCao.id, kind: 'project_update' });
    expect(credits.length).toBeGreaterThanOrEqual(1);

    const list = await t.request('GET', `/api/projects?communityId=${kangdu}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const street = await t.request('GET', `/api/projects?streetId=${posted.body.street.id}&status=verified`);
    expect(street.body.items.every((p: { status: string }) => p.status === 'verified')).toBe(true);
  });

  it('should keep ledger entries append-only: a correction is a new, negating entry', async () => {
    const repo = t.dataSource.getRepository(LedgerEntryEntity);
    const original = await repo.findOneByOrFail({ organisationId: linCao.id, kind: 'project_update' });
    // Corrections go through the route, by an authorised person (the unit's org admin for a unit's entry).
    const corrected = await t.request('POST', `/api/ledger/${original.id}/corrections`, { token: orgAdmin, body: { reason: '重复填报，冲正' } });
    expect(corrected.status).toBe(201);
    const correction = await repo.findOneByOrFail({ correctsEntryId: original.id });
    expect(correction).toMatchObject({ kind: 'correction', valueYuan: 0 - original.valueYuan, serviceMinutes: 0 - original.serviceMinutes });
    expect(await repo.findOneByOrFail({ id: original.id })).toEqual(original);
  });
});
