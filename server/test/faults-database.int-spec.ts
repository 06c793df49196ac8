import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { freshDatabaseUrl, TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { communityId, wishInput } from './support/wish-fixtures';

const CHINESE = /[\u4e00-\u9fff]/;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

/**
 * The database goes away under a running server and comes back: a TCP proxy between the server and the shared
 * MariaDB is cut (every pooled connection dropped, new ones refused) and restored, the real server untouched.
 * SQLite is a file inside the process: it cannot become unreachable while the process runs, so this is MariaDB's.
 */
const describeOnMariadb = TEST_DB === 'mariadb' ? describe : describe.skip;
describeOnMariadb(`database outage and recovery (mariadb; skipped on sqlite: an in-process file cannot go away)`, () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let resident: string;
  let staff: string;
  let community: string;

  beforeAll(async () => {
    const url = await freshDatabaseUrl('faults_db');
    const { hostname, port } = new URL(url);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 3306) });
    t = await startTestApp({ databaseUrl: proxy.via(url) });
    resident = await t.signIn('dev:resident');
    staff = await t.signIn('dev:staff');
    community = await communityId(t, 'KDSQ01');
  });
  afterAll(async () => {
    await proxy?.restore();
    await t?.close();
    await proxy?.close();
  });

  it('should answer 503 with a Chinese message and Retry-After, quickly, while the database is down, and recover by itself', async () => {
    expect((await t.request('GET', '/api/wishes', { token: staff })).status).toBe(200);
    expect((await t.request('GET', '/api/health')).status).toBe(200);
    const before = await t.dataSource.getRepository(WishEntity).count();

    await proxy.cut();

    // Reads, writes, sign-in and the health check: each a 503 that says what to do, none a 500 or a hang.
    const calls: [string, string, { token?: string; body?: unknown }][] = [
      ['GET', '/api/wishes', { token: staff }],
      ['GET', '/api/me/wishes', { token: resident }],
      ['POST', '/api/wishes', { token: resident, body: wishInput(community, { title: '停电时提交的心愿' }) }],
      ['POST', '/api/auth/wechat', { body: { code: 'dev:member-05' } }],
    ];
    for (const [method, path, options] of calls) {
      const started = Date.now();
      const response = await t.request(method, path, options);
      const elapsed = Date.now() - started;
      expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 503, code: 'DATABASE_UNAVAILABLE' });
      expect(response.body.message).toMatch(CHINESE);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(elapsed).toBeLessThan(3000);
    }
    const health = await t.request('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { status: 'down', latencyMs: null } });

    await proxy.restore();

    // No restart: the pool opens new connections as soon as the database answers again.
    await waitFor(async () => (await t.request('GET', '/api/health')).status === 200, 15000);
    expect((await t.request('GET', '/api/health')).body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect((await t.request('GET', '/api/wishes', { token: staff })).status).toBe(200);
    // The write refused during the outage left nothing; the same write now goes through.
    expect(await t.dataSource.getRepository(WishEntity).count()).toBe(before);
    const posted = await t.request('POST', '/api/wishes', { token: resident, body: wishInput(community, { title: '恢复后提交的心愿' }) });
    expect(posted.status).toBe(201);
    expect(await t.dataSource.getRepository(WishEntity).count()).toBe(before + 1);
  });

  it('should survive an outage in the middle of a burst of requests: every answer a 2xx or a 503, never a 500', async () => {
    const statuses: number[] = [];
    const burst = async (n: number) => {
      for (let i = 0; i < n; i += 1) statuses.push((await t.request('GET', '/api/wishes', { token: staff })).status);
    };
    const load = Promise.all(Array.from({ length: 4 }, () => burst(40)));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 600));
    await proxy.restore();
    await load;
    expect(statuses).toHaveLength(160);
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    await waitFor(async () => (await t.request('GET', '/api/wishes', { token: staff })).status === 200, 15000);
  });
});
