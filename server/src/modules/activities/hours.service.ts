import { Injectable } from '@nestjs/common';
import { CHECKIN_RULES, type ApproveAllResult, type AttendanceList, type HoursReview } from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { DomainEvents } from '../../common/events/domain-events';
import { SYSTEM_ACTOR, type Actor } from '../../common/workflow/actor';
import { relations, type Relations } from '../../common/workflow/workflow';
import { MembersService } from '../members/members.service';
import { WorkflowService } from '../workflow/workflow.service';
import './activities.events';
import { ACTIVITY_WORKFLOW, HOURS_WORKFLOW, type HoursAction, type HoursRelation } from './activities.policy';
import { ActivitiesRepository } from './activities.repository';
import { ActivityContextService, type ActivityContext } from './activity-context.service';
import { ActivityQueriesService } from './activity-queries.service';
import { serviceMinutes } from './checkin.rules';
import { ActivityHoursEntity } from './entities/activity-hours.entity';
import type { ActivityEntity } from './entities/activity.entity';

const DAY = 24 * 3600_000;
const STALE_HOURS = '该时长刚刚被他人审核，请刷新后再试';
const AUTO_REJECT_REASON = '未签退，组织者未确认，不计时长';

/**
 * 服务时长: opened for every attendee who checked in when the activity ends; the organiser approves (all at once, or
 * one by one), confirms a missing check-out to the end, adjusts or rejects with a reason; what is left is approved
 * by the job 3 days after the end. Each decision is a conditional update from `pending` and publishes the event the
 * ledger credits from, in the same transaction: minutes are credited exactly once.
 */
@Injectable()
export class HoursService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ActivitiesRepository,
    private readonly contexts: ActivityContextService,
    private readonly queries: ActivityQueriesService,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly members: MembersService,
    private readonly clock: Clock,
  ) {}

  /** One pending row per attendee who checked in (the minutes computed now; 未签退 marked). */
  async open(manager: EntityManager, activity: ActivityEntity): Promise<number> {
    const now = this.clock.now();
    const rows: ActivityHoursEntity[] = (await this.repository.attendancesOf(manager, activity.id))
      .filter((a) => a.checkedInAt !== null && (a.status === 'checked_in' || a.status === 'checked_out'))
      .map((a) => {
        const minutes = serviceMinutes(activity, a.checkedInAt!, a.status === 'checked_out' ? a.checkedOutAt : null);
        return {
          id: a.id,
          activityId: activity.id,
          memberId: a.memberId,
          status: 'pending',
          computedMinutes: minutes,
          minutes,
          missingCheckout: a.status === 'checked_in',
          reason: null,
          reviewedByUserId: null,
          reviewedAt: null,
          dueAt: new Date(activity.endAt.getTime() + CHECKIN_RULES.autoApproveDays * DAY),
          createdAt: now,
          updatedAt: now,
        };
      });
    await this.repository.insertHours(manager, rows);
    return rows.length;
  }

  private rel(ctx: ActivityContext): Relations<HoursRelation> {
    return relations<HoursRelation>([ctx.rel.has.has('organiser') && 'organiser'], [ctx.rel.elsewhere?.has('organiser') && 'organiser']);
  }

  /** Applies one decision: the conditional update, its timeline entry, and the event the ledger credits from. */
  private async decide(
    manager: EntityManager,
    activity: ActivityEntity,
    hours: ActivityHoursEntity,
    action: HoursAction,
    rel: Relations<HoursRelation>,
    actor: Actor,
    input: { minutes?: number; reason?: string | null } = {},
  ): Promise<void> {
    HOURS_WORKFLOW.require(action, hours.status, rel);
    if (action === 'approve' && hours.missingCheckout) HOURS_WORKFLOW.refuse('missing_checkout');
    if (action === 'confirm' && !hours.missingCheckout) HOURS_WORKFLOW.refuse('not_missing');
    const rejected = action === 'reject' || action === 'auto_reject';
    const minutes = rejected ? 0 : action === 'adjust' ? input.minutes! : hours.computedMinutes;
    const reason = input.reason ?? null;
    const now = this.clock.now();
    const changes = { minutes, reason, reviewedByUserId: actor.userId, reviewedAt: now };
    const note = action === 'adjust' ? `${hours.computedMinutes} → ${minutes} 分钟：${reason}` : reason;
    const to = await this.workflow.transition(manager, {
      workflow: HOURS_WORKFLOW,
      subjectType: 'activity_hours',
      entity: ActivityHoursEntity,
      id: hours.id,
      from: hours.status,
      action,
      actor,
      changes,
      note,
      stale: STALE_HOURS,
    });
    Object.assign(hours, changes, { status: to });
    const member = (await this.members.byIds([hours.memberId], manager)).get(hours.memberId);
    const event = {
      activity: this.contexts.ref(activity),
      attendanceId: hours.id,
      memberId: hours.memberId,
      memberUserId: member?.userId ?? null,
      minutes,
      outcome: rejected ? ('rejected' as const) : action === 'adjust' ? ('adjusted' as const) : ('approved' as const),
      reason,
      actor,
      at: now,
    };
    await this.events.publish(manager, rejected ? 'activity.hours_rejected' : 'activity.hours_approved', event);
  }

  private async reviewable(manager: EntityManager, principal: Principal, activityId: string) {
    const ctx = await this.contexts.load(manager, activityId, principal);
    ACTIVITY_WORKFLOW.require('review_hours', ctx.activity.status, ctx.rel);
    return { ctx, rel: this.rel(ctx), actor: this.contexts.organiserActor(principal, ctx.community, ctx.activity) };
  }

  /** One attendee's hours: approve, confirm (未签退 to the end), adjust or reject with a reason. */
  review(principal: Principal, activityId: string, attendanceId: string, input: HoursReview): Promise<AttendanceList> {
    return inTransaction(this.dataSource, async (manager) => {
      const { ctx, rel, actor } = await this.reviewable(manager, principal, activityId);
      const hours = await this.repository.findHours(manager, attendanceId);
      if (!hours || hours.activityId !== activityId) throw AppException.notFound('没有找到这条签到记录的时长');
      await this.decide(manager, ctx.activity, hours, input.decision, rel, actor, { minutes: input.minutes, reason: input.reason });
      return this.queries.attendances(manager, ctx);
    });
  }

  /** 一键通过: every pending row that checked out; 未签退 rows wait for the organiser's confirmation. */
  approveAll(principal: Principal, activityId: string): Promise<ApproveAllResult> {
    return inTransaction(this.dataSource, async (manager) => {
      const { ctx, rel, actor } = await this.reviewable(manager, principal, activityId);
      let approved = 0;
      for (const hours of await this.repository.hoursOf(manager, activityId)) {
        if (hours.status !== 'pending' || hours.missingCheckout) continue;
        await this.decide(manager, ctx.activity, hours, 'approve', rel, actor);
        approved += 1;
      }
      return { approved, list: await this.queries.attendances(manager, ctx) };
    });
  }

  /**
   * Hours nobody reviewed within 3 days of the end: approved (a missing check-out nobody confirmed counts nothing).
   * Each row in its own transaction with a conditional update: run on two instances at once, each row moves once.
   */
  async autoApproveDue(): Promise<number> {
    let count = 0;
    const system = relations<HoursRelation>(['system']);
    for (const due of await this.repository.dueHours(this.clock.now())) {
      try {
        await inTransaction(this.dataSource, async (manager) => {
          const hours = await this.repository.findHours(manager, due.id);
          if (!hours || hours.status !== 'pending') return;
          const activity = (await this.repository.findActivity(manager, hours.activityId))!;
          if (hours.missingCheckout) await this.decide(manager, activity, hours, 'auto_reject', system, SYSTEM_ACTOR, { reason: AUTO_REJECT_REASON });
          else await this.decide(manager, activity, hours, 'auto_approve', system, SYSTEM_ACTOR);
          count += 1;
        });
      } catch (error) {
        // Another instance got there first: its conditional update won, ours changed nothing.
        if (!(error instanceof AppException)) throw error;
      }
    }
    return count;
  }
}
