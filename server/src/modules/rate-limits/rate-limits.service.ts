import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import type { RateLimitKey, RateLimitName } from '../../config/rate-limits';

/** The table the migration creates for the database store (rate-limiter-flexible's own schema). */
export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * Counters every instance sees: in Redis when REDIS_URL is set, otherwise in the database (MySQL/MariaDB or
 * SQLite), through rate-limiter-flexible. A refused call answers 429 with Retry-After and a Chinese message.
 * If the store itself fails, the call is let through and the failure logged: a broken counter must not lock
 * every resident out.
 */
@Injectable()
export class RateLimitsService implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly limiters = new Map<string, RateLimiterAbstract>();
  private redis: Redis | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one call of `name` for `id` (an account or an address); throws 429 when over the limit. */
  async consume(name: RateLimitName, key: RateLimitKey, id: string): Promise<void> {
    const limiter = this.limiter(name, key);
    try {
      await limiter.consume(id);
    } catch (rejection) {
      // A refusal is a RateLimiterRes; anything else is the store failing (checked by shape: a driver's error may come
      // from another realm, where `instanceof Error` is false).
      if (typeof (rejection as RateLimiterRes | null)?.msBeforeNext !== 'number') {
        this.logger.error(`rate limit store failed (${name}.${key}): ${(rejection as Error)?.message ?? String(rejection)}`);
        return;
      }
      const retryAfterS = Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000));
      throw AppException.tooManyRequests(`操作过于频繁，请 ${retryAfterS > 90 ? `${Math.ceil(retryAfterS / 60)} 分钟` : `${retryAfterS} 秒`}后再试`, retryAfterS);
    }
  }

  private limiter(name: RateLimitName, key: RateLimitKey): RateLimiterAbstract {
    const id = `${name}.${key}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.create(`rl:${id}`, this.config.rateLimits[name][key]);
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  private create(keyPrefix: string, rule: { points: number; durationS: number }): RateLimiterAbstract {
    // Loaded when first used, like the AWS SDK: most requests never need them.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const flexible = require('rate-limiter-flexible') as typeof import('rate-limiter-flexible');
    const base = { keyPrefix, points: rule.points, duration: rule.durationS };
    if (this.config.redisUrl) {
      if (!this.redis) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
        // Commands wait for the connection (a counter read before it is up would otherwise fail open).
        this.redis = new RedisClient(this.config.redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
        this.redis.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
      }
      return new flexible.RateLimiterRedis({ ...base, keyPrefix: `${this.config.redisPrefix}${keyPrefix}`, storeClient: this.redis });
    }
    const driver = this.dataSource.driver as unknown as {
      options: { type: string; database?: string; replication?: { master: { database?: string } } };
      pool?: unknown;
      poolCluster?: { of(pattern: string): unknown };
      databaseConnection?: unknown;
    };
    if (driver.options.type === 'better-sqlite3') {
      return new flexible.RateLimiterSQLite({
        ...base,
        storeClient: driver.databaseConnection,
        storeType: 'better-sqlite3',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
      });
    }
    return new flexible.RateLimiterMySQL({
      ...base,
      // With read replicas (DATABASE_REPLICA_URLS) TypeORM keeps a pool cluster: counters live on the primary.
      storeClient: driver.pool ?? driver.poolCluster?.of('MASTER'),
      storeType: 'pool',
      dbName: driver.options.database ?? driver.options.replication?.master.database,
      tableName: RATE_LIMIT_TABLE,
      tableCreated: true,
      clearExpiredByTimeout: false,
    });
  }

  /** Removes counters whose window has passed (a registered job keeps the table small). */
  async purgeExpired(): Promise<void> {
    if (this.config.redisUrl) return; // Redis expires its keys itself
    await this.dataSource.query(`DELETE FROM \`${RATE_LIMIT_TABLE}\` WHERE \`expire\` < ?`, [Date.now() - 3600_000]);
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }
}
