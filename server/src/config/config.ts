import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { resolveLimits } from './rate-limits';

const DEV_JWT_SECRET = 'nuancheng-dev-jwt-secret-change-me';
// A fixed key so a developer's SQLite file stays readable across restarts; `live` refuses it.
const DEV_DATA_KEY = Buffer.alloc(32, 7).toString('base64');
// Signs service-record certificates (modules/certificates); `live` refuses it.
const DEV_CERT_KEY = 'nuancheng-dev-certificate-key-change-me';
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
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
  /** Loopback by default: the demo sign-in is then unreachable from other machines (see WECHAT_MODE). */
  HOST: z.string().default('127.0.0.1'),
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
  /** `dev` (persona sign-in codes) must be chosen explicitly, unless the server listens on loopback only. */
  WECHAT_MODE: z.enum(['dev', 'live']).optional(),
  /** Lifetime of an access token (seconds); the app renews it with its refresh token. */
  ACCESS_TOKEN_TTL_S: z.coerce.number().int().min(30).max(86400).default(900),
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
  /** Claims a member may make in 24 hours (bulk claiming is a sensitive business flow, OWASP API6). */
  WISH_MAX_DAILY_CLAIMS: z.coerce.number().int().min(1).max(1000).default(10),
  WISH_OVERDUE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Both sides of a co-building agreement are reminded this many days before its term ends. */
  AGREEMENT_REMIND_DAYS_BEFORE: z.coerce.number().int().min(1).max(180).default(30),
  /** Days after a wish closed (confirmed, fulfilled, withdrawn, rejected) before its beneficiary's details are anonymised. */
  BENEFICIARY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  /** Comma-separated read replicas (mysql:// or mariadb://): list and dashboard reads go there; ignored for SQLite. */
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .refine((v) => v.split(',').every((u) => !u.trim() || /^(mysql|mariadb):\/\//.test(u.trim())), 'comma-separated mysql:// or mariadb:// URLs'),
  /** The Cybersecurity Law asks six months of logs: a shorter retention is refused. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180, 'must be at least 180 (six months, the Cybersecurity Law)').max(36500).default(180),
  /** Half-year report deadlines as MM-DD: the first such day on or after the half year's last day (Beijing time). */
  REPORT_DEADLINE_H1: z.string().trim().regex(MONTH_DAY, 'must be MM-DD, e.g. 07-15').default('07-15'),
  REPORT_DEADLINE_H2: z.string().trim().regex(MONTH_DAY, 'must be MM-DD, e.g. 01-15').default('01-15'),
  /** Days before a report deadline when members who have not submitted are reminded, once each. */
  REPORT_REMIND_DAYS: z
    .string()
    .trim()
    .default('7,1')
    .refine((v) => v.split(',').every((d) => /^\d{1,2}$/.test(d.trim()) && Number(d) >= 1 && Number(d) <= 60), 'comma-separated days between 1 and 60, e.g. 7,1'),
  /** Key of the HMAC signature over each service-record certificate (at least 32 characters). */
  CERT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How often scheduled jobs (reminders, releases, escalations, outbox) tick; 0 turns the timers off (tests drive them). */
  JOBS_INTERVAL_MS: z.coerce.number().int().min(0).default(30000),
  /** Subscribe-message template ids (WeChat console), by notification kind; a kind without one goes to the inbox only. */
  WECHAT_TEMPLATE_WISH_STATUS: z.string().optional(),
  WECHAT_TEMPLATE_WISH_TODO: z.string().optional(),
  WECHAT_TEMPLATE_CLAIM_DEADLINE: z.string().optional(),
  WECHAT_TEMPLATE_DISPATCH: z.string().optional(),
  WECHAT_TEMPLATE_PLEDGE: z.string().optional(),
  WECHAT_TEMPLATE_AGREEMENT: z.string().optional(),
  WECHAT_TEMPLATE_REGISTRATION_REQUEST: z.string().optional(),
  WECHAT_TEMPLATE_REGISTRATION_STATUS: z.string().optional(),
  WECHAT_TEMPLATE_SERVICE_POST: z.string().optional(),
  WECHAT_TEMPLATE_REPORT_STATUS: z.string().optional(),
  WECHAT_TEMPLATE_REPORT_DEADLINE: z.string().optional(),
  WECHAT_TEMPLATE_ACTIVITY: z.string().optional(),
  /** The mini-program page a subscribe message opens; the message's link rides along as `?link=<kind>:<id>`. */
  WECHAT_MESSAGE_PAGE: z.string().trim().min(1).default('pages/index/index'),
  /**
   * Proxies whose X-Forwarded-For is believed (client IPs for audit and rate limits): comma-separated addresses or
   * CIDRs, or a hop count; empty (the default) trusts none.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d+$/.test(v) || v.split(',').every((p) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(p.trim())), 'a hop count, or comma-separated IP addresses/CIDRs'),
  /** Origins allowed to call the API from a browser (comma-separated); empty: same origin only (the H5 app is served by the API). */
  CORS_ORIGINS: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || v.split(',').every((o) => /^https?:\/\/[^/\s]+$/.test(o.trim())), 'comma-separated origins such as https://h5.example.gov.cn'),
  /** Overrides of the named rate limits (config/rate-limits.ts), e.g. `sign_in.ip=300/60,upload.account=100/3600`. */
  RATE_LIMITS: z
    .string()
    .default('')
    .superRefine((v, ctx) => {
      try {
        resolveLimits(v);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^RATE_LIMITS: /, '') });
      }
    }),
  /** Redis for counters every instance shares (rate limits); without it they live in the database. */
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://'),
  /** Prefix of this deployment's Redis keys (several deployments, or test runs, may share one Redis). */
  REDIS_PREFIX: z.string().trim().min(1).default('nuancheng:'),
  /**
   * Load shedding (@fastify/under-pressure): above any of these limits every request is answered 503 with
   * Retry-After at once instead of queueing until it times out. 0 turns a limit off.
   */
  LOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  LOAD_MAX_HEAP_USED_MB: z.coerce.number().int().min(0).default(0),
  LOAD_MAX_RSS_MB: z.coerce.number().int().min(0).default(0),
  /** How often the load is measured (the event-loop delay is the mean over one interval). */
  LOAD_SAMPLE_INTERVAL_MS: z.coerce.number().int().min(10).default(1000),
  LOAD_RETRY_AFTER_S: z.coerce.number().int().min(1).max(600).default(10),
  /** On SIGTERM, how long requests in flight and the running job round may take before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(25000),
  /** The OpenAPI UI and JSON at /api/docs: on outside production, off in production unless enabled. */
  OPENAPI_UI: z.enum(['true', 'false']).optional(),
});

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  /** Read replicas for list and dashboard reads (MySQL/MariaDB only). */
  databaseReplicaUrls: string[];
  beneficiaryRetentionDays: number;
  jwtSecret: string;
  /** Session lifetime: how long a refresh token stays valid. */
  jwtTtlS: number;
  accessTokenTtlS: number;
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
  wishes: { claimDays: number; remindDaysBefore: number; maxOpenClaims: number; maxDailyClaims: number; overdueDays: number };
  jobsIntervalMs: number;
  agreements: { remindDaysBefore: number };
  wechatTemplates: {
    wishStatus: string | null;
    wishTodo: string | null;
    claimDeadline: string | null;
    dispatch: string | null;
    registrationRequest: string | null;
    registrationStatus: string | null;
    servicePost: string | null;
    pledge: string | null;
    agreement: string | null;
    reportStatus: string | null;
    reportDeadline: string | null;
    activity: string | null;
  };
  reports: { deadlineH1: string; deadlineH2: string; remindDays: number[] };
  certKey: string;
  wechatMessagePage: string;
  /** Fastify's trustProxy: false, a hop count, or the proxies' addresses. */
  trustProxy: boolean | number | string[];
  corsOrigins: string[];
  openApiUi: boolean;
  rateLimits: ReturnType<typeof resolveLimits>;
  redisUrl: string | null;
  redisPrefix: string;
  /** Audit entries older than this many days are purged (behind a chain checkpoint). */
  auditRetentionDays: number;
  shutdownTimeoutMs: number;
  /** Load-shedding limits; 0 = that limit off. */
  load: { maxEventLoopDelayMs: number; maxHeapUsedBytes: number; maxRssBytes: number; sampleIntervalMs: number; retryAfterS: number };
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

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** Reads and validates the environment once at start-up; every problem names its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // A server that forgets NODE_ENV=production must not offer the public persona sign-in: dev mode only when chosen
  // explicitly, or when nobody else can reach it (loopback).
  const loopback = isLoopback(e.HOST);
  const mode = e.WECHAT_MODE ?? (loopback && e.NODE_ENV !== 'production' ? 'dev' : undefined);
  if (!mode) {
    throw new ConfigError(
      `Invalid configuration:\n  WECHAT_MODE: must be set (dev or live) when the server listens beyond this machine (HOST=${e.HOST})${e.NODE_ENV === 'production' ? ' or NODE_ENV=production' : ''}; dev mode lets anyone sign in as any demo persona`,
    );
  }
  if (mode === 'dev' && e.NODE_ENV === 'production') throw new ConfigError('Invalid configuration:\n  WECHAT_MODE: dev is not allowed when NODE_ENV=production');
  const problems: string[] = [];
  if (mode === 'live') {
    if (!e.WECHAT_APPID) problems.push('  WECHAT_APPID: required when WECHAT_MODE=live');
    if (!e.WECHAT_SECRET) problems.push('  WECHAT_SECRET: required when WECHAT_MODE=live');
    if (!e.JWT_SECRET || e.JWT_SECRET === DEV_JWT_SECRET) problems.push('  JWT_SECRET: set your own secret when WECHAT_MODE=live');
    if (!e.DATA_KEY || e.DATA_KEY === DEV_DATA_KEY) problems.push('  DATA_KEY: set your own 32-byte key when WECHAT_MODE=live');
    if (!e.CERT_KEY || e.CERT_KEY === DEV_CERT_KEY) problems.push('  CERT_KEY: set your own certificate signing key (32+ characters) when WECHAT_MODE=live');
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
    databaseReplicaUrls: e.DATABASE_REPLICA_URLS.split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    beneficiaryRetentionDays: e.BENEFICIARY_RETENTION_DAYS,
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    jwtTtlS: e.JWT_TTL_S,
    accessTokenTtlS: e.ACCESS_TOKEN_TTL_S,
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
      maxDailyClaims: e.WISH_MAX_DAILY_CLAIMS,
      overdueDays: e.WISH_OVERDUE_DAYS,
    },
    agreements: { remindDaysBefore: e.AGREEMENT_REMIND_DAYS_BEFORE },
    jobsIntervalMs: e.JOBS_INTERVAL_MS,
    reports: {
      deadlineH1: e.REPORT_DEADLINE_H1,
      deadlineH2: e.REPORT_DEADLINE_H2,
      remindDays: [...new Set(e.REPORT_REMIND_DAYS.split(',').map((d) => Number(d.trim())))].sort((a, b) => b - a),
    },
    certKey: e.CERT_KEY ?? DEV_CERT_KEY,
    wechatTemplates: {
      wishStatus: e.WECHAT_TEMPLATE_WISH_STATUS ?? null,
      wishTodo: e.WECHAT_TEMPLATE_WISH_TODO ?? null,
      claimDeadline: e.WECHAT_TEMPLATE_CLAIM_DEADLINE ?? null,
      dispatch: e.WECHAT_TEMPLATE_DISPATCH ?? null,
      pledge: e.WECHAT_TEMPLATE_PLEDGE ?? null,
      agreement: e.WECHAT_TEMPLATE_AGREEMENT ?? null,
      registrationRequest: e.WECHAT_TEMPLATE_REGISTRATION_REQUEST ?? null,
      registrationStatus: e.WECHAT_TEMPLATE_REGISTRATION_STATUS ?? null,
      servicePost: e.WECHAT_TEMPLATE_SERVICE_POST ?? null,
      reportStatus: e.WECHAT_TEMPLATE_REPORT_STATUS ?? null,
      reportDeadline: e.WECHAT_TEMPLATE_REPORT_DEADLINE ?? null,
      activity: e.WECHAT_TEMPLATE_ACTIVITY ?? null,
    },
    wechatMessagePage: e.WECHAT_MESSAGE_PAGE,
    trustProxy: e.TRUST_PROXY === '' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY.split(',').map((p) => p.trim()),
    corsOrigins: e.CORS_ORIGINS === '' ? [] : e.CORS_ORIGINS.split(',').map((o) => o.trim()),
    openApiUi: e.OPENAPI_UI ? e.OPENAPI_UI === 'true' : e.NODE_ENV !== 'production',
    rateLimits: resolveLimits(e.RATE_LIMITS),
    redisUrl: e.REDIS_URL || null,
    redisPrefix: e.REDIS_PREFIX,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    load: {
      maxEventLoopDelayMs: e.LOAD_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: e.LOAD_MAX_HEAP_USED_MB * 1024 * 1024,
      maxRssBytes: e.LOAD_MAX_RSS_MB * 1024 * 1024,
      sampleIntervalMs: e.LOAD_SAMPLE_INTERVAL_MS,
      retryAfterS: e.LOAD_RETRY_AFTER_S,
    },
  };
}

/** A random key, for tests and for `npm start` to print as an example. */
export function generateDataKey(): string {
  return randomBytes(32).toString('base64');
}

/** Injection token for AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
