import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import { ActivityAttendanceEntity } from '../src/modules/activities/entities/activity-attendance.entity';
import { ActivityEntity } from '../src/modules/activities/entities/activity.entity';
import { ActivitiesService } from '../src/modules/activities/activities.service';
import { ActivityJobsService } from '../src/modules/activities/activity-jobs.service';
import { JobSchedulerService } from '../src/modules/jobs/job-scheduler.service';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { TimelineEventEntity } from '../src/modules/workflow/timeline-event.entity';
import { Factory } from './medium/factories';
import { AT_KANGDU, checkinCode, MINUTE, publishActivity, signUp } from './support/activity-fixtures';
import { TEST_DB } from './support/test-database';
import type { TestApp } from './support/test-app';
import { startTwoInstances } from './support/two-instances';

const DAY = 24 * 60 * MINUTE;

/** Activities under concurrency on two server instances sharing one database (and one CHECKIN_KEY). */
describe(`activities under concurrency, two instances (${TEST_DB})`, () => {
  let a: TestApp;
  let b: TestApp;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ a, b, close } = await startTwoInstances('actrace', { env: { CHECKIN_KEY: randomBytes(32).toString('base64') } }));
  });
  afterAll(() => close?.());

  it('should let exactly 20 of 50 simultaneous sign-ups take 20 places', async () => {
    const f = new Factory(a);
    const staff = await a.signIn('dev:staff');
    const id = await publishActivity(a, staff, { startIn: 60, capacity: 20 });
    const orgs = await f.organisations();
    const members = await Promise.all(Array.from({ length: 50 }, () => f.member(orgs.branch)));
    const principals = await Promise.all(members.map((m) => f.principal(m.user)));
    // One instance: its pool runs the transactions side by side on MariaDB (SQLite queues them in-process).
    const results = await Promise.allSettled(principals.map((p) => a.app.get(ActivitiesService).signup(p, id)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(20);
    expect(lost.map((r) => r.reason.code)).toEqual(Array(30).fill('ACTIVITY_FULL'));
    expect(await a.dataSource.getRepository(ActivityAttendanceEntity).countBy({ activityId: id, status: 'signed_up' })).toBe(20);
    expect((await a.dataSource.getRepository(ActivityEntity).findOneByOrFail({ id })).taken).toBe(20);
  });

  it('should count a member’s check-in once when it arrives at both instances at once', async () => {
    const staff = await a.signIn('dev:staff');
    const id = await publishActivity(a, staff, { startIn: 5 });
    const member = await a.signIn('dev:member-20');
    await signUp(a, member, id);
    const token = await checkinCode(b, staff, id);
    const responses = await Promise.all([a, b, a, b].map((app) => app.request('POST', `/api/activities/${id}/checkin`, { token: member, body: { token, ...AT_KANGDU } })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(3).fill('ALREADY_CHECKED_IN'));
    expect(await a.dataSource.getRepository(TimelineEventEntity).countBy({ subjectType: 'attendance', action: 'checkin' })).toBe(1);
  });

  it('should credit approved minutes exactly once when the approval job runs on both instances', async () => {
    const staff = await a.signIn('dev:staff');
    const id = await publishActivity(a, staff, { startIn: 0, minutes: 30 });
    const personas = Array.from({ length: 8 }, (_, i) => `dev:member-${String(i + 21).padStart(2, '0')}`);
    const tokens = await Promise.all(personas.map((p) => a.signIn(p)));
    for (const token of tokens) await signUp(a, token, id);
    let code = await checkinCode(a, staff, id);
    await Promise.all(tokens.map((token, i) => (i % 2 ? b : a).request('POST', `/api/activities/${id}/checkin`, { token, body: { token: code, ...AT_KANGDU } })));
    for (const app of [a, b]) app.clock.advance(25 * MINUTE);
    code = await checkinCode(a, staff, id);
    await Promise.all(tokens.map((token, i) => (i % 2 ? a : b).request('POST', `/api/activities/${id}/checkout`, { token, body: { token: code, ...AT_KANGDU } })));
    for (const app of [a, b]) app.clock.advance(4 * DAY);

    // The schedulers as they tick in production, at the same moment, and the jobs themselves without the lease.
    await Promise.all([a.app.get(JobSchedulerService).tick(), b.app.get(JobSchedulerService).tick()]);
    await Promise.all([a.app.get(ActivityJobsService).runOnce(), b.app.get(ActivityJobsService).runOnce()]);
    await Promise.all([a.app.get(ActivityJobsService).runOnce(), b.app.get(ActivityJobsService).runOnce()]);

    const attendances = await a.dataSource.getRepository(ActivityAttendanceEntity).findBy({ activityId: id });
    expect(attendances.map((x) => x.status)).toEqual(Array(8).fill('checked_out'));
    const entries = (await a.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceType: 'activity_attendance' })).filter((e) => attendances.some((x) => x.id === e.sourceId));
    expect(entries).toHaveLength(8);
    expect(entries.every((e) => e.serviceMinutes === 25)).toBe(true);
    expect(await a.dataSource.getRepository(TimelineEventEntity).countBy({ subjectType: 'activity', subjectId: id, action: 'end' })).toBe(1);
    expect(await a.dataSource.getRepository(TimelineEventEntity).countBy({ subjectType: 'activity_hours', action: 'auto_approve', subjectId: In(attendances.map((x) => x.id)) })).toBe(8);
  });
});
