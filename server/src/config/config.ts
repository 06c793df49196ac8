import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const DEV_JWT_SECRET = 'nuancheng-dev-jwt-secret-change-me';
// A fixed key so a developer's SQLite file stays readable across restarts; `live` refuses it.
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');
// Signs activity check-in codes; a fixed key in dev so codes survive a restart; `live` refuses it.
const DEV_CHECKIN_KEY = Buffer.alloc(32, 9).toString('base64');

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
  JWT_TTL_S: z.coerce
    .number()
    .int()
    .min(60)
    .default(7 * 24 * 3600),
  WECHAT_MODE: z.enum(['dev', 'live']).optional(),
  WECHAT_APPID: z.string().optional(),
  WECHAT_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATA_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseKey(v) !== null, 'must be 32 bytes as 64 hex characters or base64'),
  /** HMAC key of the rotating activity check-in codes: 32 bytes as 64 hex characters or base64. */
  CHECKIN_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseKey(v) !== null, 'must be 32 bytes as 64 hex characters or base64'),
  UPLOAD_DIR: z.string().default('./data/uploads'),
  /** Where uploaded photos live: `local` (UPLOAD_DIR) or `s3` (any S3-compatible store, e.g. Tencent COS). */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** e.g. https://cos.ap-guangzhou.myqcloud.com; empty means AWS's own endpoint for S3_REGION. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('ap-guangzhou'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  /** Base of the URL printed in community QR codes (WeChat "扫普通链接二维码打开小程序"). */
  QR_BASE_URL: z.string().url().optional(),
  /** Directory of the built H5 app to serve at `/`; empty disables it. */
  H5_DIR: z.string().optional(),
  SEED_DEMO: z.enum(['auto', 'never', 'always']).default('never'),
  /** Run pending migrations at start-up; turn off when several instances start at once and migrate as a deploy step. */
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Micro-wish rules (件件有着落). */
  WISH_CLAIM_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  WISH_REMIND_DAYS_BEFORE: z.coerce.number().int().min(0).max(30).default(3),
  WISH_MAX_OPEN_CLAIMS: z.coerce.number().int().min(1).max(50).default(3),
  WISH_OVERDUE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  DISPATCH_ANSWER_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** How often scheduled jobs (reminders, releases, escalations, outbox) tick; 0 turns the timers off (tests drive them). */
  JOBS_INTERVAL_MS: z.coerce.number().int().min(0).default(30000),
  /** Subscribe-message template ids (WeChat console), by notification kind; a kind without one goes to the inbox only. */
  WECHAT_TEMPLATE_WISH_STATUS: z.string().optional(),
  WECHAT_TEMPLATE_CLAIM_DEADLINE: z.string().optional(),
  WECHAT_TEMPLATE_DISPATCH: z.string().optional(),
  WECHAT_TEMPLATE_ACTIVITY: z.string().optional(),
  /** The mini-program page a subscribe message opens; the message's link rides along as `?link=<kind>:<id>`. */
  WECHAT_MESSAGE_PAGE: z.string().trim().min(1).default('pages/index/index'),
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
  checkinKey: Buffer;
  uploadDir: string;
  storage: StorageConfig;
  qrBaseUrl: string;
  h5Dir: string | null;
  seedDemo: 'auto' | 'never' | 'always';
  migrateOnStart: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  wishes: { claimDays: number; remindDaysBefore: number; maxOpenClaims: number; overdueDays: number; dispatchAnswerDays: number };
  jobsIntervalMs: number;
  wechatTemplates: { wishStatus: string | null; claimDeadline: string | null; dispatch: string | null; activity: string | null };
  wechatMessagePage: string;
}

export type StorageConfig =
  | { driver: 'local'; dir: string }
  | {
      driver: 's3';
      endpoint: string | null;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

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
    if (!e.CHECKIN_KEY || e.CHECKIN_KEY === DEV_CHECKIN_KEY) problems.push('  CHECKIN_KEY: set your own 32-byte key when WECHAT_MODE=live');
  }
  if (e.STORAGE_DRIVER === 's3') {
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!e[name]) problems.push(`  ${name}: required when STORAGE_DRIVER=s3`);
    }
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
    checkinKey: parseKey(e.CHECKIN_KEY ?? DEV_CHECKIN_KEY)!,
    uploadDir: e.UPLOAD_DIR,
    storage:
      e.STORAGE_DRIVER === 's3'
        ? {
            driver: 's3',
            endpoint: e.S3_ENDPOINT ?? null,
            region: e.S3_REGION,
            bucket: e.S3_BUCKET!,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
          }
        : { driver: 'local', dir: e.UPLOAD_DIR },
    qrBaseUrl: (e.QR_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    h5Dir: e.H5_DIR || null,
    seedDemo: e.SEED_DEMO,
    migrateOnStart: e.MIGRATE_ON_START === 'true',
    logLevel: e.LOG_LEVEL,
    wishes: {
      claimDays: e.WISH_CLAIM_DAYS,
      remindDaysBefore: e.WISH_REMIND_DAYS_BEFORE,
      maxOpenClaims: e.WISH_MAX_OPEN_CLAIMS,
      overdueDays: e.WISH_OVERDUE_DAYS,
      dispatchAnswerDays: e.DISPATCH_ANSWER_DAYS,
    },
    jobsIntervalMs: e.JOBS_INTERVAL_MS,
    wechatTemplates: {
      wishStatus: e.WECHAT_TEMPLATE_WISH_STATUS ?? null,
      claimDeadline: e.WECHAT_TEMPLATE_CLAIM_DEADLINE ?? null,
      dispatch: e.WECHAT_TEMPLATE_DISPATCH ?? null,
      activity: e.WECHAT_TEMPLATE_ACTIVITY ?? null,
    },
    wechatMessagePage: e.WECHAT_MESSAGE_PAGE,
  };
}

/** A random key, for tests and for `npm start` to print as an example. */
export function generateDataKey(): string {
  return randomBytes(32).toString('base64');
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
