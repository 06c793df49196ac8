import { Logger } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { UserEntity } from '../src/modules/users/user.entity';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

describe(`sign-in and phone binding, dev mode (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('should sign in a new dev persona as a resident and return the same user next time', async () => {
    const first = await t.request('POST', '/api/auth/wechat', { body: { code: 'dev:newcomer' } });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ phoneMasked: null, roles: [], member: null });
    const second = await t.request('POST', '/api/auth/wechat', { body: { code: 'dev:newcomer' } });
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(await t.dataSource.getRepository(UserEntity).countBy({ openid: 'dev-newcomer' })).toBe(1);
  });

  it('should give a seeded persona its scoped roles', async () => {
    const token = await t.signIn('dev:staff');
    const me = await t.request('GET', '/api/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.roles).toEqual([expect.objectContaining({ role: 'community_staff', scopeKind: 'region', scopeName: '康都社区' })]);
    expect(me.body.phoneMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
  });

  it('should refuse malformed codes with a Chinese message and create nothing', async () => {
    const before = await t.dataSource.getRepository(UserEntity).count();
    for (const body of [{ code: 'wx-real-code' }, { code: '' }, {}, { code: 42 }]) {
      const response = await t.request('POST', '/api/auth/wechat', { body });
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await t.dataSource.getRepository(UserEntity).count()).toBe(before);
  });

  it('should answer malformed JSON with 400', async () => {
    const response = await t.request('POST', '/api/auth/wechat', { body: '{bad', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' });
  });

  it('should require a valid token for /api/me', async () => {
    expect((await t.request('GET', '/api/me')).status).toBe(401);
    const bad = await t.request('GET', '/api/me', { token: 'not-a-token' });
    expect(bad.status).toBe(401);
    expect(bad.body.message).toBe('登录已失效，请重新登录');
    // A well-formed token signed with another key, and one that claims no signature at all.
    const [header, payload] = (await t.signIn('dev:forger')).split('.');
    const forged = `${header}.${payload}.${createHmac('sha256', 'not-the-server-secret').update(`${header}.${payload}`).digest('base64url')}`;
    expect((await t.request('GET', '/api/me', { token: forged })).status).toBe(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await t.request('GET', '/api/me', { token: none })).status).toBe(401);
  });

  it('should sign and verify without a warning in the log (no deprecated JWT option on every request)', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      const token = await t.signIn('dev:quiet');
      expect((await t.request('GET', '/api/me', { token })).status).toBe(200);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('should store a bound phone encrypted with a keyed hash and return it only masked', async () => {
    const token = await t.signIn('dev:phone-owner');
    const response = await t.request('POST', '/api/me/phone', { token, body: { code: 'dev-phone:13912345678' } });
    expect(response.status).toBe(200);
    expect(response.body.phoneMasked).toBe('139****5678');
    expect(JSON.stringify(response.body)).not.toContain('13912345678');
    const row = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'dev-phone-owner' });
    expect(row.phoneCipher).not.toContain('13912345678');
    expect(t.cipher.decrypt(row.phoneCipher!)).toBe('13912345678');
    expect(row.phoneHash).toBe(t.cipher.hash('13912345678'));
    expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'user.phone.bind', subjectId: row.id })).toBe(1);
  });

  it('should refuse a phone already bound to another account, changing nothing', async () => {
    const token = await t.signIn('dev:phone-thief');
    const response = await t.request('POST', '/api/me/phone', { token, body: { code: 'dev-phone:13800001234' } });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('PHONE_ALREADY_BOUND');
    const row = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'dev-phone-thief' });
    expect(row.phoneHash).toBeNull();
  });

  it('should refuse a bad phone code', async () => {
    const token = await t.signIn('dev:phone-bad');
    for (const code of ['dev-phone:123', '13912345678', 'dev-phone:23912345678']) {
      expect((await t.request('POST', '/api/me/phone', { token, body: { code } })).status).toBe(400);
    }
  });
});

describe(`sign-in and phone binding, live mode through the WeChat stand-in (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ wechatMode: 'live' });
  });
  afterAll(() => t?.close());
  beforeEach(() => t.standIn!.reset());

  it('should exchange the code with jscode2session and never return the session_key', async () => {
    const response = await t.request('POST', '/api/auth/wechat', { body: { code: 'ok:alice' } });
    expect(response.status).toBe(200);
    const calls = t.standIn!.callsTo('/sns/jscode2session');
    expect(calls).toHaveLength(1);
    expect(calls[0].query).toMatchObject({ js_code: 'ok:alice', grant_type: 'authorization_code' });
    const sessionKey = (calls[0].response as { session_key: string }).session_key;
    expect(JSON.stringify(response.body)).not.toContain(sessionKey);
    expect(await t.dataSource.getRepository(UserEntity).countBy({ openid: 'wx-openid-alice' })).toBe(1);
  });

  it.each([
    ['bad-code', 400, 'WECHAT_CODE_INVALID'],
    ['rate-limited', 429, 'WECHAT_RATE_LIMITED'],
    ['risky-user', 403, 'WECHAT_RISKY_USER'],
    ['busy', 503, 'WECHAT_BUSY'],
    ['slow', 503, 'WECHAT_UNAVAILABLE'],
  ])('should map WeChat’s answer to %s to %i %s', async (code, status, errorCode) => {
    const before = await t.dataSource.getRepository(UserEntity).count();
    const response = await t.request('POST', '/api/auth/wechat', { body: { code } });
    expect(response.status).toBe(status);
    expect(response.body.code).toBe(errorCode);
    expect(response.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await t.dataSource.getRepository(UserEntity).count()).toBe(before);
  });

  it('should reject dev codes in live mode without calling WeChat', async () => {
    const response = await t.request('POST', '/api/auth/wechat', { body: { code: 'dev:resident' } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('DEV_CODE_REJECTED');
    expect(t.standIn!.calls).toHaveLength(0);
    expect((await t.request('GET', '/api/dev/personas')).status).toBe(404);
  });

  it('should bind a phone through getuserphonenumber with a central access token', async () => {
    const token = await t.signIn('ok:bob');
    const response = await t.request('POST', '/api/me/phone', { token, body: { code: 'phone:13711112222' } });
    expect(response.status).toBe(200);
    expect(response.body.phoneMasked).toBe('137****2222');
    expect(t.standIn!.callsTo('/cgi-bin/stable_token')).toHaveLength(1);
    const second = await t.request('POST', '/api/me/phone', { token: await t.signIn('ok:bob2'), body: { code: 'bad-phone-code' } });
    expect(second.status).toBe(400);
    expect(second.body.message).toContain('手机号');
    // The cached token served the second call too.
    expect(t.standIn!.callsTo('/cgi-bin/stable_token')).toHaveLength(1);
  });
});
