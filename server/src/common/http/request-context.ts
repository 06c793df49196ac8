import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';
import type { Principal, PrincipalAssignment } from '../access/principal';

/**
 * What the audit log needs to know about the request in progress, captured once (app.factory.ts, a preHandler
 * hook) and read wherever an entry is written, instead of passing IP and user agent through every service.
 */
export interface RequestContext {
  method: string;
  /** The route as declared, e.g. `/api/wishes/:id/claim`. */
  route: string;
  params: Record<string, string>;
  /** The client address as Fastify resolved it (X-Forwarded-For only from TRUST_PROXY). */
  ip: string | null;
  userAgent: string | null;
  /** Set by the access guard once the token is checked. */
  principal?: Principal;
  /** The assignment the guard let the call through with (an @Allow route); null for @Authenticated/@Public. */
  grant?: PrincipalAssignment | null;
  /** An actor known before any principal exists (sign-in). */
  actorId?: string;
  /** A write route: it owes the log one entry. */
  write: boolean;
  /** The command's own entry has been written (explicitly by a service, or by `writeEntry`). */
  recorded: boolean;
  /**
   * A list or dashboard route (@ReadReplica): its reads may go to a read replica (DATABASE_REPLICA_URLS) until
   * the request's first write; set by the access guard once the caller is known (auth reads stay on the primary).
   */
  replicaReads?: boolean;
  /** The request asked the primary for a transaction, a write or a raw query: every later read goes there too. */
  wrotePrimary?: boolean;
  /** Writes the route's entry in the command's transaction, just before it commits (set by the audit module). */
  writeEntry?: (manager: EntityManager, result: unknown) => Promise<void>;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext(context: RequestContext, next: () => void): void {
  storage.run(context, next);
}

/** The current request's context; undefined in jobs, start-up and tests that call services directly. */
export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Names the actor of a request that has no principal yet (a sign-in names the user it signed in). */
export function setRequestActor(userId: string): void {
  const context = storage.getStore();
  if (context) context.actorId = userId;
}
