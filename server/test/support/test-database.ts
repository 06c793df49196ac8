import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';

/** Which database the integration suite runs on: TEST_DB=sqlite (default) or mariadb. */
export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'mariadb';
const MARIADB_URL = process.env.TEST_MARIADB_URL ?? 'mariadb://root:@127.0.0.1:3306';

/**
 * A fresh, migrated database for one test file: each jest worker gets its own MariaDB schema (dropped and
 * recreated) or its own in-memory SQLite, so files never see each other's rows.
 */
export async function freshDatabaseUrl(label = 'it'): Promise<string> {
  if (TEST_DB === 'sqlite') return 'sqlite::memory:';
  // TEST_DB_PREFIX keeps suites run side by side on one server (several checkouts) out of each other's schemas.
  const name = `nuancheng_${process.env.TEST_DB_PREFIX ?? ''}${label}_${process.env.JEST_WORKER_ID ?? '0'}`.replace(/[^a-z0-9_]/gi, '_');
  const connection = await createConnection(MARIADB_URL.replace(/^mariadb:/, 'mysql:'));
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  return `${MARIADB_URL}/${name}`;
}

export async function migratedDataSource(label?: string): Promise<DataSource> {
  const dataSource = createDataSource(await freshDatabaseUrl(label));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
