import ExcelJS from 'exceljs';
import { ROSTER_MAX_ROWS } from '@nuancheng/shared';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { MemberEntity } from '../src/modules/members/member.entity';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { RoleAssignmentEntity } from '../src/modules/users/role-assignment.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

async function xlsx(rows: Array<Array<string | number>>): Promise<Blob> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('党员名单');
  rows.forEach((row) => sheet.addRow(row));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

function form(file: Blob, name = 'roster.xlsx'): FormData {
  const data = new FormData();
  data.append('file', file, name);
  return data;
}

describe(`member roster import (${TEST_DB})`, () => {
  let t: TestApp;
  let orgAdmin: string;
  let linCao: OrganisationEntity;
  let diZhen: OrganisationEntity;
  const branch = '市林草局机关党支部';
  const memberCount = () => t.dataSource.getRepository(MemberEntity).count();

  beforeAll(async () => {
    t = await startTestApp();
    orgAdmin = await t.signIn('dev:org-admin');
    const organisations = t.dataSource.getRepository(OrganisationEntity);
    linCao = await organisations.findOneByOrFail({ name: '市林草局' });
    diZhen = await organisations.findOneByOrFail({ name: '市地震局' });
  });
  afterAll(() => t?.close());

  it('should import valid JSON rows and list them with masked phones', async () => {
    const before = await memberCount();
    const response = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, {
      token: orgAdmin,
      body: {
        rows: [
          { name: '高林', phone: '13600000001', branch, communityCode: 'kdsq01' },
          { name: '马树青', phone: '13600000002', branch },
        ],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ imported: 2, updated: 0, linked: 0 });
    expect(await memberCount()).toBe(before + 2);
    const list = await t.request('GET', `/api/organisations/${linCao.id}/members`, { token: orgAdmin });
    expect(list.status).toBe(200);
    const gao = list.body.items.find((m: { name: string }) => m.name === '高林');
    expect(gao).toMatchObject({ phoneMasked: '136****0001', residenceCommunity: { name: '康都社区' }, signedUp: false });
    expect(JSON.stringify(list.body)).not.toContain('13600000001');
    expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'member.roster.import', subjectId: linCao.id })).toBe(1);
  });

  it('should report every invalid row and import nothing', async () => {
    const before = await memberCount();
    const response = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, {
      token: orgAdmin,
      body: {
        rows: [
          { name: '合格者', phone: '13600000011', branch },
          { name: '张', phone: '13600000012', branch },
          { name: '李四', phone: '12345', branch },
          { name: '王五', phone: '13600000014', branch: '市地震局机关党支部' },
          { name: '赵六', phone: '13600000011', branch },
          { name: '钱七', phone: '13600000016', branch, communityCode: 'NOPE99' },
          { name: '孙八', phone: '13900000001', branch },
        ],
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('ROSTER_INVALID');
    expect(response.body.message).toContain('未导入任何数据');
    const byRow = (row: number) => response.body.details.filter((d: { row: number }) => d.row === row).map((d: { field: string }) => d.field);
    expect(byRow(1)).toEqual([]);
    expect(byRow(2)).toEqual(['name']);
    expect(byRow(3)).toEqual(['phone']);
    expect(byRow(4)).toEqual(['branch']);
    expect(byRow(5)).toEqual(['phone']);
    expect(byRow(6)).toEqual(['communityCode']);
    // 13900000001 is dev:member-01, on 市地震局's roster.
    expect(byRow(7)).toEqual(['phone']);
    expect(await memberCount()).toBe(before);
  });

  it('should import an .xlsx file with Chinese headers, numeric phones and row numbers counting the header', async () => {
    const file = await xlsx([
      ['姓名', '手机号', '党支部', '居住社区编码'],
      ['乌兰', 13600000021, branch, 'JLSQ01'],
      ['巴特尔', '13600000022', branch, ''],
    ]);
    const response = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, { token: orgAdmin, body: form(file) });
    expect(response.status).toBe(200);
    expect(response.body.imported).toBe(2);

    const bad = await xlsx([
      ['姓名', '手机号', '党支部'],
      ['其木格', '136', branch],
    ]);
    const refused = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, { token: orgAdmin, body: form(bad) });
    expect(refused.status).toBe(422);
    expect(refused.body.details).toEqual([expect.objectContaining({ row: 2, field: 'phone' })]);
  });

  it('should refuse spreadsheets it cannot read', async () => {
    const noHeader = await xlsx([
      ['甲', '乙'],
      ['x', 'y'],
    ]);
    const response = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, { token: orgAdmin, body: form(noHeader) });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('表头缺少');
    const notExcel = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, {
      token: orgAdmin,
      body: form(new Blob(['name,phone'], { type: 'text/csv' }), 'roster.csv'),
    });
    expect(notExcel.status).toBe(400);
  });

  it('should refuse a spreadsheet over the row limit without importing any of it, and keep sheet row numbers across blank rows', async () => {
    const before = await memberCount();
    const header = ['姓名', '手机号', '党支部'];
    const many = Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => [`党员${i}`, `135${String(i).padStart(8, '0')}`, branch]);
    const tooMany = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, { token: orgAdmin, body: form(await xlsx([header, ...many])) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain(`超过 ${ROSTER_MAX_ROWS} 行`);
    expect(await memberCount()).toBe(before);

    const gappy = await xlsx([header, ['其木格', '13600000031', branch], [], ['娜仁', '136', branch]]);
    const refused = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, { token: orgAdmin, body: form(gappy) });
    expect(refused.status).toBe(422);
    expect(refused.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ row: 4, field: 'phone' })]));
    expect(await memberCount()).toBe(before);
  });

  it('should make a roster member of a user who binds the same phone afterwards', async () => {
    const token = await t.signIn('dev:gao-lin');
    const response = await t.request('POST', '/api/me/phone', { token, body: { code: 'dev-phone:13600000001' } });
    expect(response.status).toBe(200);
    expect(response.body.member).toMatchObject({ name: '高林', branch: { name: branch }, unit: { name: '市林草局' }, residenceCommunity: { name: '康都社区' } });
    expect(response.body.roles).toEqual([expect.objectContaining({ role: 'member', scopeName: branch })]);
  });

  it('should link at once when the user bound the phone before the import', async () => {
    const token = await t.signIn('dev:early-bird');
    await t.request('POST', '/api/me/phone', { token, body: { code: 'dev-phone:13600000031' } });
    const response = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, {
      token: orgAdmin,
      body: { rows: [{ name: '早到者', phone: '13600000031', branch }] },
    });
    expect(response.body).toEqual({ imported: 1, updated: 0, linked: 1 });
    const me = await t.request('GET', '/api/me', { token });
    expect(me.body.member.name).toBe('早到者');
  });

  it('should refuse an org admin acting on another unit, and a member importing at all', async () => {
    const foreign = await t.request('POST', `/api/organisations/${diZhen.id}/members/import`, {
      token: orgAdmin,
      body: { rows: [{ name: '外单位', phone: '13600000041', branch: '市地震局机关党支部' }] },
    });
    expect(foreign.status).toBe(403);
    expect((await t.request('GET', `/api/organisations/${diZhen.id}/members`, { token: orgAdmin })).status).toBe(403);
    const member = await t.signIn('dev:member-01');
    expect((await t.request('POST', `/api/organisations/${linCao.id}/members/import`, { token: member, body: { rows: [{}] } })).status).toBe(403);
    expect(await t.dataSource.getRepository(RoleAssignmentEntity).countBy({ role: 'member', organisationId: diZhen.id })).toBe(0);
  });

  it('should let the committee import anywhere in its tree and the branch secretary read their branch', async () => {
    const committee = await t.signIn('dev:committee');
    const response = await t.request('POST', `/api/organisations/${diZhen.id}/members/import`, {
      token: committee,
      body: { rows: [{ name: '新党员', phone: '13600000051', branch: '市地震局机关党支部' }] },
    });
    expect(response.status).toBe(200);
    const secretary = await t.signIn('dev:secretary');
    const branchNode = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市地震局机关党支部' });
    const list = await t.request('GET', `/api/organisations/${branchNode.id}/members`, { token: secretary });
    expect(list.status).toBe(200);
    expect(list.body.items.map((m: { name: string }) => m.name)).toContain('新党员');
    expect((await t.request('GET', `/api/organisations/${linCao.id}/members`, { token: secretary })).status).toBe(403);
  });
});
