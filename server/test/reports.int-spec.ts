import { writeFileSync } from 'node:fs';
import { periodOf } from '../src/modules/ledger/ledger.service';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { CertificateEntity } from '../src/modules/certificates/certificate.entity';
import { readPdf } from './support/pdf-reader';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';

/**
 * The two review lines and the certificate over HTTP on the demo city: dev:member-01 (市地震局机关党支部, served in
 * 康都社区 of 汇丰街道 in the demo ledger), dev:secretary of that branch, dev:official of 汇丰街道.
 */
describe(`reports and certificates over HTTP (${TEST_DB})`, () => {
  let t: TestApp;
  let member: string;
  let secretary: string;
  let official: string;
  const current = periodOf(undefined, new Date()).key;

  beforeAll(async () => {
    t = await startTestApp();
    [member, secretary, official] = await Promise.all([t.signIn('dev:member-01'), t.signIn('dev:secretary'), t.signIn('dev:official')]);
  });
  afterAll(() => t?.close());

  it('should tell the member what is due, and walk draft → submit → return → resubmit → assess → approve', async () => {
    const due = await t.request('GET', '/api/me/reports/due', { token: member });
    expect(due.status).toBe(200);
    expect(due.body.member).toBe(true);
    expect(due.body.items.map((i: { period: { key: string } }) => i.period.key)).toContain(current);
    expect((await t.request('GET', '/api/me/reports/due', { token: official })).body).toEqual({ member: false, items: [] });

    const created = await t.request('POST', '/api/me/reports', { token: member, body: { period: current } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.figures.totalMinutes).toBeGreaterThan(0);
    expect((await t.request('POST', '/api/me/reports', { token: member, body: { period: '2099H1' } })).status).toBe(400);
    expect((await t.request('POST', '/api/me/reports', { token: member, body: { period: '2026Q3' } })).status).toBe(400);
    expect((await t.request('PATCH', `/api/reports/${id}`, { token: member, body: { summary: '长'.repeat(2001) } })).status).toBe(400);
    expect((await t.request('PATCH', `/api/reports/${id}`, { token: member, body: { summary: '本半年在康都社区参加普法宣传和政策宣讲，按时值守服务岗位。' } })).status).toBe(200);
    expect((await t.request('POST', `/api/reports/${id}/submit`, { token: member, body: {} })).body.status).toBe('submitted');

    const queue = await t.request('GET', '/api/reports?status=submitted', { token: secretary });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await t.request('GET', '/api/reports?status=submitted', { token: member })).status).toBe(403);
    expect((await t.request('POST', `/api/reports/${id}/approve`, { token: official, body: {} })).status).toBe(403);
    expect((await t.request('POST', `/api/reports/${id}/return`, { token: secretary, body: { comment: '' } })).status).toBe(400);
    const returned = await t.request('POST', `/api/reports/${id}/return`, { token: secretary, body: { comment: '请写明值守的岗位和次数' } });
    expect(returned.body).toMatchObject({ status: 'returned', versions: [{ version: 1, decision: 'returned', comment: '请写明值守的岗位和次数' }] });

    await t.request('PATCH', `/api/reports/${id}`, { token: member, body: { summary: '本半年在康都社区参加普法宣传和政策宣讲，在政策宣传岗值守 2 次。' } });
    expect((await t.request('POST', `/api/reports/${id}/submit`, { token: member, body: {} })).body).toMatchObject({ status: 'submitted', version: 2 });

    // By id, page by page: demo names repeat, and the demo city has many members serving in 汇丰街道.
    let row: { id: string } | undefined;
    for (let page = 1; !row && page <= 20; page++) {
      const served = await t.request('GET', `/api/reports/served?period=${current}&pageSize=50&page=${page}`, { token: official });
      expect(served.status).toBe(200);
      row = served.body.items.find((i: { member: { id: string } }) => i.member.id === created.body.member.id);
      if (!served.body.items.length) break;
    }
    expect(row).toMatchObject({ report: { id, status: 'submitted' }, assessableScopes: [{ name: '汇丰街道' }] });
    if (!row) throw new Error('the member is not listed among those who served in 汇丰街道');
    expect((await t.request('PUT', '/api/reports/assessments', { token: official, body: { memberId: row.id, period: current, grade: 'great' } })).status).toBe(400);
    const assessed = await t.request('PUT', '/api/reports/assessments', { token: official, body: { memberId: row.id, period: current, grade: 'excellent', comment: '服务群众热情' } });
    expect(assessed.status).toBe(200);
    expect((await t.request('PUT', '/api/reports/assessments', { token: secretary, body: { memberId: row.id, period: current, grade: 'good' } })).status).toBe(403);

    const beforeDecision = await t.request('GET', `/api/reports/${id}`, { token: secretary });
    expect(beforeDecision.body.assessments).toEqual([expect.objectContaining({ gradeLabel: '优秀', comment: '服务群众热情', scope: expect.objectContaining({ name: '汇丰街道' }) })]);
    expect(beforeDecision.body.actions).toEqual(['approve', 'return']);
    const approved = await t.request('POST', `/api/reports/${id}/approve`, { token: secretary, body: { comment: '同意' } });
    expect(approved.body).toMatchObject({ status: 'approved', version: 2 });
    const again = await t.request('POST', `/api/reports/${id}/submit`, { token: member, body: {} });
    expect(again).toMatchObject({ status: 409, body: { code: 'WRONG_STATE', message: '该报告已审核通过，不能再次提交' } });
    const mine = await t.request('GET', `/api/reports/${id}`, { token: member });
    expect(mine.body.versions.map((v: { decision: string }) => v.decision)).toEqual(['approved', 'returned']);
    expect(mine.body.assessments).toBeNull();
  });

  it('should show the secretary the branch’s late list', async () => {
    const late = await t.request('GET', '/api/reports/late', { token: secretary });
    expect(late.status).toBe(200);
    expect(late.body.branch.name).toBe('市地震局机关党支部');
    expect(late.body.members).toBeGreaterThanOrEqual(5);
    expect((await t.request('GET', '/api/reports/late', { token: member })).status).toBe(403);
  });

  it('should issue a certificate whose PDF reads back, whose QR code opens a page that says genuine, and refuse a changed number', async () => {
    const issued = await t.request('POST', '/api/me/certificates', { token: member, body: { period: current } });
    expect(issued.status).toBe(201);
    const { number, downloadUrl, totalHours, checkCode } = issued.body;
    expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'certificate.issue', subjectId: number })).toBe(1);

    const response = await fetch(t.baseUrl + downloadUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await response.arrayBuffer());
    if (process.env.CERT_PDF_OUT) writeFileSync(process.env.CERT_PDF_OUT, bytes); // to look at it
    const pdf = await readPdf(bytes);
    const text = pdf.text.replace(/\s+/g, '');
    for (const expected of ['志愿服务记录证明', number, '市地震局机关党支部', '市地震局', '康都社区', '累计服务时长', `${totalHours}小时`, '负责人', '苏建华', '联系方式', checkCode]) {
      expect(text).toContain(expected.replace(/\s+/g, ''));
    }
    expect(pdf.qr).toMatch(new RegExp(`/verify/${number}$`));

    // The QR code's URL, on this server: a redirect to the H5 page, which reads the public check.
    const landing = await t.request('GET', new URL(pdf.qr!).pathname);
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe(`/#/packages/reports/pages/verify/index?no=${number}`);
    const genuine = await t.request('GET', `/api/certificates/verify/${number}`);
    expect(genuine.body).toMatchObject({ genuine: true, message: '经核验，该证明真实有效', certificate: { totalHours, checkCode, issuer: '市地震局机关党支部' } });
    expect(genuine.body.certificate.nameMasked).toMatch(/^.\*+$/);

    const changed = number.slice(0, -1) + (number.endsWith('A') ? 'B' : 'A');
    expect((await t.request('GET', `/api/certificates/verify/${changed}`)).body).toMatchObject({ genuine: false, certificate: null });
    expect((await t.request('GET', '/api/certificates/verify/NC-22222222-2222')).body.genuine).toBe(false);

    // Content altered in the database no longer verifies, and its PDF is refused.
    const row = await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ number });
    await t.dataSource.getRepository(CertificateEntity).update({ id: row.id }, { content: row.content.replace(`"totalMinutes":${JSON.parse(row.content).totalMinutes}`, '"totalMinutes":99999') });
    expect((await t.request('GET', `/api/certificates/verify/${number}`)).body.genuine).toBe(false);
    expect((await fetch(t.baseUrl + downloadUrl)).status).toBe(409);
    await t.dataSource.getRepository(CertificateEntity).update({ id: row.id }, { content: row.content });

    // A forged or expired download link.
    expect((await fetch(t.baseUrl + downloadUrl.replace(/token=[0-9a-f]{32}/, `token=${'0'.repeat(32)}`))).status).toBe(403);
    const list = await t.request('GET', '/api/me/certificates', { token: member });
    expect(list.body.items.map((c: { number: string }) => c.number)).toContain(number);
  });
});
