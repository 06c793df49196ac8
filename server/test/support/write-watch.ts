import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

const LOG = 'test_write_log';

/**
 * Row counts and checksums of a set of tables, made cheap enough to take after every request: triggers on each
 * watched table log the table's name on every INSERT, UPDATE and DELETE into a side table (rolled back with the
 * write's transaction), so a table without a logged write since the last look cannot have changed and is not read
 * again. Only the tables that were written are re-read (`SELECT *`, row count and SHA-256), and compared with the
 * baseline, with the tables whose foreign keys cascade (or set null) from them: MariaDB fires no trigger for a
 * foreign-key action. Test databases only: `install` adds the triggers and the log table.
 */
export class WriteWatch {
  private baseline = new Map<string, string>();
  /** Checksums taken (tables read), for the summary. */
  checksums = 0;
  /** Milliseconds spent looking (log and checksums), for the summary. */
  ms = 0;

  /** Per table, the watched tables a foreign-key action (CASCADE, SET NULL) can change when it is written. */
  private readonly dependents = new Map<string, string[]>();

  private constructor(
    private readonly dataSource: DataSource,
    readonly tables: readonly string[],
  ) {
    for (const meta of dataSource.entityMetadatas)
      for (const fk of meta.foreignKeys)
        if (tables.includes(meta.tableName) && [fk.onDelete, fk.onUpdate].some((a) => a === 'CASCADE' || a === 'SET NULL')) {
          const parent = fk.referencedEntityMetadata.tableName;
          this.dependents.set(parent, [...(this.dependents.get(parent) ?? []), meta.tableName]);
        }
  }

  static async install(dataSource: DataSource, tables: readonly string[]): Promise<WriteWatch> {
    const kind = dataSource.options.type;
    const q = (name: string) => (kind === 'better-sqlite3' || kind === 'sqlite' ? `"${name}"` : `\`${name}\``);
    // No key: concurrent inserts from several connections (MariaDB) never wait on one another.
    await dataSource.query(`CREATE TABLE ${q(LOG)} (table_name VARCHAR(128) NOT NULL)`);
    for (const table of tables)
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        const name = q(`tw_${op[0].toLowerCase()}_${table}`.slice(0, 64));
        const insert = `INSERT INTO ${q(LOG)} (table_name) VALUES ('${table}')`;
        await dataSource.query(
          kind === 'better-sqlite3' || kind === 'sqlite'
            ? `CREATE TRIGGER ${name} AFTER ${op} ON ${q(table)} BEGIN ${insert}; END`
            : `CREATE TRIGGER ${name} AFTER ${op} ON ${q(table)} FOR EACH ROW ${insert}`,
        );
      }
    const watch = new WriteWatch(dataSource, tables);
    for (const table of tables) watch.baseline.set(table, await watch.sum(table));
    return watch;
  }

  private async sum(table: string): Promise<string> {
    this.checksums += 1;
    // In primary-key order: most tables have an `id`, the ledger's rollups a composite key.
    const key = this.dataSource.entityMetadatas.find((m) => m.tableName === table)?.primaryColumns.map((c) => c.databaseName) ?? ['id'];
    const sqlite = ['better-sqlite3', 'sqlite'].includes(this.dataSource.options.type);
    const order = (key.length ? key : ['id']).map((c) => (sqlite ? `"${c}"` : `\`${c}\``)).join(', ');
    const rows: unknown[] = await this.dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`);
    return `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex')}`;
  }

  /** The watched tables written since the last call (and clears the log). One small query when nothing was. */
  private async written(): Promise<string[]> {
    const rows: Array<{ table_name: string }> = await this.dataSource.query(`SELECT DISTINCT table_name FROM ${LOG}`);
    if (!rows.length) return [];
    await this.dataSource.query(`DELETE FROM ${LOG}`);
    const names = rows.map((r) => r.table_name);
    return [...new Set([...names, ...names.flatMap((n) => this.dependents.get(n) ?? [])])].sort();
  }

  /**
   * The tables whose row count or checksum differs from the baseline, among those written since the last call;
   * the baseline then moves to the current state (so the next call compares with what this one saw).
   */
  async changed(): Promise<string[]> {
    const started = performance.now();
    const differ: string[] = [];
    for (const table of await this.written()) {
      const now = await this.sum(table);
      if (now !== this.baseline.get(table)) differ.push(table);
      this.baseline.set(table, now);
    }
    this.ms += performance.now() - started;
    return differ;
  }

  /**
   * Every watched table re-read and compared with the baseline, without looking at the log: a table that changed
   * with no logged write (which the triggers should make impossible) is named here.
   */
  async unnoticed(): Promise<string[]> {
    await this.changed();
    const started = performance.now();
    const differ: string[] = [];
    for (const table of this.tables) if ((await this.sum(table)) !== this.baseline.get(table)) differ.push(table);
    this.ms += performance.now() - started;
    return differ;
  }
}
