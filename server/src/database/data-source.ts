import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export type DatabaseKind = 'sqlite' | 'mysql' | 'mariadb';

/**
 * `sqlite:./data/x.sqlite` | `sqlite::memory:` | `mysql://u:p@h:3306/db` | `mariadb://…` → TypeORM options.
 * `replicaUrls` (DATABASE_REPLICA_URLS) turn on TypeORM replication for MySQL/MariaDB: the primary takes every
 * write and transaction, the replicas the reads that routeReadsToReplicas sends them. SQLite ignores them.
 */
export function dataSourceOptions(databaseUrl: string, replicaUrls: readonly string[] = []): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false } as const;
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    const database = file === ':memory:' ? ':memory:' : resolve(file);
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database,
      // WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  const url = new URL(databaseUrl);
  const kind = url.protocol.replace(':', '') as 'mysql' | 'mariadb';
  const shared = {
    ...common,
    // 'mariadb' against MariaDB avoids spurious drift on nullable columns (stack-notes.md).
    type: kind,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    extra: { connectionLimit: Number(url.searchParams.get('connectionLimit') ?? 10) },
  } as const;
  if (!replicaUrls.length) return { ...shared, ...connectionOf(url) };
  return { ...shared, replication: { master: connectionOf(url), slaves: replicaUrls.map((r) => connectionOf(new URL(r))), defaultMode: 'slave' } };
}

function connectionOf(url: URL) {
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, ''),
  };
}

export function databaseKind(databaseUrl: string): DatabaseKind {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  return databaseUrl.startsWith('mariadb:') ? 'mariadb' : 'mysql';
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
