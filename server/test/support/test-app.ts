import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { Clock } from '../../src/common/clock';
import { DataCipher } from '../../src/common/crypto/data-cipher';
import { loadConfig } from '../../src/config/config';
import { RATE_LIMITS } from '../../src/config/rate-limits';
import { prepareDatabase } from '../../src/database/prepare';
import { startWechatStandIn, WechatStandIn, wechatEnvFor } from '../wechat-stand-in';
import { freshDatabaseUrl } from './test-database';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Every named limit raised far above what a suite does (tests raise limits explicitly, as the bench does). */
export const GENEROUS_RATE_LIMITS = Object.keys(RATE_LIMITS)
  .flatMap((name) => [`${name}.account=100000/60`, `${name}.ip=100000/60`])
  .join(',');

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  dataSource: DataSource;
  cipher: DataCipher;
  clock: Clock;
  standIn: WechatStandIn | null;
  request<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  /** Signs in with a code (dev: `dev:<name>`, live: a stand-in code) and returns the bearer token. */
  signIn(code: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole server on a real port with a fresh migrated database (TEST_DB) holding the demo city, and in
 * `live` mode a loopback WeChat stand-in that it talks to over real HTTP.
 */
export async function startTestApp(
  options: { wechatMode?: 'dev' | 'live'; seed?: boolean; env?: Record<string, string>; /** Share a database with another instance. */ databaseUrl?: string } = {},
): Promise<TestApp> {
  const mode = options.wechatMode ?? 'dev';
  const standIn = mode === 'live' ? await startWechatStandIn() : null;
  // Photos go to a folder of this app's own, removed on close.
  const uploadDir = mkdtempSync(join(tmpdir(), 'nc-uploads-'));
  const config = loadConfig({
    UPLOAD_DIR: uploadDir,
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl ?? (await freshDatabaseUrl(mode)),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WECHAT_MODE: mode,
    JWT_SECRET: randomBytes(24).toString('hex'),
    DATA_KEY: randomBytes(32).toString('base64'),
    CERT_KEY: randomBytes(32).toString('hex'),
    CHECKIN_KEY: randomBytes(32).toString('base64'),
    SEED_DEMO: options.seed === false ? 'never' : 'always',
    JOBS_INTERVAL_MS: '0',
    // Suites sign in and post far faster than people do; the rate-limit suite sets its own limits.
    RATE_LIMITS: GENEROUS_RATE_LIMITS,
    WISH_MAX_DAILY_CLAIMS: '1000',
    // Jest workers share two cores and compile suites on the fly, so a test process's event loop lags in bursts that
    // a server's does not; load shedding has its own suite (load-shedding.int-spec.ts) with its own limits.
    LOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    // Suites move the clock by weeks (deadlines); sessions (checked against that clock) must outlive them.
    JWT_TTL_S: String(365 * 86400),
    ...(standIn ? { ...wechatEnvFor(standIn), WECHAT_TIMEOUT_MS: '1000' } : {}),
    ...options.env,
  });
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const dataSource = app.get(DataSource);
  const cipher = app.get(DataCipher);
  await prepareDatabase(dataSource, config, cipher);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const request: TestApp['request'] = async (method, path, { token, body, headers = {} } = {}) => {
    const isRaw = body instanceof FormData || typeof body === 'string';
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && !isRaw ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isRaw ? (body as BodyInit) : JSON.stringify(body),
      redirect: 'manual',
      // A route that never answers fails its test instead of hanging the suite.
      signal: AbortSignal.timeout(30_000),
    });
    const type = response.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await response.json() : type.startsWith('image/png') ? Buffer.from(await response.arrayBuffer()) : await response.text();
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return {
    app,
    baseUrl,
    dataSource,
    cipher,
    clock: app.get(Clock),
    standIn,
    request,
    async signIn(code) {
      const response = await request('POST', '/api/auth/wechat', { body: { code } });
      if (response.status !== 200) throw new Error(`sign-in ${code} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token;
    },
    async close() {
      await app.close();
      await standIn?.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
