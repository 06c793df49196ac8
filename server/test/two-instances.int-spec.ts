import { WishClaimEntity } from '../src/modules/wishes/entities/wish-claim.entity';
import { TimelineEventEntity } from '../src/modules/workflow/timeline-event.entity';
import { WishJobsService } from '../src/modules/wishes/wish-jobs.service';
import { JobSchedulerService } from '../src/modules/jobs/job-scheduler.service';
import { TEST_DB } from './support/test-database';
import type { TestApp } from './support/test-app';
import { startTwoInstances } from './support/two-instances';
import { communityId, publishedWish } from './support/wish-fixtures';

const DAY = 24 * 3600 * 1000;

/** Two server instances on one database: claims race across them and scheduled work is done once. */
describe(`two instances on one database (${TEST_DB})`, () => {
  let a: TestApp;
  let b: TestApp;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ a, b, close } = await startTwoInstances('two'));
  });
  afterAll(() => close?.());

  it('should let one of many claims win when they arrive at both instances', async () => {
    const resident = await a.signIn('dev:resident');
    const staff = await a.signIn('dev:staff');
    const id = await publishedWish(a, resident, staff, await communityId(a, 'KDSQ01'));
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => a.signIn(`dev:member-${String(i + 21).padStart(2, '0')}`)));
    const responses = await Promise.all(tokens.flatMap((token) => [a, b].map((app) => app.request('POST', `/api/wishes/${id}/claim`, { token, body: {} }))));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(statuses.length - 1);
    expect(await a.dataSource.getRepository(WishClaimEntity).countBy({ liveWishId: id })).toBe(1);
  });

  it('should run each scheduled tick on one instance and release each expired claim once', async () => {
    const resident = await a.signIn('dev:resident');
    const staff = await a.signIn('dev:staff');
    const member = await b.signIn('dev:member-30');
    const id = await publishedWish(a, resident, staff, await communityId(a, 'KDSQ01'));
    expect((await b.request('POST', `/api/wishes/${id}/claim`, { token: member, body: {} })).status).toBe(200);
    for (const app of [a, b]) app.clock.advance(15 * DAY);

    // The schedulers as they tick in production: under a lease, at the same moment.
    await Promise.all([a.app.get(JobSchedulerService).tick(), b.app.get(JobSchedulerService).tick()]);
    // And the job itself run by both without the lease: the conditional updates still do it once.
    await Promise.all([a.app.get(WishJobsService).releaseExpired(), b.app.get(WishJobsService).releaseExpired()]);

    expect(await a.dataSource.getRepository(TimelineEventEntity).countBy({ subjectType: 'wish', subjectId: id, action: 'expire' })).toBe(1);
    expect((await a.request('GET', `/api/wishes/${id}`)).body.status).toBe('published');
  });
});
