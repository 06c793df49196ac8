import { Injectable } from '@nestjs/common';
import type { RegionLevel, Role, ScopeKind } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import { RegionEntity } from '../../modules/regions/region.entity';
import { AppException } from '../errors/app.exception';
import { isWithin } from '../tree/materialised-path';
import { Principal, PrincipalAssignment, ScopeNode } from './principal';

/** A role assignment with its scope node, as loadPrincipal and loadAssignments read it (portable SQL). */
const ASSIGNMENT_SELECT =
  'SELECT `u`.`id` AS `userId`, `u`.`openid` AS `openid`, `a`.`id` AS `id`, `a`.`role` AS `role`, `a`.`regionId` AS `regionId`, ' +
  '`a`.`organisationId` AS `organisationId`, `r`.`path` AS `regionPath`, `r`.`name` AS `regionName`, `r`.`level` AS `regionLevel`, ' +
  '`o`.`path` AS `orgPath`, `o`.`name` AS `orgName`';
const ASSIGNMENT_JOINS = 'LEFT JOIN `regions` `r` ON `r`.`id` = `a`.`regionId` LEFT JOIN `organisations` `o` ON `o`.`id` = `a`.`organisationId`';

interface AssignmentRow {
  userId: string;
  openid: string;
  id: string | null;
  role: Role;
  regionId: string | null;
  organisationId: string | null;
  regionPath: string | null;
  regionName: string | null;
  regionLevel: RegionLevel | null;
  orgPath: string | null;
  orgName: string | null;
}

function toAssignment(row: AssignmentRow): PrincipalAssignment {
  return {
    id: row.id!,
    role: row.role,
    scopeKind: row.regionId ? 'region' : row.organisationId ? 'organisation' : null,
    scopeId: row.regionId ?? row.organisationId ?? null,
    scopeName: row.regionName ?? row.orgName ?? null,
    scopePath: row.regionPath ?? row.orgPath ?? null,
    regionLevel: row.regionLevel,
  };
}

/**
 * The one place that decides whether a principal may act on a node. The guard uses it for route rules;
 * services use `require` for checks that depend on loaded data (e.g. a wish's community).
 */
@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The caller and every role they hold, in one round trip: the guard runs this on every signed-in request
   * (docs/benchmarks.md, part 3). A user without roles comes back as one row with null assignment columns.
   */
  async loadPrincipal(userId: string): Promise<Principal | null> {
    const rows: AssignmentRow[] = await this.dataSource.query(`${ASSIGNMENT_SELECT} FROM \`users\` \`u\` LEFT JOIN \`role_assignments\` \`a\` ON \`a\`.\`userId\` = \`u\`.\`id\` ${ASSIGNMENT_JOINS} WHERE \`u\`.\`id\` = ? ORDER BY \`a\`.\`createdAt\` ASC, \`a\`.\`id\` ASC`, [userId]);
    if (!rows.length) return null;
    return { userId: rows[0].userId, openid: rows[0].openid, assignments: rows.filter((row) => row.id !== null).map(toAssignment) };
  }

  async loadAssignments(userId: string): Promise<PrincipalAssignment[]> {
    const rows: AssignmentRow[] = await this.dataSource.query(`${ASSIGNMENT_SELECT} FROM \`role_assignments\` \`a\` INNER JOIN \`users\` \`u\` ON \`u\`.\`id\` = \`a\`.\`userId\` ${ASSIGNMENT_JOINS} WHERE \`a\`.\`userId\` = ? ORDER BY \`a\`.\`createdAt\` ASC, \`a\`.\`id\` ASC`, [userId]);
    return rows.map(toAssignment);
  }

  /** Finds a scope node by id (or community code); null when it does not exist. */
  async findNode(kind: ScopeKind, ref: string, by: 'id' | 'code' = 'id'): Promise<ScopeNode | null> {
    const row =
      kind === 'region'
        ? await this.dataSource.getRepository(RegionEntity).findOne({ where: by === 'code' ? { code: ref.toUpperCase() } : { id: ref }, select: ['id', 'path'] })
        : await this.dataSource.getRepository(OrganisationEntity).findOne({ where: { id: ref }, select: ['id', 'path'] });
    return row ? { kind, id: row.id, path: row.path } : null;
  }

  /** True when the principal holds one of `roles` on the node or one of its ancestors (system_admin: always). */
  holds(principal: Principal, roles: readonly Role[], node?: ScopeNode | null): boolean {
    return principal.assignments.some((a) => {
      if (a.role === 'system_admin') return true;
      if (!roles.includes(a.role)) return false;
      if (!node) return true;
      return a.scopeKind === node.kind && a.scopePath !== null && isWithin(node.path, a.scopePath);
    });
  }

  require(principal: Principal, roles: readonly Role[], node?: ScopeNode | null, message?: string): void {
    if (!this.holds(principal, roles, node)) throw AppException.forbidden(message);
  }

  /** Assignments of the given roles, for scoping list queries ("my communities"). */
  scopesOf(principal: Principal, roles: readonly Role[], kind: ScopeKind): PrincipalAssignment[] {
    return principal.assignments.filter((a) => roles.includes(a.role) && a.scopeKind === kind);
  }
}
