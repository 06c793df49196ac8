import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { resolve } from 'node:path';
import { GENEROUS_RATE_LIMITS } from './test-app';

/** The built server (dist/main.js), as `npm start` runs it: for tests that signal or kill the process. */
export const MAIN = resolve(__dirname, '../../dist/main.js');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export interface BuiltServer {
  child: ChildProcess;
  /** What it wrote to stdout so far (with `stdout: true`; empty otherwise). */
  stdout(): string;
}

/**
 * Starts dist/main.js on this port (test mode, dev WeChat, generous rate limits, LOG_LEVEL warn; `env` on top) and
 * resolves once /api/health answers 200; kills it and throws with its stderr if it exits or is not up in time.
 */
export async function startBuiltServer(port: number, env: Record<string, string>, options: { stdout?: boolean; timeoutMs?: number } = {}): Promise<BuiltServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the server first (npx tsc -p server/tsconfig.build.json; npm test does)`);
  let stdout = '';
  let stderr = '';
  const child = spawn(process.execPath, ['--max-old-space-size=128', MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      WECHAT_MODE: 'dev',
      LOG_LEVEL: 'warn',
      RATE_LIMITS: GENEROUS_RATE_LIMITS,
      ...env,
    },
    stdio: ['ignore', options.stdout ? 'pipe' : 'ignore', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const started = Date.now();
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return { child, stdout: () => stdout };
    if (child.exitCode !== null || Date.now() - started > (options.timeoutMs ?? 60000)) {
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new Error(`server did not start: ${stderr.slice(-2000)}`);
    }
    await sleep(200);
  }
}
