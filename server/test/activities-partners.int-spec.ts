import { ActivityEntity } from '../src/modules/activities/entities/activity.entity';
import { AgreementEntity } from '../src/modules/agreements/agreement.entity';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { MINUTE } from './support/activity-fixtures';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId } from './support/wish-fixtures';

/**
 * A partner unit organises activities (组织报到 → 服务): dev:org-admin (市林草局, in force with 车站街道) publishes in
 * 车站街道's communities, delivers one of its commitments, organises it like the community's staff, and the agreement
 * counts the activity against the commitment once it ends.
 */
describe(`activities organised by partner units (${TEST_DB})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = async (persona: string) => (tokens[persona] ??= await t.signIn(`dev:${persona}`));
  const body = async (code: string, extra: Record<string, unknown> = {}) => {
    const start = t.clock.now().getTime() + 10 * MINUTE;
    return {
      communityId: await communityId(t, code),
      title: '节日走访慰问困难家庭',
      type: '帮扶慰问',
      placeName: '西苑二区活动室',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 60 * MINUTE).toISOString(),
      capacity: 10,
      ...extra,
    };
  };
  const unitId = async (name: string) => (await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name })).id;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('should offer an org admin the communities their unit registered with, and staff their own communities', async () => {
    const mine = await t.request('GET', '/api/activities/places', { token: await as('org-admin') });
    expect(mine.status).toBe(200);
    const names = mine.body.items.map((p: { communityName: string }) => p.communityName).sort();
    expect(names).toEqual(['站前社区', '西苑二区社区', '铁南社区'].sort());
    for (const place of mine.body.items) {
      expect(place).toMatchObject({ streetName: '车站街道', organisationName: '市林草局', organisationId: await unitId('市林草局') });
      expect(place.commitments.map((c: { category: string }) => c.category).sort()).toEqual(['帮扶慰问', '绿化美化'].sort());
    }
    const staff = await t.request('GET', '/api/activities/places', { token: await as('staff') });
    expect(staff.body.items).toHaveLength(1);
    expect(staff.body.items[0]).toMatchObject({ communityName: '康都社区', streetName: '汇丰街道', organisationId: null });
    // 康都社区's staff may deliver any partner's commitment there: 市地震局's (汇丰街道) and 市民政局's (康都社区).
    const partners = new Set(staff.body.items[0].commitments.map((c: { unitName: string }) => c.unitName));
    expect(partners).toEqual(new Set(['市地震局', '市卫生健康委员会', '市民政局']));
    expect((await t.request('GET', '/api/activities/places', { token: await as('member-01') })).status).toBe(403);
  });

  it('should let the unit publish and organise there, and refuse where it has no agreement or another unit’s commitment', async () => {
    const admin = await as('org-admin');
    const forestry = await unitId('市林草局');
    const places = (await t.request('GET', '/api/activities/places', { token: admin })).body.items;
    const xiyuan = places.find((p: { communityName: string }) => p.communityName === '西苑二区社区');
    const visits = xiyuan.commitments.find((c: { category: string }) => c.category === '帮扶慰问');
    const count = async () => t.dataSource.getRepository(ActivityEntity).count();
    const before = await count();

    // No agreement with 汇丰街道 / 康都社区.
    const elsewhere = await t.request('POST', '/api/activities', { token: admin, body: await body('KDSQ01', { organisationId: forestry }) });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.message).toContain('还没有生效的共建协议');
    // Another unit's name, and an org admin who forgets to say for which unit.
    const other = await t.request('POST', '/api/activities', { token: admin, body: await body('XYEQ01', { organisationId: await unitId('市地震局') }) });
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('只能以您所在单位（或下属单位）的名义发布活动');
    const unnamed = await t.request('POST', '/api/activities', { token: admin, body: await body('XYEQ01') });
    expect(unnamed.status).toBe(403);
    expect(unnamed.body.message).toBe('请选择以哪个单位的名义发布活动');
    // A commitment of another unit's agreement.
    const foreign = (await t.dataSource.query(
      'SELECT `c`.`id` AS `id` FROM `agreement_commitments` `c` JOIN `agreements` `a` ON `a`.`id` = `c`.`agreementId` WHERE `a`.`unitId` = ? AND `a`.`status` = ?',
      [await unitId('市地震局'), 'in_force'],
    )) as Array<{ id: string }>;
    const wrong = await t.request('POST', '/api/activities', { token: admin, body: await body('XYEQ01', { organisationId: forestry, commitmentId: foreign[0].id }) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe('请选择市林草局在这里生效的共建协议中的一项承诺');
    expect(await count()).toBe(before);

    const published = await t.request('POST', '/api/activities', { token: admin, body: await body('XYEQ01', { organisationId: forestry, commitmentId: visits.id }) });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ organiserName: '市林草局', isOrganiser: true, commitment: { id: visits.id, category: '帮扶慰问', unitName: '市林草局' } });
    const id = published.body.id;
    expect(published.body.actions).toEqual(expect.arrayContaining(['show_code', 'record_attendance', 'cancel']));

    // The unit's admin organises it; another unit's admin and another community's staff do not.
    expect((await t.request('GET', `/api/activities/${id}/checkin-code`, { token: admin })).status).toBe(200);
    for (const persona of ['unit-admin-01', 'staff']) {
      const refused = await t.request('GET', `/api/activities/${id}/checkin-code`, { token: await as(persona) });
      expect({ persona, status: refused.status }).toEqual({ persona, status: 403 });
    }
    const listed = await t.request('GET', `/api/activities?organisationId=${forestry}`);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(id);
    expect(listed.body.items.every((a: { organiserName: string }) => a.organiserName === '市林草局')).toBe(true);
    const timeline = await t.request('GET', `/api/activities/${id}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({ action: 'publish' });

    // Ended, it counts once against 市林草局's 帮扶慰问 commitment with 车站街道.
    const agreement = await t.dataSource.getRepository(AgreementEntity).findOneByOrFail({ unitId: forestry, status: 'in_force' });
    const delivered = async () => {
      const detail = await t.request('GET', `/api/agreements/${agreement.id}`, { token: admin });
      return detail.body.commitments.find((c: { category: string }) => c.category === '帮扶慰问').delivered.services as number;
    };
    const servicesBefore = await delivered();
    t.clock.advance(75 * MINUTE);
    const ended = await t.request('POST', `/api/activities/${id}/end`, { token: admin, body: {} });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    const entries = await t.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceType: 'activity', sourceId: id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'activity_organised', memberId: null, unitId: forestry, category: '帮扶慰问', serviceMinutes: 0 });
    expect(await delivered()).toBe(servicesBefore + 1);
  });
});
