import type { EntityManager } from 'typeorm';
import { beforeCommit } from './transaction';

/**
 * Rollups kept exact in the writer's transaction (issue 10: the supervision dashboard at city scale read hundreds
 * of thousands of rows per figure): a module adds deltas to its rollup tables as it writes the rows they sum, and
 * they are merged per transaction and upserted just before it commits (`beforeCommit`) — tables in name order,
 * rows in key order, one statement per table — so two transactions touching the same rollup rows lock them in the
 * same order and cannot deadlock on them. A rollback takes the deltas away with the rows. Outside an inTransaction
 * the delta is written at once.
 *
 * The table's key columns are its primary key (strings, '' where a key part is absent); its sum columns are
 * integers the deltas add to. Bulk writers that bypass the module (the demo seed, the bench city generator, a
 * migration's backfill) recompute the table with the module's GROUP BY instead.
 */
export interface RollupTable<S extends string = string> {
  name: string;
  keys: readonly string[];
  sums: readonly S[];
}

interface Pending {
  table: RollupTable;
  rows: Map<string, { key: string[]; sums: number[] }>;
}

const pending = new WeakMap<EntityManager, Map<string, Pending>>();

/** Adds `deltas` (by sum column) to the row `key` of `table`, before `manager`'s transaction commits. */
export async function addToRollup<S extends string>(manager: EntityManager, table: RollupTable<S>, key: string[], deltas: Partial<Record<S, number>>): Promise<void> {
  let tables = pending.get(manager);
  const fresh = !tables;
  if (!tables) {
    tables = new Map();
    pending.set(manager, tables);
  }
  const entry = tables.get(table.name) ?? { table, rows: new Map() };
  tables.set(table.name, entry);
  const id = key.join('\u0000');
  const row = entry.rows.get(id) ?? { key, sums: table.sums.map(() => 0) };
  table.sums.forEach((column, i) => (row.sums[i] += deltas[column] ?? 0));
  entry.rows.set(id, row);
  if (fresh && !beforeCommit(manager, 'rollups', flushRollups)) await flushRollups(manager);
}

/** Writes a transaction's merged deltas: tables in name order, rows in key order; rows that net to zero are skipped. */
export async function flushRollups(manager: EntityManager): Promise<void> {
  const tables = pending.get(manager);
  pending.delete(manager);
  if (!tables) return;
  for (const name of [...tables.keys()].sort()) {
    const { table, rows } = tables.get(name)!;
    const changed = [...rows.values()].filter((r) => r.sums.some((n) => n !== 0));
    if (changed.length) await upsert(manager, table, changed);
  }
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

async function upsert(manager: EntityManager, table: RollupTable, rows: Array<{ key: string[]; sums: number[] }>): Promise<void> {
  const sorted = rows.sort((a, b) => compareKeys(a.key, b.key));
  const q = (c: string) => `\`${c}\``;
  const all = [...table.keys, ...table.sums];
  const values = sorted.map(() => `(${all.map(() => '?').join(', ')})`).join(', ');
  const params = sorted.flatMap((r) => [...r.key, ...r.sums]);
  const update =
    manager.connection.options.type === 'better-sqlite3'
      ? ` ON CONFLICT (${table.keys.map(q).join(', ')}) DO UPDATE SET ${table.sums.map((c) => `${q(c)} = ${q(c)} + excluded.${q(c)}`).join(', ')}`
      : ` ON DUPLICATE KEY UPDATE ${table.sums.map((c) => `${q(c)} = ${q(c)} + VALUES(${q(c)})`).join(', ')}`;
  await manager.query(`INSERT INTO \`${table.name}\` (${all.map(q).join(', ')}) VALUES ${values}${update}`, params);
}
