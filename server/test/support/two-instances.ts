import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './test-app';
import { freshDatabaseUrl, TEST_DB } from './test-database';

export interface TwoInstances {
  /** Migrated and seeded with the demo city. */
  a: TestApp;
  /** On a's database, not seeding it again. */
  b: TestApp;
  /** Closes both and removes the shared SQLite file's folder. */
  close(): Promise<void>;
}

/**
 * Two server instances on one fresh database (a file of their own on SQLite, a new schema on MariaDB) with the
 * same JWT and data keys, so a token or a ciphertext from one is good on the other. `env` is added to both,
 * `envB` to b only.
 */
export async function startTwoInstances(label: string, options: { env?: Record<string, string>; envB?: Record<string, string> } = {}): Promise<TwoInstances> {
  const dir = TEST_DB === 'sqlite' ? mkdtempSync(join(tmpdir(), `nc-${label}-`)) : null;
  const databaseUrl = dir ? `sqlite:${join(dir, 'shared.sqlite')}` : await freshDatabaseUrl(label);
  const env = { JWT_SECRET: randomBytes(24).toString('hex'), DATA_KEY: randomBytes(32).toString('base64'), ...options.env };
  let a: TestApp | undefined;
  let b: TestApp | undefined;
  const close = async () => {
    await a?.close();
    await b?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    a = await startTestApp({ databaseUrl, env });
    b = await startTestApp({ databaseUrl, env: { ...env, ...options.envB }, seed: false });
  } catch (error) {
    await close();
    throw error;
  }
  return { a, b, close };
}
