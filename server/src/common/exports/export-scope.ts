import type { DataSource, EntityTarget } from 'typeorm';
import type { SqlCondition } from '../access/list-scope';
import { subtreePattern } from '../tree/materialised-path';

/**
 * What an export covers, as the exports module resolved and checked it: a node of one tree, a period (UTC
 * instants, `to` exclusive) and whether personal names go out in full. Owning modules turn it into SQL over their
 * own tables (scopeCondition) and page through their rows with it.
 */
export interface ExportScope {
  kind: 'region' | 'organisation';
  id: string;
  path: string;
  /** region: city / district / street / community; organisation: its level. */
  level: string;
  from: Date;
  to: Date;
  /** Members' names in full (their own party organisation's line) or masked (王**). */
  namesInFull: boolean;
}

/** The rows a page of an export reads at a time (keyset pagination: no page costs more than the first). */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * Every row of an export, read a page at a time: `readPage` reads up to `limit` rows after `after` (the last row
 * of the page before; null for the first page) in the order its cursor follows; a short page is the last.
 */
export async function* exportPages<T>(readPage: (after: T | null, limit: number) => Promise<T[]>): AsyncGenerator<T> {
  let after: T | null = null;
  for (;;) {
    const page = await readPage(after, EXPORT_PAGE_SIZE);
    yield* page;
    if (page.length < EXPORT_PAGE_SIZE) return;
    after = page[page.length - 1];
  }
}

/**
 * The scope as a condition on a row's place columns (backquoted with the alias): a street compares the column
 * itself, anything wider asks the tree's materialised paths with one indexed LIKE subquery (as listScope does).
 */
export function scopeCondition(scope: Pick<ExportScope, 'kind' | 'id' | 'path' | 'level'>, columns: { street?: string; community?: string; organisation?: string[] }): SqlCondition {
  if (scope.kind === 'region') {
    const column = scope.level === 'community' ? columns.community : columns.street;
    if (!column) return { sql: '1 = 0', params: [] };
    if (scope.level === 'street' || scope.level === 'community') return { sql: `${column} = ?`, params: [scope.id] };
    return { sql: `${column} IN (SELECT \`r\`.\`id\` FROM \`regions\` \`r\` WHERE \`r\`.\`path\` LIKE ?)`, params: [subtreePattern(scope.path)] };
  }
  const cols = columns.organisation ?? [];
  if (!cols.length) return { sql: '1 = 0', params: [] };
  const sub = '(SELECT `o`.`id` FROM `organisations` `o` WHERE `o`.`path` LIKE ?)';
  return { sql: `(${cols.map((c) => `${c} IN ${sub}`).join(' OR ')})`, params: cols.map(() => subtreePattern(scope.path)) };
}

/** A datetime column's raw value from `manager.query` as a Date (SQLite gives strings, MariaDB Dates). */
export function datetimeOf(dataSource: DataSource, entity: EntityTarget<unknown>, property: string, value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return dataSource.driver.prepareHydratedValue(value, dataSource.getMetadata(entity).findColumnWithPropertyName(property)!) as Date;
}

/** A Date as the driver stores it in that column (a parameter of a raw query). */
export function datetimeParam(dataSource: DataSource, entity: EntityTarget<unknown>, property: string, value: Date): unknown {
  return dataSource.driver.preparePersistentValue(value, dataSource.getMetadata(entity).findColumnWithPropertyName(property)!);
}
