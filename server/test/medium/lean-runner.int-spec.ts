import { QueryFailedError } from 'typeorm';
import { leanRunner, primaryQuery } from '../../src/common/database/lean-runner';
import { inTransaction } from '../../src/common/database/transaction';
import { isUniqueViolation } from '../../src/common/errors/error.filter';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';

/**
 * The claim path's transactions run on a copy of TypeORM's MySQL query runner without its subscriber broadcasts
 * (common/database/lean-runner.ts). It must behave as TypeORM's own: commit, roll back on an error, nest as
 * savepoints, wrap driver errors so the unique-violation check still sees them, refuse once released — and not
 * be used where it cannot stand in (SQLite, replicas, subscribers).
 */
describe(`lean query runner (${TEST_DB})`, () => {
  let t: TestApp;
  const table = 'lean_runner_probe';

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    await t.dataSource.query(`CREATE TABLE \`${table}\` (\`id\` varchar(36) NOT NULL PRIMARY KEY, \`n\` int NOT NULL)`);
  });
  afterAll(async () => {
    await t?.dataSource.query(`DROP TABLE IF EXISTS \`${table}\``);
    await t?.close();
  });
  beforeEach(() => t.dataSource.query(`DELETE FROM \`${table}\``));

  /** The lean runner exists on MySQL/MariaDB only (SQLite keeps TypeORM's own, checked by the first test). */
  const onMysql = TEST_DB === 'sqlite' ? it.skip : it;
  const ids = async () => ((await t.dataSource.query(`SELECT \`id\` FROM \`${table}\` ORDER BY \`id\``)) as Array<{ id: string }>).map((r) => r.id);

  it('should stand in for TypeORM’s runner on MySQL/MariaDB only, with no subscriber and no replica', async () => {
    const runner = leanRunner(t.dataSource);
    if (TEST_DB === 'sqlite') {
      expect(runner).toBeNull();
      return;
    }
    expect(runner).not.toBeNull();
    expect(runner!.manager.queryRunner).toBe(runner);
    await runner!.release();
    const subscribers = t.dataSource.subscribers;
    subscribers.push({});
    try {
      expect(leanRunner(t.dataSource)).toBeNull();
    } finally {
      subscribers.pop();
    }
  });

  it('should commit a transaction’s writes and roll all of them back when the work fails', async () => {
    await inTransaction(t.dataSource, async (m) => {
      await m.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('a', 1)`);
    });
    await expect(
      inTransaction(t.dataSource, async (m) => {
        await m.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('b', 2)`);
        throw new Error('halfway');
      }),
    ).rejects.toThrow('halfway');
    expect(await ids()).toEqual(['a']);
  });

  it('should answer a duplicate key as a QueryFailedError the unique-violation check knows, leaving nothing written', async () => {
    await t.dataSource.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('a', 1)`);
    const failure = await inTransaction(t.dataSource, async (m) => {
      await m.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('c', 3)`);
      await m.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('a', 1)`);
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(await ids()).toEqual(['a']);
  });

  onMysql('should keep an inner transaction as a savepoint: rolled back alone, the outer one commits', async () => {
    const runner = leanRunner(t.dataSource)!;
    try {
      await runner.startTransaction();
      await runner.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('outer', 1)`);
      await runner.startTransaction();
      await runner.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('inner', 2)`);
      await runner.rollbackTransaction();
      expect(runner.isTransactionActive).toBe(true);
      await runner.commitTransaction();
      expect(runner.isTransactionActive).toBe(false);
    } finally {
      await runner.release();
    }
    expect(await ids()).toEqual(['outer']);
  });

  onMysql('should give structured results and refuse statements once released', async () => {
    const runner = leanRunner(t.dataSource)!;
    await runner.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('a', 1), ('b', 2)`);
    const updated = await runner.query(`UPDATE \`${table}\` SET \`n\` = \`n\` + 1`, [], true);
    expect(updated.affected).toBe(2);
    const read = await runner.query(`SELECT \`n\` FROM \`${table}\` WHERE \`id\` = ?`, ['b'], true);
    expect(read.records).toEqual([{ n: 3 }]);
    await runner.release();
    await expect(runner.query('SELECT 1')).rejects.toThrow();
    await expect(runner.manager.query('SELECT 1')).rejects.toThrow();
  });

  it('should run a lone statement on the primary and give its connection back', async () => {
    await t.dataSource.query(`INSERT INTO \`${table}\` (\`id\`, \`n\`) VALUES ('a', 7)`);
    for (let i = 0; i < 30; i++) expect(await primaryQuery<Array<{ n: number }>>(t.dataSource, `SELECT \`n\` FROM \`${table}\` WHERE \`id\` = ?`, ['a'])).toEqual([{ n: 7 }]);
  });
});
