import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { ActivityAttendanceEntity } from '../src/modules/activities/entities/activity-attendance.entity';
import { ActivityEntity } from '../src/modules/activities/entities/activity.entity';
import { ActivityJobsService } from '../src/modules/activities/activity-jobs.service';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { NotificationEntity } from '../src/modules/notifications/notification.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import { AT_KANGDU, checkinCode, MINUTE, publishActivity, signUp } from './support/activity-fixtures';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

/** 志愿服务活动 over HTTP on the demo city: publishing, every check-in refusal, races, hours and the ledger. */
describe(`volunteer activities (${TEST_DB})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = async (persona: string) => (tokens[persona] ??= await t.signIn(`dev:${persona}`));
  const checkin = async (persona: string, id: string, body: Record<string, unknown>, path = 'checkin') => t.request('POST', `/api/activities/${id}/${path}`, { token: await as(persona), body });
  const attendanceOf = async (id: string, persona: string) => {
    const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: `dev-${persona}` });
    const me = await t.request('GET', `/api/activities/${id}`, { token: await as(persona) });
    return { user, attendance: me.body.myAttendance };
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('should publish with the community’s point and radius, and refuse staff of another community', async () => {
    const id = await publishActivity(t, await as('staff'));
    const detail = await t.request('GET', `/api/activities/${id}`, { token: await as('staff') });
    expect(detail.body).toMatchObject({ status: 'published', lat: 40.7689, lng: 107.4123, radiusM: 500, isOrganiser: true, organiserName: '康都社区', taken: 0 });
    expect(detail.body.actions).toEqual(expect.arrayContaining(['show_code', 'record_attendance', 'cancel']));

    const other = await t.request('POST', '/api/activities', { token: await as('staff-jl'), body: { ...(await publishBody(id)) } });
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('只能在您负责的社区发布活动');
    for (const [method, path, body] of [
      ['GET', `/api/activities/${id}/checkin-code`, undefined],
      ['GET', `/api/activities/${id}/attendances`, undefined],
      ['POST', `/api/activities/${id}/cancel`, { reason: '天气原因' }],
      ['POST', `/api/activities/${id}/attendances/manual`, { phone: '13900000001', reason: '手机没电' }],
    ] as const) {
      const response = await t.request(method, path, { token: await as('staff-jl'), body });
      expect({ path, status: response.status, message: response.body.message }).toEqual({ path, status: 403, message: '该活动不在您负责的社区' });
    }
    // Members and residents are not organisers at all.
    expect((await t.request('GET', `/api/activities/${id}/checkin-code`, { token: await as('member-01') })).status).toBe(403);
    expect((await t.request('GET', `/api/activities/${id}`)).body.actions).toEqual([]);
    expect((await t.dataSource.getRepository(ActivityEntity).findOneByOrFail({ id })).status).toBe('published');
  });

  async function publishBody(id: string) {
    const a = await t.dataSource.getRepository(ActivityEntity).findOneByOrFail({ id });
    return { communityId: a.communityId, title: '别的社区发布', type: '其他', placeName: '某地', startAt: a.startAt.toISOString(), endAt: a.endAt.toISOString(), capacity: 5 };
  }

  it('should refuse every fraudulent or mistaken check-in with its own code, and record none', async () => {
    const staff = await as('staff');
    const id = await publishActivity(t, staff, { startIn: 10 });
    const other = await publishActivity(t, staff, { startIn: 10, title: '健康义诊' });
    await signUp(t, await as('member-02'), id);
    const token = await checkinCode(t, staff, id);
    const codeOf = async (p: string, body: Record<string, unknown>) => (await checkin(p, id, body)).body.code;

    // A forged signature, a made-up token, another activity's code.
    const forged = `${token.slice(0, -3)}${token.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect(await codeOf('member-02', { token: forged, ...AT_KANGDU })).toBe('CHECKIN_TOKEN_INVALID');
    expect(await codeOf('member-02', { token: 'not-a-token', ...AT_KANGDU })).toBe('CHECKIN_TOKEN_INVALID');
    expect(await codeOf('member-02', { token: await checkinCode(t, staff, other), ...AT_KANGDU })).toBe('CHECKIN_TOKEN_OTHER_ACTIVITY');
    // Far from the place (a fix from home, 3 km away), and a fix too vague to tell.
    expect(await codeOf('member-02', { token, lat: 40.7419, lng: 107.4123, accuracy: 20 })).toBe('CHECKIN_OUT_OF_RANGE');
    const vague = await checkin('member-02', id, { token, lat: 40.7689, lng: 107.4123, accuracy: 350 });
    expect(vague.body).toMatchObject({ code: 'CHECKIN_POOR_ACCURACY' });
    expect(vague.body.message).toContain('350 米');
    // Not signed up, and walk-ins are not allowed.
    const notSigned = await checkin('member-03', id, { token, ...AT_KANGDU });
    expect(notSigned.body).toMatchObject({ statusCode: 409, code: 'CHECKIN_NOT_SIGNED_UP', message: '您没有报名这个活动，本活动不接受现场报名' });
    // Check-out before checking in.
    expect((await checkin('member-02', id, { token, ...AT_KANGDU }, 'checkout')).body.code).toBe('CHECKOUT_TOO_EARLY');
    expect((await attendanceOf(id, 'member-02')).attendance.status).toBe('signed_up');

    // A fix whose accuracy circle reaches the radius is accepted; then a second check-in is refused.
    const ok = await checkin('member-02', id, { token, lat: 40.7689 + 0.0054, lng: 107.4123, accuracy: 150 });
    expect(ok.status).toBe(200);
    expect(ok.body.myAttendance.status).toBe('checked_in');
    expect(await codeOf('member-02', { token: await checkinCode(t, staff, id), ...AT_KANGDU })).toBe('ALREADY_CHECKED_IN');

    // A code from two windows ago has expired (a screenshot passed around).
    t.clock.advance(61_000);
    expect(await codeOf('member-02', { token, ...AT_KANGDU })).toBe('CHECKIN_TOKEN_EXPIRED');
    const rows = await t.dataSource.getRepository(ActivityAttendanceEntity).findBy({ activityId: id });
    expect(rows.map((r) => r.status)).toEqual(['checked_in']);
  });

  it('should refuse check-in outside its window: too early, and after the end', async () => {
    const staff = await as('staff');
    const early = await publishActivity(t, staff, { startIn: 45 });
    await signUp(t, await as('member-04'), early);
    const tooEarly = await checkin('member-04', early, { token: await checkinCode(t, staff, early), ...AT_KANGDU });
    expect(tooEarly.body.code).toBe('CHECKIN_TOO_EARLY');
    expect(tooEarly.body.message).toContain('活动开始前 30 分钟');

    const short = await publishActivity(t, staff, { startIn: 0, minutes: 5 });
    await signUp(t, await as('member-04'), short);
    t.clock.advance(6 * MINUTE);
    expect((await checkin('member-04', short, { token: await checkinCode(t, staff, short), ...AT_KANGDU })).body.code).toBe('CHECKIN_CLOSED');
  });

  it('should let one of two simultaneous check-ins of one member win (signed up, and walk-in)', async () => {
    const staff = await as('staff');
    const id = await publishActivity(t, staff, { startIn: 5, walkIns: true, capacity: 5 });
    await signUp(t, await as('member-05'), id);
    const token = await checkinCode(t, staff, id);
    for (const persona of ['member-05', 'member-06']) {
      const responses = await Promise.all([checkin(persona, id, { token, ...AT_KANGDU }), checkin(persona, id, { token, ...AT_KANGDU })]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(responses.find((r) => r.status === 409)!.body.code).toBe('ALREADY_CHECKED_IN');
    }
    const rows = await t.dataSource.getRepository(ActivityAttendanceEntity).findBy({ activityId: id });
    expect(rows.map((r) => [r.status, r.walkIn]).sort()).toEqual([
      ['checked_in', false],
      ['checked_in', true],
    ]);
    // The walk-in took exactly one place.
    expect((await t.dataSource.getRepository(ActivityEntity).findOneByOrFail({ id })).taken).toBe(2);
  });

  it('should check out, end, and credit approved minutes exactly once; 未签退 counts only when confirmed', async () => {
    const staff = await as('staff');
    const id = await publishActivity(t, staff, { startIn: 0, minutes: 60, walkIns: true });
    for (const p of ['member-07', 'member-08', 'member-09']) await signUp(t, await as(p), id);
    let token = await checkinCode(t, staff, id);
    for (const p of ['member-07', 'member-08', 'member-09']) expect((await checkin(p, id, { token, ...AT_KANGDU })).status).toBe(200);
    // Manual attendance for a member without a phone (by the roster phone), audited.
    const manual = await t.request('POST', `/api/activities/${id}/attendances/manual`, { token: staff, body: { phone: '13900000010', reason: '老党员没有带手机，现场登记' } });
    expect(manual.status).toBe(200);
    const recorded = manual.body.items.find((i: { manualReason: string | null }) => i.manualReason);
    expect(recorded).toMatchObject({ status: 'checked_in', walkIn: true });
    expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'activity.attendance.manual', subjectId: recorded.id })).toBe(1);

    // Before check-out opens (30 minutes before the end) the activity cannot be ended.
    expect((await t.request('POST', `/api/activities/${id}/end`, { token: staff, body: {} })).body.code).toBe('ACTIVITY_NOT_OVER');
    t.clock.advance(45 * MINUTE);
    token = await checkinCode(t, staff, id);
    expect((await checkin('member-07', id, { token, ...AT_KANGDU }, 'checkout')).body.myAttendance.status).toBe('checked_out');
    expect((await checkin('member-07', id, { token, ...AT_KANGDU }, 'checkout')).body.code).toBe('ALREADY_CHECKED_OUT');
    expect((await checkin('member-08', id, { token, ...AT_KANGDU }, 'checkout')).status).toBe(200);
    // member-09 never checks out (未签退); the hand-recorded one gets a check-out by hand.
    t.clock.advance(20 * MINUTE);
    const endAt = (await t.dataSource.getRepository(ActivityEntity).findOneByOrFail({ id })).endAt.toISOString();
    await t.request('POST', `/api/activities/${id}/attendances/manual`, { token: staff, body: { memberId: recorded.member.id, checkedOutAt: endAt, reason: '活动结束后补录签退' } });
    expect((await t.request('POST', `/api/activities/${id}/end`, { token: staff, body: {} })).body.status).toBe('ended');

    const all = await t.request('POST', `/api/activities/${id}/hours/approve-all`, { token: staff, body: {} });
    expect(all.body.approved).toBe(3);
    const missing = all.body.list.items.find((i: { hours: { missingCheckout: boolean } | null }) => i.hours?.missingCheckout);
    expect(missing.hours).toMatchObject({ status: 'pending' });
    // Approving it plainly is refused; confirming counts it to the end.
    expect((await t.request('POST', `/api/activities/${id}/hours/${missing.id}`, { token: staff, body: { decision: 'approve' } })).status).toBe(409);
    expect((await t.request('POST', `/api/activities/${id}/hours/${missing.id}`, { token: staff, body: { decision: 'confirm' } })).status).toBe(200);
    expect((await t.request('POST', `/api/activities/${id}/hours/approve-all`, { token: staff, body: {} })).body.approved).toBe(0);

    // Jobs later, twice: nothing more.
    t.clock.advance(4 * 24 * 60 * MINUTE);
    await t.app.get(ActivityJobsService).runOnce();
    await t.app.get(ActivityJobsService).runOnce();
    const entries = await t.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceType: 'activity_attendance', kind: 'activity_attendance' });
    const attendanceIds = (await t.dataSource.getRepository(ActivityAttendanceEntity).findBy({ activityId: id })).map((a) => a.id);
    const mine = entries.filter((e) => attendanceIds.includes(e.sourceId));
    expect(mine).toHaveLength(4);
    expect(new Set(mine.map((e) => e.sourceId)).size).toBe(4);
    expect(mine.every((e) => e.serviceMinutes > 0 && e.serviceMinutes <= 60 && e.category === '普法宣传')).toBe(true);
    // Checked in just after the start: counted to the end (59–60 minutes, whole minutes).
    expect(mine.find((e) => e.sourceId === missing.id)!.serviceMinutes).toBeGreaterThanOrEqual(59);

    // The member sees them in their ledger; the organiser may correct them, staff elsewhere may not.
    const ledger = await t.request('GET', '/api/me/ledger', { token: await as('member-07') });
    expect(ledger.body.items.some((e: { kind: string; description: string }) => e.kind === 'activity_attendance' && e.description === '志愿服务活动：普法宣传进社区')).toBe(true);
    const entry = mine.find((e) => e.sourceId !== missing.id)!;
    expect((await t.request('POST', `/api/ledger/${entry.id}/corrections`, { token: await as('staff-jl'), body: { reason: '时长有误需要更正' } })).status).toBe(403);
    expect((await t.request('POST', `/api/ledger/${entry.id}/corrections`, { token: staff, body: { reason: '签到时间有误，更正' } })).status).toBe(201);
  });

  it('should auto-approve unreviewed hours after 3 days, reject an unconfirmed 未签退, and credit once', async () => {
    const staff = await as('staff');
    const id = await publishActivity(t, staff, { startIn: 0, minutes: 40 });
    for (const p of ['member-11', 'member-12']) await signUp(t, await as(p), id);
    const token = await checkinCode(t, staff, id);
    for (const p of ['member-11', 'member-12']) await checkin(p, id, { token, ...AT_KANGDU });
    t.clock.advance(30 * MINUTE);
    await checkin('member-11', id, { token: await checkinCode(t, staff, id), ...AT_KANGDU }, 'checkout');
    t.clock.advance(3 * 60 * MINUTE);
    const jobs = t.app.get(ActivityJobsService);
    expect((await jobs.runOnce()).ended).toBeGreaterThanOrEqual(1);
    expect((await t.dataSource.getRepository(ActivityEntity).findOneByOrFail({ id })).status).toBe('ended');
    t.clock.advance(3 * 24 * 60 * MINUTE);
    await Promise.all([jobs.runOnce(), jobs.runOnce()]);
    const list = await t.request('GET', `/api/activities/${id}/attendances`, { token: staff });
    const statuses = list.body.items.map((i: { hours: { status: string; minutes: number } }) => [i.hours.status, i.hours.minutes > 0]);
    expect(statuses.sort()).toEqual([
      ['approved', true],
      ['rejected', false],
    ]);
    const ids = list.body.items.map((i: { id: string }) => i.id);
    const credited = (await t.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceType: 'activity_attendance' })).filter((e) => ids.includes(e.sourceId));
    expect(credited).toHaveLength(1);
    // The one not credited was told why.
    const user12 = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'dev-member-12' });
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: user12.id, kind: 'activity', title: '服务时长未通过' })).toBe(1);
  });

  it('should enforce sign-up rules and tell those signed up when an activity is cancelled', async () => {
    const staff = await as('staff');
    const id = await publishActivity(t, staff, { startIn: 120, capacity: 1, deadlineIn: 60 });
    await signUp(t, await as('member-13'), id);
    const again = await t.request('POST', `/api/activities/${id}/signup`, { token: await as('member-13'), body: {} });
    expect(again.body.code).toBe('ALREADY_SIGNED_UP');
    expect((await t.request('POST', `/api/activities/${id}/signup`, { token: await as('member-14'), body: {} })).body.code).toBe('ACTIVITY_FULL');
    expect((await t.request('POST', `/api/activities/${id}/signup`, { token: await as('resident'), body: {} })).status).toBe(403);
    // Cancel and sign up again, then the deadline passes.
    expect((await t.request('POST', `/api/activities/${id}/signup/cancel`, { token: await as('member-13'), body: {} })).body.taken).toBe(0);
    await signUp(t, await as('member-13'), id);
    t.clock.advance(61 * MINUTE);
    expect((await t.request('POST', `/api/activities/${id}/signup/cancel`, { token: await as('member-13'), body: {} })).body.code).toBe('SIGNUP_CLOSED');
    const cancelled = await t.request('POST', `/api/activities/${id}/cancel`, { token: staff, body: { reason: '遇大风天气，活动取消' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '遇大风天气，活动取消' });
    const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'dev-member-13' });
    const note = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: user.id, title: '活动已取消' });
    expect(note).toMatchObject({ linkKind: 'activity', linkId: id });
    expect((await checkin('member-13', id, { token: 'x', ...AT_KANGDU })).body.code).toBe('CHECKIN_TOKEN_INVALID');
    const timeline = await t.request('GET', `/api/activities/${id}/timeline`);
    expect(timeline.body.items.map((e: { actionLabel: string }) => e.actionLabel)).toEqual(['发布', '取消活动']);
  });

  it('should list activities near a point and by community, and the member’s own', async () => {
    const near = await t.request('GET', `/api/activities?lat=40.7689&lng=107.4123`);
    expect(near.status).toBe(200);
    const distances = near.body.items.map((a: { distanceM: number }) => a.distanceM);
    expect(distances).toEqual([...distances].sort((x, y) => x - y));
    const mine = await t.request('GET', '/api/me/activities', { token: await as('member-07') });
    expect(mine.body.items[0].attendance.status).toBe('checked_out');
    expect((await t.request('GET', '/api/me/activities', { token: await as('resident') })).status).toBe(403);
  });

  it('should document every activity route in the OpenAPI document', async () => {
    const { body: doc } = await t.request('GET', '/api/docs-json');
    const documented = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    for (const route of [
      'GET /api/activities',
      'POST /api/activities',
      'GET /api/activities/{id}',
      'GET /api/activities/{id}/timeline',
      'POST /api/activities/{id}/cancel',
      'POST /api/activities/{id}/end',
      'POST /api/activities/{id}/signup',
      'POST /api/activities/{id}/signup/cancel',
      'GET /api/activities/{id}/checkin-code',
      'POST /api/activities/{id}/checkin',
      'POST /api/activities/{id}/checkout',
      'GET /api/activities/{id}/attendances',
      'POST /api/activities/{id}/attendances/manual',
      'POST /api/activities/{id}/hours/approve-all',
      'POST /api/activities/{id}/hours/{attendanceId}',
      'GET /api/me/activities',
      'GET /qr/a/{token}',
    ]) {
      expect(documented).toContain(route);
    }
    // The landing sends browsers to the H5 check-in page with the code.
    const landing = await t.request('GET', '/qr/a/abc.1.sig');
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe('/#/packages/activities/pages/checkin/index?id=abc&t=abc.1.sig');
  });

  it('should let the organiser end early once check-out opens, counting hours to the actual end', async () => {
    const staff = await as('staff');
    const id = await publishActivity(t, staff, { startIn: 0, minutes: 60 });
    await signUp(t, await as('member-15'), id);
    await checkin('member-15', id, { token: await checkinCode(t, staff, id), ...AT_KANGDU });
    t.clock.advance(40 * MINUTE);
    const ended = await t.request('POST', `/api/activities/${id}/end`, { token: staff, body: {} });
    expect(ended.body.status).toBe('ended');
    const list = await t.request('GET', `/api/activities/${id}/attendances`, { token: staff });
    // Never checked out (未签退): counted to the actual end, 40 minutes in, once confirmed.
    expect(list.body.items[0].hours).toMatchObject({ status: 'pending', missingCheckout: true });
    expect(list.body.items[0].hours.minutes).toBeGreaterThanOrEqual(39);
    expect(list.body.items[0].hours.minutes).toBeLessThanOrEqual(40);
    expect((await checkin('member-15', id, { token: await checkinCode(t, staff, id).catch(() => 'x'), ...AT_KANGDU }, 'checkout')).status).not.toBe(200);
  });

  // Last: after every sign-up, cancellation, check-in, walk-in, recorded attendance and check-out above.
  it('should keep each activity’s attended equal to its attendances checked in or out', async () => {
    const rows: Array<{ id: string; attended: unknown; n: unknown }> = await t.dataSource.query(
      "SELECT `a`.`id` AS `id`, `a`.`attended` AS `attended`, (SELECT COUNT(*) FROM `activity_attendances` `t` WHERE `t`.`activityId` = `a`.`id` AND `t`.`status` IN ('checked_in', 'checked_out')) AS `n` FROM `activities` `a`",
    );
    expect(rows.map((r) => [r.id, Number(r.attended)])).toEqual(rows.map((r) => [r.id, Number(r.n)]));
    expect(rows.filter((r) => Number(r.n) > 0).length).toBeGreaterThan(2);
  });
});
