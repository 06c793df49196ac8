import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export type DatabaseKind = 'sqlite' | 'mysql' | 'mariadb';

/** `sqlite:./data/x.sqlite` | `sqlite::memory:` | `mysql://u:p@h:3306/db` | `mariadb://…` → TypeORM options. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
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
  return {
    ...common,
    // 'mariadb' against MariaDB avoids spurious drift on nullable columns (stack-notes.md).
    type: kind,
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, ''),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    extra: { connectionLimit: Number(url.searchParams.get('connectionLimit') ?? 10) },
  };
}

export function databaseKind(databaseUrl: string): DatabaseKind {
  if (databaseUrl.startsWith('sqlite:')) return 'sqlite';
  return databaseUrl.startsWith('mariadb:') ? 'mariadb' : 'mysql';
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
