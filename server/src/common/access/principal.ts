import type { Role, ScopeKind } from '@nuancheng/shared';

export interface PrincipalAssignment {
  id: string;
  role: Role;
  scopeKind: ScopeKind | null;
  scopeId: string | null;
  scopeName: string | null;
  /** Materialised path of the scope node; null for unscoped roles (system_admin). */
  scopePath: string | null;
}

/** Who is calling: the user and every role they hold, with the paths of the nodes those roles cover. */
export interface Principal {
  userId: string;
  openid: string;
  assignments: PrincipalAssignment[];
}

export interface ScopeNode {
  kind: ScopeKind;
  id: string;
  path: string;
}
