import { Injectable } from '@nestjs/common';
import type { ActivityDetail, CancelActivity, CreateActivity, OrganisablePlace } from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import type { Actor } from '../../common/workflow/actor';
import { toException } from '../../common/workflow/workflow';
import { AuditService } from '../audit/audit.service';
import { AgreementsService } from '../agreements/agreements.service';
import { MembersService } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { WorkflowService } from '../workflow/workflow.service';
import './activities.events';
import { ACTIVITY_WORKFLOW, ATTENDANCE_WORKFLOW, type ActivityAction, type AttendanceAction } from './activities.policy';
import { ActivitiesRepository, isAttended, LIVE_ATTENDANCE } from './activities.repository';
import { ActivityContextService, ORGANISER_ROLES, UNIT_ORGANISER_ROLES, type ActivityContext } from './activity-context.service';
import { ActivityQueriesService } from './activity-queries.service';
import { beijingTime, checkoutWindow } from './checkin.rules';
import { ActivityAttendanceEntity, newAttendance } from './entities/activity-attendance.entity';
import { ActivityEntity } from './entities/activity.entity';
import { HoursService } from './hours.service';

const HOUR = 3600_000;
export const STALE_ACTIVITY = '该活动刚刚被他人处理，请刷新后再试';
export const STALE_ATTENDANCE = '报名状态刚刚发生了变化，请刷新后再试';

/** 志愿服务活动: publishing, cancelling and ending an activity; members' sign-ups. */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ActivitiesRepository,
    private readonly contexts: ActivityContextService,
    private readonly queries: ActivityQueriesService,
    private readonly hours: HoursService,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly regions: RegionsService,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly agreements: AgreementsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Moves the activity with a conditional update and its timeline entry. */
  async move(manager: EntityManager, activity: ActivityEntity, action: ActivityAction, actor: Actor, changes: Partial<ActivityEntity> = {}, note: string | null = null): Promise<void> {
    const to = await this.workflow.transition(manager, {
      workflow: ACTIVITY_WORKFLOW,
      subjectType: 'activity',
      entity: ActivityEntity,
      id: activity.id,
      from: activity.status,
      action,
      actor,
      changes,
      note,
      stale: STALE_ACTIVITY,
    });
    Object.assign(activity, changes, { status: to });
  }

  /** Moves an attendance with a conditional update and its timeline entry. */
  async moveAttendance(
    manager: EntityManager,
    attendance: ActivityAttendanceEntity,
    action: AttendanceAction,
    actor: Actor,
    changes: Partial<ActivityAttendanceEntity>,
    note: string | null = null,
  ): Promise<void> {
    const stamp = { ...changes, updatedAt: this.clock.now() };
    const to = await this.workflow.transition(manager, {
      workflow: ATTENDANCE_WORKFLOW,
      subjectType: 'attendance',
      entity: ActivityAttendanceEntity,
      id: attendance.id,
      from: attendance.status,
      action,
      actor,
      changes: stamp,
      note,
      stale: STALE_ATTENDANCE,
    });
    await this.repository.countAttended(manager, attendance.activityId, Number(isAttended(to)) - Number(isAttended(attendance.status)));
    Object.assign(attendance, stamp, { status: to });
  }

  /**
   * Where the caller may publish (发布活动的范围): the communities they serve as staff — any partner's commitment there
   * may be delivered —, and for an org admin every community covered by an agreement in force of a unit in their
   * scope (组织报到), with that unit's commitments. One answer for the form and for publish's check.
   */
  async places(principal: Principal, manager: EntityManager = this.dataSource.manager): Promise<OrganisablePlace[]> {
    const places: OrganisablePlace[] = [];
    const staffScopes = principal.assignments.filter((a) => ORGANISER_ROLES.includes(a.role as never) && a.scopeKind === 'region' && a.scopeId);
    const communities = await this.regions.nodesOf(
      staffScopes.map((a) => a.scopeId!),
      manager,
    );
    const partnerCommitments = async (communityId: string, unitId?: string) => {
      const partners = (await this.agreements.partnersOf(communityId, this.clock.now(), manager)).filter((a) => !unitId || a.unitId === unitId);
      const units = await this.organisations.nodesOf(
        partners.map((a) => a.unitId),
        manager,
      );
      return partners.flatMap((a) => a.commitments.map((c) => ({ ...c, unitName: units.get(a.unitId)?.name ?? '' })));
    };
    const streets = await this.regions.nodesOf(
      [...communities.values()].map((c) => pathIds(c.path).at(-2)!),
      manager,
    );
    for (const community of communities.values()) {
      if (community.level !== 'community') continue;
      const streetName = streets.get(pathIds(community.path).at(-2)!)?.name ?? '';
      places.push({ communityId: community.id, communityName: community.name, streetName, organisationId: null, organisationName: null, commitments: await partnerCommitments(community.id) });
    }
    const unitScopes = principal.assignments.filter((a) => UNIT_ORGANISER_ROLES.includes(a.role as never) && a.scopeKind === 'organisation' && a.scopePath);
    const agreements = await this.agreements.inForceWithin(
      unitScopes.map((a) => a.scopePath!),
      this.clock.now(),
      manager,
    );
    const units = await this.organisations.nodesOf(
      agreements.map((a) => a.unitId),
      manager,
    );
    const seen = new Set<string>();
    for (const agreement of agreements) {
      const street = await this.regions.nodeOf(agreement.streetId, manager);
      const covered = agreement.communityId
        ? [await this.regions.nodeOf(agreement.communityId, manager)]
        : (await this.regions.list({ parentId: agreement.streetId })).map((c) => ({ ...c, path: '' }));
      for (const community of covered) {
        if (!community || seen.has(`${community.id}:${agreement.unitId}`)) continue;
        seen.add(`${community.id}:${agreement.unitId}`);
        places.push({
          communityId: community.id,
          communityName: community.name,
          streetName: street?.name ?? '',
          organisationId: agreement.unitId,
          organisationName: units.get(agreement.unitId)?.name ?? '',
          commitments: await partnerCommitments(community.id, agreement.unitId),
        });
      }
    }
    return places;
  }

  async publish(principal: Principal, input: CreateActivity): Promise<ActivityDetail> {
    const community = await this.regions.nodeOf(input.communityId);
    if (!community || community.level !== 'community') throw AppException.notFound('没有找到这个社区');
    const spec = ACTIVITY_WORKFLOW.action('publish');
    let unit: { id: string; name: string } | null = null;
    if (input.organisationId) {
      const organisation = await this.organisations.nodeOf(input.organisationId);
      if (!organisation) throw AppException.notFound('没有找到这个单位');
      if (!this.contexts.organisesForUnit(principal, { kind: 'organisation', id: organisation.id, path: organisation.path }))
        throw AppException.forbidden('只能以您所在单位（或下属单位）的名义发布活动');
      unit = await this.organisations.unitNodeOf(organisation);
      if (!unit || !(await this.agreements.inForce(unit.id, community.id))) {
        throw AppException.forbidden(`${unit?.name ?? organisation.name}与${community.name}（或所在街道）还没有生效的共建协议：请先签订共建协议（组织报到），再在这里组织活动`);
      }
    } else if (!this.contexts.isOrganiser(principal, community)) {
      throw AppException.forbidden(
        principal.assignments.some((a) => a.role === 'community_staff')
          ? spec.outOfScope
          : principal.assignments.some((a) => a.role === 'org_admin')
            ? '请选择以哪个单位的名义发布活动'
            : spec.notYours,
      );
    }
    if (input.commitmentId) {
      const place = (await this.places(principal)).find((p) => p.communityId === community.id && p.organisationId === (unit?.id ?? null));
      if (!place?.commitments.some((c) => c.id === input.commitmentId)) {
        throw AppException.badRequest(unit ? `请选择${unit.name}在这里生效的共建协议中的一项承诺` : '请选择在本社区生效的共建协议中的一项承诺');
      }
    }
    const now = this.clock.now();
    const startAt = new Date(input.startAt);
    const endAt = new Date(input.endAt);
    const signupDeadline = input.signupDeadline ? new Date(input.signupDeadline) : startAt;
    const bad = (message: string) => ACTIVITY_WORKFLOW.refuse('bad_time', { message });
    if (endAt.getTime() <= startAt.getTime()) bad('结束时间应晚于开始时间');
    if (endAt.getTime() - startAt.getTime() > 24 * HOUR) bad('一次活动最长 24 小时，多天的活动请分场次发布');
    if (endAt.getTime() <= now.getTime()) bad('结束时间已经过去，请重新选择活动时间');
    if (signupDeadline.getTime() > endAt.getTime()) bad('报名截止时间不能晚于活动结束时间');
    if ((input.lat === undefined) !== (input.lng === undefined)) throw AppException.badRequest('请同时提供签到位置的纬度和经度');
    const lat = input.lat ?? community.lat;
    const lng = input.lng ?? community.lng;
    if (lat === null || lng === null) throw AppException.badRequest('该社区还没有设置位置，请选择活动地点的签到位置');
    const id = newId();
    const actor = unit ? { userId: principal.userId, role: 'org_admin' as const, name: unit.name } : this.contexts.organiserActor(principal, community);
    return inTransaction(this.dataSource, async (manager) => {
      await this.repository.insertActivity(manager, {
        id,
        communityId: community.id,
        streetId: pathIds(community.path).at(-2)!,
        title: input.title,
        type: input.type,
        description: input.description || null,
        placeName: input.placeName,
        lat,
        lng,
        radiusM: input.radiusM ?? community.checkinRadiusM ?? 500,
        startAt,
        endAt,
        signupDeadline,
        capacity: input.capacity,
        taken: 0,
        attended: 0,
        walkInsAllowed: input.walkInsAllowed,
        status: 'published',
        organiserUserId: principal.userId,
        organiserName: unit?.name ?? community.name,
        organisationId: unit?.id ?? null,
        commitmentId: input.commitmentId ?? null,
        cancelReason: null,
        endedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.workflow.record(manager, { subjectType: 'activity', subjectId: id, action: 'publish', from: null, to: 'published', actor });
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'activity.publish',
        subjectType: 'activity',
        subjectId: id,
        detail: { communityId: community.id, capacity: input.capacity, organisationId: unit?.id ?? null, commitmentId: input.commitmentId ?? null },
      });
      return this.queries.detail(id, principal, manager);
    });
  }

  private organiserCommand(
    principal: Principal,
    id: string,
    work: (manager: EntityManager, ctx: ActivityContext & { community: { id: string; path: string; name: string } }) => Promise<void>,
  ): Promise<ActivityDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, id, principal);
      await work(manager, ctx);
      return this.queries.present(manager, ctx);
    });
  }

  /** Cancels the activity before its end; those signed up are told (activity.cancelled). */
  cancel(principal: Principal, id: string, input: CancelActivity): Promise<ActivityDetail> {
    return this.organiserCommand(principal, id, async (manager, ctx) => {
      ACTIVITY_WORKFLOW.require('cancel', ctx.activity.status, ctx.rel);
      if (this.clock.now().getTime() >= ctx.activity.endAt.getTime()) ACTIVITY_WORKFLOW.refuse('over');
      const actor = this.contexts.organiserActor(principal, ctx.community, ctx.activity);
      await this.move(manager, ctx.activity, 'cancel', actor, { cancelReason: input.reason }, input.reason);
      const attendances = (await this.repository.attendancesOf(manager, id)).filter((a) => LIVE_ATTENDANCE.includes(a.status));
      const members = await this.members.byIds(
        attendances.map((a) => a.memberId),
        manager,
      );
      const attendeeUserIds = [...members.values()].map((m) => m.userId).filter((u): u is string => !!u);
      await this.events.publish(manager, 'activity.cancelled', { activity: this.contexts.ref(ctx.activity), actor, reason: input.reason, attendeeUserIds });
    });
  }

  /**
   * The organiser ends the activity once check-out has opened (otherwise the job does, when check-out closes): hours
   * open for review. Ended before its planned end, the actual end is the one hours count to.
   */
  end(principal: Principal, id: string): Promise<ActivityDetail> {
    return this.organiserCommand(principal, id, async (manager, ctx) => {
      ACTIVITY_WORKFLOW.require('end', ctx.activity.status, ctx.rel);
      await this.endActivity(manager, ctx.activity, this.contexts.organiserActor(principal, ctx.community, ctx.activity));
    });
  }

  /** Ends an activity and opens its attendees' hours, in the caller's transaction (organiser or job). */
  async endActivity(manager: EntityManager, activity: ActivityEntity, actor: Actor): Promise<void> {
    const now = this.clock.now();
    const checkout = checkoutWindow(activity);
    if (now.getTime() < checkout.opensAt.getTime()) ACTIVITY_WORKFLOW.refuse('not_over', { from: beijingTime(checkout.opensAt) });
    // Ended before its planned end (everyone has checked out): the actual end is what hours are counted to.
    const changes: Partial<ActivityEntity> = now.getTime() < activity.endAt.getTime() ? { endedAt: now, endAt: now } : { endedAt: now };
    await this.move(manager, activity, 'end', actor, changes);
    await this.hours.open(manager, activity);
    if (activity.commitmentId) {
      const commitment = (await this.agreements.commitmentOwners([activity.commitmentId], manager)).get(activity.commitmentId);
      if (commitment) await this.events.publish(manager, 'activity.delivered', { activity: this.contexts.ref(activity), unitId: commitment.unitId, category: commitment.category, at: now });
    }
  }

  /** A member signs up while places are left and before the deadline. Capacity holds under concurrency (takePlace). */
  async signup(principal: Principal, id: string): Promise<ActivityDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.forMember(manager, id, principal);
      const { activity, attendance } = ctx;
      ACTIVITY_WORKFLOW.require('signup', activity.status, ctx.rel);
      const now = this.clock.now();
      if (now.getTime() > activity.signupDeadline.getTime() || now.getTime() > activity.endAt.getTime()) ACTIVITY_WORKFLOW.refuse('signup_closed', { deadline: beijingTime(activity.signupDeadline) });
      if (attendance && LIVE_ATTENDANCE.includes(attendance.status)) ACTIVITY_WORKFLOW.refuse('already_signed_up');
      // The place first: the increment locks the activity row, so the inserts below never wait on each other in a cycle.
      if (!(await this.repository.takePlace(manager, activity.id))) ACTIVITY_WORKFLOW.refuse('full', { capacity: activity.capacity });
      activity.taken += 1;
      const actor = this.contexts.memberActor(principal, ctx.member!);
      if (attendance) {
        await this.moveAttendance(manager, attendance, 'signup', actor, { signedUpAt: now, walkIn: false });
      } else {
        const row = newAttendance(activity.id, ctx.member!.id, 'signed_up', now, { signedUpAt: now });
        if (!(await this.repository.insertAttendance(manager, row))) throw toException(ACTIVITY_WORKFLOW.limitRefusal('already_signed_up'));
        await this.recordAttendance(manager, row.id, 'signup', null, 'signed_up', actor);
        ctx.attendance = row;
      }
      this.contexts.setAttendee(ctx, true);
      return this.queries.present(manager, ctx);
    });
  }

  /** A member cancels their sign-up until the deadline; the place is given back. */
  async cancelSignup(principal: Principal, id: string): Promise<ActivityDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.forMember(manager, id, principal);
      const { activity, attendance } = ctx;
      ACTIVITY_WORKFLOW.require('cancel_signup', activity.status, ctx.rel);
      if (this.clock.now().getTime() > activity.signupDeadline.getTime()) ACTIVITY_WORKFLOW.refuse('cancel_closed', { deadline: beijingTime(activity.signupDeadline) });
      await this.moveAttendance(manager, attendance!, 'cancel', this.contexts.memberActor(principal, ctx.member!), {});
      await this.repository.releasePlace(manager, activity.id);
      activity.taken = Math.max(0, activity.taken - 1);
      this.contexts.setAttendee(ctx, false);
      return this.queries.present(manager, ctx);
    });
  }

  /** A timeline entry for an attendance created in its state (a sign-up, a walk-in, a record by hand). */
  recordAttendance(manager: EntityManager, id: string, action: AttendanceAction, from: string | null, to: string, actor: Actor, note: string | null = null): Promise<void> {
    return this.workflow.record(manager, { subjectType: 'attendance', subjectId: id, action, from, to, actor, note });
  }
}
