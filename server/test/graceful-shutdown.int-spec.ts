import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobRegistry } from '../src/modules/jobs/job-registry.service';
import { JobSchedulerService } from '../src/modules/jobs/job-scheduler.service';
import { freshDatabaseUrl, TEST_DB } from './support/test-database';
import { freePort, sleep, startBuiltServer } from './support/built-server';
import { startTestApp } from './support/test-app';

/** Resolves with the error code of a fresh TCP connection attempt, or 'connected'. */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** SIGTERM: requests in flight finish, new connections are refused, the job scheduler stops, the process exits 0. */
describe(`graceful shutdown (${TEST_DB})`, () => {
  let dir: string;
  let child: ChildProcess | null = null;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'nc-shutdown-'));
  });
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('should finish a request in flight, refuse new connections and exit 0 on SIGTERM (the built server, dist/main.js)', async () => {
    const port = await freePort();
    const databaseUrl = TEST_DB === 'sqlite' ? `sqlite:${join(dir, 'shutdown.sqlite')}` : await freshDatabaseUrl('shutdown');
    const server = await startBuiltServer(
      port,
      { DATABASE_URL: databaseUrl, UPLOAD_DIR: join(dir, 'uploads'), SEED_DEMO: 'never', LOG_LEVEL: 'info', NO_COLOR: '1', JOBS_INTERVAL_MS: '200' },
      { stdout: true },
    );
    child = server.child;
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child!.once('exit', (code, signal) => r({ code, signal })));

    // A sign-in whose body arrives in two halves, SIGTERM between them: the request is in flight at the signal.
    const body = JSON.stringify({ code: 'dev:inflight-resident' });
    const half = Math.floor(body.length / 2);
    const answer = new Promise<{ status: number; body: string }>((resolveAnswer, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/auth/wechat', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      setTimeout(() => {
        child!.kill('SIGTERM');
        // Past the signal: the listener is closed, so a new connection is refused …
        setTimeout(() => {
          void tryConnect(port).then((result) => {
            refused = result;
            // … while the request already in flight gets the rest of its body and its answer.
            req.end(body.slice(half));
          });
        }, 500);
      }, 300);
    });
    let refused = '';
    const response = await answer;
    const answeredAt = Date.now();
    expect(refused).toBe('ECONNREFUSED');
    expect({ status: response.status, body: response.status === 200 ? 'ok' : response.body }).toEqual({ status: 200, body: 'ok' });
    expect(JSON.parse(response.body).token).toEqual(expect.any(String));
    expect(await exited).toEqual({ code: 0, signal: null });
    // The answered connection does not hold the process open until its keep-alive runs out.
    expect(Date.now() - answeredAt).toBeLessThan(3000);
    expect(server.stdout()).toMatch(/SIGTERM: finishing requests in flight/);
    expect(server.stdout()).toMatch(/Shutdown\W+stopped/);
    // A whole server process starts here, beside the suite's other workers.
  }, 120000);

  it('should let the running job round finish and start no new one once shutdown has begun', async () => {
    const t = await startTestApp({ seed: false });
    const events: string[] = [];
    t.app.get(JobRegistry).register({
      name: 'test-slow',
      exclusive: false,
      run: async () => {
        events.push('job started');
        await sleep(600);
        events.push('job finished');
      },
    });
    const scheduler = t.app.get(JobSchedulerService);
    const round = scheduler.tick();
    while (!events.includes('job started')) await sleep(20);

    const closed = t.close().then(() => events.push('app closed'));
    await round;
    // Shutdown has begun: a tick now (a timer that fired late, say) runs nothing.
    await scheduler.tick();
    await closed;
    expect(events).toEqual(['job started', 'job finished', 'app closed']);
  });
});
