// Shared by every benchmark: paths, fixed keys, a seeded PRNG, statistics and small helpers.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_DIR = path.resolve(BENCH_DIR, '..');
export const ROOT = path.resolve(SERVER_DIR, '..');

/** MariaDB server (no database); BENCH_MARIADB_URL overrides. */
export const MARIADB_URL = (process.env.BENCH_MARIADB_URL ?? 'mariadb://root:@127.0.0.1:3306').replace(/\/+$/, '');
/** Dropped and recreated on every run: demo city + bench members and wishes (parts 1, 2, 4). */
// BENCH_DB overrides the name: helpers sharing one MariaDB each keep their own.
export const BENCH_DB = process.env.BENCH_DB ?? 'nuancheng_bench';
/** City-scale data (part 3), kept between runs and regenerated only when the generator version or seed changes. */
export const CITY_DB = 'nuancheng_bench_city';

// Fixed keys so generated ciphertexts and phone hashes stay valid across runs (never used outside the bench).
export const BENCH_DATA_KEY = createHash('sha256').update('nuancheng-bench-data-key').digest('hex');
export const BENCH_JWT_SECRET = createHash('sha256').update('nuancheng-bench-jwt-secret').digest('hex');
/** CHECKIN_KEY of the instances and the bare baseline: the bench signs check-in codes with it as the organiser's phone would get them. */
export const BENCH_CHECKIN_KEY = createHash('sha256').update('nuancheng-bench-checkin-key').digest('hex');

export function databaseUrl(db) {
  return `${MARIADB_URL}/${db}`;
}

/** mysql2 connection options for a database (UTC, like the server's `timezone: 'Z'`). */
export function mysqlOptions(db) {
  const url = new URL(MARIADB_URL.replace(/^mariadb:/, 'mysql:'));
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: db,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
  };
}

/** sfc32: small, fast, seedable; the same seed gives the same data on every machine. */
export function prng(seed) {
  let h = 1779033703 ^ String(seed).length;
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const next = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  const random = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) random();
  const hex = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
    return s;
  };
  return {
    random,
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    pick: (list) => list[Math.floor(random() * list.length)],
    /** A version-4-shaped UUID from the stream (deterministic). */
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`,
    shuffle(list) {
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [list[i], list[j]] = [list[j], list[i]];
      }
      return list;
    },
  };
}

export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** The answers other than 200 by status and error code (`409 ALREADY_CLAIMED`, `0 ECONNRESET` …): how many of each. */
export function countByCode(results) {
  const byCode = {};
  for (const r of results.filter((r) => r.status !== 200)) {
    const key = `${r.status}${r.code ? ` ${r.code}` : ''}`;
    byCode[key] = (byCode[key] ?? 0) + 1;
  }
  return byCode;
}

export const median = (values) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const round = (value, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);

export function ms(value) {
  if (!Number.isFinite(value)) return '–';
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}

export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function step(message) {
  console.log(`\n▶ ${message}`);
}

export function note(message) {
  console.log(`  ${message}`);
}

export const sleep = (millis) => new Promise((resolve) => setTimeout(resolve, millis));

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  let next = 0;
  const results = new Array(items.length);
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Latency of one async call in milliseconds (high resolution). */
export async function timed(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Every named limit (server/src/config/rate-limits.ts) raised far above the bench's loads: it measures throughput. */
export const BENCH_RATE_LIMITS = ['sign_in', 'phone_bind', 'role_grant', 'wish_post', 'upload', 'checkin', 'export']
  .flatMap((name) => [`${name}.account=10000000/60`, `${name}.ip=10000000/60`])
  .join(',');

/**
 * The settings every instance of the server under the bench shares, in its own process (lib/server.mjs) or in the
 * bench's (lib/capture.mjs): production-like, but dev sign-in (personas) is refused with NODE_ENV=production, so
 * `test` with the docs off; the fixed bench keys, so fixtures' ciphertexts and tokens are good on every instance.
 */
export function benchServerEnv(db) {
  return {
    NODE_ENV: 'test',
    OPENAPI_UI: 'false',
    WECHAT_MODE: 'dev',
    // The bench measures throughput, not the limits: it raises them explicitly (docs/benchmarks.md).
    RATE_LIMITS: BENCH_RATE_LIMITS,
    WISH_MAX_DAILY_CLAIMS: '1000',
    // Load shedding off (503 when the event loop lags 1 s): on this shared machine it would turn a busy moment
    // of another process into refusals; the bench measures the work, as with the rate limits (docs/benchmarks.md).
    LOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
    ACCESS_TOKEN_TTL_S: '86400',
    DATABASE_URL: databaseUrl(db),
    DATA_KEY: BENCH_DATA_KEY,
    JWT_SECRET: BENCH_JWT_SECRET,
    CHECKIN_KEY: BENCH_CHECKIN_KEY,
  };
}
