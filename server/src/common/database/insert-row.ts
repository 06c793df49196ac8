import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

interface RowInsert {
  /** Null: an entity whose insert TypeORM fills or reads back (defaults, generated columns): always `manager.insert`. */
  sql: string | null;
  columns: ColumnMetadata[];
}

const inserts = new WeakMap<object, Map<unknown, RowInsert>>();

function rowInsert(manager: EntityManager, entity: EntityTarget<ObjectLiteral>): RowInsert {
  const connection = manager.connection;
  let byEntity = inserts.get(connection);
  if (!byEntity) inserts.set(connection, (byEntity = new Map()));
  let insert = byEntity.get(entity);
  if (!insert) {
    const metadata = connection.getMetadata(entity);
    const driver = connection.driver;
    const columns = metadata.columns.filter((c) => c.isInsert);
    // The columns InsertQueryBuilder treats specially (or reads back after the insert) keep the builder.
    const special = metadata.columns.some((c) => c.default !== undefined || c.isGenerated || c.isCreateDate || c.isUpdateDate || c.isDeleteDate || c.isVersion || c.isDiscriminator);
    const table = metadata.tablePath
      .split('.')
      .map((part) => driver.escape(part))
      .join('.');
    // TypeORM's own text for `manager.insert` of a row that sets every column (InsertQueryBuilder).
    const sql = `INSERT INTO ${table}(${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    insert = { sql: special ? null : sql, columns };
    byEntity.set(entity, insert);
  }
  return insert;
}

/**
 * `manager.insert(entity, row)` for a row that gives every column a value (null included): the same statement
 * and the same parameters (the driver's persistent values), built once per entity instead of by a query builder
 * per call — the builder was a large share of a claim's CPU (docs/benchmarks.md, part 2). A row that leaves a
 * column undefined (a database default) goes through `manager.insert`.
 */
export async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: T): Promise<void> {
  const { sql, columns } = rowInsert(manager, entity);
  if (sql === null) {
    await manager.insert(entity, row);
    return;
  }
  const driver = manager.connection.driver;
  const params: unknown[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const value: unknown = columns[i].getEntityValue(row);
    if (value === undefined) {
      await manager.insert(entity, row);
      return;
    }
    params[i] = driver.preparePersistentValue(value, columns[i]);
  }
  await manager.query(sql, params);
}

const updates = new WeakMap<object, Map<string, string | null>>();

/**
 * `manager.update(entity, { id, status: from }, changes)` — the workflow's conditional update — with TypeORM's
 * statement text and parameters, built once per entity and set of changed columns: the rows affected. Changes
 * TypeORM would rewrite (SQL functions, related objects, undefined values) and entities with a version or
 * update-date column, or outside a transaction, go through `manager.update`.
 */
export async function updateWhereIdAndStatus(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, id: string, status: string, changes: ObjectLiteral): Promise<number> {
  const runner = manager.queryRunner;
  const metadata = manager.connection.getMetadata(entity);
  const keys = Object.keys(changes);
  const columns = keys.map((k) => metadata.findColumnWithPropertyName(k));
  const plain =
    runner !== undefined &&
    !metadata.versionColumn &&
    !metadata.updateDateColumn &&
    columns.every((c, i) => c && c.isUpdate && !c.relationMetadata && !c.embeddedMetadata && isPlainValue(changes[keys[i]]));
  if (!plain) return (await manager.update(entity, { id, status }, changes)).affected ?? 0;
  let byKeys = updates.get(manager.connection);
  if (!byKeys) updates.set(manager.connection, (byKeys = new Map()));
  const cacheKey = `${metadata.name}|${keys.join(',')}`;
  let sql = byKeys.get(cacheKey);
  if (sql === undefined) {
    const driver = manager.connection.driver;
    const table = metadata.tablePath
      .split('.')
      .map((part) => driver.escape(part))
      .join('.');
    const idColumn = metadata.findColumnWithPropertyName('id');
    const statusColumn = metadata.findColumnWithPropertyName('status');
    sql =
      idColumn && statusColumn
        ? `UPDATE ${table} SET ${columns.map((c) => `${driver.escape(c!.databaseName)} = ?`).join(', ')} WHERE (${driver.escape(idColumn.databaseName)} = ? AND ${driver.escape(statusColumn.databaseName)} = ?)`
        : null;
    byKeys.set(cacheKey, sql);
  }
  if (sql === null) return (await manager.update(entity, { id, status }, changes)).affected ?? 0;
  const driver = manager.connection.driver;
  const params = columns.map((c, i) => driver.preparePersistentValue(changes[keys[i]], c!));
  const result = await runner!.query(sql, [...params, id, status], true);
  return result.affected ?? 0;
}

const isPlainValue = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date;
