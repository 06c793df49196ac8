import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { NotificationEntity } from '../src/modules/notifications/notification.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { TimelineEventEntity } from '../src/modules/workflow/timeline-event.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, publishedWish, uploadPhoto, wishInput } from './support/wish-fixtures';

describe(`residents' rights: download and deletion (${TEST_DB})`, () => {
  let t: TestApp;
  let staff: string;
  let member: string;
  let kangdu: string;

  beforeAll(async () => {
    t = await startTestApp();
    [staff, member] = await Promise.all(['dev:staff', 'dev:member-05'].map((c) => t.signIn(c)));
    kangdu = await communityId(t, 'KDSQ01');
  });
  afterAll(() => t?.close());
  const idOf = async (token: string): Promise<string> => (await t.request('GET', '/api/me', { token })).body.id;

  it("should hand a resident everything held about them and nothing of anyone else's, audited", async () => {
    const [alice, bob] = await Promise.all(['dev:pipl-alice', 'dev:pipl-bob'].map((c) => t.signIn(c)));
    const photo = await uploadPhoto(t, alice);
    const mine = await t.request('POST', '/api/wishes', { token: alice, body: wishInput(kangdu, { beneficiaryName: '赵淑芬', contactPhone: '13912340001', photoIds: [photo] }) });
    expect(mine.status).toBe(201);
    const theirs = await t.request('POST', '/api/wishes', { token: bob, body: wishInput(kangdu, { beneficiaryName: '钱国栋', contactPhone: '13912340002' }) });
    expect(theirs.status).toBe(201);

    const exported = await t.request('GET', '/api/me/data', { token: alice });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="my-data\.json"/);
    expect(exported.headers.get('cache-control')).toContain('no-store');
    const doc = exported.body;
    const aliceId = doc['账号 account'].id;
    expect(aliceId).toEqual(expect.any(String));
    expect(doc['我发布的心愿 wishes'].map((w: { id: string }) => w.id)).toEqual([mine.body.id]);
    expect(doc['我发布的心愿 wishes'][0].beneficiary).toMatchObject({ name: '赵淑芬', phone: '13912340001', hardship: '独居老人' });
    expect(doc['同意记录 consents']).toEqual([expect.objectContaining({ wishId: mine.body.id, version: '2026-11-v1' })]);
    expect(doc['上传的照片 uploads']).toEqual([photo]);
    expect(doc['身份 roles']).toEqual([]);
    const text = JSON.stringify(doc);
    expect(text).not.toContain('钱国栋');
    expect(text).not.toContain('13912340002');
    expect(text).not.toContain(theirs.body.id);

    const entry = await t.dataSource.getRepository(AuditLogEntity).findOneBy({ action: 'me.data.export', actorId: aliceId });
    expect(entry).toMatchObject({ subjectType: 'user', subjectId: aliceId, result: 'ok' });
    expect(entry!.fields).toContain('beneficiary.name');

    expect((await t.request('GET', '/api/me/data')).status).toBe(401);
  });

  it('should refuse a wrong confirmation word and change nothing', async () => {
    const carol = await t.signIn('dev:pipl-carol');
    const before = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: await idOf(carol) });
    for (const body of [{ confirm: '删除' }, {}, { confirm: 5 }]) {
      const refused = await t.request('POST', '/api/me/delete', { token: carol, body });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: before.id })).toEqual(before);
    expect((await t.request('GET', '/api/me', { token: carol })).status).toBe(200);
    // Each refused request is on the log as refused; no deletion ran.
    expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'me.delete', actorId: before.id, result: 'refused' })).toBe(3);
    expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'me.delete', actorId: before.id, result: 'ok' })).toBe(0);
  });

  it('should refuse staff and members (the committee manages their accounts) and a resident with a wish in progress', async () => {
    for (const token of [staff, member]) {
      const refused = await t.request('POST', '/api/me/delete', { token, body: { confirm: '注销' } });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('请联系居委会注销');
    }
    const dave = await t.signIn('dev:pipl-dave');
    const posted = await t.request('POST', '/api/wishes', { token: dave, body: wishInput(kangdu, { contactPhone: '13912340004' }) });
    const refused = await t.request('POST', '/api/me/delete', { token: dave, body: { confirm: '注销' } });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('请先撤回');
    expect((await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id: posted.body.id })).beneficiaryMasked).toBe('王**');
    // Withdrawn, the wish no longer holds anyone up.
    expect((await t.request('POST', `/api/wishes/${posted.body.id}/withdraw`, { token: dave, body: {} })).status).toBe(200);
    expect((await t.request('POST', '/api/me/delete', { token: dave, body: { confirm: '注销' } })).status).toBe(200);
  });

  it('should anonymise every personal column, keep the wishes and their timeline, end the sessions and let the same WeChat user start afresh', async () => {
    const erin = await t.signIn('dev:pipl-erin');
    const erinId = await idOf(erin);
    const erinOpenid = (await t.dataSource.getRepository(UserEntity).findOneByOrFail({ id: erinId })).openid;
    expect((await t.request('POST', '/api/me/phone', { token: erin, body: { code: 'dev-phone:13912340005' } })).status).toBe(200);
    const id = await publishedWish(t, erin, staff, kangdu, { beneficiaryName: '孙桂兰', contactPhone: '13912340006' });
    expect((await t.request('POST', `/api/wishes/${id}/claim`, { token: member, body: {} })).status).toBe(200);
    const photo = await uploadPhoto(t, member);
    expect((await t.request('POST', `/api/wishes/${id}/fulfil`, { token: member, body: { photoIds: [photo], note: '已送到' } })).status).toBe(200);
    expect((await t.request('POST', `/api/wishes/${id}/confirm`, { token: erin, body: { rating: 5, thanks: '谢谢！' } })).status).toBe(200);
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: erinId })).toBeGreaterThan(0);
    const timelineBefore = await t.dataSource.getRepository(TimelineEventEntity).find({ where: { subjectId: id }, order: { createdAt: 'ASC' } });
    const wishesBefore = await t.dataSource.getRepository(WishEntity).count();

    const deleted = await t.request('POST', '/api/me/delete', { token: erin, body: { confirm: '注销' } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ deleted: true, wishesAnonymised: 1, sessionsEnded: 1 });

    // In SQL: nothing in the user row or the wish names the person any more.
    const [user] = await t.dataSource.query('SELECT * FROM users WHERE id = ?', [erinId]);
    expect(user.nickname).toBe('已注销用户');
    expect(user.phoneCipher).toBeNull();
    expect(user.phoneHash).toBeNull();
    expect(user.phoneBoundAt).toBeNull();
    expect(user.unionid).toBeNull();
    expect(user.openid).toMatch(/^deleted:[0-9a-f]{32}$/);
    expect(user.disabledAt).not.toBeNull();
    const [wish] = await t.dataSource.query('SELECT * FROM wishes WHERE id = ?', [id]);
    expect(wish.beneficiaryMasked).toBe('某**');
    expect(wish.guardianNameCipher).toBeNull();
    for (const column of ['beneficiaryNameCipher', 'contactPhoneCipher', 'hardshipCipher']) expect(t.cipher.decrypt(wish[column])).toBe('已注销');
    const row = JSON.stringify({ user, wish });
    for (const personal of ['孙桂兰', '13912340005', '13912340006', '独居老人', erinOpenid]) expect(row).not.toContain(personal);
    expect(await t.dataSource.getRepository(NotificationEntity).countBy({ userId: erinId })).toBe(0);

    // The wish, its state, rating and every timeline entry stay; only who acted is gone.
    expect(await t.dataSource.getRepository(WishEntity).count()).toBe(wishesBefore);
    expect(wish.status).toBe('confirmed');
    expect(wish.rating).toBe(5);
    const timelineAfter = await t.dataSource.getRepository(TimelineEventEntity).find({ where: { subjectId: id }, order: { createdAt: 'ASC' } });
    expect(timelineAfter.map((e) => [e.id, e.fromStatus, e.toStatus])).toEqual(timelineBefore.map((e) => [e.id, e.fromStatus, e.toStatus]));
    for (const e of timelineAfter.filter((x) => x.actorUserId === erinId)) expect(e.actorName).toBe('已注销用户');
    expect(timelineAfter.some((e) => e.actorUserId === erinId)).toBe(true);

    // Audited with counts only.
    const entry = await t.dataSource.getRepository(AuditLogEntity).findOneByOrFail({ action: 'me.delete', actorId: erinId });
    expect(entry.result).toBe('ok');
    expect(JSON.parse(entry.detail!)).toMatchObject({ wishesAnonymised: 1, sessionsEnded: 1 });
    for (const personal of ['孙桂兰', '1391234000', erinOpenid]) expect(JSON.stringify(entry)).not.toContain(personal);

    // The old token is dead; the same WeChat user signing in again gets a new, empty account.
    expect((await t.request('GET', '/api/me', { token: erin })).status).toBe(401);
    const again = await t.signIn('dev:pipl-erin');
    const fresh = await t.request('GET', '/api/me/data', { token: again });
    expect(fresh.status).toBe(200);
    expect(fresh.body['账号 account'].id).not.toBe(erinId);
    expect(fresh.body['账号 account'].phone).toBeNull();
    expect(fresh.body['我发布的心愿 wishes']).toEqual([]);
  });
});
