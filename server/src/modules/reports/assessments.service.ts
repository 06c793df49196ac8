import { Injectable } from '@nestjs/common';
import { REPORT_STATUS_LABELS, type AssessInput, type ServedMember, type ServedPage, type ServedQuery } from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import { listScope, type SqlCondition } from '../../common/access/list-scope';
import type { Principal, PrincipalAssignment } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { pathIds } from '../../common/tree/materialised-path';
import { relations } from '../../common/workflow/workflow';
import { AuditService } from '../audit/audit.service';
import { LedgerService, periodOf, type Period, type PlaceTotal } from '../ledger/ledger.service';
import { MembersService } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { recentHalfYears } from './reports.deadlines';
import { ASSESSMENT_WORKFLOW, type AssessmentRelation } from './reports.policy';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

const TERRITORIAL_ROLES = ['street_official', 'community_staff'] as const;
const SCOPE_COLUMNS = { community: '`e`.`communityId`', street: '`e`.`streetId`' };

/** A street or community the caller serves as street official or community staff. */
type Territory = PrincipalAssignment & { scopeId: string; scopePath: string; regionLevel: 'street' | 'community' };

/**
 * The territorial line: street officials and community staff see every member who served in their communities
 * during a half year (from the ledger's place of service) and assess them, one assessment per scope.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReportsRepository,
    private readonly reports: ReportsService,
    private readonly ledger: LedgerService,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private territories(principal: Principal): Territory[] {
    return principal.assignments.filter(
      (a): a is Territory =>
        (TERRITORIAL_ROLES as readonly string[]).includes(a.role) && a.scopeKind === 'region' && !!a.scopeId && !!a.scopePath && (a.regionLevel === 'street' || a.regionLevel === 'community'),
    );
  }

  private scope(principal: Principal): SqlCondition {
    const scope = listScope(principal, [...TERRITORIAL_ROLES], SCOPE_COLUMNS);
    if (!scope) throw AppException.forbidden(ASSESSMENT_WORKFLOW.action('assess').notYours);
    return scope;
  }

  /** Members who served in the caller's streets and communities in a half year (default: the one before now). */
  async served(principal: Principal, query: ServedQuery): Promise<ServedPage> {
    const scope = this.scope(principal);
    const now = this.clock.now();
    const period = query.period ? periodOf(query.period, now) : recentHalfYears(now)[0];
    const manager = this.dataSource.manager;
    const { rows, total } = await this.ledger.membersServed(manager, scope, period.from, period.to, query.page, query.pageSize);
    const items = await this.rowsFor(manager, principal, scope, period, rows);
    return { items, total, page: query.page, pageSize: query.pageSize, period: this.reports.periodInfo(period) };
  }

  /** Records (or revises) the caller's scope's assessment of a member for a half year; audited. */
  async assess(principal: Principal, input: AssessInput): Promise<ServedMember> {
    const now = this.clock.now();
    const period = periodOf(input.period, now);
    return inTransaction(this.dataSource, async (manager) => {
      const member = (await this.members.byIds([input.memberId], manager)).get(input.memberId);
      if (!member) throw AppException.notFound('没有找到这名党员');
      const places = (await this.ledger.placesServed(manager, member.id, period.from, period.to)).filter((p) => p.entries > 0);
      const territories = this.territories(principal);
      const covering = territories.filter((t) => this.covers(t, places) && (!input.scopeId || t.scopeId === input.scopeId));
      ASSESSMENT_WORKFLOW.require('assess', 'open', relations<AssessmentRelation>([covering.length > 0 && 'territorial'], [territories.length > 0 && 'territorial']));
      const distinct = [...new Map(covering.map((t) => [t.scopeId, t])).values()];
      if (distinct.length > 1) ASSESSMENT_WORKFLOW.refuse('choose_scope');
      const territory = distinct[0];
      await this.repository.upsertAssessment(manager, {
        memberId: member.id,
        period: period.key,
        scopeRegionId: territory.scopeId,
        streetId: territory.regionLevel === 'street' ? territory.scopeId : pathIds(territory.scopePath).at(-2)!,
        grade: input.grade,
        comment: input.comment,
        assessorUserId: principal.userId,
        assessorRole: territory.role,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'report.assess',
        subjectType: 'member',
        subjectId: member.id,
        detail: { period: period.key, scopeRegionId: territory.scopeId, grade: input.grade },
      });
      const scope = this.scope(principal);
      const served = places.filter((p) => territories.some((t) => this.covers(t, [p])));
      const [row] = await this.rowsFor(manager, principal, scope, period, [
        { memberId: member.id, minutes: served.reduce((n, p) => n + p.minutes, 0), entries: served.reduce((n, p) => n + p.entries, 0) },
      ]);
      return row;
    });
  }

  /** Whether the member's places of service lie in the territory. */
  private covers(t: Territory, places: PlaceTotal[]): boolean {
    return places.some((p) => (t.regionLevel === 'street' ? p.streetId === t.scopeId : p.communityId === t.scopeId));
  }

  private async rowsFor(
    manager: EntityManager,
    principal: Principal,
    scope: SqlCondition,
    period: Period,
    rows: Array<{ memberId: string; minutes: number; entries: number }>,
  ): Promise<ServedMember[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.memberId);
    const [members, places, reports, assessments] = await Promise.all([
      this.members.byIds(ids, manager),
      this.ledger.placesWithin(manager, scope, ids, period.from, period.to),
      this.reports.reportsOf(manager, ids, period.key),
      this.repository.assessmentsOf(manager, ids, [period.key]),
    ]);
    const branchIds = [...new Set([...members.values()].map((m) => m.branchId))];
    const branches = await this.organisations.nodesOf(branchIds, manager);
    // Each branch's unit is among its ancestors: one lookup for all of them.
    const ancestors = await this.organisations.nodesOf(
      [...branches.values()].flatMap((b) => pathIds(b.path)),
      manager,
    );
    const regions = await this.regions.nodesOf(
      places.flatMap((p) => [p.communityId, p.streetId]).filter((id): id is string => !!id),
      manager,
    );
    const territories = this.territories(principal);
    const streetsOfCaller = new Set(territories.map((t) => (t.regionLevel === 'street' ? t.scopeId : pathIds(t.scopePath).at(-2)!)));
    const visible = assessments.filter((a) => streetsOfCaller.has(a.streetId) || principal.assignments.some((x) => x.role === 'system_admin'));
    const presented = await this.reports.presentAssessments(manager, visible, principal);
    return rows.map((r) => {
      const member = members.get(r.memberId);
      const branch = member ? branches.get(member.branchId) : undefined;
      const unit = branch
        ? pathIds(branch.path)
            .map((id) => ancestors.get(id))
            .find((o) => o?.level === 'unit')
        : undefined;
      const mine = places.filter((p) => p.memberId === r.memberId && p.entries > 0);
      const communities = new Map<string, { id: string; name: string; minutes: number }>();
      for (const p of mine) {
        if (!p.communityId) continue;
        const c = communities.get(p.communityId) ?? { id: p.communityId, name: regions.get(p.communityId)?.name ?? '社区', minutes: 0 };
        c.minutes += p.minutes;
        communities.set(p.communityId, c);
      }
      const report = reports.get(r.memberId);
      const scopes = territories.filter((t) => this.covers(t, mine));
      return {
        id: r.memberId,
        member: { id: r.memberId, name: member?.name ?? '党员' },
        branch: branch ? { id: branch.id, name: branch.name } : null,
        unit: unit ? { id: unit.id, name: unit.name } : null,
        minutes: r.minutes,
        entries: r.entries,
        communities: [...communities.values()].sort((a, b) => b.minutes - a.minutes),
        report: report ? { id: report.id, status: report.status, statusLabel: REPORT_STATUS_LABELS[report.status] } : null,
        assessments: presented.filter((_, i) => visible[i].memberId === r.memberId),
        assessableScopes: [...new Map(scopes.map((t) => [t.scopeId, { id: t.scopeId, name: t.scopeName ?? '', level: t.regionLevel }])).values()],
      };
    });
  }
}
