import { IsNull } from 'typeorm';

/**
 * Materialised paths for the region and organisation trees: "/rootId/childId/…/ownId/". A node is inside a
 * subtree when its path starts with the subtree root's path, which an index answers as `path LIKE 'root%'`.
 */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/** Ids from the root down to the node itself. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** LIKE pattern matching the subtree (ids are UUIDs, so no LIKE wildcards need escaping). */
export function subtreePattern(path: string): string {
  return `${path}%`;
}

/** A tree's list query as a `where`: a parent's children, the nodes of a level (under that parent when both are given), or else the roots. */
export function listWhere(query: { parentId?: string; level?: string }): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  if (query.parentId) where.parentId = query.parentId;
  else if (!query.level) where.parentId = IsNull();
  if (query.level) where.level = query.level;
  return where;
}
