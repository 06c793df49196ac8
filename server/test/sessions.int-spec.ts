import { JwtService } from '@nestjs/jwt';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { RoleAssignmentEntity } from '../src/modules/users/role-assignment.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import type { TestApp } from './support/test-app';
import { startTwoInstances } from './support/two-instances';
import { TEST_DB } from './support/test-database';

/** Short access tokens, rotating refresh tokens, sign-out and revocation effective at once on every instance. */
describe(`sessions and tokens (${TEST_DB})`, () => {
  let a: TestApp;
  let b: TestApp;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ a, b, close } = await startTwoInstances('sessions'));
  });
  afterAll(() => close?.());

  const signIn = async (code: string) => (await a.request('POST', '/api/auth/wechat', { body: { code } })).body;
  const me = (app: TestApp, token: string) => app.request('GET', '/api/me', { token });

  it('should give a short access token and a refresh token, and check issuer and audience', async () => {
    const result = await signIn('dev:session-one');
    expect(result).toMatchObject({ expiresIn: 900 });
    expect(result.refreshToken.length).toBeGreaterThan(30);
    expect(result.refreshExpiresIn).toBeGreaterThan(6 * 86400);
    const payload = JSON.parse(Buffer.from(result.token.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ iss: 'nuancheng', aud: 'nuancheng-api' });
    expect(payload.exp - payload.iat).toBe(900);
    // The same key, but meant for another audience: refused.
    const jwt = a.app.get(JwtService);
    const foreign = await jwt.signAsync({ sub: payload.sub, sid: payload.sid }, { audience: 'another-system' });
    expect((await me(a, foreign)).status).toBe(401);
    const noSession = await jwt.signAsync({ sub: payload.sub });
    expect((await me(a, noSession)).status).toBe(401);
  });

  it('should answer TOKEN_EXPIRED for an expired access token, and renew it with the refresh token', async () => {
    const result = await signIn('dev:session-two');
    const payload = JSON.parse(Buffer.from(result.token.split('.')[1], 'base64url').toString());
    const expired = await a.app.get(JwtService).signAsync({ sub: payload.sub, sid: payload.sid }, { expiresIn: -10 });
    const refused = await me(a, expired);
    expect(refused).toMatchObject({ status: 401, body: { code: 'TOKEN_EXPIRED' } });
    const renewed = await b.request('POST', '/api/auth/refresh', { body: { refreshToken: result.refreshToken } });
    expect(renewed.status).toBe(200);
    expect(renewed.body.refreshToken).not.toBe(result.refreshToken);
    expect((await me(a, renewed.body.token)).status).toBe(200);
  });

  it('should end the session when a spent refresh token comes back (a stolen copy)', async () => {
    const result = await signIn('dev:session-three');
    const first = await a.request('POST', '/api/auth/refresh', { body: { refreshToken: result.refreshToken } });
    expect(first.status).toBe(200);
    const replay = await b.request('POST', '/api/auth/refresh', { body: { refreshToken: result.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/已在别处使用/);
    // Both the thief's and the owner's tokens are dead now.
    expect((await me(a, first.body.token)).status).toBe(401);
    expect((await a.request('POST', '/api/auth/refresh', { body: { refreshToken: first.body.refreshToken } })).status).toBe(401);
  });

  it('should sign out at once on every instance, and sign out everywhere', async () => {
    const phone = await signIn('dev:session-four');
    const laptop = await signIn('dev:session-four');
    expect((await me(b, phone.token)).status).toBe(200);
    expect((await a.request('POST', '/api/auth/sign-out', { token: phone.token, body: {} })).status).toBe(204);
    expect((await me(b, phone.token)).status).toBe(401);
    expect((await me(b, laptop.token)).status).toBe(200);
    expect((await b.request('POST', '/api/auth/sign-out-all', { token: laptop.token, body: {} })).status).toBe(204);
    expect((await me(a, laptop.token)).status).toBe(401);
    expect((await a.request('POST', '/api/auth/refresh', { body: { refreshToken: laptop.refreshToken } })).status).toBe(401);
  });

  it('should take a revoked role away on the next request, on every instance', async () => {
    const staff = await signIn('dev:staff');
    const patch = (app: TestApp) => app.request('PATCH', '/api/communities/KDSQ01', { token: staff.token, body: { checkinRadiusM: 650 } });
    expect((await patch(b)).status).toBe(200);
    await a.dataSource.getRepository(RoleAssignmentEntity).delete({ userId: staff.user.id, role: 'community_staff' });
    expect((await patch(b)).status).toBe(403);
  });

  it('should let a system admin disable a user: every session ends at once and sign-in is refused', async () => {
    const victim = await signIn('dev:session-five');
    const admin = await signIn('dev:session-admin');
    await a.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: crypto.randomUUID(), userId: admin.user.id, role: 'system_admin', regionId: null, organisationId: null, grantedBy: null, createdAt: new Date() });
    const refused = await a.request('POST', `/api/users/${victim.user.id}/disable`, { token: victim.token, body: { reason: '自己停用自己' } });
    expect(refused.status).toBe(403);
    const done = await a.request('POST', `/api/users/${victim.user.id}/disable`, { token: admin.token, body: { reason: '账号被他人冒用' } });
    expect(done.status).toBe(204);
    expect((await me(b, victim.token)).status).toBe(401);
    expect((await b.request('POST', '/api/auth/refresh', { body: { refreshToken: victim.refreshToken } })).status).toBe(401);
    expect((await a.request('POST', '/api/auth/wechat', { body: { code: 'dev:session-five' } })).status).toBe(403);
    expect(await a.dataSource.getRepository(UserEntity).findOneByOrFail({ id: victim.user.id })).toMatchObject({ disabledAt: expect.any(Date) });
    const audit = await a.dataSource.getRepository(AuditLogEntity).findOneByOrFail({ action: 'user.disable', subjectId: victim.user.id });
    expect(JSON.parse(audit.detail!)).toMatchObject({ reason: '账号被他人冒用', sessionsEnded: 1 });
  });
});
