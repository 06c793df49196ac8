import { Injectable } from '@nestjs/common';
import { CreateOrganisationInput, ORGANISATION_CHILD_LEVELS, Organisation, OrganisationLevel, UpdateOrganisationInput } from '@nuancheng/shared';
import { DataSource, EntityManager, In, Like } from 'typeorm';
import type { ScopeNode } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { AppException } from '../../common/errors/app.exception';
import { isForeignKeyViolation } from '../../common/errors/error.filter';
import { newId } from '../../common/ids';
import { childPath, listWhere, pathIds, subtreePattern } from '../../common/tree/materialised-path';
import { AuditService } from '../audit/audit.service';
import { OrganisationEntity } from './organisation.entity';
import { inTransaction } from '../../common/database/transaction';

export const toOrganisation = ({ id, parentId, level, name }: OrganisationEntity): Organisation => ({ id, parentId, level, name });

const LEVEL_LABELS: Record<OrganisationLevel, string> = {
  work_committee: '工委',
  unit: '机关单位',
  party_committee: '机关党委/党总支',
  branch: '党支部',
};

/** An organisation as other modules read it: the public fields and its materialised path. */
export type OrganisationNode = Organisation & { path: string };

const toNode = (entity: OrganisationEntity): OrganisationNode => ({ ...toOrganisation(entity), path: entity.path });

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(OrganisationEntity);
  }

  async list(query: { parentId?: string; level?: OrganisationLevel }): Promise<Organisation[]> {
    return (await this.repo.find({ where: listWhere(query), order: { name: 'ASC' } })).map(toOrganisation);
  }

  /** Inside a transaction pass its manager: a second pooled connection per transaction can starve the pool. */
  async findNode(id: string, manager: EntityManager = this.dataSource.manager): Promise<ScopeNode | null> {
    const row = await manager.findOne(OrganisationEntity, { where: { id }, select: ['id', 'path'] });
    return row ? { kind: 'organisation', id: row.id, path: row.path } : null;
  }

  async nodeOf(id: string, manager: EntityManager = this.dataSource.manager): Promise<OrganisationNode | null> {
    const row = await manager.findOneBy(OrganisationEntity, { id });
    return row ? toNode(row) : null;
  }

  async nodesOf(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, OrganisationNode>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return new Map((await manager.findBy(OrganisationEntity, { id: In(unique) })).map((o) => [o.id, toNode(o)]));
  }

  /** The unit and the branch an organisation node sits under, as the ledger records where a member served from. */
  async unitNodeOf(organisation: Pick<OrganisationNode, 'path'>, manager: EntityManager = this.dataSource.manager): Promise<OrganisationNode | null> {
    const unit = await this.unitOf(organisation, manager);
    return unit ? toNode(unit) : null;
  }

  async require(id: string): Promise<OrganisationEntity> {
    const organisation = await this.repo.findOneBy({ id });
    if (!organisation) throw AppException.notFound('组织不存在');
    return organisation;
  }

  /** Every organisation in a subtree, itself included (a unit's party committees and branches). */
  async subtree(organisation: Pick<OrganisationNode, 'path'>, manager: EntityManager = this.dataSource.manager): Promise<OrganisationNode[]> {
    return (await manager.find(OrganisationEntity, { where: { path: Like(subtreePattern(organisation.path)) }, order: { path: 'ASC' } })).map(toNode);
  }

  /** Branches inside an organisation's subtree (the organisation itself when it is a branch). */
  async branchesWithin(organisation: Pick<OrganisationNode, 'path'>): Promise<OrganisationNode[]> {
    return (await this.repo.find({ where: { path: Like(subtreePattern(organisation.path)), level: 'branch' } })).map(toNode);
  }

  async requireNode(id: string): Promise<OrganisationNode> {
    return toNode(await this.require(id));
  }

  /** The unit an organisation belongs to (itself when it is a unit); null above unit level. */
  async unitOf(organisation: Pick<OrganisationEntity, 'path'>, manager: EntityManager = this.dataSource.manager): Promise<OrganisationEntity | null> {
    const ids = pathIds(organisation.path);
    if (ids.length === 0) return null;
    return manager.findOne(OrganisationEntity, { where: ids.map((id) => ({ id, level: 'unit' as const })) });
  }

  async create(input: CreateOrganisationInput, actorId: string): Promise<Organisation> {
    const parent = input.parentId ? await this.require(input.parentId) : null;
    const allowed: OrganisationLevel[] = parent ? ORGANISATION_CHILD_LEVELS[parent.level] : ['work_committee'];
    if (!allowed.includes(input.level)) {
      throw AppException.badRequest(allowed.length ? `该组织下只能创建：${allowed.map((l) => LEVEL_LABELS[l]).join('、')}` : '党支部下不能再创建下级组织');
    }
    const id = newId();
    const now = this.clock.now();
    const entity: OrganisationEntity = {
      id,
      parentId: parent?.id ?? null,
      level: input.level,
      name: input.name,
      path: childPath(parent?.path ?? null, id),
      createdAt: now,
      updatedAt: now,
    };
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(OrganisationEntity, entity);
      await this.audit.record(manager, { actorId, action: 'organisation.create', subjectType: 'organisation', subjectId: id, detail: { name: input.name } });
    });
    return toOrganisation(entity);
  }

  async update(id: string, input: UpdateOrganisationInput, actorId: string): Promise<Organisation> {
    const organisation = await this.require(id);
    const changes = { name: input.name, updatedAt: this.clock.now() };
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(OrganisationEntity, { id }, changes);
      await this.audit.record(manager, { actorId, action: 'organisation.update', subjectType: 'organisation', subjectId: id, detail: { ...input } });
    });
    return toOrganisation({ ...organisation, ...changes });
  }

  async remove(id: string, actorId: string): Promise<void> {
    await this.require(id);
    if (await this.repo.existsBy({ parentId: id })) throw AppException.conflict('请先删除下级组织');
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.delete(OrganisationEntity, { id });
        await this.audit.record(manager, { actorId, action: 'organisation.delete', subjectType: 'organisation', subjectId: id });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw AppException.conflict('该组织仍有党员或业务数据，不能删除');
      throw error;
    }
  }
}
