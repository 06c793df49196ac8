import { Inject, Injectable } from '@nestjs/common';
import { readManager } from '../../common/database/read-replicas';
import {
  ASSESSMENT_GRADE_LABELS,
  REPORT_DUE_LABELS,
  REPORT_LIMITS,
  REPORT_STATUS_LABELS,
  ROLE_LABELS,
  maskName,
  type Assessment,
  type LateList,
  type Report,
  type ReportDue,
  type ReportDueState,
  type ReportFigures,
  type ReportListItem,
  type ReportListQuery,
  type ReportOfferedAction,
  type ReportPage,
  type Role,
  type UpdateReport,
} from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { listScope } from '../../common/access/list-scope';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import type { Actor } from '../../common/workflow/actor';
import { presentVersion, submittedVersion, versionDecision, type ReviewAction } from '../../common/workflow/reviewed-version';
import { relations, toException, type Relations } from '../../common/workflow/workflow';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { exportPages, scopeCondition, type ExportScope } from '../../common/exports/export-scope';
import { MembersService, type MemberRecord } from '../members/members.service';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { UploadsService } from '../uploads/uploads.service';
import { UsersService } from '../users/users.service';
import { WorkflowService } from '../workflow/workflow.service';
import { MemberReportEntity } from './member-report.entity';
import type { ReportAssessmentEntity } from './report-assessment.entity';
import { ReportFiguresService } from './report-figures.service';
import type { ReportVersionEntity } from './report-version.entity';
import { daysLeft, deadlineOf, halfYearsBetween, isLate, recentHalfYears } from './reports.deadlines';
import type { ReportRef } from './reports.events';
import './reports.events';
import { REPORT_WORKFLOW, type ReportRelation } from './reports.policy';
import { ReportsRepository, type ReportExportRow } from './reports.repository';
export type { ReportExportRow } from './reports.repository';
import type { OpenItem, OpenItemScope } from '../../common/supervision/open-item';
import { LedgerService, periodOf, type Period } from '../ledger/ledger.service';
import { sqlDate, type DashboardScope } from '../../common/supervision/dashboard';

const STALE = '该报告刚刚被他人处理，请刷新后再试';
/** What every transition of a report names: its workflow, timeline subject, table and stale refusal. */
const REVIEWED = { workflow: REPORT_WORKFLOW, subjectType: 'report', entity: MemberReportEntity, stale: STALE } as const;
const REVIEWER_ROLES: Role[] = ['branch_secretary', 'org_admin', 'committee_admin'];
const NOT_VISIBLE = '只有报告人本人、所在党支部和上级党组织可以查看这份报告';

const orgNode = (o: Pick<OrganisationNode, 'id' | 'path'>): ScopeNode => ({ kind: 'organisation', id: o.id, path: o.path });
const parseIds = (json: string): string[] => JSON.parse(json) as string[];

interface ReportContext {
  report: MemberReportEntity;
  member: MemberRecord;
  branch: OrganisationNode;
  rel: Relations<ReportRelation>;
}

/**
 * 党员半年报告: a member drafts a report for a half year, prefilled from their ledger (refreshable while theirs), writes
 * a summary with photos and submits it; the branch secretary approves it or returns it with comments; each
 * submission is kept as a version with its outcome. The streets' assessments (AssessmentsService) sit beside it.
 */
/** One half year of the reports' part of the supervision dashboard. */
export interface ReportDashboardPeriod {
  key: string;
  label: string;
  deadline: string;
  members: number;
  submitted: number;
  approved: number;
  late: number;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReportsRepository,
    private readonly figures: ReportFiguresService,
    private readonly access: AccessService,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
    private readonly uploads: UploadsService,
    private readonly users: UsersService,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: LedgerService,
  ) {}

  // ---------- commands ----------

  /** A draft for a half year that has begun, prefilled from the member's ledger. */
  async create(principal: Principal, periodKey: string): Promise<Report> {
    const now = this.clock.now();
    const period = periodOf(periodKey, now);
    return inTransaction(this.dataSource, async (manager) => {
      const member = await this.members.memberOfUser(principal.userId, manager);
      if (!member) throw toException(REPORT_WORKFLOW.refusal('create', 'draft', relations<ReportRelation>([]))!);
      if (period.from.getTime() > now.getTime()) REPORT_WORKFLOW.refuse('period_not_started', { label: period.label });
      if (await this.repository.findOfMember(manager, member.id, period.key)) REPORT_WORKFLOW.refuse('already_exists', { label: period.label });
      const branch = await this.organisations.nodeOf(member.branchId, manager);
      if (!branch) throw AppException.notFound('没有找到您所在的党支部');
      const unit = await this.organisations.unitNodeOf(branch, manager);
      const figures = await this.figures.figuresOf(manager, member.id, period);
      const id = newId();
      const inserted = await this.repository.insertReport(manager, {
        id,
        memberId: member.id,
        period: period.key,
        branchId: branch.id,
        unitId: unit?.id ?? null,
        status: 'draft',
        summary: '',
        photoIds: '[]',
        figures: JSON.stringify(figures),
        figuresAt: now,
        version: 0,
        firstSubmittedAt: null,
        submittedAt: null,
        decidedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      if (!inserted) REPORT_WORKFLOW.refuse('already_exists', { label: period.label });
      await this.workflow.record(manager, { subjectType: 'report', subjectId: id, action: 'create', from: null, to: 'draft', actor: this.memberActor(principal, member) });
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  /** Saves the summary and photos of a draft or a returned report (the author's). */
  async update(principal: Principal, id: string, input: UpdateReport): Promise<Report> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      REPORT_WORKFLOW.require('save', ctx.report.status, ctx.rel);
      const changes: Partial<MemberReportEntity> = { updatedAt: this.clock.now() };
      if (input.summary !== undefined) changes.summary = input.summary;
      if (input.photoIds !== undefined) {
        await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
        await this.uploads.attach(manager, input.photoIds, `report:${id}`);
        changes.photoIds = JSON.stringify(input.photoIds);
      }
      if (!(await this.repository.updateWorking(manager, id, ctx.report.status, changes))) throw AppException.conflict(STALE);
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  /** Takes the figures from the ledger again (while the report is the author's). */
  async refresh(principal: Principal, id: string): Promise<Report> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      REPORT_WORKFLOW.require('refresh', ctx.report.status, ctx.rel);
      const now = this.clock.now();
      const figures = await this.figures.figuresOf(manager, ctx.member.id, periodOf(ctx.report.period, now));
      const changes = { figures: JSON.stringify(figures), figuresAt: now, updatedAt: now };
      if (!(await this.repository.updateWorking(manager, id, ctx.report.status, changes))) throw AppException.conflict(STALE);
      // The row is the one just read with these columns changed (the update matched it in this transaction): no re-read.
      return this.present(manager, { ...ctx, report: Object.assign(ctx.report, changes) });
    });
  }

  /** Submits (or resubmits): the figures are taken from the ledger now and frozen with the text as a new version. */
  async submit(principal: Principal, id: string): Promise<Report> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      const { report, member } = ctx;
      REPORT_WORKFLOW.require('submit', report.status, ctx.rel);
      if (report.summary.trim().length < REPORT_LIMITS.summaryMinToSubmit) REPORT_WORKFLOW.refuse('summary_required', { min: REPORT_LIMITS.summaryMinToSubmit });
      const now = this.clock.now();
      const period = periodOf(report.period, now);
      const figures = await this.figures.figuresOf(manager, member.id, period);
      // The review line follows the member: a roster move before submitting sends it to the new branch.
      const branch = (await this.organisations.nodeOf(member.branchId, manager)) ?? ctx.branch;
      const unit = await this.organisations.unitNodeOf(branch, manager);
      const version = report.version + 1;
      const actor = this.memberActor(principal, member);
      await this.workflow.transition(manager, {
        ...REVIEWED,
        id,
        from: report.status,
        action: 'submit',
        actor,
        changes: {
          figures: JSON.stringify(figures),
          figuresAt: now,
          version,
          submittedAt: now,
          firstSubmittedAt: report.firstSubmittedAt ?? now,
          decidedAt: null,
          branchId: branch.id,
          unitId: unit?.id ?? null,
        },
        note: `第 ${version} 版`,
      });
      await this.repository.insertVersion(manager, { ...submittedVersion(id, version, report.summary, JSON.stringify(figures), principal.userId, now), photoIds: report.photoIds });
      const secretaries = (await this.users.holdersOf(manager, 'branch_secretary', { organisationId: branch.id })).filter((u) => u !== principal.userId);
      await this.events.publish(manager, 'report.submitted', {
        report: this.ref(report, member, period, branch.id),
        version,
        secretaryUserIds: secretaries,
        memberName: member.name,
        actor,
        at: now,
      });
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  approve(principal: Principal, id: string, comment: string | undefined): Promise<Report> {
    return this.decide(principal, id, 'approve', comment?.trim() || null);
  }

  return(principal: Principal, id: string, comment: string): Promise<Report> {
    return this.decide(principal, id, 'return', comment.trim());
  }

  private async decide(principal: Principal, id: string, action: ReviewAction, comment: string | null): Promise<Report> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      const { report, member, branch } = ctx;
      REPORT_WORKFLOW.require(action, report.status, ctx.rel);
      const now = this.clock.now();
      const actor: Actor = { userId: principal.userId, role: 'branch_secretary', name: branch.name };
      await this.workflow.transition(manager, { ...REVIEWED, id, from: report.status, action, actor, changes: { decidedAt: now }, note: comment });
      const reviewer = await this.members.memberOfUser(principal.userId, manager);
      await this.repository.decideVersion(manager, id, report.version, versionDecision(action, comment, { userId: principal.userId, name: reviewer?.name ?? branch.name }, now));
      await this.events.publish(manager, action === 'approve' ? 'report.approved' : 'report.returned', {
        report: this.ref(report, member, periodOf(report.period, now), branch.id),
        version: report.version,
        comment,
        actor,
        at: now,
      });
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  // ---------- reads ----------

  /** One report as the caller sees it (author, their secretary, or an admin above the branch). */
  async get(principal: Principal, id: string): Promise<Report> {
    const manager = this.dataSource.manager;
    return this.present(manager, await this.load(manager, principal, id));
  }

  /** The signed-in member's reports, newest period first. */
  async mine(principal: Principal): Promise<ReportPage> {
    const manager = this.dataSource.manager;
    const member = await this.members.memberOfUser(principal.userId, manager);
    if (!member) return { items: [], total: 0, page: 1, pageSize: 50 };
    const rows = await this.repository.ofMember(manager, member.id);
    const items = await this.listItems(manager, rows, false);
    return { items, total: items.length, page: 1, pageSize: Math.max(50, items.length) };
  }

  /** What is due for the signed-in member: the half year before and the current one, against their deadlines. */
  async due(principal: Principal): Promise<ReportDue> {
    const manager = this.dataSource.manager;
    const member = await this.members.memberOfUser(principal.userId, manager);
    if (!member) return { member: false, items: [] };
    const now = this.clock.now();
    const periods = recentHalfYears(now);
    const reports = await Promise.all(periods.map((p) => this.repository.findOfMember(manager, member.id, p.key)));
    return {
      member: true,
      items: periods.map((p, i) => {
        const report = reports[i];
        const deadline = deadlineOf(p.key, this.config.reports);
        const state = report?.status ?? 'missing';
        return {
          period: this.periodInfo(p),
          deadline: deadline.at.toISOString(),
          daysLeft: daysLeft(deadline, now),
          state,
          stateLabel: REPORT_DUE_LABELS[state],
          late: isLate(deadline, report?.firstSubmittedAt ?? null, now),
          reportId: report?.id ?? null,
        };
      }),
    };
  }

  /** The review queue and every report in the caller's branches (or units), each with the streets' assessments. */
  async list(principal: Principal, query: ReportListQuery): Promise<ReportPage> {
    const scope = listScope(principal, REVIEWER_ROLES, { organisation: '`r`.`branchId`' });
    if (!scope) throw AppException.forbidden('只有党支部书记和上级党组织可以查看党员报告');
    const manager = this.dataSource.manager;
    const { rows, total } = await this.repository.page(manager, scope, { period: query.period, status: query.status, branchId: query.branchId }, query.page, query.pageSize);
    return { items: await this.listItems(manager, rows, true, principal), total, page: query.page, pageSize: query.pageSize };
  }

  /** 逾期名单: members of a branch whose report for the period was not in by the deadline. */
  async late(principal: Principal, query: { period?: string; branchId?: string }): Promise<LateList> {
    const branchId = query.branchId ?? this.access.scopesOf(principal, ['branch_secretary'], 'organisation')[0]?.scopeId;
    if (!branchId) throw AppException.badRequest('请选择党支部');
    const branch = await this.organisations.nodeOf(branchId);
    if (!branch || branch.level !== 'branch') throw AppException.notFound('没有找到这个党支部');
    this.access.require(principal, REVIEWER_ROLES, orgNode(branch), '只有该党支部的书记或上级党组织可以查看逾期名单');
    const now = this.clock.now();
    const period = query.period ? periodOf(query.period, now) : recentHalfYears(now)[0];
    const deadline = deadlineOf(period.key, this.config.reports);
    const roster = await this.members.list(branch.id);
    const reports = await this.repository.ofMembers(
      this.dataSource.manager,
      roster.map((m) => m.id),
      period.key,
    );
    const items = roster
      .filter((m) => isLate(deadline, reports.get(m.id)?.firstSubmittedAt ?? null, now))
      .map((m) => {
        const report = reports.get(m.id);
        const state: ReportDueState = report?.status ?? 'missing';
        return {
          member: { id: m.id, name: m.name },
          state,
          stateLabel: REPORT_DUE_LABELS[state],
          reportId: report?.id ?? null,
          submittedAt: report?.firstSubmittedAt?.toISOString() ?? null,
          submittedLate: Boolean(report?.firstSubmittedAt),
        };
      });
    return { period: this.periodInfo(period), deadline: deadline.at.toISOString(), branch: { id: branch.id, name: branch.name }, members: roster.length, items };
  }

  /**
   * Half-year reports of a unit's members for the given periods (an annual report's figures): submitted at least
   * once (version > 0), and approved. The unit is the one each report was last submitted in.
   */
  async unitCounts(manager: EntityManager, unitId: string, periods: string[]): Promise<Map<string, { submitted: number; approved: number }>> {
    const result = new Map(periods.map((p) => [p, { submitted: 0, approved: 0 }]));
    if (!periods.length) return result;
    const rows: Array<Record<string, unknown>> = await manager.query(
      "SELECT `r`.`period` AS `period`, SUM(CASE WHEN `r`.`version` > 0 THEN 1 ELSE 0 END) AS `submitted`, SUM(CASE WHEN `r`.`status` = 'approved' THEN 1 ELSE 0 END) AS `approved` " +
        `FROM \`member_reports\` \`r\` WHERE \`r\`.\`unitId\` = ? AND \`r\`.\`period\` IN (${periods.map(() => '?').join(', ')}) GROUP BY \`r\`.\`period\``,
      [unitId, ...periods],
    );
    for (const r of rows) result.set(r.period as string, { submitted: Number(r.submitted ?? 0), approved: Number(r.approved ?? 0) });
    return result;
  }

  /** Reports of these members for a period (the territorial list shows their state). */
  reportsOf(manager: EntityManager, memberIds: string[], period: string): Promise<Map<string, MemberReportEntity>> {
    return this.repository.ofMembers(manager, memberIds, period);
  }

  // ---------- context and presentation ----------

  private async load(manager: EntityManager, principal: Principal, id: string): Promise<ReportContext> {
    const report = await this.repository.findReport(manager, id);
    if (!report) throw AppException.notFound('没有找到这份报告');
    const [members, branch] = await Promise.all([this.members.byIds([report.memberId], manager), this.organisations.nodeOf(report.branchId, manager)]);
    const member = members.get(report.memberId);
    if (!member || !branch) throw AppException.notFound('没有找到这份报告的党员或党支部');
    const rel = this.relationsOf(principal, member, branch);
    if (!rel.has.size) throw AppException.forbidden(rel.elsewhere?.size ? '该报告不属于您负责的党支部' : NOT_VISIBLE);
    return { report, member, branch, rel };
  }

  private relationsOf(principal: Principal, member: MemberRecord, branch: OrganisationNode): Relations<ReportRelation> {
    const node = orgNode(branch);
    const isAuthor = member.userId === principal.userId;
    return relations<ReportRelation>(
      [isAuthor && 'author', !isAuthor && this.access.holds(principal, ['branch_secretary'], node) && 'secretary', this.access.holds(principal, REVIEWER_ROLES, node) && 'viewer'],
      [this.access.holdsElsewhere(principal, ['branch_secretary'], node) && 'secretary'],
    );
  }

  private async present(manager: EntityManager, ctx: ReportContext): Promise<Report> {
    const { report, member, branch, rel } = ctx;
    const now = this.clock.now();
    const period = periodOf(report.period, now);
    const deadline = deadlineOf(report.period, this.config.reports);
    const reviewer = rel.has.has('secretary') || rel.has.has('viewer');
    const [unit, versions, timeline, assessments] = await Promise.all([
      report.unitId ? this.organisations.nodeOf(report.unitId, manager) : null,
      this.repository.versionsOf(manager, report.id),
      this.workflow.timeline(manager, 'report', report.id, REPORT_WORKFLOW),
      reviewer ? this.repository.assessmentsOf(manager, [report.memberId], [report.period]) : Promise.resolve(null),
    ]);
    return {
      id: report.id,
      period: this.periodInfo(period),
      status: report.status,
      statusLabel: REPORT_STATUS_LABELS[report.status],
      member: { id: member.id, name: member.name },
      branch: { id: branch.id, name: branch.name },
      unit: unit ? { id: unit.id, name: unit.name } : null,
      summary: report.summary,
      photos: parseIds(report.photoIds).map((p) => this.uploads.publicUrls({ id: p })),
      figures: JSON.parse(report.figures) as ReportFigures,
      version: report.version,
      deadline: deadline.at.toISOString(),
      late: isLate(deadline, report.firstSubmittedAt, now),
      submittedAt: report.submittedAt?.toISOString() ?? null,
      decidedAt: report.decidedAt?.toISOString() ?? null,
      versions: versions.map((v) => this.presentVersion(v)),
      timeline,
      assessments: assessments ? await this.presentAssessments(manager, assessments, null) : null,
      actions: REPORT_WORKFLOW.offered(report.status, rel) as ReportOfferedAction[],
      createdAt: report.createdAt.toISOString(),
      updatedAt: report.updatedAt.toISOString(),
    };
  }

  private presentVersion(v: ReportVersionEntity): Report['versions'][number] {
    return presentVersion<ReportFigures, Pick<Report['versions'][number], 'photos'>>(v, { photos: parseIds(v.photoIds).map((p) => this.uploads.publicUrls({ id: p })) });
  }

  /** Assessments with their scope's name; `principal` marks the caller's own (null: none is "mine"). */
  async presentAssessments(manager: EntityManager, rows: ReportAssessmentEntity[], principal: Principal | null): Promise<Assessment[]> {
    const scopes = await this.regions.nodesOf(
      rows.map((a) => a.scopeRegionId),
      manager,
    );
    const own = new Set(principal?.assignments.filter((a) => a.role === 'street_official' || a.role === 'community_staff').map((a) => a.scopeId) ?? []);
    return rows.map((a) => {
      const scope = scopes.get(a.scopeRegionId);
      return {
        id: a.id,
        scope: { id: a.scopeRegionId, name: scope?.name ?? '街道', level: scope?.level ?? 'street' },
        grade: a.grade,
        gradeLabel: ASSESSMENT_GRADE_LABELS[a.grade],
        comment: a.comment,
        assessor: { name: scope?.name ?? '街道', roleLabel: ROLE_LABELS[a.assessorRole as Role] ?? a.assessorRole },
        mine: own.has(a.scopeRegionId),
        at: a.updatedAt.toISOString(),
      };
    });
  }

  private async listItems(manager: EntityManager, rows: MemberReportEntity[], withAssessments: boolean, principal?: Principal): Promise<ReportListItem[]> {
    if (!rows.length) return [];
    const now = this.clock.now();
    const [members, branches, assessments] = await Promise.all([
      this.members.byIds(
        rows.map((r) => r.memberId),
        manager,
      ),
      this.organisations.nodesOf(
        rows.map((r) => r.branchId),
        manager,
      ),
      withAssessments
        ? this.repository.assessmentsOf(
            manager,
            rows.map((r) => r.memberId),
            rows.map((r) => r.period),
          )
        : Promise.resolve([]),
    ]);
    const presented = withAssessments ? await this.presentAssessments(manager, assessments, principal ?? null) : [];
    return rows.map((r) => {
      const period = periodOf(r.period, now);
      const deadline = deadlineOf(r.period, this.config.reports);
      const figures = JSON.parse(r.figures) as ReportFigures;
      return {
        id: r.id,
        period: this.periodInfo(period),
        status: r.status,
        statusLabel: REPORT_STATUS_LABELS[r.status],
        member: { id: r.memberId, name: members.get(r.memberId)?.name ?? '党员' },
        branch: { id: r.branchId, name: branches.get(r.branchId)?.name ?? '党支部' },
        version: r.version,
        totalMinutes: figures.totalMinutes,
        late: isLate(deadline, r.firstSubmittedAt, now),
        submittedAt: r.submittedAt?.toISOString() ?? null,
        assessments: withAssessments ? presented.filter((_, i) => assessments[i].memberId === r.memberId && assessments[i].period === r.period) : null,
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  periodInfo(period: Period): Report['period'] {
    return { key: period.key, label: period.label, from: period.from.toISOString(), to: period.to.toISOString() };
  }

  private memberActor(principal: Principal, member: MemberRecord): Actor {
    return { userId: principal.userId, role: 'member', name: maskName(member.name) };
  }

  private ref(report: MemberReportEntity, member: MemberRecord, period: Period, branchId: string): ReportRef {
    return { id: report.id, memberId: member.id, authorUserId: member.userId, branchId, period: report.period, periodLabel: period.label };
  }

  /**
   * The reports export: every half year overlapping the scope's period, its reports inside the scope — an
   * organisation's branches, or (a region) the members who served in its streets during that half year, as the
   * territorial line sees them — read a page at a time.
   */
  async *exportRows(scope: ExportScope): AsyncGenerator<ReportExportRow> {
    const manager = this.dataSource.manager;
    for (const period of halfYearsBetween(scope.from, scope.to, this.clock.now())) {
      const where = scope.kind === 'organisation' ? scopeCondition(scope, { organisation: ['`r`.`branchId`'] }) : this.ledger.servedCondition('`r`.`memberId`', scope, period.from, period.to);
      yield* exportPages((after, limit) => this.repository.exportPage(manager, period.key, where, after?.id ?? null, limit));
    }
  }

  /**
   * Dashboard: for the previous and the current half year, the members who served in these streets (net ledger
   * entries there in the period, as the board's review line counts them) and how many of them submitted, were
   * approved and were late. Per period: the ledger counts the members served (one region's rollup rows at city
   * scale, ~50,000) and this module its reports of the period; the rates are then read from the smaller side —
   * the period's reports, each probing the ledger's rollup key (a city has far fewer reports than members served,
   * none at all in the bench city), or else the served members joined to their reports, as before. Late: a first
   * submission on or after the deadline, or, once it has passed, none (no report, or a draft): among the members
   * served those are the members less the submitted.
   */
  async dashboard(scope: DashboardScope): Promise<ReportDashboardPeriod[]> {
    const m = readManager(this.dataSource);
    // The two half years side by side.
    return Promise.all(
      recentHalfYears(scope.now).map(async (period): Promise<ReportDashboardPeriod> => {
        const deadline = deadlineOf(period.key, this.config.reports);
        const passed = scope.now.getTime() >= deadline.at.getTime();
        const base: ReportDashboardPeriod = { key: period.key, label: period.label, deadline: deadline.day, members: 0, submitted: 0, approved: 0, late: 0 };
        if (!scope.streetIds.length) {
          return base;
        }
        const [ledger, reports] = await Promise.all([
          this.ledger.servedCountAndCondition(m, scope.streetIds, period.key, '`r`.`memberId`', scope.regionId),
          m.query('SELECT COUNT(*) AS `n` FROM `member_reports` `r` WHERE `r`.`period` = ?', [period.key]) as Promise<Array<{ n: number | string }>>,
        ]);
        const members = ledger.count;
        const reportCount = Number(reports[0]?.n ?? 0);
        const counts =
          "SUM(CASE WHEN `r`.`firstSubmittedAt` IS NOT NULL THEN 1 ELSE 0 END) AS `submitted`, SUM(CASE WHEN `r`.`status` = 'approved' THEN 1 ELSE 0 END) AS `approved`, " +
          'SUM(CASE WHEN `r`.`firstSubmittedAt` >= ? THEN 1 ELSE 0 END) AS `lateSubmitted`';
        const deadlineAt = sqlDate(m, deadline.at);
        let rows: Array<Record<string, unknown>> = [];
        if (members && reportCount && reportCount <= members) {
          rows = await m.query(`SELECT ${counts} FROM \`member_reports\` \`r\` WHERE \`r\`.\`period\` = ? AND ${ledger.served.sql}`, [deadlineAt, period.key, ...ledger.served.params]);
        } else if (members && reportCount) {
          const served = await this.ledger.servedInPeriod(scope.streetIds, period.key, scope.regionId);
          rows = await m.query(`SELECT ${counts} FROM (${served.sql}) \`s\` JOIN \`member_reports\` \`r\` ON \`r\`.\`memberId\` = \`s\`.\`memberId\` AND \`r\`.\`period\` = ?`, [
            deadlineAt,
            ...served.params,
            period.key,
          ]);
        }
        const r = rows[0] ?? {};
        const submitted = Number(r.submitted ?? 0);
        return { ...base, members, submitted, approved: Number(r.approved ?? 0), late: Number(r.lateSubmitted ?? 0) + (passed ? members - submitted : 0) };
      }),
    );
  }

  /**
   * 件件有着落: submitted reports the branch secretary has not decided, of members who served in the streets in
   * that half year (the ledger says where), for the two recent half years. A review waiting a week is overdue.
   * The submitted reports are few, so they come first and the ledger only says which of their members served here
   * (not every member served in a city's half-year, ~10,000 a street).
   */
  async openItems(scope: OpenItemScope): Promise<OpenItem[]> {
    if (!scope.streetIds.length) return [];
    const manager = readManager(this.dataSource);
    const items: OpenItem[] = [];
    for (const period of recentHalfYears(scope.now)) {
      const submitted = (await this.repository.submittedIn(manager, period.key)).filter((r): r is MemberReportEntity & { submittedAt: Date } => !!r.submittedAt);
      const servedHere = await this.ledger.servedAmong(
        manager,
        submitted.map((r) => r.memberId),
        scope.streetIds,
        period.from,
        period.to,
      );
      const reports = submitted.filter((r) => servedHere.has(r.memberId));
      const members = await this.members.byIds(
        reports.map((r) => r.memberId),
        manager,
      );
      for (const r of reports) {
        items.push({
          kind: 'report_review',
          subjectId: r.id,
          title: `${maskName(members.get(r.memberId)?.name ?? '')}的${period.label}报告`,
          communityId: null,
          streetId: null,
          since: r.submittedAt,
          deadline: null,
          overdue: r.submittedAt.getTime() < scope.now.getTime() - 7 * 86_400_000,
          actor: 'branch_secretary',
          actorPlace: { kind: 'organisation', id: r.branchId },
          link: { kind: 'report', id: r.id },
        });
      }
    }
    return items.sort((a, b) => a.since.getTime() - b.since.getTime()).slice(0, scope.limit);
  }
}
