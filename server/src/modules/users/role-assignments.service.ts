import { Injectable } from '@nestjs/common';
import { Role, ScopeKind, maskPhone } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { AppException } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import { AuditService } from '../audit/audit.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { UserEntity } from './user.entity';
import { inTransaction } from '../../common/database/transaction';

/** Which tree each grantable role lives in, and which roles may grant it (inside their own subtree). */
const GRANTABLE: Partial<Record<Role, { kind: ScopeKind; grantedBy: Role[] }>> = {
  community_staff: { kind: 'region', grantedBy: ['committee_admin', 'street_official'] },
  street_official: { kind: 'region', grantedBy: ['committee_admin'] },
  committee_admin: { kind: 'region', grantedBy: ['committee_admin'] },
  branch_secretary: { kind: 'organisation', grantedBy: ['committee_admin', 'org_admin'] },
  org_admin: { kind: 'organisation', grantedBy: ['committee_admin'] },
};

export interface RoleHolder {
  id: string;
  role: Role;
  scopeKind: ScopeKind | null;
  scopeId: string | null;
  scopeName: string | null;
  userId: string;
  phoneMasked: string | null;
  memberName: string | null;
}

@Injectable()
export class RoleAssignmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
  ) {}

  private displayNames: (userIds: string[]) => Promise<Map<string, string>> = async () => new Map();

  /**
   * The members module tells this one how to name role holders who are on a roster (users know no names, and
   * must not depend on members): a query hook registered at start-up, like an event subscription.
   */
  useDisplayNames(resolver: (userIds: string[]) => Promise<Map<string, string>>): void {
    this.displayNames = resolver;
  }

  findNode(kind: ScopeKind, id: string): Promise<ScopeNode | null> {
    return kind === 'region' ? this.regions.findNode(id) : this.organisations.findNode(id);
  }

  async grant(principal: Principal, input: { phone: string; role: Role; regionId?: string; organisationId?: string }): Promise<RoleHolder> {
    const rule = GRANTABLE[input.role];
    if (!rule) throw AppException.badRequest('该角色不能手动授予');
    const kind: ScopeKind = input.regionId ? 'region' : 'organisation';
    if (kind !== rule.kind) throw AppException.badRequest(rule.kind === 'region' ? '该角色应授予在区域（社区/街道/区市）上' : '该角色应授予在组织上');
    const node = await this.findNode(kind, (input.regionId ?? input.organisationId)!);
    if (!node) throw AppException.notFound(kind === 'region' ? '区域不存在' : '组织不存在');
    this.access.require(principal, rule.grantedBy, node, '只能在自己管辖的范围内授予角色');
    const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { phoneHash: this.cipher.hash(input.phone) } });
    if (!user) throw AppException.notFound('该手机号还没有登录小程序并绑定手机号，请对方先登录绑定');
    const duplicate = await this.dataSource.getRepository(RoleAssignmentEntity).existsBy({
      userId: user.id,
      role: input.role,
      ...(kind === 'region' ? { regionId: node.id } : { organisationId: node.id }),
    });
    if (duplicate) throw AppException.conflict('该用户已拥有这个角色');
    const id = newId();
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(RoleAssignmentEntity, {
        id,
        userId: user.id,
        role: input.role,
        regionId: kind === 'region' ? node.id : null,
        organisationId: kind === 'organisation' ? node.id : null,
        grantedBy: principal.userId,
        createdAt: this.clock.now(),
      });
      await this.audit.record(manager, { actorId: principal.userId, action: 'role.grant', subjectType: 'user', subjectId: user.id, detail: { role: input.role, scopeId: node.id } });
    });
    return (await this.holders({ [kind === 'region' ? 'regionId' : 'organisationId']: node.id })).find((h) => h.id === id)!;
  }

  async revoke(principal: Principal, assignmentId: string): Promise<void> {
    const assignment = await this.dataSource.getRepository(RoleAssignmentEntity).findOneBy({ id: assignmentId });
    if (!assignment) throw AppException.notFound('角色授予记录不存在');
    const rule = GRANTABLE[assignment.role];
    if (!rule) throw AppException.badRequest('该角色不能手动撤销');
    const node = await this.findNode(rule.kind, (assignment.regionId ?? assignment.organisationId)!);
    this.access.require(principal, rule.grantedBy, node, '只能撤销自己管辖范围内的角色');
    await inTransaction(this.dataSource, async (manager) => {
      await manager.delete(RoleAssignmentEntity, { id: assignmentId });
      await this.audit.record(manager, { actorId: principal.userId, action: 'role.revoke', subjectType: 'user', subjectId: assignment.userId, detail: { role: assignment.role } });
    });
  }

  /** Holders of roles on exactly one node (phones masked). */
  async holders(where: { regionId?: string; organisationId?: string }): Promise<RoleHolder[]> {
    if (!where.regionId && !where.organisationId) throw AppException.badRequest('请指定 regionId 或 organisationId');
    const rows = await this.dataSource.getRepository(RoleAssignmentEntity).find({
      where: where.regionId ? { regionId: where.regionId } : { organisationId: where.organisationId },
      relations: { user: true },
      order: { createdAt: 'ASC' },
    });
    const scopeName = where.regionId ? (await this.regions.require(where.regionId)).name : (await this.organisations.require(where.organisationId!)).name;
    const names = rows.length ? await this.displayNames(rows.map((r) => r.userId)) : new Map<string, string>();
    // Holders' names in full (phones masked): a read of personal data, on record.
    await this.audit.record(this.dataSource.manager, {
      action: 'role.holders.read',
      subjectType: where.regionId ? 'region' : 'organisation',
      subjectId: (where.regionId ?? where.organisationId)!,
      fields: ['name'],
      reason: '角色管理',
      detail: { holders: rows.length },
      read: true,
    });
    return rows.map((r) => ({
      id: r.id,
      role: r.role,
      scopeKind: r.regionId ? 'region' : 'organisation',
      scopeId: r.regionId ?? r.organisationId,
      scopeName,
      userId: r.userId,
      phoneMasked: r.user?.phoneCipher ? maskPhone(this.cipher.decrypt(r.user.phoneCipher)) : null,
      memberName: names.get(r.userId) ?? null,
    }));
  }
}
