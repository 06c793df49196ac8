import type { Board, SupervisionItemKind } from '@nuancheng/shared';
import { And, In, IsNull, LessThan, LessThanOrEqual, MoreThanOrEqual, Not } from 'typeorm';
import { ActivityHoursEntity } from '../src/modules/activities/entities/activity-hours.entity';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { AgreementEntity } from '../src/modules/agreements/agreement.entity';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { PostShiftEntity } from '../src/modules/posts/post-shift.entity';
import { LivelihoodProjectEntity } from '../src/modules/projects/livelihood-project.entity';
import { RegionEntity } from '../src/modules/regions/region.entity';
import { RegistrationEntity } from '../src/modules/registrations/registration.entity';
import { MemberReportEntity } from '../src/modules/reports/member-report.entity';
import { recentHalfYears } from '../src/modules/reports/reports.deadlines';
import { WishDispatchEntity } from '../src/modules/wishes/entities/wish-dispatch.entity';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, wishInput } from './support/wish-fixtures';

const DAY = 86_400_000;
const cstDate = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * 件件有着落 over HTTP on the demo city: every kind on the street board equals an independent count of the same
 * rows, a new wish appears with who should act and its link, an official of another street sees none of this
 * street's items and is refused its board, and the committee's city board holds the street's.
 */
describe(`supervision board (${TEST_DB})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = async (persona: string) => (tokens[persona] ??= await t.signIn(`dev:${persona}`));
  const board = async (persona: string, regionId?: string) => t.request('GET', `/api/supervision/board${regionId ? `?regionId=${regionId}` : ''}`, { token: await as(persona) });
  let huifeng: RegionEntity;
  let chezhan: RegionEntity;

  /** The same items counted with plain queries over the tables, not through the modules. */
  async function expected(streetIds: string[]): Promise<Record<SupervisionItemKind, number>> {
    const now = t.clock.now();
    const ds = t.dataSource;
    const streetId = In(streetIds);
    const reportReview = async () => {
      let n = 0;
      for (const period of recentHalfYears(now)) {
        const submitted = await ds.getRepository(MemberReportEntity).find({ where: { period: period.key, status: 'submitted' } });
        for (const r of submitted) {
          const served = await ds.getRepository(LedgerEntryEntity).count({
            where: { memberId: r.memberId, streetId, correctsEntryId: IsNull(), occurredAt: And(MoreThanOrEqual(period.from), LessThan(period.to)) },
          });
          if (served) n += 1;
        }
      }
      return n;
    };
    return {
      wish_review: await ds.getRepository(WishEntity).count({ where: { streetId, status: 'submitted' } }),
      wish_unclaimed: await ds.getRepository(WishEntity).count({ where: { streetId, status: 'published', publishedAt: LessThan(new Date(now.getTime() - 7 * DAY)) } }),
      wish_claim_overdue: await ds.getRepository(WishEntity).count({ where: { streetId, status: 'claimed', claimDeadline: LessThan(now) } }),
      dispatch_unanswered: await ds.getRepository(WishDispatchEntity).count({ where: { status: In(['pending', 'escalated']), wish: { streetId } } }),
      project_open: await ds.getRepository(LivelihoodProjectEntity).count({ where: { streetId, status: 'open' } }),
      registration_pending: await ds.getRepository(RegistrationEntity).count({ where: { streetId, status: 'pending' } }),
      shift_pending: await ds.getRepository(PostShiftEntity).count({ where: { streetId, status: 'pending' } }),
      hours_pending: await ds.getRepository(ActivityHoursEntity).count({ where: { status: 'pending', activity: { streetId } } }),
      report_review: await reportReview(),
      agreement_countersign: await ds.getRepository(AgreementEntity).count({ where: { streetId, status: 'proposed' } }),
      agreement_expiring: await ds.getRepository(AgreementEntity).count({ where: { streetId, status: 'in_force', endDate: LessThanOrEqual(cstDate(new Date(now.getTime() + 30 * DAY))) } }),
    };
  }
  const byKind = (b: Board) => Object.fromEntries(b.byKind.map((k) => [k.key, k.count]));

  beforeAll(async () => {
    t = await startTestApp();
    const regions = t.dataSource.getRepository(RegionEntity);
    huifeng = await regions.findOneByOrFail({ name: '汇丰街道' });
    chezhan = await regions.findOneByOrFail({ name: '车站街道' });
  });
  afterAll(() => t?.close());

  it("should show the official's own street with every kind equal to its count over the tables", async () => {
    const response = await board('official');
    expect(response.status).toBe(200);
    const b: Board = response.body;
    expect(b.region).toMatchObject({ id: huifeng.id, name: '汇丰街道', level: 'street' });
    expect(byKind(b)).toEqual(await expected([huifeng.id]));
    expect(b.total).toBe(b.items.length);
    expect(b.total).toBeGreaterThan(0);
    expect(b.byActor.reduce((n, a) => n + a.count, 0)).toBe(b.total);
    expect(b.overdue).toBe(b.items.filter((i) => i.overdue).length);
    // Overdue first, then the longest waiting.
    const firstOnTime = b.items.findIndex((i) => !i.overdue);
    if (firstOnTime >= 0) expect(b.items.slice(firstOnTime).every((i) => !i.overdue)).toBe(true);
    for (const item of b.items) {
      expect(item.street === null || item.street.id === huifeng.id).toBe(true);
      expect(item.link.kind).toBeTruthy();
      expect(item.actor.label).toBeTruthy();
    }
  });

  it('should put a newly posted wish on the board for the community staff to vet, and take it off once vetted', async () => {
    const kangdu = await communityId(t, 'KDSQ01');
    const before: Board = (await board('official')).body;
    const posted = await t.request('POST', '/api/wishes', { token: await as('resident'), body: wishInput(kangdu, { title: '督导看板测试心愿' }) });
    expect(posted.status).toBe(201);
    const after: Board = (await board('official')).body;
    expect(byKind(after).wish_review).toBe(byKind(before).wish_review + 1);
    const item = after.items.find((i) => i.subjectId === posted.body.id)!;
    expect(item).toMatchObject({
      kind: 'wish_review',
      label: '心愿待审核',
      title: '督导看板测试心愿',
      community: { id: kangdu, name: '康都社区' },
      street: { id: huifeng.id, name: '汇丰街道' },
      actor: { role: 'community_staff', label: '社区工作者', name: '康都社区' },
      link: { kind: 'review', id: null },
    });
    // No resident's name or phone travels on the board.
    expect(JSON.stringify(after)).not.toContain('王秀英');

    const reviewed = await t.request('POST', `/api/wishes/${posted.body.id}/review`, { token: await as('staff'), body: { decision: 'approve' } });
    expect(reviewed.status).toBe(200);
    const vetted: Board = (await board('official')).body;
    expect(vetted.items.some((i) => i.subjectId === posted.body.id)).toBe(false);
    expect(byKind(vetted)).toEqual(await expected([huifeng.id]));
  });

  it("should show an official of another street none of this street's items, and refuse them this street's board", async () => {
    const mine: Board = (await board('official')).body;
    const other = await board('official-cz');
    expect(other.status).toBe(200);
    expect(other.body.region.id).toBe(chezhan.id);
    const theirs = new Set((other.body as Board).items.map((i) => `${i.kind}:${i.subjectId}`));
    expect(mine.items.filter((i) => theirs.has(`${i.kind}:${i.subjectId}`))).toEqual([]);
    expect((other.body as Board).items.every((i) => i.street === null || i.street.id === chezhan.id)).toBe(true);
    expect(byKind(other.body)).toEqual(await expected([chezhan.id]));

    const refused = await board('official-cz', huifeng.id);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('该地区不在您负责的范围内');
    expect((await board('member-01')).status).toBe(403);
    expect((await board('staff')).status).toBe(403);
    const community = await board('official', await communityId(t, 'KDSQ01'));
    expect(community.status).toBe(400);
    expect(community.body.message).toMatch(/请选择街道或以上/);
    expect((await board('official', 'no-such-region')).status).toBe(404);
  });

  it("should give the committee the city's board, holding every street's items, and a street's on request", async () => {
    const city = await board('committee');
    expect(city.status).toBe(200);
    const cityBoard: Board = city.body;
    expect(cityBoard.region.level).toBe('city');
    const streets = await t.dataSource.getRepository(RegionEntity).find({ where: { level: 'street', path: Not(IsNull()) } });
    const inCity = streets.filter((s) => s.path.startsWith(`/${cityBoard.region.id}/`) || s.path.includes(`/${cityBoard.region.id}/`));
    expect(byKind(cityBoard)).toEqual(await expected(inCity.map((s) => s.id)));
    const street: Board = (await board('committee', huifeng.id)).body;
    expect(street.region.id).toBe(huifeng.id);
    const cityKeys = new Set(cityBoard.items.map((i) => `${i.kind}:${i.subjectId}`));
    expect(street.items.every((i) => cityKeys.has(`${i.kind}:${i.subjectId}`))).toBe(true);
  });

  it('should export the board as an .xlsx with every item, audited with its scope and row count, for the right people only', async () => {
    const { default: Excel } = await import('exceljs');
    const b: Board = (await board('official')).body;
    const auditsBefore = await t.dataSource.getRepository(AuditLogEntity).count({ where: { action: 'supervision.board_exported' } });
    const response = await fetch(`${t.baseUrl}/api/supervision/board.xlsx`, { headers: { authorization: `Bearer ${await as('official')}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('件件有着落')!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['事项', '内容', '街道', '社区', '等待自', '期限', '是否超期', '处理人']);
    expect(rows.length - 1).toBe(b.items.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(b.items.map((i) => i.label));
    expect(rows.slice(1).filter((r) => r[6] === '是').length).toBe(b.overdue);
    // Names are masked: a registration or report row names the member as 王** (never the roster's full name).
    for (const [i, item] of b.items.entries()) {
      if (item.kind === 'registration_pending' || item.kind === 'report_review') expect(rows[i + 1][1]).toMatch(/\*/);
    }
    const audits = await t.dataSource.getRepository(AuditLogEntity).find({ where: { action: 'supervision.board_exported' }, order: { createdAt: 'DESC' } });
    expect(audits.length).toBe(auditsBefore + 1);
    expect(JSON.parse(audits[0].detail!)).toMatchObject({ region: '汇丰街道', level: 'street', rows: b.items.length });
    expect(audits[0].subjectId).toBe(huifeng.id);

    const refused = await t.request('GET', `/api/supervision/board.xlsx?regionId=${huifeng.id}`, { token: await as('official-cz') });
    expect(refused.status).toBe(403);
    expect((await t.request('GET', '/api/supervision/board.xlsx', { token: await as('member-01') })).status).toBe(403);
    expect(await t.dataSource.getRepository(AuditLogEntity).count({ where: { action: 'supervision.board_exported' } })).toBe(auditsBefore + 1);
  });
});
