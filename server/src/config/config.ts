import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const DEV_JWT_SECRET = 'nuancheng-dev-jwt-secret-change-me';
// A fixed key so a developer's SQLite file stays readable across restarts; `live` refuses it.
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');

function parseKey(value: string): Buffer | null {
  const hex = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : null;
  if (hex) return hex;
  const b64 = Buffer.from(value, 'base64');
  return b64.length === 32 ? b64 : null;
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/nuancheng.sqlite')
    .refine((v) => /^(sqlite:|mysql:\/\/|mariadb:\/\/)/.test(v), 'must start with sqlite:, mysql:// or mariadb://'),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_TTL_S: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  WECHAT_MODE: z.enum(['dev', 'live']).optional(),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATA_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseKey(v) !== null, 'must be 32 bytes as 64 hex characters or base64'),
  UPLOAD_DIR: z.string().default('./data/uploads'),
  /** Base of the URL printed in community QR codes (WeChat "扫普通链接二维码打开小程序"). */
  QR_BASE_URL: z.string().url().optional(),
  /** Directory of the built H5 app to serve at `/`; empty disables it. */
  H5_DIR: z.string().optional(),
  SEED_DEMO: z.enum(['auto', 'never', 'always']).default('never'),
  /** Run pending migrations at start-up; turn off when several instances start at once and migrate as a deploy step. */
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  jwtSecret: string;
  jwtTtlS: number;
  wechat: {
    mode: 'dev' | 'live';
    appId: string | null;
    secret: string | null;
    apiBase: string;
    timeoutMs: number;
  };
  dataKey: Buffer;
  uploadDir: string;
  qrBaseUrl: string;
  h5Dir: string | null;
  seedDemo: 'auto' | 'never' | 'always';
  migrateOnStart: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

/** Reads and validates the environment once at start-up; every problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mode = e.WECHAT_MODE ?? (e.NODE_ENV === 'production' ? undefined : 'dev');
  if (!mode) throw new ConfigError('Invalid configuration:\n  WECHAT_MODE: must be set (dev or live) when NODE_ENV=production');
  const problems: string[] = [];
  if (mode === 'live') {
    if (!e.WECHAT_APPID) problems.push('  WECHAT_APPID: required when WECHAT_MODE=live');
    if (!e.WECHAT_SECRET) problems.push('  WECHAT_SECRET: required when WECHAT_MODE=live');
    if (!e.JWT_SECRET || e.JWT_SECRET === DEV_JWT_SECRET) problems.push('  JWT_SECRET: set your own secret when WECHAT_MODE=live');
    if (!e.DATA_KEY || e.DATA_KEY === DEV_DATA_KEY) problems.push('  DATA_KEY: set your own 32-byte key when WECHAT_MODE=live');
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtTtlS: e.JWT_TTL_S,
    wechat: {
      mode,
      appId: e.WECHAT_APPID ?? null,
      secret: e.WECHAT_SECRET ?? null,
      apiBase: e.WECHAT_API_BASE.replace(/\/$/, ''),
      timeoutMs: e.WECHAT_TIMEOUT_MS,
    },
    dataKey: parseKey(e.DATA_KEY ?? DEV_DATA_KEY)!,
    uploadDir: e.UPLOAD_DIR,
    qrBaseUrl: (e.QR_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    h5Dir: e.H5_DIR || null,
    seedDemo: e.SEED_DEMO,
    migrateOnStart: e.MIGRATE_ON_START === 'true',
    logLevel: e.LOG_LEVEL,
  };
}

/** A random key, for tests and for `npm start` to print as an example. */
export function generateDataKey(): string {
  return randomBytes(32).toString('base64');
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
