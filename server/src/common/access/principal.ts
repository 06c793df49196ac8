import type { RegionLevel, Role, ScopeKind } from '@nuancheng/shared';

export interface PrincipalAssignment {
  id: string;
  role: Role;
  scopeKind: ScopeKind | null;
  scopeId: string | null;
  scopeName: string | null;
  /** Materialised path of the scope node; null for unscoped roles (system_admin). */
  scopePath: string | null;
  /** Level of a region scope (street, community …), so lists can filter on a wish's own columns; null otherwise. */
  regionLevel: RegionLevel | null;
}

/** Who is calling: the user and every role they hold, with the paths of the nodes those roles cover. */
export interface Principal {
  userId: string;
  openid: string;
  /** The session the access token belongs to (sign-out ends it). */
  sessionId: string;
  assignments: PrincipalAssignment[];
}

export interface ScopeNode {
  kind: ScopeKind;
  id: string;
  path: string;
}
