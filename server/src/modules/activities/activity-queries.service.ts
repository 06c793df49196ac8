import { Injectable } from '@nestjs/common';
import { readManager } from '../../common/database/read-replicas';
import {
  haversineMetres,
  type ActivityDetail,
  type ActivityListQuery,
  type ActivityOfferedAction,
  type ActivityPage,
  type ActivitySummary,
  type AttendanceList,
  type Hours,
  type MyActivityPage,
  type MyAttendance,
  type PageQuery,
} from '@nuancheng/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { AppException } from '../../common/errors/app.exception';
import { AgreementsService } from '../agreements/agreements.service';
import { MembersService } from '../members/members.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { ACTIVITY_WORKFLOW, type ActivityAction } from './activities.policy';
import { ActivitiesRepository, LIVE_ATTENDANCE, type ActivityExportRow, type AttendanceExportRow } from './activities.repository';
import { exportPages, scopeCondition, type ExportScope } from '../../common/exports/export-scope';

export type { ActivityExportRow, AttendanceExportRow } from './activities.repository';
import { ActivityContextService, type ActivityContext } from './activity-context.service';
import { checkinWindow, checkoutWindow, timeVerdict } from './checkin.rules';
import type { ActivityAttendanceEntity } from './entities/activity-attendance.entity';
import type { ActivityHoursEntity } from './entities/activity-hours.entity';
import type { ActivityEntity } from './entities/activity.entity';
import type { OpenItem, OpenItemScope } from '../../common/supervision/open-item';
import { ActivityHoursEntity as HoursRow } from './entities/activity-hours.entity';
import { forceIndex, placeholders, sqlDate, type DashboardScope } from '../../common/supervision/dashboard';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function hoursOf(h: ActivityHoursEntity | undefined | null): Hours | null {
  if (!h) return null;
  return { status: h.status, minutes: h.minutes, missingCheckout: h.missingCheckout, reason: h.reason, reviewedAt: iso(h.reviewedAt) };
}

/** Reads of activities as the caller sees them: lists, the detail with its buttons, my activities, the attendance list. */
@Injectable()
export class ActivityQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ActivitiesRepository,
    private readonly contexts: ActivityContextService,
    private readonly regions: RegionsService,
    private readonly members: MembersService,
    private readonly agreements: AgreementsService,
    private readonly clock: Clock,
  ) {}

  private summary(a: ActivityEntity, names: Map<string, RegionNode>, near?: { lat: number; lng: number }): ActivitySummary {
    return {
      id: a.id,
      title: a.title,
      type: a.type,
      status: a.status,
      community: { id: a.communityId, name: names.get(a.communityId)?.name ?? '' },
      street: { id: a.streetId, name: names.get(a.streetId)?.name ?? '' },
      placeName: a.placeName,
      lat: a.lat,
      lng: a.lng,
      radiusM: a.radiusM,
      startAt: a.startAt.toISOString(),
      endAt: a.endAt.toISOString(),
      signupDeadline: a.signupDeadline.toISOString(),
      capacity: a.capacity,
      taken: a.taken,
      walkInsAllowed: a.walkInsAllowed,
      organiserName: a.organiserName,
      distanceM: near ? Math.round(haversineMetres(near, a)) : null,
    };
  }

  private names(rows: ActivityEntity[], manager: EntityManager = this.dataSource.manager) {
    return this.regions.nodesOf(
      rows.flatMap((a) => [a.communityId, a.streetId]),
      manager,
    );
  }

  async list(query: ActivityListQuery): Promise<ActivityPage> {
    const near = query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
    const { rows, total } = await this.repository.list(
      { communityId: query.communityId, streetId: query.streetId, organisationId: query.organisationId, near, when: query.when, now: this.clock.now() },
      query.page,
      query.pageSize,
    );
    const names = await this.names(rows);
    return { items: rows.map((a) => this.summary(a, names, near)), total, page: query.page, pageSize: query.pageSize };
  }

  /** 我的活动: the caller's sign-ups and attendances, newest first. */
  async mine(principal: Principal, query: PageQuery): Promise<MyActivityPage> {
    const member = await this.members.memberOfUser(principal.userId);
    if (!member) throw AppException.forbidden('只有在职党员可以报名参加志愿服务活动');
    const { rows, total } = await this.repository.attendancePage(member.id, query.page, query.pageSize);
    const manager = this.dataSource.manager;
    const [activities, hours] = await Promise.all([
      this.repository.activitiesByIds(
        manager,
        rows.map((r) => r.activityId),
      ),
      this.repository.hoursByIds(
        manager,
        rows.map((r) => r.id),
      ),
    ]);
    const byId = new Map(activities.map((a) => [a.id, a]));
    const hoursById = new Map(hours.map((h) => [h.id, h]));
    const names = await this.names(activities);
    return {
      items: rows.filter((r) => byId.has(r.activityId)).map((r) => ({ ...this.summary(byId.get(r.activityId)!, names), attendance: this.attendanceOf(r, hoursById.get(r.id)) })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  attendanceOf(a: ActivityAttendanceEntity, hours: ActivityHoursEntity | undefined | null): MyAttendance {
    return { id: a.id, status: a.status, walkIn: a.walkIn, signedUpAt: iso(a.signedUpAt), checkedInAt: iso(a.checkedInAt), checkedOutAt: iso(a.checkedOutAt), hours: hoursOf(hours) };
  }

  async detail(id: string, principal: Principal | undefined, manager: EntityManager = this.dataSource.manager): Promise<ActivityDetail> {
    const ctx = await this.contexts.load(manager, id, principal);
    return this.present(manager, ctx);
  }

  /** The detail of a loaded context (a command passes the one it changed, reloaded with its manager). */
  async present(manager: EntityManager, ctx: ActivityContext): Promise<ActivityDetail> {
    const a = ctx.activity;
    const [names, hours, commitments] = await Promise.all([
      this.names([a], manager), // Hours exist only once the activity ended: check-in's answer skips the read.
      ctx.attendance && a.status === 'ended' ? this.repository.findHours(manager, ctx.attendance.id) : null,
      a.commitmentId ? this.agreements.commitmentOwners([a.commitmentId], manager) : null,
    ]);
    const commitment = a.commitmentId ? commitments?.get(a.commitmentId) : undefined;
    const checkin = checkinWindow(a);
    const checkout = checkoutWindow(a);
    return {
      ...this.summary(a, names),
      description: a.description,
      cancelReason: a.cancelReason,
      checkinOpensAt: checkin.opensAt.toISOString(),
      checkoutOpensAt: checkout.opensAt.toISOString(),
      checkoutClosesAt: checkout.closesAt.toISOString(),
      myAttendance: ctx.attendance ? this.attendanceOf(ctx.attendance, hours) : null,
      isOrganiser: ctx.rel.has.has('organiser'),
      commitment: commitment ? { id: commitment.id, category: commitment.category, description: commitment.description, unitName: commitment.unitName } : null,
      actions: ACTIVITY_WORKFLOW.offered(a.status, ctx.rel, this.blocked(ctx)) as ActivityOfferedAction[],
    };
  }

  /** Actions a time or a count refuses now, so that no button leads to a refusal. */
  private blocked(ctx: ActivityContext): Set<ActivityAction> {
    const now = this.clock.now();
    const a = ctx.activity;
    const status = ctx.attendance?.status ?? null;
    const live = status !== null && LIVE_ATTENDANCE.includes(status);
    const blocked = new Set<ActivityAction>();
    const beforeDeadline = now.getTime() <= a.signupDeadline.getTime() && now.getTime() <= a.endAt.getTime();
    const placesLeft = a.taken < a.capacity;
    if (live || !beforeDeadline || !placesLeft) blocked.add('signup');
    if (status !== 'signed_up' || !beforeDeadline) blocked.add('cancel_signup');
    const mayCheckIn = status === 'signed_up' || (!live && a.walkInsAllowed && placesLeft);
    if (!mayCheckIn || timeVerdict(checkinWindow(a), now) !== 'open') blocked.add('checkin');
    if (status !== 'checked_in' || timeVerdict(checkoutWindow(a), now) !== 'open') blocked.add('checkout');
    if (timeVerdict(checkoutWindow(a), now) === 'early') blocked.add('end');
    if (now.getTime() >= a.endAt.getTime()) blocked.add('cancel');
    return blocked;
  }

  /** The organiser's live attendance list (names shown: the organiser needs them), and the hours once it ended. */
  async attendances(manager: EntityManager, ctx: ActivityContext): Promise<AttendanceList> {
    const rows = await this.repository.attendancesOf(manager, ctx.activity.id);
    const [members, hours, activity] = await Promise.all([
      this.members.byIds(
        rows.map((r) => r.memberId),
        manager,
      ),
      this.repository.hoursOf(manager, ctx.activity.id),
      this.present(manager, ctx),
    ]);
    const hoursById = new Map(hours.map((h) => [h.id, h]));
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    return {
      activity,
      items: rows.map((r) => ({
        id: r.id,
        member: { id: r.memberId, name: members.get(r.memberId)?.name ?? '党员' },
        status: r.status,
        walkIn: r.walkIn,
        manualReason: r.manualReason,
        signedUpAt: iso(r.signedUpAt),
        checkedInAt: iso(r.checkedInAt),
        checkedOutAt: iso(r.checkedOutAt),
        checkinDistanceM: r.checkinDistanceM,
        checkinAccuracyM: r.checkinAccuracyM,
        hours: hoursOf(hoursById.get(r.id)),
      })),
      counts: {
        signedUp: count('signed_up'),
        checkedIn: count('checked_in'),
        checkedOut: count('checked_out'),
        cancelled: count('cancelled'),
        hoursPending: hours.filter((h) => h.status === 'pending').length,
      },
    };
  }

  /**
   * Dashboard: activities held (started in the window, not cancelled) in these streets and the check-ins at them,
   * summed from each activity's `attended` (kept with its attendances), answered from the street index alone.
   */
  async dashboard(scope: DashboardScope): Promise<{ held: number; attendances: number }> {
    if (!scope.streetIds.length) return { held: 0, attendances: 0 };
    const m = readManager(this.dataSource);
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT COUNT(*) AS \`held\`, COALESCE(SUM(\`a\`.\`attended\`), 0) AS \`attendances\` FROM \`activities\` \`a\`${forceIndex(m, 'IDX_activities_street_held')} ` +
        `WHERE \`a\`.\`streetId\` IN (${placeholders(scope.streetIds)}) AND \`a\`.\`startAt\` >= ? AND \`a\`.\`startAt\` < ? AND \`a\`.\`status\` <> 'cancelled'`,
      [...scope.streetIds, sqlDate(m, scope.from), sqlDate(m, scope.to)],
    );
    return { held: Number(rows[0]?.held ?? 0), attendances: Number(rows[0]?.attendances ?? 0) };
  }

  /** 件件有着落: attendees' hours waiting for the organiser's review (approved by the job after `dueAt`). */
  async openItems(scope: OpenItemScope): Promise<OpenItem[]> {
    if (!scope.streetIds.length) return [];
    const rows = await this.dataSource.getRepository(HoursRow).find({
      where: { status: 'pending', activity: { streetId: In(scope.streetIds) } },
      relations: { activity: true },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: scope.limit,
    });
    return rows.map((h) => ({
      kind: 'hours_pending',
      subjectId: h.id,
      title: `${h.activity!.title} · ${h.minutes} 分钟`,
      communityId: h.activity!.communityId,
      streetId: h.activity!.streetId,
      since: h.createdAt,
      deadline: h.dueAt,
      overdue: h.dueAt < scope.now,
      actor: 'community_staff',
      actorPlace: { kind: 'region', id: h.activity!.communityId },
      link: { kind: 'activity', id: h.activityId },
    }));
  }

  /** The activities export's first sheet: activities starting in the period in the scope's streets, or organised by the scope's units. */
  async *exportActivities(scope: ExportScope): AsyncGenerator<ActivityExportRow> {
    const where = scopeCondition(scope, { street: '`a`.`streetId`', community: '`a`.`communityId`', organisation: ['`a`.`organisationId`'] });
    yield* exportPages((after, limit) => this.repository.exportActivities(where, scope.from, scope.to, after?.id ?? null, limit));
  }

  /**
   * Its second sheet: who signed up and attended — at activities in the scope's streets, or (an organisation) the
   * organisation's own members at any activity, so full names only ever go to the members' own organisation.
   */
  async *exportAttendance(scope: ExportScope): AsyncGenerator<AttendanceExportRow> {
    const where = scopeCondition(scope, { street: '`a`.`streetId`', community: '`a`.`communityId`', organisation: ['`m`.`branchId`'] });
    yield* exportPages((after, limit) => this.repository.exportAttendance(where, scope.from, scope.to, after?.id ?? null, limit));
  }
}
