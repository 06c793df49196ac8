import { Injectable } from '@nestjs/common';
import { maskName, POST_LIMITS, SHIFT_STATUS_LABELS, type LogShift, type ServicePostType, type Shift, type ShiftListQuery, type ShiftOfferedAction, type ShiftPage } from '@nuancheng/shared';
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
import { relations, type Relations } from '../../common/workflow/workflow';
import { MembersService, type MemberRecord } from '../members/members.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { REGISTRATION_VIEWER_ROLES } from '../registrations/registrations.service';
import { UploadsService } from '../uploads/uploads.service';
import { WorkflowService } from '../workflow/workflow.service';
import { PostShiftEntity } from './post-shift.entity';
import type { ShiftRef } from './posts.events';
import { POST_HOLDING_WORKFLOW, SHIFT_WORKFLOW, type ShiftAction, type ShiftRelation } from './posts.policy';
import { PostsRepository } from './posts.repository';
import { cstDate, daysBetween, isCalendarDate } from './posts.rules';
import { PostsService } from './posts.service';
import { waitingItems, type OpenItem, type OpenItemScope } from '../../common/supervision/open-item';

const regionNode = (r: RegionNode): ScopeNode => ({ kind: 'region', id: r.id, path: r.path });
const STALE = '该值守记录刚刚被他人处理，请刷新后再试';
const photoTarget = (shiftId: string) => `post-shift:${shiftId}`;

interface ShiftContext {
  shift: PostShiftEntity;
  community: RegionNode;
  member: MemberRecord | null;
  rel: Relations<ShiftRelation>;
}

/**
 * 值守记录: a post-holder logs a shift (a day within the last 30, 1–720 minutes, what was done, optional photos);
 * the post's community staff confirm or reject it with a reason. `post_shift.confirmed` is credited to the
 * member's ledger exactly once (ledger/subscribers/service-post-credits.subscriber.ts).
 */
@Injectable()
export class ShiftsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PostsRepository,
    private readonly posts: PostsService,
    private readonly members: MembersService,
    private readonly regions: RegionsService,
    private readonly uploads: UploadsService,
    private readonly access: AccessService,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async log(principal: Principal, holdingId: string, input: LogShift): Promise<Shift> {
    return inTransaction(this.dataSource, async (manager) => {
      // One member's shifts take turns, so that they count each other under the day's total.
      await this.members.lockMemberOfUser(manager, principal.userId);
      const { holding, rel } = await this.posts.holdingContext(manager, principal, holdingId);
      POST_HOLDING_WORKFLOW.require('log_shift', holding.status, relations(rel.has.has('holder') ? ['holder'] : []));
      if (!isCalendarDate(input.date)) throw AppException.badRequest('日期不存在，请重新选择');
      const today = cstDate(this.clock.now());
      if (input.date > today) SHIFT_WORKFLOW.refuse('date_in_future');
      if (daysBetween(input.date, today) > POST_LIMITS.shiftMaxAgeDays) SHIFT_WORKFLOW.refuse('date_too_old', { days: POST_LIMITS.shiftMaxAgeDays });
      if (input.date < holding.startsOn) SHIFT_WORKFLOW.refuse('before_term', { start: holding.startsOn });
      const logged = await this.repository.minutesOn(manager, holding.memberId, input.date);
      if (logged + input.minutes > POST_LIMITS.dayMinutesMax) SHIFT_WORKFLOW.refuse('day_full', { date: input.date, logged, max: POST_LIMITS.dayMinutesMax });
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);

      const now = this.clock.now();
      const shift: PostShiftEntity = {
        id: newId(),
        holdingId: holding.id,
        postId: holding.postId,
        memberId: holding.memberId,
        communityId: holding.communityId,
        streetId: holding.streetId,
        serviceDate: input.date,
        minutes: input.minutes,
        content: input.content,
        status: 'pending',
        decidedByUserId: null,
        decidedAt: null,
        rejectReason: null,
        createdByUserId: principal.userId,
        createdAt: now,
        updatedAt: now,
      };
      await this.repository.insertShift(manager, shift);
      if (photos.length)
        await this.uploads.attach(
          manager,
          photos.map((p) => p.id),
          photoTarget(shift.id),
        );
      const member = (await this.members.byIds([holding.memberId], manager)).get(holding.memberId) ?? null;
      const actor: Actor = { userId: principal.userId, role: 'member', name: maskName(member?.name ?? '党员') };
      await this.workflow.record(manager, { subjectType: 'post_shift', subjectId: shift.id, action: 'log', from: null, to: 'pending', actor, note: `${input.date} ${input.minutes} 分钟` });
      const { post, community } = await this.postOf(manager, shift);
      await this.events.publish(manager, 'post_shift.logged', { post: this.posts.postRef(post, community), shift: this.ref(shift, member), actor });
      return (await this.views(manager, principal, [shift]))[0];
    });
  }

  confirm(principal: Principal, id: string): Promise<Shift> {
    return this.command(principal, id, async (manager, ctx) => {
      SHIFT_WORKFLOW.require('confirm', ctx.shift.status, ctx.rel);
      const actor = this.staffActor(principal, ctx.community);
      await this.move(manager, ctx.shift, 'confirm', actor, { decidedByUserId: principal.userId, decidedAt: this.clock.now() });
      const { post } = await this.postOf(manager, ctx.shift);
      await this.events.publish(manager, 'post_shift.confirmed', { post: this.posts.postRef(post, ctx.community), shift: this.ref(ctx.shift, ctx.member), actor });
    });
  }

  reject(principal: Principal, id: string, reason: string): Promise<Shift> {
    return this.command(principal, id, async (manager, ctx) => {
      SHIFT_WORKFLOW.require('reject', ctx.shift.status, ctx.rel);
      const actor = this.staffActor(principal, ctx.community);
      await this.move(manager, ctx.shift, 'reject', actor, { decidedByUserId: principal.userId, decidedAt: this.clock.now(), rejectReason: reason }, reason);
      const { post } = await this.postOf(manager, ctx.shift);
      await this.events.publish(manager, 'post_shift.rejected', { post: this.posts.postRef(post, ctx.community), shift: this.ref(ctx.shift, ctx.member), actor, note: reason });
    });
  }

  /** Staff: shifts waiting for confirmation (or decided ones) in my communities. */
  async list(principal: Principal, query: ShiftListQuery): Promise<ShiftPage> {
    const scope = listScope(principal, REGISTRATION_VIEWER_ROLES, { community: '`s`.`communityId`', street: '`s`.`streetId`' });
    if (!scope) throw AppException.forbidden('只有社区工作者或街道干部可以查看值守记录');
    const manager = this.dataSource.manager;
    const { rows, total } = await this.repository.shiftsInScope(manager, scope, { status: query.status, communityId: query.communityId }, query.page, query.pageSize);
    return { items: await this.views(manager, principal, rows), total, page: query.page, pageSize: query.pageSize };
  }

  /** The member's own shifts, newest day first. */
  async mine(principal: Principal, page: number, pageSize: number): Promise<ShiftPage> {
    const manager = this.dataSource.manager;
    const member = await this.members.memberOfUser(principal.userId, manager);
    if (!member) throw AppException.forbidden('只有在职党员有值守记录');
    const { rows, total } = await this.repository.shiftsOfMember(manager, member.id, page, pageSize);
    return { items: await this.views(manager, principal, rows), total, page, pageSize };
  }

  async get(principal: Principal, id: string): Promise<Shift> {
    const manager = this.dataSource.manager;
    const ctx = await this.load(manager, principal, id);
    if (!ctx.rel.has.has('holder') && !this.access.holds(principal, REGISTRATION_VIEWER_ROLES, regionNode(ctx.community))) throw AppException.forbidden('只有值守的党员本人或该社区的工作人员可以查看');
    return (await this.views(manager, principal, [ctx.shift]))[0];
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────

  private command(principal: Principal, id: string, work: (manager: EntityManager, ctx: ShiftContext) => Promise<void>): Promise<Shift> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      await work(manager, ctx);
      return (await this.views(manager, principal, [ctx.shift]))[0];
    });
  }

  private async load(manager: EntityManager, principal: Principal, id: string): Promise<ShiftContext> {
    const shift = await this.repository.findShift(manager, id);
    if (!shift) throw AppException.notFound('没有找到这条值守记录');
    const [community, members] = await Promise.all([this.regions.nodeOf(shift.communityId, manager), this.members.byIds([shift.memberId], manager)]);
    const member = members.get(shift.memberId) ?? null;
    return { shift, community: community!, member, rel: this.relationsOf(principal, member, community!) };
  }

  private relationsOf(principal: Principal, member: MemberRecord | null, community: RegionNode): Relations<ShiftRelation> {
    const node = regionNode(community);
    return relations<ShiftRelation>(
      [member !== null && member.userId === principal.userId && 'holder', this.access.holds(principal, ['community_staff'], node) && 'community_staff'],
      [this.access.holdsElsewhere(principal, ['community_staff'], node) && 'community_staff'],
    );
  }

  private async move(manager: EntityManager, shift: PostShiftEntity, action: ShiftAction, actor: Actor, changes: Partial<PostShiftEntity>, note: string | null = null): Promise<void> {
    const to = await this.workflow.transition(manager, {
      workflow: SHIFT_WORKFLOW,
      subjectType: 'post_shift',
      entity: PostShiftEntity,
      id: shift.id,
      from: shift.status,
      action,
      actor,
      changes,
      note,
      stale: STALE,
    });
    Object.assign(shift, changes, { status: to });
  }

  private async postOf(manager: EntityManager, shift: PostShiftEntity) {
    const [post, community] = await Promise.all([this.repository.findPost(manager, shift.postId), this.regions.nodeOf(shift.communityId, manager)]);
    return { post: post!, community };
  }

  private ref(shift: PostShiftEntity, member: MemberRecord | null): ShiftRef {
    return { id: shift.id, holdingId: shift.holdingId, memberId: shift.memberId, memberUserId: member?.userId ?? null, date: shift.serviceDate, minutes: shift.minutes };
  }

  private staffActor(principal: Principal, community: RegionNode): Actor {
    if (this.access.isSystemAdmin(principal)) return { userId: principal.userId, role: 'system_admin', name: '系统管理员' };
    return { userId: principal.userId, role: 'community_staff', name: community.name };
  }

  private async views(manager: EntityManager, principal: Principal, shifts: PostShiftEntity[]): Promise<Shift[]> {
    if (!shifts.length) return [];
    const [posts, members, photos, regions] = await Promise.all([
      this.repository.postsByIds(
        manager,
        shifts.map((s) => s.postId),
      ),
      this.members.byIds(
        shifts.map((s) => s.memberId),
        manager,
      ),
      this.uploads.photosOf(
        shifts.map((s) => photoTarget(s.id)),
        manager,
      ),
      this.regions.nodesOf(
        shifts.map((s) => s.communityId),
        manager,
      ),
    ]);
    return shifts.map((s) => {
      const post = posts.get(s.postId)!;
      const member = members.get(s.memberId) ?? null;
      const community = regions.get(s.communityId)!;
      return {
        id: s.id,
        status: s.status,
        statusLabel: SHIFT_STATUS_LABELS[s.status],
        holdingId: s.holdingId,
        post: { id: post.id, name: post.name, type: post.type as ServicePostType },
        community: { id: community.id, name: community.name },
        member: { id: s.memberId, name: member?.name ?? '' },
        date: s.serviceDate,
        minutes: s.minutes,
        content: s.content,
        photos: photos.get(photoTarget(s.id)) ?? [],
        rejectReason: s.rejectReason,
        decidedAt: s.decidedAt?.toISOString() ?? null,
        createdAt: s.createdAt.toISOString(),
        actions: SHIFT_WORKFLOW.offered(s.status, this.relationsOf(principal, member, community)) as ShiftOfferedAction[],
      };
    });
  }

  /** 件件有着落: post shifts members logged that the community's staff have not confirmed, oldest first. */
  openItems(scope: OpenItemScope): Promise<OpenItem[]> {
    return waitingItems(this.dataSource.getRepository(PostShiftEntity), scope, { status: 'pending', relations: { post: true }, staleDays: 3 }, (r) => ({
      kind: 'shift_pending',
      title: `${r.post?.name ?? '服务岗位'} · ${r.serviceDate} · ${r.minutes} 分钟`,
      actor: 'community_staff',
      actorPlace: { kind: 'region', id: r.communityId },
      link: { kind: 'post_shifts', id: null },
    }));
  }
}
