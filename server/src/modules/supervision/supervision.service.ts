import { Injectable } from '@nestjs/common';
import { readManager } from '../../common/database/read-replicas';
import {
  SUPERVISION_ACTOR_LABELS,
  SUPERVISION_ACTORS,
  SUPERVISION_ITEM_KINDS,
  SUPERVISION_ITEM_LABELS,
  SUPERVISION_ITEMS_PER_KIND,
  WISH_STATUS_LABELS,
  WISH_STATUSES,
  type Board,
  type BoardItem,
  type Dashboard,
  type DashboardQuery,
} from '@nuancheng/shared';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { AppException } from '../../common/errors/app.exception';
import type { OpenItem, OpenItemScope } from '../../common/supervision/open-item';
import { ActivityQueriesService } from '../activities/activity-queries.service';
import { AuditService } from '../audit/audit.service';
import { AgreementsService } from '../agreements/agreements.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { ShiftsService } from '../posts/shifts.service';
import { ProjectsService } from '../projects/projects.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { RegistrationsService } from '../registrations/registrations.service';
import { ReportsService } from '../reports/reports.service';
import { WishQueriesService } from '../wishes/wish-queries.service';
import { boardXlsx } from './supervision-export';
import { monthsEnding, type DashboardScope } from '../../common/supervision/dashboard';
import { LedgerService, periodOf } from '../ledger/ledger.service';
import { MembersService } from '../members/members.service';

/** Units ranked on the dashboard. */
export const DASHBOARD_RANKING_SIZE = 10;

export const SUPERVISOR_ROLES = ['street_official', 'committee_admin'] as const;

/**
 * 调度督导 · 件件有着落: one board per street (street officials) or district / city (committee admins) of every open
 * item with no owner or past its deadline, gathered from the owning modules' services (each knows its rows and
 * who acts); this module only resolves the scope, names places and counts.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly wishes: WishQueriesService,
    private readonly projects: ProjectsService,
    private readonly registrations: RegistrationsService,
    private readonly shifts: ShiftsService,
    private readonly activities: ActivityQueriesService,
    private readonly reports: ReportsService,
    private readonly agreements: AgreementsService,
    private readonly members: MembersService,
    private readonly ledger: LedgerService,
  ) {}

  /** The region a supervisor asks about (or their own), checked against their assignments. */
  async regionFor(principal: Principal, regionId: string | undefined): Promise<RegionNode> {
    const own = principal.assignments.find((a) => (SUPERVISOR_ROLES as readonly string[]).includes(a.role) && a.scopeKind === 'region' && a.scopeId);
    const id = regionId ?? own?.scopeId;
    if (!id) throw AppException.forbidden('督导看板只对街道干部和工委管理员开放');
    const region = await this.regions.nodeOf(id);
    if (!region) throw AppException.notFound('没有找到这个地区');
    if (region.level === 'community') throw AppException.badRequest('督导看板按街道、区县或全市查看，请选择街道或以上');
    this.access.require(principal, SUPERVISOR_ROLES, { kind: 'region', id: region.id, path: region.path }, '该地区不在您负责的范围内');
    return region;
  }

  /**
   * 督导看板: the region's figures for a calendar year, each counted in SQL by the module that owns the rows; this
   * only resolves the scope, names units and divides.
   */
  async dashboard(principal: Principal, query: DashboardQuery): Promise<Dashboard> {
    const region = await this.regionFor(principal, query.regionId);
    const now = this.clock.now();
    const year = query.year ?? Number(periodOf(undefined, now).key.slice(0, 4));
    const window = periodOf(String(year), now);
    if (window.from.getTime() > now.getTime()) throw AppException.badRequest('这一年还没有开始');
    const to = window.to.getTime() < now.getTime() ? window.to : now;
    const streets = await this.regions.streetsWithin(region);
    const scope: DashboardScope = { streetIds: streets.map((s) => s.id), regionId: region.id, from: window.from, to, months: monthsEnding(to), now };
    const [onRoster, registrations, wishes, activities, ledger, reports, agreements] = await Promise.all([
      this.members.residentsOf(scope.streetIds, readManager(this.dataSource)),
      this.registrations.dashboardCounts(scope.streetIds),
      this.wishes.dashboard(scope),
      this.activities.dashboard(scope),
      this.ledger.dashboard(scope, DASHBOARD_RANKING_SIZE),
      this.reports.dashboard(scope),
      this.agreements.dashboard(scope),
    ]);
    const units = await this.organisations.nodesOf(ledger.units.map((u) => u.unitId));
    const counts = new Map(wishes.byState.map((w) => [w.status, w.count]));
    const hours = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 36) / 100);
    const rate = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : 0);
    return {
      region: { id: region.id, name: region.name, level: region.level },
      year,
      from: window.from.toISOString(),
      to: to.toISOString(),
      generatedAt: now.toISOString(),
      members: { onRoster, residentsRegistered: registrations.residentsRegistered, registered: registrations.registered },
      wishes: {
        byState: WISH_STATUSES.map((key) => ({ key, label: WISH_STATUS_LABELS[key], count: counts.get(key) ?? 0 })),
        total: wishes.byState.reduce((sum, w) => sum + w.count, 0),
        medianHoursToClaim: hours(wishes.medianSecondsToClaim),
        medianHoursToFulfil: hours(wishes.medianSecondsToFulfil),
        overdueUnclaimed: wishes.overdueUnclaimed,
        overdueClaims: wishes.overdueClaims,
      },
      activities: {
        held: activities.held,
        attendances: activities.attendances,
        minutes: ledger.minutes,
        membersServed: ledger.membersServed,
        minutesPerMember: ledger.membersServed ? Math.round(ledger.minutes / ledger.membersServed) : 0,
      },
      reports: reports.map((p) => ({
        ...p,
        submissionRate: rate(p.submitted, p.members),
        approvalRate: rate(p.approved, p.submitted),
        lateRate: rate(p.late, p.members),
      })),
      agreements,
      ranking: ledger.units.map((u) => ({ ...u, name: units.get(u.unitId)?.name ?? '' })),
      monthly: scope.months.map((m, i) => ({ month: m.key, wishesPosted: wishes.posted[i], wishesFulfilled: wishes.fulfilled[i], minutes: ledger.monthlyMinutes[i] })),
    };
  }

  async board(principal: Principal, regionId: string | undefined): Promise<Board> {
    const region = await this.regionFor(principal, regionId);
    const now = this.clock.now();
    const items = await this.openItems(region, now);
    return this.present(region, now, items);
  }

  /**
   * The board as a streamed .xlsx, audited with its scope and row count (officials' exports leave the system;
   * the audit says who took what).
   */
  async exportBoard(principal: Principal, regionId: string | undefined, ip: string | null): Promise<{ filename: string; stream: Readable; rows: number }> {
    const board = await this.board(principal, regionId);
    await this.audit.record(this.dataSource.manager, {
      actorId: principal.userId,
      action: 'supervision.board_exported',
      subjectType: 'region',
      subjectId: board.region.id,
      detail: { region: board.region.name, level: board.region.level, rows: board.items.length },
      ip,
    });
    const day = new Date(this.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    return { filename: `件件有着落-${board.region.name}-${day}.xlsx`, stream: await boardXlsx(board.items), rows: board.items.length };
  }

  /** Every open item in a region's streets, overdue first, then the longest waiting. */
  async openItems(region: RegionNode, now: Date): Promise<OpenItem[]> {
    const streets = await this.regions.streetsWithin(region);
    return this.gather({ streetIds: streets.map((s) => s.id), now, limit: SUPERVISION_ITEMS_PER_KIND });
  }

  /** Every module's open items in these streets, overdue first, then the longest waiting. */
  async gather(scope: OpenItemScope): Promise<OpenItem[]> {
    const parts = await Promise.all([
      this.wishes.openItems(scope),
      this.projects.openItems(scope),
      this.registrations.openItems(scope),
      this.shifts.openItems(scope),
      this.activities.openItems(scope),
      this.reports.openItems(scope),
      this.agreements.openItems(scope),
    ]);
    return parts.flat().sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.since.getTime() - b.since.getTime() || a.subjectId.localeCompare(b.subjectId));
  }

  async present(region: RegionNode, now: Date, items: OpenItem[]): Promise<Board> {
    const regionIds = items.flatMap((i) => [i.communityId, i.streetId, i.actorPlace?.kind === 'region' ? i.actorPlace.id : null]).filter((id): id is string => !!id);
    const orgIds = items.map((i) => (i.actorPlace?.kind === 'organisation' ? i.actorPlace.id : null)).filter((id): id is string => !!id);
    const [regions, orgs] = await Promise.all([this.regions.nodesOf([...new Set(regionIds)]), this.organisations.nodesOf(orgIds)]);
    const named = (id: string | null) => {
      const r = id ? regions.get(id) : undefined;
      return r ? { id: r.id, name: r.name } : null;
    };
    const presented = items.map((i): BoardItem => ({
      kind: i.kind,
      label: SUPERVISION_ITEM_LABELS[i.kind],
      subjectId: i.subjectId,
      title: i.title,
      community: named(i.communityId),
      street: named(i.streetId),
      since: i.since.toISOString(),
      deadline: i.deadline?.toISOString() ?? null,
      overdue: i.overdue,
      actor: {
        role: i.actor,
        label: SUPERVISION_ACTOR_LABELS[i.actor],
        name: !i.actorPlace ? null : i.actorPlace.kind === 'region' ? (regions.get(i.actorPlace.id)?.name ?? null) : (orgs.get(i.actorPlace.id)?.name ?? null),
      },
      link: i.link,
    }));
    const count = <K extends string>(keys: readonly K[], labels: Record<K, string>, of: (i: OpenItem) => K) =>
      keys.map((key) => ({ key, label: labels[key], count: items.filter((i) => of(i) === key).length }));
    return {
      region: { id: region.id, name: region.name, level: region.level },
      generatedAt: now.toISOString(),
      total: items.length,
      overdue: items.filter((i) => i.overdue).length,
      byKind: count(SUPERVISION_ITEM_KINDS, SUPERVISION_ITEM_LABELS, (i) => i.kind),
      byActor: count(SUPERVISION_ACTORS, SUPERVISION_ACTOR_LABELS, (i) => i.actor),
      items: presented,
    };
  }
}
