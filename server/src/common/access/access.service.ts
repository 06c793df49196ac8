import { Injectable } from '@nestjs/common';
import { Role, ScopeKind } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import { RegionEntity } from '../../modules/regions/region.entity';
import { RoleAssignmentEntity } from '../../modules/users/role-assignment.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { AppException } from '../errors/app.exception';
import { isWithin } from '../tree/materialised-path';
import { Principal, PrincipalAssignment, ScopeNode } from './principal';

/**
 * The one place that decides whether a principal may act on a node. The guard uses it for route rules;
 * services use `require` for checks that depend on loaded data (e.g. a wish's community).
 */
@Injectable()
export class AccessService {
  constructor(private readonly dataSource: DataSource) {}

  async loadPrincipal(userId: string): Promise<Principal | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: userId }, select: ['id', 'openid'] });
    if (!user) return null;
    return { userId: user.id, openid: user.openid, assignments: await this.loadAssignments(userId) };
  }

  async loadAssignments(userId: string): Promise<PrincipalAssignment[]> {
    const rows = await this.dataSource
      .getRepository(RoleAssignmentEntity)
      .createQueryBuilder('a')
      .leftJoin(RegionEntity, 'r', 'r.id = a.regionId')
      .leftJoin(OrganisationEntity, 'o', 'o.id = a.organisationId')
      .select(['a.id AS id', 'a.role AS role', 'a.regionId AS regionId', 'a.organisationId AS organisationId'])
      .addSelect(['r.path AS regionPath', 'r.name AS regionName', 'o.path AS orgPath', 'o.name AS orgName'])
      .where('a.userId = :userId', { userId })
      .orderBy('a.createdAt', 'ASC')
      .getRawMany<Record<string, string | null>>();
    return rows.map((row) => {
      const kind: ScopeKind | null = row.regionId ? 'region' : row.organisationId ? 'organisation' : null;
      return {
        id: row.id!,
        role: row.role as Role,
        scopeKind: kind,
        scopeId: row.regionId ?? row.organisationId ?? null,
        scopeName: row.regionName ?? row.orgName ?? null,
        scopePath: row.regionPath ?? row.orgPath ?? null,
      };
    });
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
