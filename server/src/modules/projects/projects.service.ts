import { Injectable } from '@nestjs/common';
import type { CommitmentCategory, CreateProject, Project, ProjectOfferedAction, ProjectPage, ProjectStatus, ProjectUpdateInput, TimelineEntry } from '@nuancheng/shared';
import { And, DataSource, EntityManager, In, IsNull, LessThan, MoreThanOrEqual } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import type { Actor } from '../../common/workflow/actor';
import { relations, type Relations } from '../../common/workflow/workflow';
import { AuditService } from '../audit/audit.service';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { UploadsService } from '../uploads/uploads.service';
import { WorkflowService } from '../workflow/workflow.service';
import { LivelihoodProjectEntity } from './livelihood-project.entity';
import { ProjectUpdateEntity } from './project-update.entity';
import './projects.events';
import { PROJECT_WORKFLOW, type ProjectRelation } from './projects.policy';
import { waitingItems, type OpenItem, type OpenItemScope } from '../../common/supervision/open-item';

const CLAIMANT_ROLES = ['org_admin', 'branch_secretary'] as const;
const STREET_ROLES = ['street_official', 'committee_admin'] as const;
const STALE = '该项目刚刚被他人处理，请刷新后再试';

/** An open project as the 1+N view lists it among a street's needs (需求清单). */
export interface OpenProject {
  id: string;
  title: string;
  category: CommitmentCategory | null;
  regionId: string;
  communityId: string | null;
  createdAt: Date;
}

const orgNode = (o: OrganisationNode): ScopeNode => ({ kind: 'organisation', id: o.id, path: o.path });
const regionNode = (r: RegionNode): ScopeNode => ({ kind: 'region', id: r.id, path: r.path });

/** An open project unclaimed this long counts as overdue on the supervision board. */
const OPEN_PROJECT_STALE_DAYS = 30;

/** 民生实事: posted by community staff or a street official, claimed by a unit (or a branch), progressed, completed, verified. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly uploads: UploadsService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, input: CreateProject): Promise<Project> {
    const region = await this.regions.nodeOf(input.regionId);
    if (!region || (region.level !== 'community' && region.level !== 'street')) throw AppException.notFound('请选择一个社区或街道');
    this.access.require(principal, ['community_staff', 'street_official', 'committee_admin'], regionNode(region), '只有该社区或街道的工作人员可以发布民生实事');
    const ids = pathIds(region.path);
    const now = this.clock.now();
    const id = newId();
    return inTransaction(this.dataSource, async (manager) => {
      await manager.insert(LivelihoodProjectEntity, {
        id,
        regionId: region.id,
        streetId: region.level === 'street' ? region.id : ids.at(-2)!,
        communityId: region.level === 'community' ? region.id : null,
        title: input.title,
        description: input.description,
        location: input.location,
        estimatedScale: input.estimatedScale ?? null,
        category: input.category ?? null,
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
      await this.workflow.record(manager, { subjectType: 'project', subjectId: id, action: 'post', from: null, to: 'open', actor: this.posterActor(principal, region), note: null });
      await this.audit.record(manager, { actorId: principal.userId, action: 'project.create', subjectType: 'project', subjectId: id });
      return this.get(id, principal, manager);
    });
  }

  private posterActor(principal: Principal, region: RegionNode): Actor {
    const role = (['community_staff', 'street_official', 'committee_admin'] as const).find((r) => this.access.holds(principal, [r], regionNode(region))) ?? 'system_admin';
    return { userId: principal.userId, role, name: region.name };
  }

  private async load(manager: EntityManager, id: string): Promise<LivelihoodProjectEntity> {
    const project = await manager.findOneBy(LivelihoodProjectEntity, { id });
    if (!project) throw AppException.notFound('没有找到这个民生实事项目');
    return project;
  }

  /** The caller's relations to a project; `forOrganisation`: the organisation a claim would be made for. */
  private relationsOf(
    principal: Principal | undefined,
    project: LivelihoodProjectEntity,
    nodes: { street?: RegionNode; claimant?: OrganisationNode; forOrganisation?: OrganisationNode },
  ): Relations<ProjectRelation> {
    if (!principal) return relations<ProjectRelation>([]);
    const canClaimSomewhere = this.access.scopesOf(principal, [...CLAIMANT_ROLES], 'organisation').length > 0 || this.access.isSystemAdmin(principal);
    return relations<ProjectRelation>(
      [
        (nodes.forOrganisation ? this.access.holds(principal, CLAIMANT_ROLES, orgNode(nodes.forOrganisation)) : canClaimSomewhere) && 'unit_admin',
        !!nodes.claimant && project.organisationId === nodes.claimant.id && this.access.holds(principal, CLAIMANT_ROLES, orgNode(nodes.claimant)) && 'claimant',
        !!nodes.street && this.access.holds(principal, STREET_ROLES, regionNode(nodes.street)) && 'street',
      ],
      [canClaimSomewhere && 'unit_admin', !!nodes.street && this.access.holdsElsewhere(principal, STREET_ROLES, regionNode(nodes.street)) && 'street'],
    );
  }

  private async contextOf(manager: EntityManager, principal: Principal, id: string, forOrganisationId?: string) {
    const project = await this.load(manager, id);
    const [street, claimant, forOrganisation] = await Promise.all([
      this.regions.nodeOf(project.streetId, manager),
      project.organisationId ? this.organisations.nodeOf(project.organisationId, manager) : null,
      forOrganisationId ? this.organisations.nodeOf(forOrganisationId, manager) : null,
    ]);
    if (forOrganisationId && !forOrganisation) throw AppException.notFound('没有找到这个单位');
    return { project, forOrganisation, rel: this.relationsOf(principal, project, { street: street ?? undefined, claimant: claimant ?? undefined, forOrganisation: forOrganisation ?? undefined }) };
  }

  private actorFor(principal: Principal, organisation: OrganisationNode | null, role: Actor['role'], name: string): Actor {
    return { userId: principal.userId, role, name: organisation?.name ?? name };
  }

  private move(manager: EntityManager, project: LivelihoodProjectEntity, action: 'claim' | 'complete' | 'verify', actor: Actor, changes: Partial<LivelihoodProjectEntity>): Promise<ProjectStatus> {
    return this.workflow.transition(manager, {
      workflow: PROJECT_WORKFLOW,
      subjectType: 'project',
      entity: LivelihoodProjectEntity,
      id: project.id,
      from: project.status,
      action,
      actor,
      changes,
      stale: STALE,
    });
  }

  async claim(principal: Principal, id: string, organisationId: string): Promise<Project> {
    return inTransaction(this.dataSource, async (manager) => {
      const { project, forOrganisation, rel } = await this.contextOf(manager, principal, id, organisationId);
      PROJECT_WORKFLOW.require('claim', project.status, rel);
      await this.move(manager, project, 'claim', this.actorFor(principal, forOrganisation, 'org_admin', '单位'), { organisationId, claimedByUserId: principal.userId, claimedAt: this.clock.now() });
      return this.get(id, principal, manager);
    });
  }

  async addUpdate(principal: Principal, id: string, input: ProjectUpdateInput): Promise<Project> {
    return inTransaction(this.dataSource, async (manager) => {
      const { project, rel } = await this.contextOf(manager, principal, id);
      PROJECT_WORKFLOW.require('update', project.status, rel);
      if (input.percent < project.percent) PROJECT_WORKFLOW.refuse('percent_backwards', { percent: project.percent });
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      const updateId = newId();
      const now = this.clock.now();
      await manager.insert(ProjectUpdateEntity, { id: updateId, projectId: id, percent: input.percent, note: input.note, authorUserId: principal.userId, createdAt: now });
      if (photos.length)
        await this.uploads.attach(
          manager,
          photos.map((p) => p.id),
          `project-update:${updateId}`,
        );
      const organisation = await this.organisations.nodeOf(project.organisationId!, manager);
      const actor = this.actorFor(principal, organisation, 'org_admin', '单位');
      // Same state, so the conditional update also proves nobody completed it meanwhile.
      await this.workflow.transition(manager, {
        workflow: PROJECT_WORKFLOW,
        subjectType: 'project',
        entity: LivelihoodProjectEntity,
        id,
        from: project.status,
        action: 'update',
        actor,
        changes: { percent: input.percent },
        note: `${input.percent}%：${input.note}`,
        stale: STALE,
      });
      await this.events.publish(manager, 'project.progressed', {
        project: { id: project.id, title: project.title, communityId: project.communityId, streetId: project.streetId, category: project.category },
        updateId,
        organisationId: project.organisationId!,
        percent: input.percent,
        actor,
        at: now,
      });
      return this.get(id, principal, manager);
    });
  }

  async complete(principal: Principal, id: string): Promise<Project> {
    return inTransaction(this.dataSource, async (manager) => {
      const { project, rel } = await this.contextOf(manager, principal, id);
      PROJECT_WORKFLOW.require('complete', project.status, rel);
      const organisation = await this.organisations.nodeOf(project.organisationId!, manager);
      await this.move(manager, project, 'complete', this.actorFor(principal, organisation, 'org_admin', '单位'), { percent: 100, completedAt: this.clock.now() });
      return this.get(id, principal, manager);
    });
  }

  async verify(principal: Principal, id: string): Promise<Project> {
    return inTransaction(this.dataSource, async (manager) => {
      const { project, rel } = await this.contextOf(manager, principal, id);
      PROJECT_WORKFLOW.require('verify', project.status, rel);
      const street = await this.regions.nodeOf(project.streetId, manager);
      await this.move(manager, project, 'verify', this.actorFor(principal, null, 'street_official', street?.name ?? '街道'), { verifiedByUserId: principal.userId, verifiedAt: this.clock.now() });
      return this.get(id, principal, manager);
    });
  }

  async list(query: { streetId?: string; communityId?: string; status?: ProjectStatus; page: number; pageSize: number }, principal?: Principal): Promise<ProjectPage> {
    const where = { ...(query.streetId ? { streetId: query.streetId } : {}), ...(query.communityId ? { communityId: query.communityId } : {}), ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await this.dataSource
      .getRepository(LivelihoodProjectEntity)
      .findAndCount({ where, order: { createdAt: 'DESC', id: 'DESC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    return { items: await this.present(rows, principal), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Projects the given organisations claimed in a Beijing calendar year, newest claim first (一支部一实事: a
   * branch's projects of the year; the branches without one). Read in the caller's transaction when it passes one.
   */
  async claimedInYear(organisationIds: string[], year: number, principal?: Principal, manager: EntityManager = this.dataSource.manager): Promise<Project[]> {
    const ids = [...new Set(organisationIds)];
    if (!ids.length) return [];
    const cst = 8 * 3600_000;
    const rows = await manager.find(LivelihoodProjectEntity, {
      where: { organisationId: In(ids), claimedAt: And(MoreThanOrEqual(new Date(Date.UTC(year, 0, 1) - cst)), LessThan(new Date(Date.UTC(year + 1, 0, 1) - cst))) },
      order: { claimedAt: 'DESC', id: 'DESC' },
    });
    return this.present(rows, principal, manager);
  }

  /** One project as the caller sees it; a command passes its transaction, so its answer is built before it commits. */
  async get(id: string, principal?: Principal, manager: EntityManager = this.dataSource.manager): Promise<Project> {
    const [project] = await this.present([await this.load(manager, id)], principal, manager);
    return project;
  }

  /**
   * Open (unclaimed) projects of a street, or of a community together with its street's street-wide ones, oldest
   * first: the projects on a 1+N needs list.
   */
  async openProjectsIn(region: { streetId: string; communityId?: string }, manager: EntityManager = this.dataSource.manager, limit = 200): Promise<OpenProject[]> {
    const where = region.communityId
      ? [
          { status: 'open' as const, communityId: region.communityId },
          { status: 'open' as const, streetId: region.streetId, communityId: IsNull() },
        ]
      : { status: 'open' as const, streetId: region.streetId };
    const rows = await manager.find(LivelihoodProjectEntity, {
      where,
      select: ['id', 'title', 'category', 'regionId', 'communityId', 'createdAt'],
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map((p) => ({ id: p.id, title: p.title, category: p.category, regionId: p.regionId, communityId: p.communityId, createdAt: p.createdAt }));
  }

  async timeline(id: string): Promise<{ items: TimelineEntry[] }> {
    await this.load(this.dataSource.manager, id);
    return { items: await this.workflow.timeline(this.dataSource.manager, 'project', id, PROJECT_WORKFLOW) };
  }

  private async present(rows: LivelihoodProjectEntity[], principal?: Principal, manager: EntityManager = this.dataSource.manager): Promise<Project[]> {
    if (!rows.length) return [];
    const [regions, orgs] = await Promise.all([
      this.regions.nodesOf(
        rows.flatMap((p) => [p.regionId, p.streetId]),
        manager,
      ),
      this.organisations.nodesOf(
        rows.map((p) => p.organisationId).filter((id): id is string => !!id),
        manager,
      ),
    ]);
    const updates = await manager.find(ProjectUpdateEntity, { where: { projectId: In(rows.map((p) => p.id)) }, order: { createdAt: 'ASC' } });
    const photos = await this.uploads.photosOf(
      updates.map((u) => `project-update:${u.id}`),
      manager,
    );
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return rows.map((p) => {
      const region = regions.get(p.regionId)!;
      const org = p.organisationId ? orgs.get(p.organisationId) : undefined;
      const rel = this.relationsOf(principal, p, { street: regions.get(p.streetId), claimant: org });
      return {
        id: p.id,
        title: p.title,
        description: p.description,
        location: p.location,
        estimatedScale: p.estimatedScale,
        category: p.category,
        status: p.status,
        region: { id: region.id, name: region.name, level: region.level },
        street: { id: p.streetId, name: regions.get(p.streetId)!.name },
        organisation: org ? { id: org.id, name: org.name } : null,
        percent: p.percent,
        updates: updates
          .filter((u) => u.projectId === p.id)
          .map((u) => ({ id: u.id, percent: u.percent, note: u.note, photos: photos.get(`project-update:${u.id}`) ?? [], at: u.createdAt.toISOString() })),
        createdAt: p.createdAt.toISOString(),
        claimedAt: iso(p.claimedAt),
        completedAt: iso(p.completedAt),
        verifiedAt: iso(p.verifiedAt),
        actions: PROJECT_WORKFLOW.offered(p.status, rel) as ProjectOfferedAction[],
      };
    });
  }

  /** 件件有着落: the streets' projects nobody has claimed yet, oldest first (the street looks for a unit). */
  openItems(scope: OpenItemScope): Promise<OpenItem[]> {
    return waitingItems(this.dataSource.getRepository(LivelihoodProjectEntity), scope, { status: 'open', staleDays: OPEN_PROJECT_STALE_DAYS }, (p) => ({
      kind: 'project_open',
      title: p.title,
      actor: 'street_official',
      actorPlace: { kind: 'region', id: p.streetId },
      link: { kind: 'project', id: p.id },
    }));
  }
}
