import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { RegionEntity } from '../src/modules/regions/region.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

describe(`region and organisation trees (${TEST_DB})`, () => {
  let t: TestApp;
  let committee: string;
  let streetId: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { QR_BASE_URL: 'https://nc.example.gov.cn' } });
    committee = await t.signIn('dev:committee');
    streetId = (await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ name: '金川街道' })).id;
  });
  afterAll(() => t?.close());

  it('should show a community publicly with its street and district', async () => {
    const response = await t.request('GET', '/api/communities/kdsq01');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: 'KDSQ01', name: '康都社区', street: { name: '汇丰街道' }, district: { name: '临河区' }, checkinRadiusM: 500 });
    const missing = await t.request('GET', '/api/communities/NOPE01');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('社区');
  });

  it('should show the community’s service phone publicly and let its staff keep it, refusing a number no one can dial', async () => {
    expect((await t.request('GET', '/api/communities/KDSQ01')).body.servicePhone).toBe('0478-8345601');
    const staff = await t.signIn('dev:staff');
    const bad = await t.request('PATCH', '/api/communities/KDSQ01', { token: staff, body: { servicePhone: '8345601' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('请填写带区号的固定电话');
    expect((await t.request('GET', '/api/communities/KDSQ01')).body.servicePhone).toBe('0478-8345601');
    const changed = await t.request('PATCH', '/api/communities/KDSQ01', { token: staff, body: { servicePhone: '0478-8345699' } });
    expect(changed.status).toBe(200);
    expect(changed.body.servicePhone).toBe('0478-8345699');
    expect((await t.request('PATCH', '/api/communities/JLSQ01', { token: staff, body: { servicePhone: '0478-8234599' } })).status).toBe(403);
    expect((await t.request('GET', '/api/communities/JLSQ01')).body.servicePhone).toBe('0478-8234501');
  });

  it('should print QR codes that carry the community URL', async () => {
    const png = await t.request('GET', '/api/communities/KDSQ01/qrcode.png');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString()).toBe('PNG');
    const svg = await t.request('GET', '/api/communities/KDSQ01/qrcode.svg');
    expect(svg.status).toBe(200);
    expect(svg.body).toContain('<svg');
    expect(svg.body).toContain('康都社区');
    expect((await t.request('GET', '/api/communities/NOPE01/qrcode.png')).status).toBe(404);
    const landing = await t.request('GET', '/qr/c/KDSQ01');
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('/#/pages/community/index?code=KDSQ01');
  });

  it('should walk the tree from the city down', async () => {
    const roots = await t.request('GET', '/api/regions');
    expect(roots.body.items.map((r: { name: string }) => r.name)).toEqual(['巴彦淖尔市']);
    const streets = await t.request('GET', '/api/regions?level=street');
    expect(streets.body.items).toHaveLength(3);
    const communities = await t.request('GET', `/api/regions?parentId=${streetId}`);
    expect(communities.body.items.map((r: { code: string }) => r.code).sort()).toEqual(['JCSQ01', 'JLSQ01', 'XHSQ01']);
  });

  it('should let the committee add, rename and delete a community, enforcing levels and unique codes', async () => {
    const created = await t.request('POST', '/api/regions', {
      token: committee,
      body: { parentId: streetId, level: 'community', name: '金川新村社区', code: 'jcxc01', lat: 40.74, lng: 107.43 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'JCXC01', checkinRadiusM: 500 });
    const row = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ id: created.body.id });
    const street = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ id: streetId });
    expect(row.path).toBe(`${street.path}${row.id}/`);

    const duplicate = await t.request('POST', '/api/regions', { token: committee, body: { parentId: streetId, level: 'community', name: '重复', code: 'JCXC01' } });
    expect(duplicate.status).toBe(409);
    const wrongLevel = await t.request('POST', '/api/regions', { token: committee, body: { parentId: streetId, level: 'street', name: '错层级' } });
    expect(wrongLevel.status).toBe(400);
    const noCode = await t.request('POST', '/api/regions', { token: committee, body: { parentId: streetId, level: 'community', name: '无编码社区' } });
    expect(noCode.status).toBe(400);

    const renamed = await t.request('PATCH', `/api/regions/${created.body.id}`, { token: committee, body: { name: '金川新村' } });
    expect(renamed.body.name).toBe('金川新村');
    expect((await t.request('DELETE', `/api/regions/${streetId}`, { token: committee })).status).toBe(409);
    expect((await t.request('DELETE', `/api/regions/${created.body.id}`, { token: committee })).status).toBe(204);
    expect((await t.request('GET', '/api/communities/JCXC01')).status).toBe(404);
  });

  it('should not let a community be deleted while people still live there', async () => {
    const kangdu = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ code: 'KDSQ01' });
    const response = await t.request('DELETE', `/api/regions/${kangdu.id}`, { token: committee });
    expect(response.status).toBe(409);
    expect(await t.dataSource.getRepository(RegionEntity).existsBy({ id: kangdu.id })).toBe(true);
  });

  it('should keep region management to the committee', async () => {
    const staff = await t.signIn('dev:staff');
    expect((await t.request('POST', '/api/regions', { token: staff, body: { parentId: streetId, level: 'community', name: '越权社区', code: 'YQSQ01' } })).status).toBe(403);
    // A root city needs a system admin.
    expect((await t.request('POST', '/api/regions', { token: committee, body: { parentId: null, level: 'city', name: '另一个市' } })).status).toBe(403);
  });

  it('should manage the organisation tree with level rules', async () => {
    const unit = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局' });
    const branch = await t.request('POST', '/api/organisations', { token: committee, body: { parentId: unit.id, level: 'branch', name: '市林草局第二党支部' } });
    expect(branch.status).toBe(201);
    const underBranch = await t.request('POST', '/api/organisations', { token: committee, body: { parentId: branch.body.id, level: 'branch', name: '支部下支部' } });
    expect(underBranch.status).toBe(400);
    const orgAdmin = await t.signIn('dev:org-admin');
    expect((await t.request('PATCH', `/api/organisations/${branch.body.id}`, { token: orgAdmin, body: { name: '市林草局机关第二党支部' } })).status).toBe(200);
    const other = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市地震局' });
    expect((await t.request('PATCH', `/api/organisations/${other.id}`, { token: orgAdmin, body: { name: '改名' } })).status).toBe(403);
    const children = await t.request('GET', `/api/organisations?parentId=${unit.id}`, { token: orgAdmin });
    expect(children.body.items.map((o: { name: string }) => o.name)).toContain('市林草局机关第二党支部');
    expect((await t.request('DELETE', `/api/organisations/${branch.body.id}`, { token: committee })).status).toBe(204);
  });

  it('should let the committee appoint community staff by phone, and that staff act at once', async () => {
    const newcomer = await t.signIn('dev:new-staff');
    await t.request('POST', '/api/me/phone', { token: newcomer, body: { code: 'dev-phone:13511112222' } });
    const jianglin = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ code: 'JLSQ01' });
    const grant = await t.request('POST', '/api/role-assignments', { token: committee, body: { phone: '13511112222', role: 'community_staff', regionId: jianglin.id } });
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({ role: 'community_staff', scopeName: '江林社区', phoneMasked: '135****2222' });
    expect((await t.request('PATCH', '/api/communities/JLSQ01', { token: newcomer, body: { address: '江林小区东门' } })).status).toBe(200);
    const again = await t.request('POST', '/api/role-assignments', { token: committee, body: { phone: '13511112222', role: 'community_staff', regionId: jianglin.id } });
    expect(again.status).toBe(409);
    const official = await t.signIn('dev:official');
    const outside = await t.request('POST', '/api/role-assignments', { token: official, body: { phone: '13511112222', role: 'community_staff', regionId: jianglin.id } });
    expect(outside.status).toBe(403);
    const holders = await t.request('GET', `/api/role-assignments?regionId=${jianglin.id}`, { token: committee });
    expect(holders.body.items.length).toBe(2);
    expect((await t.request('DELETE', `/api/role-assignments/${grant.body.id}`, { token: committee })).status).toBe(204);
    expect((await t.request('PATCH', '/api/communities/JLSQ01', { token: newcomer, body: { address: 'x' } })).status).toBe(403);
    const unknown = await t.request('POST', '/api/role-assignments', { token: committee, body: { phone: '13599999999', role: 'community_staff', regionId: jianglin.id } });
    expect(unknown.status).toBe(404);
  });
});
