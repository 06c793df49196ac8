import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Reads by one column's value, with the statement `manager.findOneBy` / `manager.find({ where: { key: In(…) } })`
 * sends (TypeORM's text, aliases `Entity_column`) and its hydration (the driver's values), built once per entity
 * and selection instead of by a query builder per call: on the claim route the builders cost more CPU than the
 * reads themselves (docs/benchmarks.md, part 2). Plain columns only (no relations loaded, no embedded columns).
 */
interface EntityRead {
  head: string;
  alias: string;
  escape: (name: string) => string;
  columns: ColumnMetadata[];
  create: () => ObjectLiteral;
}

const reads = new WeakMap<object, Map<string, EntityRead>>();

function entityRead(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, select?: readonly string[]): EntityRead {
  const connection = manager.connection;
  let cache = reads.get(connection);
  if (!cache) reads.set(connection, (cache = new Map()));
  const metadata = connection.getMetadata(entity);
  const key = `${metadata.name}|${select?.join(',') ?? '*'}`;
  let read = cache.get(key);
  if (!read) {
    const escape = (name: string) => connection.driver.escape(name);
    const alias = metadata.name;
    // TypeORM's order: the entity's columns as declared, the selected ones (or every selectable one), then its primary key.
    const chosen = metadata.columns.filter((c) => (select ? select.includes(c.propertyName) : c.isSelect));
    const columns = [...chosen, ...metadata.primaryColumns.filter((c) => !chosen.includes(c))];
    const table = metadata.tablePath.split('.').map(escape).join('.');
    const head = `SELECT ${columns.map((c) => `${escape(alias)}.${escape(c.databaseName)} AS ${escape(`${alias}_${c.databaseName}`)}`).join(', ')} FROM ${table} ${escape(alias)}`;
    read = { head, alias, escape, columns, create: () => metadata.create() as ObjectLiteral };
    cache.set(key, read);
  }
  return read;
}

function hydrate<T>(manager: EntityManager, read: EntityRead, row: Record<string, unknown>): T {
  const driver = manager.connection.driver;
  const out = read.create() as Record<string, unknown>;
  for (const c of read.columns) {
    const value = row[`${read.alias}_${c.databaseName}`];
    if (value !== undefined) out[c.propertyName] = driver.prepareHydratedValue(value, c);
  }
  return out as T;
}

const columnOf = (manager: EntityManager, entity: EntityTarget<ObjectLiteral>, property: string): ColumnMetadata => {
  const column = manager.connection.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`entity-reads: no column ${property}`);
  return column;
};

/** `manager.findOneBy(entity, { [property]: value })`. */
export async function findOneByColumn<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, property: string, value: unknown): Promise<T | null> {
  const read = entityRead(manager, entity);
  const column = columnOf(manager, entity, property);
  const rows: Record<string, unknown>[] = await manager.query(`${read.head} WHERE ((${read.escape(read.alias)}.${read.escape(column.databaseName)} = ?)) LIMIT 1`, [
    manager.connection.driver.preparePersistentValue(value, column),
  ]);
  return rows.length ? hydrate<T>(manager, read, rows[0]) : null;
}

/**
 * `manager.find(entity, { where: { [property]: In(values) }, select, order })`; `order`: properties, ascending
 * (TypeORM orders by the selected aliases).
 */
export async function findByColumnIn<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  property: string,
  values: readonly unknown[],
  options: { select?: readonly string[]; orderAsc?: readonly string[] } = {},
): Promise<T[]> {
  if (!values.length) return [];
  const read = entityRead(manager, entity, options.select);
  const column = columnOf(manager, entity, property);
  const order = options.orderAsc?.length ? ` ORDER BY ${options.orderAsc.map((p) => `${read.escape(`${read.alias}_${columnOf(manager, entity, p).databaseName}`)} ASC`).join(', ')}` : '';
  const driver = manager.connection.driver;
  const rows: Record<string, unknown>[] = await manager.query(
    `${read.head} WHERE ((${read.escape(read.alias)}.${read.escape(column.databaseName)} IN (${values.map(() => '?').join(', ')})))${order}`,
    values.map((v) => driver.preparePersistentValue(v, column)),
  );
  return rows.map((row) => hydrate<T>(manager, read, row));
}
