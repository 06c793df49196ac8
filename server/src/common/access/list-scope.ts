import type { Role } from '@nuancheng/shared';
import { subtreePattern } from '../tree/materialised-path';
import type { Principal } from './principal';

/** A condition for raw SQL with its `?` parameters. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** The columns of a list's main table that place a row in the two trees (backquoted, with the table's alias). */
export interface ScopeColumns {
  /** The row's community (wishes, activities …). */
  community?: string;
  /** The row's street. */
  street?: string;
  /** The row's organisation (a unit or a branch). */
  organisation?: string;
}

/**
 * The one scope filter every list route uses: the caller's assignments of `roles` as a condition on a row,
 * over both trees; null when the caller holds none of those roles (the route refuses then). A street or
 * community scope compares the row's own column (which list indexes lead with); a wider region scope, and every
 * organisation scope, asks the tree's materialised paths — one indexed `LIKE 'prefix%'` subquery.
 */
export function listScope(principal: Principal, roles: readonly Role[], columns: ScopeColumns): SqlCondition | null {
  if (principal.assignments.some((a) => a.role === 'system_admin')) return { sql: '1 = 1', params: [] };
  const parts: Array<{ sql: string; param: unknown }> = [];
  for (const a of principal.assignments) {
    if (!roles.includes(a.role) || !a.scopePath) continue;
    if (a.scopeKind === 'region') {
      if (a.regionLevel === 'street' && columns.street) parts.push({ sql: `${columns.street} = ?`, param: a.scopeId });
      else if (a.regionLevel === 'community' && columns.community) parts.push({ sql: `${columns.community} = ?`, param: a.scopeId });
      else if (columns.community) parts.push({ sql: `${columns.community} IN (SELECT \`r\`.\`id\` FROM \`regions\` \`r\` WHERE \`r\`.\`path\` LIKE ?)`, param: subtreePattern(a.scopePath) });
      else if (columns.street) parts.push({ sql: `${columns.street} IN (SELECT \`r\`.\`id\` FROM \`regions\` \`r\` WHERE \`r\`.\`path\` LIKE ?)`, param: subtreePattern(a.scopePath) });
    } else if (a.scopeKind === 'organisation' && columns.organisation) {
      parts.push({ sql: `${columns.organisation} IN (SELECT \`o\`.\`id\` FROM \`organisations\` \`o\` WHERE \`o\`.\`path\` LIKE ?)`, param: subtreePattern(a.scopePath) });
    }
  }
  if (!parts.length) return null;
  return { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.map((p) => p.param) };
}
