import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

const CHINESE = /[\u4e00-\u9fff]/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await sleep(50);
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

/** Keeps the event loop busy in chunks of `chunkMs` for `totalMs`: a sustained overload, as a CPU-bound burst is. */
async function overload(totalMs: number, chunkMs: number): Promise<void> {
  const end = Date.now() + totalMs;
  while (Date.now() < end) {
    const chunkEnd = Date.now() + chunkMs;
    while (Date.now() < chunkEnd) {
      /* busy */
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Load shedding (@fastify/under-pressure) with limits set low enough to be crossed on purpose. */
describe(`load shedding (${TEST_DB})`, () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('should answer 503 with Retry-After and a Chinese message at once while the heap is above its limit', async () => {
    // 1 MB: always above it, from the first sample on.
    t = await startTestApp({ env: { LOAD_MAX_HEAP_USED_MB: '1', LOAD_SAMPLE_INTERVAL_MS: '50', LOAD_RETRY_AFTER_S: '7' } });
    await sleep(200);
    const timings: number[] = [];
    for (const path of ['/api/health', '/api/wishes', '/api/regions']) {
      const started = performance.now();
      const response = await t.request('GET', path);
      timings.push(performance.now() - started);
      expect({ path, status: response.status }).toEqual({ path, status: 503 });
      expect(response.body).toMatchObject({ statusCode: 503, code: 'OVERLOADED' });
      expect(response.body.message).toMatch(CHINESE);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    // Refused before any route work (no auth, no database): a few milliseconds, not a queue until a timeout.
    expect(Math.max(...timings)).toBeLessThan(500);
  });

  it('should shed requests while the event loop lags behind its limit and serve them again once it catches up', async () => {
    t = await startTestApp({ env: { LOAD_MAX_EVENT_LOOP_DELAY_MS: '40', LOAD_SAMPLE_INTERVAL_MS: '100' } });
    const app = t;
    // Start-up (migrations, demo data) itself holds the loop back: wait for the first calm samples.
    await waitFor(async () => (await app.request('GET', '/api/health')).status === 200, 10000);

    // Requests sent while the loop is held back in 120 ms chunks for two seconds.
    const statuses: number[] = [];
    const busy = overload(2000, 120);
    await sleep(400);
    const shed = await app.request('GET', '/api/health');
    statuses.push(shed.status);
    await busy;
    expect(statuses).toEqual([503]);
    expect(shed.body.code).toBe('OVERLOADED');
    expect(shed.headers.get('retry-after')).toBe('10');

    // A few quiet samples later the instance takes requests again, by itself.
    expect(await waitFor(async () => (await app.request('GET', '/api/health')).status === 200, 3000)).toBeLessThan(3000);
  });
});
