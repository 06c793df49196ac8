import { Injectable } from '@nestjs/common';
import type { Role, ScopeKind } from '@nuancheng/shared';
import { AppException } from '../errors/app.exception';
import { isWithin } from '../tree/materialised-path';
import type { Principal, PrincipalAssignment, ScopeNode } from './principal';

/**
 * Whether a principal's roles cover a node: pure checks on the assignments the guard loaded (each carries its
 * scope node's materialised path), so no check costs a query. The guard uses it for route rules; services use
 * it to work out the caller's relations to an object (its community, its street, its unit).
 */
@Injectable()
export class AccessService {
  /** True when the principal holds one of `roles` on the node or one of its ancestors (system_admin: always). */
  holds(principal: Principal, roles: readonly Role[], node?: ScopeNode | null): boolean {
    return principal.assignments.some((a) => {
      if (a.role === 'system_admin') return true;
      if (!roles.includes(a.role)) return false;
      if (!node) return true;
      return a.scopeKind === node.kind && a.scopePath !== null && isWithin(node.path, a.scopePath);
    });
  }

  /** True when the principal holds one of `roles` somewhere, but not over `node` (for "not in your area" refusals). */
  holdsElsewhere(principal: Principal, roles: readonly Role[], node: ScopeNode): boolean {
    return !this.holds(principal, roles, node) && principal.assignments.some((a) => roles.includes(a.role));
  }

  /** The assignment that lets the principal act on the node with one of `roles` (for the audit log's role and scope). */
  grantFor(principal: Principal, roles: readonly Role[], node?: ScopeNode | null): PrincipalAssignment | null {
    const covers = (a: PrincipalAssignment) => !node || (a.scopeKind === node.kind && a.scopePath !== null && isWithin(node.path, a.scopePath));
    return principal.assignments.find((a) => roles.includes(a.role) && covers(a)) ?? principal.assignments.find((a) => a.role === 'system_admin') ?? null;
  }

  require(principal: Principal, roles: readonly Role[], node?: ScopeNode | null, message?: string): void {
    if (!this.holds(principal, roles, node)) throw AppException.forbidden(message);
  }

  /** Assignments of the given roles, for scoping list queries ("my communities"). */
  scopesOf(principal: Principal, roles: readonly Role[], kind: ScopeKind): PrincipalAssignment[] {
    return principal.assignments.filter((a) => roles.includes(a.role) && a.scopeKind === kind);
  }

  isSystemAdmin(principal: Principal): boolean {
    return principal.assignments.some((a) => a.role === 'system_admin');
  }
}
