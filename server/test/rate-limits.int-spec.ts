import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';
import { freshDatabaseUrl, TEST_DB } from './support/test-database';
import { communityId, wishInput } from './support/wish-fixtures';

const LIMITS = 'sign_in.ip=60/60,sign_in.account=3/60,wish_post.account=2/3600,wish_post.ip=1000/60';
const CHINESE = /[\u4e00-\u9fa5]/;

async function twoInstances(label: string, extra: Record<string, string> = {}) {
  const dir = TEST_DB === 'sqlite' ? mkdtempSync(join(tmpdir(), `nc-rl-${label}-`)) : null;
  const databaseUrl = dir ? `sqlite:${join(dir, 'shared.sqlite')}` : await freshDatabaseUrl(`rl_${label}`);
  const env = { JWT_SECRET: randomBytes(24).toString('hex'), DATA_KEY: randomBytes(32).toString('base64'), RATE_LIMITS: LIMITS, ...extra };
  const a = await startTestApp({ databaseUrl, env });
  const b = await startTestApp({ databaseUrl, env, seed: false });
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const signIn = (t: TestApp, code: string) => t.request('POST', '/api/auth/wechat', { body: { code } });

/** The same journey against either store: counters are shared by both instances. */
function limitsShared(store: string, extra: () => Record<string, string>) {
  describe(`rate limits in ${store}, shared by two instances (${TEST_DB})`, () => {
    let apps: Awaited<ReturnType<typeof twoInstances>>;
    beforeAll(async () => {
      apps = await twoInstances(store, extra());
    });
    afterAll(() => apps?.close());

    it('should hold one account to its limit, whichever instance it calls', async () => {
      const statuses = [];
      for (const app of [apps.a, apps.b, apps.a, apps.b]) statuses.push((await signIn(app, 'dev:same-person')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    });

    it('should cap posting wishes per account with 429, Retry-After and a Chinese message, storing nothing', async () => {
      const token = (await signIn(apps.a, 'dev:rate-limited-poster')).body.token;
      const kangdu = await communityId(apps.a, 'KDSQ01');
      const post = (app: TestApp) => app.request('POST', '/api/wishes', { token, body: wishInput(kangdu, { contactPhone: '13700001111' }) });
      expect((await post(apps.a)).status).toBe(201);
      expect((await post(apps.b)).status).toBe(201);
      const refused = await post(apps.a);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(refused.body.message).toMatch(CHINESE);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await apps.a.request('GET', '/api/me/wishes', { token })).body.total).toBe(2);
    });

    it('should let a whole unit sign in from one office address, then stop the address', async () => {
      // 40 different people behind one NAT address within a minute all pass …
      const first = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(i % 2 ? apps.a : apps.b, `dev:colleague-${i}`)));
      expect(first.map((r) => r.status).every((s) => s === 200)).toBe(true);
      // … and the address's limit (60 a minute here, both instances counted together) is still a limit.
      const more = [];
      for (let i = 0; i < 20; i++) more.push((await signIn(i % 2 ? apps.a : apps.b, `dev:visitor-${i}`)).status);
      expect(more.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect(more.indexOf(429)).toBeLessThanOrEqual(60 - 40 - 5);
    });
  });
}

limitsShared('the database', () => ({}));

const redisUp = () =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

describe('Redis for the counters (REDIS_URL)', () => {
  it('should be running for this suite (.ci/run starts it)', async () => {
    expect(await redisUp()).toBe(true);
  });
});
limitsShared('Redis', () => ({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: `nc-test-${randomBytes(6).toString('hex')}:` }));
