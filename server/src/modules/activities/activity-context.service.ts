import { Injectable } from '@nestjs/common';
import { maskName } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/workflow/actor';
import { relations, type Relations } from '../../common/workflow/workflow';
import { MembersService, type MemberRecord } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import type { ActivityRef } from './activities.events';
import type { ActivityRelation } from './activities.policy';
import { ActivitiesRepository, LIVE_ATTENDANCE } from './activities.repository';
import type { ActivityAttendanceEntity } from './entities/activity-attendance.entity';
import type { ActivityEntity } from './entities/activity.entity';

/** Who organises activities in a community: its community staff (see ActivityContextService.isOrganiser). */
export const ORGANISER_ROLES = ['community_staff'] as const;
/** Who organises a partner unit's activity besides the community's staff: the admins of that unit or above it. */
export const UNIT_ORGANISER_ROLES = ['org_admin'] as const;

export interface ActivityContext {
  activity: ActivityEntity;
  /** The caller's roster row (null: not a member). */
  member: MemberRecord | null;
  /** The member's attendance at this activity, live or cancelled. */
  attendance: ActivityAttendanceEntity | null;
  rel: Relations<ActivityRelation>;
}

export const regionNode = (region: { id: string; path: string }): ScopeNode => ({ kind: 'region', id: region.id, path: region.path });

/** Loads an activity with the caller's relations to it: one place for every check, button and refusal. */
@Injectable()
export class ActivityContextService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: ActivitiesRepository,
    private readonly regions: RegionsService,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
  ) {}

  async activity(manager: EntityManager, id: string): Promise<ActivityEntity> {
    const activity = await this.repository.findActivity(manager, id);
    if (!activity) throw AppException.notFound('没有找到这个活动，可能已被删除或链接有误');
    return activity;
  }

  /**
   * Everything for a member's command (sign-up, check-in …): the activity, the caller's roster row and attendance.
   * The organiser relation is not worked out here (no member action needs it), which keeps check-in at three reads.
   */
  async forMember(manager: EntityManager, id: string, principal: Principal): Promise<ActivityContext> {
    const [activity, member] = await Promise.all([this.activity(manager, id), this.members.memberOfUser(principal.userId, manager)]);
    const attendance = member ? await this.repository.findAttendance(manager, activity.id, member.id) : null;
    return { activity, member, attendance, rel: this.memberRelations(member, attendance) };
  }

  /** Everything, for the organiser's commands and the detail page. */
  async load(manager: EntityManager, id: string, principal: Principal | undefined): Promise<ActivityContext & { community: RegionNode }> {
    const activity = await this.activity(manager, id);
    const [community, member] = await Promise.all([this.regions.nodeOf(activity.communityId, manager), principal ? this.members.memberOfUser(principal.userId, manager) : null]);
    if (!community) throw AppException.notFound('没有找到这个活动所在的社区');
    const attendance = member ? await this.repository.findAttendance(manager, activity.id, member.id) : null;
    const memberRel = this.memberRelations(member, attendance);
    if (!principal) return { activity, community, member, attendance, rel: relations<ActivityRelation>([]) };
    const node = regionNode(community);
    const unit = activity.organisationId ? await this.organisations.findNode(activity.organisationId, manager) : null;
    const rel = relations<ActivityRelation>(
      [...memberRel.has, this.isOrganiser(principal, community, unit) && 'organiser'],
      [this.access.holdsElsewhere(principal, [...ORGANISER_ROLES], node) && 'organiser'],
    );
    return { activity, community, member, attendance, rel };
  }

  /**
   * The organiser relation: community staff of the activity's community (or system_admin), or — for an activity a
   * partner unit organises — an org admin of that unit or of an organisation above it.
   */
  isOrganiser(principal: Principal, community: { id: string; path: string }, unit: ScopeNode | null = null): boolean {
    return this.access.holds(principal, [...ORGANISER_ROLES], regionNode(community)) || (unit !== null && this.organisesForUnit(principal, unit));
  }

  /** Whether the caller may organise activities for a unit: an org admin of it or of an organisation above it. */
  organisesForUnit(principal: Principal, unit: ScopeNode): boolean {
    return this.access.holds(principal, [...UNIT_ORGANISER_ROLES], unit);
  }

  /** Whether the caller organises the activity an attendance belongs to (the ledger asks, for corrections). */
  async organisesAttendance(manager: EntityManager, principal: Principal, attendanceId: string): Promise<boolean> {
    const attendance = await this.repository.findAttendanceById(manager, attendanceId);
    if (!attendance) return false;
    const activity = await this.repository.findActivity(manager, attendance.activityId);
    const community = activity ? await this.regions.nodeOf(activity.communityId, manager) : null;
    const unit = activity?.organisationId ? await this.organisations.findNode(activity.organisationId, manager) : null;
    return community !== null && this.isOrganiser(principal, community, unit);
  }

  /** The context's relations after the caller's attendance became live (signed up, walked in) or stopped being. */
  setAttendee(ctx: ActivityContext, attendee: boolean): void {
    const has = new Set(ctx.rel.has);
    if (attendee) has.add('attendee');
    else has.delete('attendee');
    ctx.rel = relations<ActivityRelation>(has, ctx.rel.elsewhere ?? []);
  }

  private memberRelations(member: MemberRecord | null, attendance: ActivityAttendanceEntity | null): Relations<ActivityRelation> {
    return relations<ActivityRelation>([member !== null && 'member', attendance !== null && LIVE_ATTENDANCE.includes(attendance.status) && 'attendee']);
  }

  ref(activity: ActivityEntity): ActivityRef {
    return {
      id: activity.id,
      title: activity.title,
      type: activity.type,
      communityId: activity.communityId,
      streetId: activity.streetId,
      startAt: activity.startAt,
      endAt: activity.endAt,
      organiserUserId: activity.organiserUserId,
      organisationId: activity.organisationId,
      commitmentId: activity.commitmentId,
    };
  }

  memberActor(principal: Principal, member: MemberRecord): Actor {
    return { userId: principal.userId, role: 'member', name: maskName(member.name) };
  }

  /** The organiser as the timeline shows them: the community's staff, or the partner unit's admin by its name. */
  organiserActor(principal: Principal, community: { id: string; path: string; name: string }, activity?: Pick<ActivityEntity, 'organisationId' | 'organiserName'>): Actor {
    if (activity?.organisationId && !this.access.holds(principal, [...ORGANISER_ROLES], regionNode(community))) return { userId: principal.userId, role: 'org_admin', name: activity.organiserName };
    return { userId: principal.userId, role: 'community_staff', name: community.name };
  }
}
