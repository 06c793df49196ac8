import { JobRegistry } from '../../src/modules/jobs/job-registry.service';
import { JobSchedulerService } from '../../src/modules/jobs/job-scheduler.service';
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { OutboxEntity } from '../../src/modules/notifications/outbox.entity';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { DispatchesService } from '../../src/modules/wishes/dispatches.service';
import { WishesService } from '../../src/modules/wishes/wishes.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { Factory } from './factories';

describe(`notification kinds, typed links and registered jobs (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let tree: Awaited<ReturnType<Factory['city']>>;
  let orgs: Awaited<ReturnType<Factory['organisations']>>;

  beforeAll(async () => {
    t = await startTestApp({
      wechatMode: 'live',
      seed: false,
      env: { WECHAT_TEMPLATE_WISH_STATUS: 'tmpl-wish', WECHAT_TEMPLATE_CLAIM_DEADLINE: 'tmpl-deadline', WECHAT_TEMPLATE_DISPATCH: 'tmpl-dispatch' },
    });
    f = new Factory(t);
    tree = await f.city();
    orgs = await f.organisations();
  });
  afterAll(() => t?.close());

  it('should send each kind with its own template, and link to a typed object the app maps to a page', async () => {
    const admin = await f.holder('org_admin', orgs.unit);
    const official = await f.holder('street_official', tree.street);
    const wish = await f.wish({ community: tree.community });
    await t.app.get(DispatchesService).dispatch(await f.principal(official), wish.id, { organisationId: orgs.unit.id, deadline: new Date(Date.now() + 5 * 86400_000).toISOString() });

    const inbox = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: admin.id });
    expect(inbox).toMatchObject({ kind: 'dispatch', title: '收到督办派单', linkKind: 'dispatches', linkId: null });
    const outbox = await t.dataSource.getRepository(OutboxEntity).findOneByOrFail({ userId: admin.id });
    // Not the claim-deadline template, as every non-wish kind once was.
    expect(JSON.parse(outbox.payload)).toMatchObject({ templateId: 'tmpl-dispatch', page: 'pages/index/index?link=dispatches%3A' });

    const resident = await f.user();
    const { member, user } = await f.member(orgs.branch);
    const fulfilled = await f.wish({ community: tree.community, status: 'fulfilled', resident, claimant: { member, user } });
    await t.app.get(WishesService).confirm(await f.principal(resident), fulfilled.id, { thanks: '谢谢' });
    const claimantInbox = await t.dataSource.getRepository(NotificationEntity).findOneByOrFail({ userId: user.id });
    expect(claimantInbox).toMatchObject({ kind: 'wish_status', title: '心愿已确认', linkKind: 'wish', linkId: fulfilled.id });
    const sent = await t.dataSource.getRepository(OutboxEntity).findOneByOrFail({ userId: user.id });
    expect(JSON.parse(sent.payload)).toMatchObject({ templateId: 'tmpl-wish', page: `pages/index/index?link=${encodeURIComponent(`wish:${fulfilled.id}`)}` });
  });

  it('should return typed links from the inbox API', async () => {
    const official = await f.holder('street_official', tree.street);
    const admin = await f.holder('org_admin', orgs.otherUnit);
    const wish = await f.wish({ community: tree.community });
    await t.app.get(DispatchesService).dispatch(await f.principal(official), wish.id, { organisationId: orgs.otherUnit.id, deadline: new Date(Date.now() + 5 * 86400_000).toISOString() });
    const page = await t.app.get(NotificationsService).list(admin.id, 1, 20);
    expect(page.items[0].link).toEqual({ kind: 'dispatches', id: null });
  });

  it('should run the jobs the modules registered, knowing none by name', async () => {
    const names = t.app
      .get(JobRegistry)
      .list()
      .map((j) => j.name);
    expect(names).toEqual(expect.arrayContaining(['wishes', 'outbox']));
    const ran: string[] = [];
    t.app.get(JobRegistry).register({ name: 'medium-probe', run: async () => void ran.push('probe') });
    await t.app.get(JobSchedulerService).tick();
    expect(ran).toEqual(['probe']);
  });
});
