import { Injectable } from '@nestjs/common';
import type { CreateProject, Project, ProjectPage, ProjectUpdateInput, ProjectStatus } from '@nuancheng/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { AuditService } from '../audit/audit.service';
import { LedgerService } from '../ledger/ledger.service';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UploadEntity } from '../uploads/upload.entity';
import { UploadsService } from '../uploads/uploads.service';
import { LivelihoodProjectEntity } from './livelihood-project.entity';
import { ProjectUpdateEntity } from './project-update.entity';

const REFUSALS: Record<ProjectStatus, string> = {
  open: '该项目尚未被认领',
  claimed: '该项目已被认领，正在推进',
  completed: '该项目已完成，等待街道验收',
  verified: '该项目已验收',
};

/** 民生实事: posted by community staff or a street official, claimed by a unit, progressed, completed, verified. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly uploads: UploadsService,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, input: CreateProject): Promise<string> {
    const region = await this.dataSource.getRepository(RegionEntity).findOneBy({ id: input.regionId });
    if (!region || (region.level !== 'community' && region.level !== 'street')) throw AppException.notFound('请选择一个社区或街道');
    this.access.require(principal, ['community_staff', 'street_official', 'committee_admin'], { kind: 'region', id: region.id, path: region.path }, '只有该社区或街道的工作人员可以发布民生实事');
    const ids = pathIds(region.path);
    const now = this.clock.now();
    const id = newId();
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(LivelihoodProjectEntity, {
        id,
        regionId: region.id,
        streetId: region.level === 'street' ? region.id : ids.at(-2)!,
        communityId: region.level === 'community' ? region.id : null,
        title: input.title,
        description: input.description,
        location: input.location,
        estimatedScale: input.estimatedScale ?? null,
        status: 'open',
        organisationId: null,
        percent: 0,
        postedByUserId: principal.userId,
        claimedByUserId: null,
        verifiedByUserId: null,
        claimedAt: null,
        completedAt: null,
        verifiedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(manager, { actorId: principal.userId, action: 'project.create', subjectType: 'project', subjectId: id });
    });
    return id;
  }

  /** Conditional on the state read: of two racing changes one wins, the other gets a 409. */
  private async move(manager: EntityManager, project: LivelihoodProjectEntity, from: ProjectStatus, changes: Partial<LivelihoodProjectEntity>): Promise<void> {
    if (project.status !== from) throw AppException.conflict(REFUSALS[project.status], ErrorCode.WrongState);
    const result = await manager.update(LivelihoodProjectEntity, { id: project.id, status: from }, { ...changes, updatedAt: this.clock.now() });
    if (!result.affected) throw AppException.conflict('该项目刚刚被他人处理，请刷新后再试', ErrorCode.WrongState);
  }

  private async load(manager: EntityManager, id: string): Promise<LivelihoodProjectEntity> {
    const project = await manager.findOneBy(LivelihoodProjectEntity, { id });
    if (!project) throw AppException.notFound('没有找到这个民生实事项目');
    return project;
  }

  private async requireOrgAdmin(manager: EntityManager, principal: Principal, organisationId: string): Promise<OrganisationEntity> {
    const organisation = await manager.findOneBy(OrganisationEntity, { id: organisationId });
    if (!organisation) throw AppException.notFound('没有找到这个单位');
    this.access.require(principal, ['org_admin', 'branch_secretary'], { kind: 'organisation', id: organisation.id, path: organisation.path }, '只有认领单位的党组织管理员可以操作');
    return organisation;
  }

  async claim(principal: Principal, id: string, organisationId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const project = await this.load(manager, id);
      await this.requireOrgAdmin(manager, principal, organisationId);
      await this.move(manager, project, 'open', { status: 'claimed', organisationId, claimedByUserId: principal.userId, claimedAt: this.clock.now() });
    });
  }

  async addUpdate(principal: Principal, id: string, input: ProjectUpdateInput): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const project = await this.load(manager, id);
      if (project.status !== 'claimed') throw AppException.conflict(project.status === 'open' ? '请先认领项目再更新进度' : REFUSALS[project.status], ErrorCode.WrongState);
      await this.requireOrgAdmin(manager, principal, project.organisationId!);
      if (input.percent < project.percent) throw AppException.badRequest(`进度不能低于上次的 ${project.percent}%`);
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      const updateId = newId();
      const now = this.clock.now();
      await manager.insert(ProjectUpdateEntity, { id: updateId, projectId: id, percent: input.percent, note: input.note, authorUserId: principal.userId, createdAt: now });
      if (photos.length) await this.uploads.attach(manager, photos.map((p) => p.id), `project-update:${updateId}`);
      await manager.update(LivelihoodProjectEntity, { id, status: 'claimed' }, { percent: input.percent, updatedAt: now });
      await this.ledger.credit(manager, {
        memberId: null,
        organisationId: project.organisationId,
        kind: 'project_update',
        sourceType: 'project_update',
        sourceId: updateId,
        description: `民生实事进展：${project.title}（${input.percent}%）`,
        occurredAt: now,
      });
    });
  }

  async complete(principal: Principal, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const project = await this.load(manager, id);
      if (project.organisationId) await this.requireOrgAdmin(manager, principal, project.organisationId);
      await this.move(manager, project, 'claimed', { status: 'completed', percent: 100, completedAt: this.clock.now() });
    });
  }

  async verify(principal: Principal, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const project = await this.load(manager, id);
      const street = await manager.findOneByOrFail(RegionEntity, { id: project.streetId });
      this.access.require(principal, ['street_official', 'committee_admin'], { kind: 'region', id: street.id, path: street.path }, '只有所在街道可以验收');
      await this.move(manager, project, 'completed', { status: 'verified', verifiedByUserId: principal.userId, verifiedAt: this.clock.now() });
    });
  }

  async list(query: { streetId?: string; communityId?: string; status?: ProjectStatus; page: number; pageSize: number }): Promise<ProjectPage> {
    const where = { ...(query.streetId ? { streetId: query.streetId } : {}), ...(query.communityId ? { communityId: query.communityId } : {}), ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await this.dataSource.getRepository(LivelihoodProjectEntity).findAndCount({ where, order: { createdAt: 'DESC', id: 'DESC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    return { items: await this.present(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<Project> {
    const [project] = await this.present([await this.load(this.dataSource.manager, id)]);
    return project;
  }

  private async present(rows: LivelihoodProjectEntity[]): Promise<Project[]> {
    if (!rows.length) return [];
    const regionIds = [...new Set(rows.flatMap((p) => [p.regionId, p.streetId]))];
    const regions = new Map((await this.dataSource.getRepository(RegionEntity).findBy({ id: In(regionIds) })).map((r) => [r.id, r]));
    const orgIds = rows.map((p) => p.organisationId).filter((id): id is string => !!id);
    const orgs = new Map((orgIds.length ? await this.dataSource.getRepository(OrganisationEntity).findBy({ id: In(orgIds) }) : []).map((o) => [o.id, o]));
    const updates = await this.dataSource.getRepository(ProjectUpdateEntity).find({ where: { projectId: In(rows.map((p) => p.id)) }, order: { createdAt: 'ASC' } });
    const photos = updates.length ? await this.dataSource.getRepository(UploadEntity).find({ where: { attachedTo: In(updates.map((u) => `project-update:${u.id}`)) }, order: { createdAt: 'ASC' } }) : [];
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return rows.map((p) => {
      const region = regions.get(p.regionId)!;
      const org = p.organisationId ? orgs.get(p.organisationId) : undefined;
      return {
        id: p.id,
        title: p.title,
        description: p.description,
        location: p.location,
        estimatedScale: p.estimatedScale,
        status: p.status,
        region: { id: region.id, name: region.name, level: region.level },
        street: { id: p.streetId, name: regions.get(p.streetId)!.name },
        organisation: org ? { id: org.id, name: org.name } : null,
        percent: p.percent,
        updates: updates
          .filter((u) => u.projectId === p.id)
          .map((u) => ({
            id: u.id,
            percent: u.percent,
            note: u.note,
            photos: photos.filter((ph) => ph.attachedTo === `project-update:${u.id}`).map((ph) => this.uploads.publicUrls(ph)),
            at: u.createdAt.toISOString(),
          })),
        createdAt: p.createdAt.toISOString(),
        claimedAt: iso(p.claimedAt),
        completedAt: iso(p.completedAt),
        verifiedAt: iso(p.verifiedAt),
      };
    });
  }
}
