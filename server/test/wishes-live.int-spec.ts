import { OutboxEntity } from '../src/modules/notifications/outbox.entity';
import { OutboxWorker } from '../src/modules/notifications/outbox.worker';
import { RoleAssignmentEntity } from '../src/modules/users/role-assignment.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, wishInput } from './support/wish-fixtures';

/** Live mode against the WeChat stand-in: text moderation before vetting, subscribe messages through the outbox. */
describe(`micro-wishes with live WeChat (${TEST_DB})`, () => {
  let t: TestApp;
  let resident: string;
  let staff: string;
  let kangdu: string;

  beforeAll(async () => {
    t = await startTestApp({ wechatMode: 'live', env: { WECHAT_TEMPLATE_WISH_STATUS: 'tmpl-wish-status' } });
    resident = await t.signIn('ok:live-resident');
    staff = await t.signIn('ok:live-staff');
    kangdu = await communityId(t, 'KDSQ01');
    // Live users have no dev personas: appoint the staff member directly.
    const users = t.dataSource.getRepository(UserEntity);
    const staffUser = await users.findOneByOrFail({ openid: 'wx-openid-live-staff' });
    await t.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: crypto.randomUUID(), userId: staffUser.id, role: 'community_staff', regionId: kangdu, organisationId: null, grantedBy: null, createdAt: new Date() });
  });
  afterAll(() => t?.close());

  const post = (title: string, description = '想要一个电饭锅') => t.request('POST', '/api/wishes', { token: resident, body: wishInput(kangdu, { title, description, contactPhone: '13600001111' }) });

  it('should check the text with msg_sec_check and submit clean wishes for vetting', async () => {
    const before = t.standIn!.callsTo('/wxa/msg_sec_check').length;
    const clean = await post('一个电饭锅');
    expect(clean.status).toBe(201);
    expect(clean.body.status).toBe('submitted');
    const calls = t.standIn!.callsTo('/wxa/msg_sec_check');
    expect(calls.length).toBe(before + 1);
    expect(calls.at(-1)!.body).toMatchObject({ openid: 'wx-openid-live-resident', version: 2 });
  });

  it('should hold risky or doubtful text for a person, never publish it', async () => {
    for (const [title, description] of [
      ['赌博工具', '想要'],
      ['一个书包', '有些敏感内容'],
    ]) {
      const held = await post(title, description);
      expect(held.status).toBe(201);
      expect(held.body.status).toBe('held');
      const wall = await t.request('GET', `/api/wishes?communityId=${kangdu}`);
      expect(wall.body.items.map((w: { id: string }) => w.id)).not.toContain(held.body.id);
      const queue = await t.request('GET', '/api/wishes/review-queue', { token: staff });
      expect(queue.body.items.find((w: { id: string }) => w.id === held.body.id)).toMatchObject({ status: 'held' });
    }
  });

  it('should hold the wish when WeChat cannot answer', async () => {
    const busy = await post('一台收音机', 'busy');
    expect(busy.status).toBe(201);
    expect(busy.body.status).toBe('held');
  });

  it('should deliver subscribe messages from the outbox with the central access token, retrying failures', async () => {
    const posted = await post('一副老花镜');
    await t.request('POST', `/api/wishes/${posted.body.id}/review`, { token: staff, body: { decision: 'approve' } });
    const outbox = t.dataSource.getRepository(OutboxEntity);
    const pending = await outbox.findBy({ status: 'pending' });
    expect(pending.length).toBeGreaterThan(0);
    const sentBefore = t.standIn!.callsTo('/cgi-bin/message/subscribe/send').length;
    const result = await t.app.get(OutboxWorker).runOnce();
    expect(result.delivered).toBeGreaterThan(0);
    const sent = t.standIn!.callsTo('/cgi-bin/message/subscribe/send').slice(sentBefore);
    expect(sent.at(-1)!.body).toMatchObject({ touser: 'wx-openid-live-resident', template_id: 'tmpl-wish-status' });
    const fields = (sent.at(-1)!.body as { data: Record<string, { value: string }> }).data;
    for (const [key, { value }] of Object.entries(fields)) if (key.startsWith('thing')) expect(Array.from(value).length).toBeLessThanOrEqual(20);
    expect(await outbox.countBy({ status: 'delivered' })).toBeGreaterThan(0);

    // A refused recipient is retried later with back-off, not lost and not blocking.
    const refused = await outbox.findOneByOrFail({ status: 'delivered' });
    await outbox.insert({
      ...refused,
      id: crypto.randomUUID(),
      status: 'pending',
      attempts: 0,
      deliveredAt: null,
      nextAttemptAt: t.clock.now(),
      payload: JSON.stringify({ templateId: 'bad-template', title: 'x', body: 'y', page: null, at: new Date().toISOString() }),
    });
    const failed = await t.app.get(OutboxWorker).runOnce();
    expect(failed.failed).toBe(1);
    const retry = await outbox.findOneByOrFail({ attempts: 1, status: 'pending' });
    expect(retry.lastError).toBeTruthy();
    expect(retry.nextAttemptAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
  });
});
