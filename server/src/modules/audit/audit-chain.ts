import { createHash } from 'node:crypto';

/**
 * An entry written but not yet linked (hash column): the linker job gives it its seq, prevHash and hash in id
 * order. Entries from before the chain have a null hash; linked ones a 64-hex one.
 */
export const PENDING_HASH = 'pending';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers, in a fixed order (everything but the hash itself). */
export interface ChainedFields {
  seq: number;
  id: string;
  createdAt: Date;
  actorId: string | null;
  role: string | null;
  scopeId: string | null;
  scopeName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  result: string | null;
  fields: string | null;
  reason: string | null;
  detail: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string | null;
}

/** sha256 over a canonical JSON array of the fields (v1: a change of the recipe gets a new version tag). */
export function entryHash(e: ChainedFields): string {
  const canonical = JSON.stringify([
    'v1',
    e.seq,
    e.id,
    e.createdAt.toISOString(),
    e.actorId,
    e.role,
    e.scopeId,
    e.scopeName,
    e.action,
    e.subjectType,
    e.subjectId,
    e.result,
    e.fields,
    e.reason,
    e.detail,
    e.ip,
    e.userAgent,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
