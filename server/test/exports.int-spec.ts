import { And, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { ActivityAttendanceEntity } from '../src/modules/activities/entities/activity-attendance.entity';
import { ActivityEntity } from '../src/modules/activities/entities/activity.entity';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { periodOf } from '../src/modules/ledger/ledger.service';
import { MemberEntity } from '../src/modules/members/member.entity';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { RegionEntity } from '../src/modules/regions/region.entity';
import { MemberReportEntity } from '../src/modules/reports/member-report.entity';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { LedgerFactory } from './medium/report-factories';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_DB } from './support/test-database';

const DAY = 86_400_000;
const cstDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const cstStart = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3600_000);

/**
 * 数据导出 over HTTP on the demo city: each of the four exports opened with exceljs (headers, row count equal to a
 * plain count over the tables, a known value), names masked for the territorial line and in full for the member's
 * own organisation, scopes refused outside the caller's area, bad periods refused in Chinese, and every export
 * audited with its scope, period and row count.
 */
describe(`exports (${TEST_DB})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = async (persona: string) => (tokens[persona] ??= await t.signIn(`dev:${persona}`));
  let huifeng: RegionEntity;
  let kangdu: RegionEntity;
  let branch: OrganisationEntity;
  let from: string;
  let to: string;
  let range: { from: Date; to: Date };
  let member: MemberEntity;

  async function download(persona: string, kind: string, params: Record<string, string> = {}) {
    const { default: Excel } = await import('exceljs');
    const query = new URLSearchParams({ from, to, ...params });
    const response = await fetch(`${t.baseUrl}/api/exports/${kind}.xlsx?${query}`, { headers: { authorization: `Bearer ${await as(persona)}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = (name: string) => {
      const rows: string[][] = [];
      workbook.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return { header: rows[0], rows: rows.slice(1) };
    };
    return { sheet, names: workbook.worksheets.map((w) => w.name) };
  }

  const lastAudit = async (action: string) => {
    const rows = await t.dataSource.getRepository(AuditLogEntity).find({ where: { action }, order: { createdAt: 'DESC' }, take: 1 });
    return rows[0] ? { ...rows[0], detail: JSON.parse(rows[0].detail!) } : null;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const regions = t.dataSource.getRepository(RegionEntity);
    huifeng = await regions.findOneByOrFail({ name: '汇丰街道' });
    kangdu = await regions.findOneByOrFail({ name: '康都社区' });
    branch = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市地震局机关党支部' });
    const now = t.clock.now();
    to = cstDay(now);
    from = cstDay(new Date(now.getTime() - 400 * DAY));
    range = { from: cstStart(from), to: new Date(cstStart(to).getTime() + DAY) };
    member = await t.dataSource
      .getRepository(MemberEntity)
      .findOneByOrFail({ branchId: branch.id, name: '王建国' })
      .catch(async () => t.dataSource.getRepository(MemberEntity).findOneByOrFail({ branchId: branch.id }));
    // A credit that every view of the ledger must show: served in 康都社区 (汇丰街道), for the secretary's branch.
    await new LedgerFactory(t).credit(member.id, { community: kangdu, minutes: 97, description: '导出核对：普法宣传', at: new Date(now.getTime() - DAY) });
  });
  afterAll(() => t?.close());

  it("should export the street's ledger with every entry, names masked, audited with scope, period and count", async () => {
    const occurredAt = And(MoreThanOrEqual(range.from), LessThan(range.to));
    const expected = await t.dataSource.getRepository(LedgerEntryEntity).count({ where: { streetId: huifeng.id, occurredAt } });
    const { sheet, names } = await download('official', 'ledger');
    expect(names).toEqual(['服务台账']);
    const { header, rows } = sheet('服务台账');
    expect(header).toEqual(['时间', '党员或单位', '类别', '内容', '服务时长（分钟）', '折合价值（元）', '社区', '街道', '党支部', '单位', '更正原因']);
    expect(rows.length).toBe(expected);
    expect(expected).toBeGreaterThan(0);
    const mine = rows.find((r) => r[3] === '导出核对：普法宣传')!;
    expect(mine).toBeDefined();
    expect(mine[1]).toBe(`${Array.from(member.name)[0]}${'*'.repeat(Array.from(member.name).length - 1)}`);
    expect([mine[4], mine[6], mine[7], mine[8]]).toEqual(['97', '康都社区', '汇丰街道', branch.name]);
    // No member's full name, and no phone, in the territorial line's file.
    const names_ = new Set((await t.dataSource.getRepository(MemberEntity).find()).map((m) => m.name));
    expect(rows.some((r) => names_.has(r[1]))).toBe(false);
    expect(rows.flat().some((v) => /1[3-9]\d{9}/.test(v))).toBe(false);
    const audit = await lastAudit('export.ledger');
    expect(audit).toMatchObject({
      subjectType: 'region',
      subjectId: huifeng.id,
      detail: { kind: 'ledger', scope: '汇丰街道', level: 'street', from, to, rows: expected, masked: true, complete: true },
    });
  });

  it("should give the branch secretary the branch's ledger with names in full", async () => {
    const occurredAt = And(MoreThanOrEqual(range.from), LessThan(range.to));
    const expected = await t.dataSource.getRepository(LedgerEntryEntity).count({
      where: [
        { branchId: branch.id, occurredAt },
        { unitId: branch.id, occurredAt },
        { organisationId: branch.id, occurredAt },
      ],
    });
    const { sheet } = await download('secretary', 'ledger');
    const { rows } = sheet('服务台账');
    expect(rows.length).toBe(expected);
    expect(rows.find((r) => r[3] === '导出核对：普法宣传')![1]).toBe(member.name);
    expect(rows.every((r) => r[8] === branch.name)).toBe(true);
    expect(await lastAudit('export.ledger')).toMatchObject({ subjectType: 'organisation', subjectId: branch.id, detail: { rows: expected, masked: false } });
  });

  it('should export the reports of the periods in range: the branch in full for its secretary, masked for the street', async () => {
    const periods = [...new Set([periodOf(undefined, range.from).key, periodOf(undefined, new Date(range.to.getTime() - 1)).key])];
    const all = await t.dataSource.getRepository(MemberReportEntity).find();
    const keys = new Set<string>();
    for (let d = range.from.getTime(); d < range.to.getTime(); d += 20 * DAY) keys.add(periodOf(undefined, new Date(d)).key);
    for (const p of periods) keys.add(p);
    const ofBranch = all.filter((r) => r.branchId === branch.id && keys.has(r.period));
    const { sheet } = await download('secretary', 'reports');
    const { header, rows } = sheet('党员半年报告');
    expect(header).toEqual(['时段', '党员', '党支部', '单位', '状态', '服务时长（分钟）', '参加活动', '完成心愿', '提交次数', '首次提交', '审核时间']);
    expect(rows.length).toBe(ofBranch.length);
    const members = new Map((await t.dataSource.getRepository(MemberEntity).findBy({ id: In(ofBranch.map((r) => r.memberId)) })).map((m) => [m.id, m.name]));
    expect(rows.map((r) => `${r[0]}:${r[1]}`).sort()).toEqual(ofBranch.map((r) => `${r.period}:${members.get(r.memberId)}`).sort());
    const sample = ofBranch[0];
    if (sample) expect(rows.find((r) => r[0] === sample.period && r[1] === members.get(sample.memberId))![5]).toBe(String(JSON.parse(sample.figures).totalMinutes));

    // The street sees the reports of members who served in its streets during each report's half year.
    let expected = 0;
    for (const r of all.filter((x) => keys.has(x.period))) {
      const p = periodOf(r.period, t.clock.now());
      const served = await t.dataSource.getRepository(LedgerEntryEntity).count({ where: { memberId: r.memberId, streetId: huifeng.id, occurredAt: And(MoreThanOrEqual(p.from), LessThan(p.to)) } });
      if (served) expected += 1;
    }
    const street = (await download('official', 'reports')).sheet('党员半年报告');
    expect(street.rows.length).toBe(expected);
    expect(street.rows.every((r) => r[1].includes('*'))).toBe(true);
    expect(await lastAudit('export.reports')).toMatchObject({ subjectType: 'region', detail: { rows: expected, masked: true } });
  });

  it("should export the street's wishes with the beneficiary masked and no contact", async () => {
    const wishes = await t.dataSource.getRepository(WishEntity).find({ where: { streetId: huifeng.id, createdAt: And(MoreThanOrEqual(range.from), LessThan(range.to)) } });
    const { sheet } = await download('official', 'wishes');
    const { header, rows } = sheet('微心愿');
    expect(header[0]).toBe('心愿');
    expect(header).toContain('受益人');
    expect(rows.length).toBe(wishes.length);
    expect(wishes.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[0]).sort()).toEqual(wishes.map((w) => w.title).sort());
    expect(rows.every((r) => r[5].includes('*'))).toBe(true);
    expect(rows.flat().some((v) => /1[3-9]\d{9}/.test(v))).toBe(false);
    expect(await lastAudit('export.wishes')).toMatchObject({ subjectId: huifeng.id, detail: { rows: wishes.length } });
  });

  it("should export the street's activities and their attendance on two sheets", async () => {
    const activities = await t.dataSource.getRepository(ActivityEntity).find({ where: { streetId: huifeng.id, startAt: And(MoreThanOrEqual(range.from), LessThan(range.to)) } });
    const attendance = activities.length ? await t.dataSource.getRepository(ActivityAttendanceEntity).countBy({ activityId: In(activities.map((a) => a.id)) }) : 0;
    const { sheet, names } = await download('official', 'activities');
    expect(names).toEqual(['活动', '报名签到']);
    expect(sheet('活动').rows.length).toBe(activities.length);
    expect(sheet('报名签到').rows.length).toBe(attendance);
    expect(sheet('报名签到').header).toEqual(['活动', '开始时间', '社区', '党员', '党支部', '状态', '现场报名', '报名时间', '签到时间', '签退时间', '补录原因']);
    expect(sheet('报名签到').rows.every((r) => r[3].includes('*'))).toBe(true);
    expect(await lastAudit('export.activities')).toMatchObject({ detail: { rows: activities.length + attendance, sheets: { 活动: activities.length, 报名签到: attendance } } });
  });

  it('should refuse scopes outside the caller’s area, kinds outside their line and bad periods (in Chinese), auditing none of them', async () => {
    const count = () => t.dataSource.getRepository(AuditLogEntity).count({ where: { action: In(['export.ledger', 'export.wishes', 'export.reports', 'export.activities']) } });
    const before = await count();
    const get = async (persona: string, kind: string, params: Record<string, string>) => t.request('GET', `/api/exports/${kind}.xlsx?${new URLSearchParams(params)}`, { token: await as(persona) });
    const chezhan = await t.dataSource.getRepository(RegionEntity).findOneByOrFail({ name: '车站街道' });
    const otherBranch = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局' });
    expect(await get('official', 'ledger', { from, to, regionId: chezhan.id })).toMatchObject({ status: 403, body: { message: '该地区不在您负责的范围内' } });
    expect((await get('official', 'ledger', { from, to, organisationId: branch.id })).status).toBe(403);
    expect(await get('secretary', 'ledger', { from, to, organisationId: otherBranch.id })).toMatchObject({ status: 403, body: { message: '该党组织不在您负责的范围内' } });
    expect((await get('secretary', 'wishes', { from, to })).status).toBe(403);
    expect((await get('member-01', 'ledger', { from, to })).status).toBe(403);
    expect(await get('official', 'ledger', { from: to, to: from })).toMatchObject({ status: 400, body: { message: '开始日期不能晚于结束日期' } });
    expect(await get('official', 'ledger', { from: '2024-01-01', to: '2026-12-31' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('一次最多导出') } });
    expect(await get('official', 'ledger', { from: '2026-02-30', to })).toMatchObject({ status: 400, body: { message: '日期不存在，请重新选择' } });
    const malformed = await get('official', 'ledger', { from: '20260101', to });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(malformed.body)).toContain('日期格式应为 2026-01-01');
    expect(await count()).toBe(before);
  });
});
