import { QueryFailedError, type DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner';
import { QueryRunnerAlreadyReleasedError } from 'typeorm/error/QueryRunnerAlreadyReleasedError';
import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm/error/QueryRunnerProviderAlreadyReleasedError';
import { QueryResult } from 'typeorm/query-runner/QueryResult';

/**
 * MySQL/MariaDB's query runner without the subscriber broadcasts: TypeORM's own runner sends the same statements
 * (same text, same parameters, the same logger calls and errors) but broadcasts BeforeQuery/AfterQuery and the
 * four transaction events to the data source's subscribers on every statement, each an async round of promises
 * even with no subscriber at all — with Node's async-context tracking on, a measurable share of a claim's CPU
 * (docs/benchmarks.md, part 2). Used only where there is no subscriber to tell (`leanRunner`).
 */
class LeanMysqlQueryRunner extends MysqlQueryRunner {
  override query(query: string, parameters?: unknown[], useStructuredResult = false): ReturnType<MysqlQueryRunner['query']> {
    if (this.isReleased) return Promise.reject(new QueryRunnerAlreadyReleasedError());
    const connection = this.databaseConnection as MysqlConnection | undefined;
    if (!connection) return this.connect().then(() => this.query(query, parameters, useStructuredResult));
    const logger = this.driver.connection.logger;
    logger.logQuery(query, parameters, this);
    const { enableQueryTimeout, maxQueryExecutionTime } = this.driver.options;
    const started = Date.now();
    return new Promise((ok, fail) => {
      try {
        connection.query(enableQueryTimeout && maxQueryExecutionTime ? { sql: query, timeout: maxQueryExecutionTime } : query, parameters, (error, raw) => {
          const took = Date.now() - started;
          if (maxQueryExecutionTime && took > maxQueryExecutionTime) logger.logQuerySlow(took, query, parameters, this);
          if (error) {
            logger.logQueryError(error, query, parameters, this);
            return fail(new QueryFailedError(query, parameters, error));
          }
          if (!useStructuredResult) return ok(raw);
          const result = new QueryResult();
          result.raw = raw;
          try {
            result.records = Array.from(raw as ArrayLike<unknown>);
          } catch {
            // Not a list of rows (an OK packet).
          }
          if (raw !== null && typeof raw === 'object' && Object.prototype.hasOwnProperty.call(raw, 'affectedRows')) result.affected = (raw as { affectedRows: number }).affectedRows;
          ok(result);
        });
      } catch (error) {
        fail(error);
      }
    });
  }

  override async startTransaction(isolationLevel?: Parameters<QueryRunner['startTransaction']>[0]): Promise<void> {
    this.isTransactionActive = true;
    if (this.transactionDepth === 0) {
      if (isolationLevel) await this.query('SET TRANSACTION ISOLATION LEVEL ' + isolationLevel);
      await this.query('START TRANSACTION');
    } else {
      await this.query(`SAVEPOINT typeorm_${this.transactionDepth}`);
    }
    this.transactionDepth += 1;
  }

  override async commitTransaction(): Promise<void> {
    if (!this.isTransactionActive) return super.commitTransaction();
    if (this.transactionDepth > 1) {
      await this.query(`RELEASE SAVEPOINT typeorm_${this.transactionDepth - 1}`);
    } else {
      await this.query('COMMIT');
      this.isTransactionActive = false;
    }
    this.transactionDepth -= 1;
  }

  override async rollbackTransaction(): Promise<void> {
    if (!this.isTransactionActive) return super.rollbackTransaction();
    if (this.transactionDepth > 1) {
      await this.query(`ROLLBACK TO SAVEPOINT typeorm_${this.transactionDepth - 1}`);
    } else {
      await this.query('ROLLBACK');
      this.isTransactionActive = false;
    }
    this.transactionDepth -= 1;
  }
}

interface MysqlConnection {
  query(sql: string | { sql: string; timeout: number }, parameters: unknown[] | undefined, callback: (error: Error | null, raw: unknown) => void): void;
}

/**
 * A primary query runner (with its entity manager, as `dataSource.createQueryRunner()` gives) that skips the
 * broadcasts when nothing listens to them: MySQL/MariaDB, no subscribers, no replication (routeReadsToReplicas
 * wraps the data source's runners then). Otherwise null: the caller uses TypeORM's own.
 */
export function leanRunner(dataSource: DataSource): QueryRunner | null {
  const runner = leanBareRunner(dataSource);
  if (!runner) return null;
  const manager = dataSource.createEntityManager(runner);
  // EntityManager.query → DataSource.query → the runner's query, two async layers per statement for nothing more
  // than this check: the runner's query at once.
  manager.query = ((query: string, parameters?: unknown[]) =>
    runner.isReleased ? Promise.reject(new QueryRunnerProviderAlreadyReleasedError()) : runner.query(query, parameters)) as EntityManager['query'];
  Object.assign(runner, { manager });
  return runner;
}

function leanBareRunner(dataSource: DataSource): LeanMysqlQueryRunner | null {
  const type = dataSource.options.type;
  if ((type !== 'mysql' && type !== 'mariadb') || dataSource.subscribers.length || (dataSource.options as { replication?: unknown }).replication) return null;
  return new LeanMysqlQueryRunner(dataSource.driver as ConstructorParameters<typeof MysqlQueryRunner>[0], 'master');
}

/** `dataSource.query(sql, parameters)` (a statement on the primary, on a runner of its own), without the broadcasts when nothing listens. */
export async function primaryQuery<T = unknown>(dataSource: DataSource, sql: string, parameters?: unknown[]): Promise<T> {
  const runner = leanBareRunner(dataSource);
  if (!runner) return dataSource.query(sql, parameters);
  try {
    return (await runner.query(sql, parameters)) as T;
  } finally {
    await runner.release();
  }
}
