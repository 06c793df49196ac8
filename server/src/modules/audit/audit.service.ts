import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { insertRow } from '../../common/database/insert-row';
import { inTransaction } from '../../common/database/transaction';
import { RequestContext, requestContext } from '../../common/http/request-context';
import { newId } from '../../common/ids';
import { AuditChainHeadEntity } from './audit-chain.entity';
import { GENESIS_HASH, PENDING_HASH } from './audit-chain';
import { AuditLogEntity } from './audit-log.entity';

export type AuditResult = 'ok' | 'refused' | 'error';

export interface AuditEntry {
  /** Defaults to the request's principal (or the user a sign-in named). */
  actorId?: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
  /** Defaults to the request's client address. */
  ip?: string | null;
  result?: AuditResult;
  /** Unmasked reads: which personal fields were shown (defaults to `detail.fields`). */
  fields?: string[];
  /** Why (the break-glass reason, the relation that entitles a read); defaults to `detail.reason`. */
  reason?: string;
  /**
   * An unmasked read that goes with another command (the contact shown with a claim): it does not stand in for
   * the command's own entry, which the route then still writes.
   */
  read?: boolean;
}

export const HEAD_ID = 1;

/**
 * Appends to the audit log: inside the caller's transaction (the record and the change land together), or in a
 * transaction of its own when the caller has none. An append is a plain insert, unlinked (`hash = 'pending'`, no
 * seq): it takes no shared lock, so writes of different instances do not wait on each other. The
 * `audit-chain-link` job (AuditLinkerService) then links pending entries in id order under the head lock, so the
 * log is still one chain however many instances write to it.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    if (manager.queryRunner?.isTransactionActive) return this.append(manager, entry, requestContext());
    const context = requestContext();
    return inTransaction(this.dataSource, (m) => this.append(m, entry, context));
  }

  /** A write route's own entry, in the command's transaction (called by inTransaction before it commits). */
  async recordRoute(manager: EntityManager, context: RequestContext, outcome: { result: AuditResult; status: number; body?: unknown }): Promise<void> {
    const created = outcome.body && typeof outcome.body === 'object' ? (outcome.body as { id?: unknown }).id : undefined;
    const { action, subjectType, subjectId, rest } = routeTarget(context);
    const code = outcome.body && typeof outcome.body === 'object' ? (outcome.body as { code?: unknown }).code : undefined;
    await this.append(
      manager,
      {
        action,
        subjectType,
        subjectId: subjectId ?? (typeof created === 'string' && created.length <= 36 ? created : (context.principal?.userId ?? context.actorId ?? null)),
        result: outcome.result,
        detail: {
          route: `${context.method} ${context.route}`,
          status: outcome.status,
          ...(Object.keys(rest).length ? { params: rest } : {}),
          ...(typeof code === 'string' && outcome.result !== 'ok' ? { code } : {}),
        },
      },
      context,
    );
  }

  /** The route's entry after the handler (it ran no transaction, or was refused): its own transaction. */
  async recordRouteAfter(context: RequestContext, status: number, body: unknown): Promise<void> {
    const result: AuditResult = status >= 500 ? 'error' : status >= 400 ? 'refused' : 'ok';
    // Marked first: the transaction below must not write it a second time (inTransaction's pre-commit entry).
    context.recorded = true;
    await inTransaction(this.dataSource, (m) => this.recordRoute(m, context, { result, status, body }));
  }

  private async append(manager: EntityManager, entry: AuditEntry, context: RequestContext | undefined): Promise<void> {
    const grant = context?.grant;
    const roles = context?.principal ? [...new Set(context.principal.assignments.map((a) => a.role))].join(',') : '';
    const detailFields = Array.isArray(entry.detail?.fields) ? (entry.detail.fields as string[]) : undefined;
    const detailReason = typeof entry.detail?.reason === 'string' ? entry.detail.reason : undefined;
    const fields = entry.fields ?? detailFields;
    const row = {
      seq: null,
      id: newId(),
      createdAt: this.clock.now(),
      actorId: entry.actorId !== undefined ? entry.actorId : (context?.principal?.userId ?? context?.actorId ?? null),
      role: grant ? grant.role : context?.principal ? roles.slice(0, 64) || 'resident' : null,
      scopeId: grant?.scopeId ?? null,
      scopeName: grant?.scopeName?.slice(0, 64) ?? null,
      action: entry.action,
      subjectType: entry.subjectType.slice(0, 32),
      subjectId: entry.subjectId ?? null,
      result: entry.result ?? 'ok',
      fields: fields?.length ? fields.join(',').slice(0, 200) : null,
      reason: (entry.reason ?? detailReason)?.slice(0, 500) ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: (entry.ip !== undefined ? entry.ip : (context?.ip ?? null))?.slice(0, 64) ?? null,
      userAgent: context?.userAgent?.slice(0, 200) ?? null,
      prevHash: null,
      hash: PENDING_HASH,
    };
    await insertRow(manager, AuditLogEntity, row);
    if (context && !entry.read) context.recorded = true;
  }

  /**
   * The head row, locked until the transaction ends (the linker and the retention purge take it; appends do not): `FOR UPDATE` on MariaDB/MySQL; on SQLite a write first, which
   * takes the database's one write lock (a second process waits for it, or retries on SQLITE_BUSY).
   */
  async lockHead(manager: EntityManager): Promise<{ seq: number; hash: string }> {
    const sqlite = manager.connection.options.type === 'better-sqlite3';
    if (sqlite) await manager.query('UPDATE audit_chain_heads SET seq = seq WHERE id = ?', [HEAD_ID]);
    const query = manager.createQueryBuilder(AuditChainHeadEntity, 'h').where('h.id = :id', { id: HEAD_ID });
    const head = await (sqlite ? query : query.setLock('pessimistic_write')).getOne();
    if (head) return head;
    // A database migrated without its head row (cannot happen through the migration): start the chain.
    await manager.insert(AuditChainHeadEntity, { id: HEAD_ID, seq: 0, hash: GENESIS_HASH });
    return { seq: 0, hash: GENESIS_HASH };
  }
}

/**
 * A route's action and target, read from its path: `POST /api/wishes/:id/claim` → `wishes.claim` on wishes:<id>;
 * a path ending at a collection or a parameter gets the method's verb (`regions.create`, `regions.update`).
 */
export function routeTarget(context: Pick<RequestContext, 'method' | 'route' | 'params'>): {
  action: string;
  subjectType: string;
  subjectId: string | null;
  rest: Record<string, string>;
} {
  const { action, subjectType, first, others } = routeShape(context.method, context.route);
  const rest: Record<string, string> = {};
  for (const n of others) rest[n] = context.params[n] ?? '';
  return { action, subjectType, subjectId: first ? (context.params[first]?.slice(0, 36) ?? null) : null, rest };
}

interface RouteShape {
  action: string;
  subjectType: string;
  first: string | undefined;
  others: string[];
}

/** A route's action, subject type and parameter names depend on its method and path alone: worked out once per route. */
const shapes = new Map<string, RouteShape>();

function routeShape(method: string, route: string): RouteShape {
  const key = `${method} ${route}`;
  let shape = shapes.get(key);
  if (shape) return shape;
  const segments = route
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean);
  const named = segments.filter((s) => !s.startsWith(':'));
  const paramNames = segments.filter((s) => s.startsWith(':')).map((s) => s.slice(1));
  const verb = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' }[method] ?? method.toLowerCase();
  const last = segments[segments.length - 1] ?? '';
  const words = named.length === 1 || last.startsWith(':') ? [...named, verb] : named;
  const [first, ...others] = paramNames;
  shape = {
    action: words.join('.').slice(0, 64),
    subjectType: named[0] === 'me' ? (first ? (named[1] ?? 'user') : 'user') : (named[0] ?? 'api'),
    first,
    others,
  };
  shapes.set(key, shape);
  return shape;
}
