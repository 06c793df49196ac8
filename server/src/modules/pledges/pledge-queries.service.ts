import { Injectable } from '@nestjs/common';
import {
  PLEDGE_LIST_ROLES,
  PLEDGE_PUBLIC_STATUSES,
  type MyPledges,
  type Pledge,
  type PledgeListQuery,
  type PledgeListRole,
  type PledgeOfferedAction,
  type PledgePage,
  type PledgeStatus,
  type PledgeSummary,
  type PublicPledgePage,
  type PublicPledgeQuery,
  type TimelineEntry,
} from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import { listScope, type SqlCondition } from '../../common/access/list-scope';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { AppException } from '../../common/errors/app.exception';
import type { Relations } from '../../common/workflow/workflow';
import { MembersService, type MemberRecord } from '../members/members.service';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { UploadsService } from '../uploads/uploads.service';
import { WorkflowService } from '../workflow/workflow.service';
import type { PledgeAssessmentEntity } from './pledge-assessment.entity';
import { PledgeContextService } from './pledge-context.service';
import type { PledgeEntity } from './pledge.entity';
import { PLEDGE_WORKFLOW, type PledgeRelation } from './pledges.policy';
import { awaitingAssessment, PLEDGE_SCOPE_COLUMNS, PledgesRepository, type PledgeOrder } from './pledges.repository';
import { cstToday, cstYear, isOverdue } from './pledges.rules';

const PUBLIC = PLEDGE_PUBLIC_STATUSES as readonly PledgeStatus[];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What waits for each supervising role in its scope (`todo`): approvals and its own assessment for a secretary. */
const TODO: Record<PledgeListRole, SqlCondition | null> = {
  branch_secretary: {
    sql: `(\`p\`.\`status\` = 'submitted' OR ${awaitingAssessment('branch').sql})`,
    params: awaitingAssessment('branch').params,
  },
  community_staff: awaitingAssessment('community'),
  committee_admin: null,
};

/** Reads of pledges: one as the caller sees it, 我的践诺, the supervisors' lists, a community's public pledges. */
@Injectable()
export class PledgeQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: PledgeContextService,
    private readonly repository: PledgesRepository,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
    private readonly uploads: UploadsService,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
  ) {}

  /** 一党员一践诺 for an annual report: the year's pledges of these branches' members, and those done (or assessed). */
  async yearCounts(branchIds: string[], year: number, manager: EntityManager = this.dataSource.manager): Promise<{ pledged: number; done: number }> {
    if (!branchIds.length) return { pledged: 0, done: 0 };
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT COUNT(*) AS \`pledged\`, SUM(CASE WHEN \`p\`.\`status\` IN ('done', 'assessed') THEN 1 ELSE 0 END) AS \`done\` FROM \`pledges\` \`p\` ` +
        `WHERE \`p\`.\`year\` = ? AND \`p\`.\`branchId\` IN (${branchIds.map(() => '?').join(', ')})`,
      [year, ...branchIds],
    );
    return { pledged: Number(rows[0]?.pledged ?? 0), done: Number(rows[0]?.done ?? 0) };
  }

  /** One pledge as the caller sees it; a command passes its transaction, so its answer is built before it commits. */
  async detail(id: string, principal: Principal | undefined, manager: EntityManager = this.dataSource.manager): Promise<Pledge> {
    const ctx = await this.contexts.load(manager, id, principal);
    const full = this.contexts.canRead(ctx.rel);
    if (!full && !PUBLIC.includes(ctx.pledge.status)) throw AppException.forbidden('该承诺尚未公示，只有党员本人、所在党支部和居住社区可以查看');
    const [progress, assessments] = await Promise.all([this.repository.progressOf(manager, id), this.repository.assessmentsOf(manager, [id])]);
    const photos = await this.uploads.photosOf([`pledge-evidence:${id}`, ...progress.map((p) => `pledge-progress:${p.id}`)], manager);
    const summary = this.summary(ctx.pledge, ctx.member, ctx.branch, ctx.community, assessments, ctx.rel, cstToday(this.clock.now()));
    return {
      ...summary,
      progress: progress.map((p) => ({ id: p.id, note: p.note, photos: photos.get(`pledge-progress:${p.id}`) ?? [], at: p.createdAt.toISOString() })),
      evidence: ctx.pledge.evidenceNote !== null ? { note: ctx.pledge.evidenceNote, photos: photos.get(`pledge-evidence:${id}`) ?? [] } : null,
      assessments: full ? assessments.map((a) => ({ kind: a.kind, grade: a.grade, comment: a.comment, assessorName: a.assessorName, at: a.createdAt.toISOString() })) : [],
    };
  }

  async timeline(id: string, principal: Principal | undefined): Promise<{ items: TimelineEntry[] }> {
    const manager = this.dataSource.manager;
    const ctx = await this.contexts.load(manager, id, principal);
    if (!this.contexts.canRead(ctx.rel)) throw AppException.forbidden('只有党员本人、所在党支部和居住社区可以查看承诺的办理过程');
    return { items: await this.workflow.timeline(manager, 'pledge', id, PLEDGE_WORKFLOW) };
  }

  /** 我的践诺. */
  async mine(principal: Principal): Promise<MyPledges> {
    const manager = this.dataSource.manager;
    const member = await this.members.memberOfUser(principal.userId, manager);
    if (!member) throw AppException.forbidden('只有在职党员可以作出承诺');
    const [rows, residence] = await Promise.all([this.repository.ofMember(manager, member.id), member.residenceCommunityId ? this.regions.nodeOf(member.residenceCommunityId, manager) : null]);
    return {
      year: cstYear(this.clock.now()),
      items: await this.summaries(manager, rows, principal),
      residenceCommunity: residence ? { id: residence.id, name: residence.name } : null,
    };
  }

  /**
   * The supervisors' lists: the caller's pledges in scope (branch secretary: their branches' members; community
   * staff: members living in their communities; committee admins: below their region or organisation), with
   * filters; `todo` keeps what waits for the caller, `overdue` what is past due and not done.
   */
  async list(principal: Principal, query: PledgeListQuery): Promise<PledgePage> {
    const roles: readonly PledgeListRole[] = query.role ? [query.role] : PLEDGE_LIST_ROLES;
    let scope: SqlCondition | null;
    if (query.todo === 'true') {
      const parts = roles.flatMap((role) => {
        const own = listScope(principal, [role], PLEDGE_SCOPE_COLUMNS);
        const todo = TODO[role];
        return own && todo ? [{ sql: `(${own.sql} AND ${todo.sql})`, params: [...own.params, ...todo.params] }] : [];
      });
      scope = parts.length
        ? { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) }
        : listScope(principal, roles, PLEDGE_SCOPE_COLUMNS) && { sql: '1 = 0', params: [] };
      // One's own pledge never waits for oneself (a secretary's own goes to a secretary above).
      const own = scope && (await this.members.memberOfUser(principal.userId));
      if (scope && own) scope = { sql: `(${scope.sql} AND \`p\`.\`memberId\` <> ?)`, params: [...scope.params, own.id] };
    } else {
      scope = listScope(principal, roles, PLEDGE_SCOPE_COLUMNS);
    }
    if (!scope) throw AppException.forbidden('只有党支部书记、社区工作人员和工委管理员可以查看党员承诺');
    const today = cstToday(this.clock.now());
    const overdue = query.overdue === 'true';
    const order: PledgeOrder = overdue ? 'due' : query.todo === 'true' ? 'oldest' : 'recent';
    const manager = this.dataSource.manager;
    const { rows, total } = await this.repository.page(
      manager,
      { scope, status: query.status, year: query.year, branchId: query.branchId, overdueBefore: overdue ? today : undefined },
      order,
      query.page,
      query.pageSize,
    );
    return { items: await this.summaries(manager, rows, principal), total, page: query.page, pageSize: query.pageSize };
  }

  /** A community's public pledges of a year (the community page's 党员承诺): the name as chosen, nothing else personal. */
  async publicList(query: PublicPledgeQuery): Promise<PublicPledgePage> {
    const node = await this.regions.findNode(query.communityCode.toUpperCase(), 'code');
    if (!node) throw AppException.notFound('没有找到这个社区，请重新扫描社区二维码');
    const manager = this.dataSource.manager;
    const year = query.year ?? cstYear(this.clock.now());
    const [rows, total] = await this.repository.publicPage(manager, node.id, year, query.page, query.pageSize);
    const branches = await this.organisations.nodesOf(
      rows.map((p) => p.branchId),
      manager,
    );
    return {
      items: rows.map((p) => ({
        id: p.id,
        name: p.publicName,
        branchName: branches.get(p.branchId)?.name ?? '',
        content: p.content,
        target: p.target,
        dueDate: p.dueDate,
        status: p.status,
        approvedAt: iso(p.approvedAt),
        doneAt: iso(p.doneAt),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Rows → summaries, reading the members, branches, communities and assessments of the page at once. */
  async summaries(manager: EntityManager, rows: PledgeEntity[], principal: Principal | undefined): Promise<PledgeSummary[]> {
    if (!rows.length) return [];
    const [members, branches, communities, assessments] = await Promise.all([
      this.members.byIds(
        rows.map((p) => p.memberId),
        manager,
      ),
      this.organisations.nodesOf(
        rows.map((p) => p.branchId),
        manager,
      ),
      this.regions.nodesOf(
        rows.map((p) => p.communityId),
        manager,
      ),
      this.repository.assessmentsOf(
        manager,
        rows.map((p) => p.id),
      ),
    ]);
    const today = cstToday(this.clock.now());
    return rows.map((p) => {
      const member = members.get(p.memberId) ?? null;
      const branch = branches.get(p.branchId)!;
      const community = communities.get(p.communityId)!;
      const rel = this.contexts.relationsOf(principal, p, member, branch, community);
      return this.summary(
        p,
        member,
        branch,
        community,
        assessments.filter((a) => a.pledgeId === p.id),
        rel,
        today,
      );
    });
  }

  private summary(
    p: PledgeEntity,
    member: MemberRecord | null,
    branch: OrganisationNode,
    community: RegionNode,
    assessments: PledgeAssessmentEntity[],
    rel: Relations<PledgeRelation>,
    today: string,
  ): PledgeSummary {
    const full = this.contexts.canRead(rel);
    const done = new Set(assessments.map((a) => a.kind));
    // An assessment given is an assessment no longer offered (each kind once).
    const blocked = new Set<PledgeOfferedAction>([...(done.has('branch') ? ['assess_branch' as const] : []), ...(done.has('community') ? ['assess_community' as const] : [])]);
    return {
      id: p.id,
      year: p.year,
      content: p.content,
      target: p.target,
      dueDate: p.dueDate,
      category: p.category,
      nameDisplay: p.nameDisplay,
      status: p.status,
      overdue: isOverdue(p, today),
      member: { id: p.memberId, name: full && member ? member.name : p.publicName },
      publicName: p.publicName,
      branch: { id: branch.id, name: branch.name },
      community: { id: community.id, name: community.name },
      returnReason: full ? p.returnReason : null,
      assessed: [...done],
      submittedAt: p.submittedAt.toISOString(),
      approvedAt: iso(p.approvedAt),
      doneAt: iso(p.doneAt),
      updatedAt: p.updatedAt.toISOString(),
      actions: PLEDGE_WORKFLOW.offered(p.status, rel, blocked) as PledgeOfferedAction[],
    };
  }
}
