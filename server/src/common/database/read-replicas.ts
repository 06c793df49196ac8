import { SetMetadata } from '@nestjs/common';
import type { DataSource, EntityManager, QueryRunner, ReplicationMode } from 'typeorm';
import { requestContext } from '../http/request-context';

export const READ_REPLICA = 'nuancheng:read-replica';

/**
 * A list or dashboard route whose reads may be served by a read replica (DATABASE_REPLICA_URLS, MySQL/MariaDB).
 * Only reads before the request's first write go there; without replicas (or on SQLite) it changes nothing.
 */
export const ReadReplica = () => SetMetadata(READ_REPLICA, true);

/**
 * Decides, per query runner, primary or replica. TypeORM asks for a `slave` runner for every SELECT built by a
 * query builder or repository outside a transaction, and for a `master` one for transactions, writes and raw
 * queries. The answer here: a replica only inside a @ReadReplica request that has not yet touched the primary;
 * everything else (sign-in checks, jobs, start-up, any read after a write in the same request) on the primary,
 * so nobody reads their own write from a replica that has not caught up. Transactions are always on the primary.
 * A plain SELECT on the primary (a raw query) does not make the request sticky; a write or a transaction does.
 */
export function routeReadsToReplicas(dataSource: DataSource): DataSource {
  const options = dataSource.options as { replication?: unknown };
  if (!options.replication) return dataSource;
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode: ReplicationMode = 'master'): QueryRunner => {
    const context = requestContext();
    if (mode === 'slave' && context?.replicaReads && !context.wrotePrimary) return create('slave');
    const runner = create('master');
    if (!context) return runner;
    // A transaction or any statement but a plain read makes the rest of the request read from the primary.
    const query = runner.query.bind(runner) as QueryRunner['query'];
    const startTransaction = runner.startTransaction.bind(runner);
    runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) => {
      if (!READ_ONLY.test(sql)) context.wrotePrimary = true;
      return query(sql, parameters, structured as never);
    }) as QueryRunner['query'];
    runner.startTransaction = (isolationLevel) => {
      context.wrotePrimary = true;
      return startTransaction(isolationLevel);
    };
    return runner;
  };
  return dataSource;
}

const READ_ONLY = /^\s*(SELECT|WITH|SHOW|EXPLAIN)\b/i;

/**
 * A raw read (hand-written list SQL) that may be served by a replica: DataSource.query always asks for the
 * primary, this asks for a `slave` runner and lets routeReadsToReplicas decide.
 */
export async function readQuery<T = unknown[]>(dataSource: DataSource, sql: string, parameters: unknown[] = []): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    return (await runner.query(sql, parameters)) as T;
  } finally {
    await runner.release();
  }
}

/**
 * An EntityManager whose raw `query` is a readQuery: for the hand-written aggregate reads of a @ReadReplica route
 * (the supervision dashboard's counts), which EntityManager.query would always send to the primary. Everything
 * else (repositories, query builders, transactions) behaves as the data source's own manager.
 */
export function readManager(dataSource: DataSource): EntityManager {
  const reader = Object.create(dataSource.manager) as EntityManager;
  reader.query = ((sql: string, parameters?: unknown[]) => readQuery(dataSource, sql, parameters ?? [])) as EntityManager['query'];
  return reader;
}
