import { DataSource, EntityManager } from 'typeorm';
import { requestContext } from '../http/request-context';
import { leanRunner } from './lean-runner';

/** Lock conflicts the database resolves by aborting one transaction; running it again is safe. */
export function isRetryableLockError(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * SQLite (better-sqlite3) has one connection per process, and a second BEGIN on it while a transaction awaits
 * fails; transactions are queued per data source instead. MySQL/MariaDB take them from the pool in parallel.
 */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

function serialised<T>(dataSource: DataSource, run: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return run();
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const next = previous.then(run, run);
  sqliteQueues.set(
    dataSource,
    next.catch(() => undefined),
  );
  return next;
}

/** Work registered to run at the end of a transaction, before it commits (per transaction manager, by key). */
const commitHooks = new WeakMap<EntityManager, Map<string, (manager: EntityManager) => Promise<void>>>();

/**
 * Runs `hook` once at the end of `manager`'s inTransaction, before the commit (and the audit entry), for work that
 * is better batched per transaction (the ledger's rollups, written in key order). False when `manager` is not an
 * inTransaction's: the caller then does the work now.
 */
export function beforeCommit(manager: EntityManager, key: string, hook: (manager: EntityManager) => Promise<void>): boolean {
  const hooks = commitHooks.get(manager);
  if (!hooks) return false;
  if (!hooks.has(key)) hooks.set(key, hook);
  return true;
}

/**
 * Runs `work` in one transaction and runs it again (up to `attempts` times) when the database aborted it to
 * break a deadlock: under contention (200 members claiming one wish) InnoDB picks victims, and the retry then
 * sees the winner's commit and answers 409 like everyone else.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, attempts = 5): Promise<T> {
  // A write request's audit entry commits with its command: written last, so the chain's lock is held briefly.
  const context = requestContext();
  const recorded = context?.recorded ?? false;
  const audited = async (manager: EntityManager) => {
    const hooks = new Map<string, (manager: EntityManager) => Promise<void>>();
    commitHooks.set(manager, hooks);
    const result = await work(manager);
    // A hook may register another (or itself again): run until none is left.
    for (let next = hooks.entries().next(); !next.done; next = hooks.entries().next()) {
      hooks.delete(next.value[0]);
      await next.value[1](manager);
    }
    commitHooks.delete(manager);
    if (context?.write && !context.recorded && context.writeEntry) await context.writeEntry(manager, result);
    return result;
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await serialised(dataSource, () => transaction(dataSource, audited));
    } catch (error) {
      // Whatever was recorded in the rolled-back attempt is gone with it.
      if (context) context.recorded = recorded;
      if (attempt >= attempts || !isRetryableLockError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/**
 * `dataSource.transaction(work)`: the same START TRANSACTION / COMMIT (ROLLBACK on an error) on one pooled
 * connection, released at the end, on a runner without TypeORM's subscriber broadcasts when nothing listens
 * (lean-runner.ts).
 */
async function transaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = leanRunner(dataSource);
  if (!runner) return dataSource.transaction(work);
  try {
    await runner.startTransaction();
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    try {
      await runner.rollbackTransaction();
    } catch {
      // The original error is the one to report.
    }
    throw error;
  } finally {
    await runner.release();
  }
}
