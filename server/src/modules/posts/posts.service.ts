import { Injectable } from '@nestjs/common';
import {
  commitmentCategoryOfPost,
  maskName,
  POST_HOLDING_STATUS_LABELS,
  POST_LIMITS,
  type CreatePost,
  type MyPosts,
  type PostHolding,
  type PostHoldingOfferedAction,
  type PostListQuery,
  type ServicePostOfferedAction,
  type ServicePost,
  type ServicePostDetail,
  type ServicePostPage,
  type ServicePostType,
  type UpdatePost,
} from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { SYSTEM_ACTOR, type Actor } from '../../common/workflow/actor';
import { relations, toException, type Relations } from '../../common/workflow/workflow';
import { MembersService, type MemberRecord } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { MemberDirectoryService } from '../registrations/member-directory.service';
import { REGISTRATION_VIEWER_ROLES, RegistrationsService } from '../registrations/registrations.service';
import { WorkflowService } from '../workflow/workflow.service';
import { PostHoldingEntity } from './post-holding.entity';
import type { HoldingRef, PostRef } from './posts.events';
import { POST_HOLDING_WORKFLOW, SERVICE_POST_WORKFLOW, type PostHoldingAction, type PostHoldingRelation, type ServicePostAction, type ServicePostRelation } from './posts.policy';
import { PostsRepository } from './posts.repository';
import { cstDate, termEnd } from './posts.rules';
import { ServicePostEntity } from './service-post.entity';

const regionNode = (r: { id: string; path: string }): ScopeNode => ({ kind: 'region', id: r.id, path: r.path });
const STALE = '该认岗刚刚被他人处理，请刷新后再试';

/** The caller as the post rules see them, worked out once per request. */
interface Caller {
  member: MemberRecord | null;
  /** The community the caller is registered with (confirmed). */
  registeredCommunityId: string | null;
  holding: PostHoldingEntity | null;
}

/**
 * 党员服务岗位: the community's staff publish posts and edit their places; a member registered with the
 * community takes one (认岗) for a year, or a unit's org admin takes one for a member of the unit; the holder
 * or that admin releases it early; a job ends holdings whose year is over. Places are counted by conditional
 * updates on the post row and "one post per member" by a unique index, so neither is exceeded under a race.
 */
@Injectable()
export class PostsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PostsRepository,
    private readonly registrations: RegistrationsService,
    private readonly directory: MemberDirectoryService,
    private readonly members: MembersService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  // ── posts ────────────────────────────────────────────────────────────────────────────────────────────

  async list(principal: Principal | undefined, query: PostListQuery): Promise<ServicePostPage> {
    const manager = this.dataSource.manager;
    const { rows, total } = await this.repository.postsPage(manager, { communityId: query.communityId, streetId: query.streetId }, query.page, query.pageSize);
    const caller = await this.callerOf(manager, principal);
    return { items: await this.postViews(manager, principal, caller, rows), total, page: query.page, pageSize: query.pageSize };
  }

  async get(principal: Principal | undefined, id: string, manager: EntityManager = this.dataSource.manager): Promise<ServicePostDetail> {
    const post = await this.repository.findPost(manager, id);
    if (!post) throw AppException.notFound('没有找到这个服务岗位');
    const caller = await this.callerOf(manager, principal);
    const [view] = await this.postViews(manager, principal, caller, [post]);
    const community = (await this.regions.nodeOf(post.communityId, manager))!;
    const seesNames = principal !== undefined && this.access.holds(principal, REGISTRATION_VIEWER_ROLES, regionNode(community));
    const holdings = await this.repository.activeHoldersOf(manager, post.id);
    const [cards, units] = await Promise.all([
      this.directory.describe(
        manager,
        holdings.map((h) => h.memberId),
      ),
      this.organisations.nodesOf(
        holdings.map((h) => h.organisationId).filter((o): o is string => !!o),
        manager,
      ),
    ]);
    return {
      ...view,
      holders: holdings.map((h) => {
        const card = cards.get(h.memberId);
        const own = card?.userId !== null && card?.userId === principal?.userId;
        return {
          holdingId: h.id,
          name: card ? (seesNames || own ? card.name : maskName(card.name)) : '',
          branch: card?.branch?.name ?? null,
          unit: card?.unit?.name ?? null,
          assignedBy: h.organisationId ? (units.get(h.organisationId)?.name ?? null) : null,
          startsOn: h.startsOn,
          endsOn: h.endsOn,
        };
      }),
    };
  }

  async publish(principal: Principal, input: CreatePost): Promise<ServicePostDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const community = await this.regions.nodeOf(input.communityId, manager);
      if (!community || community.level !== 'community') throw AppException.notFound('没有找到这个社区');
      const rel = this.staffRelations(principal, community);
      if (!SERVICE_POST_WORKFLOW.isAllowed('publish', rel)) {
        const action = SERVICE_POST_WORKFLOW.action('publish');
        throw AppException.forbidden(rel.elsewhere?.has('community_staff') ? action.outOfScope : action.notYours);
      }
      const now = this.clock.now();
      const post: ServicePostEntity = {
        id: newId(),
        communityId: community.id,
        streetId: pathIds(community.path).at(-2)!,
        type: input.type,
        name: input.name ?? input.type,
        description: input.description,
        places: input.places,
        taken: 0,
        createdByUserId: principal.userId,
        createdAt: now,
        updatedAt: now,
      };
      await this.repository.insertPost(manager, post);
      await this.workflow.record(manager, {
        subjectType: 'service_post',
        subjectId: post.id,
        action: 'publish',
        from: null,
        to: 'open',
        actor: this.staffActor(principal, community),
        note: `名额 ${post.places} 个`,
      });
      return this.get(principal, post.id, manager);
    });
  }

  async update(principal: Principal, id: string, input: UpdatePost): Promise<ServicePostDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const post = await this.repository.findPost(manager, id);
      if (!post) throw AppException.notFound('没有找到这个服务岗位');
      const community = (await this.regions.nodeOf(post.communityId, manager))!;
      const state = post.taken < post.places ? 'open' : 'full';
      SERVICE_POST_WORKFLOW.require('edit', state, this.staffRelations(principal, community));
      const now = this.clock.now();
      const notes: string[] = [];
      if (input.places !== undefined && input.places !== post.places) {
        if (!(await this.repository.setPlaces(manager, post.id, input.places, now))) {
          const current = await this.repository.findPost(manager, post.id);
          SERVICE_POST_WORKFLOW.refuse('places_below_taken', { taken: current?.taken ?? post.taken });
        }
        notes.push(`名额 ${post.places} → ${input.places}`);
      }
      if (input.name !== undefined || input.description !== undefined) {
        await this.repository.updatePost(manager, post.id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          updatedAt: now,
        });
        if (input.name !== undefined && input.name !== post.name) notes.push(`名称改为 ${input.name}`);
        if (input.description !== undefined && input.description !== post.description) notes.push('职责已更新');
      }
      const after = (await this.repository.findPost(manager, post.id))!;
      await this.workflow.record(manager, {
        subjectType: 'service_post',
        subjectId: post.id,
        action: 'edit',
        from: state,
        to: after.taken < after.places ? 'open' : 'full',
        actor: this.staffActor(principal, community),
        note: notes.join('；') || null,
      });
      return this.get(principal, post.id, manager);
    });
  }

  /** 认岗: the caller (a member registered there) takes the post, or an org admin takes it for `memberId`. */
  async take(principal: Principal, postId: string, memberId?: string): Promise<ServicePostDetail> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        // A member's own takes take turns (the first read of the transaction locks their roster row).
        if (!memberId) await this.members.lockMemberOfUser(manager, principal.userId);
        const post = await this.repository.findPost(manager, postId);
        if (!post) throw AppException.notFound('没有找到这个服务岗位');
        const community = (await this.regions.nodeOf(post.communityId, manager))!;
        const action: ServicePostAction = memberId ? 'take_for_member' : 'take';
        const member = memberId ? ((await this.members.byIds([memberId], manager)).get(memberId) ?? null) : await this.members.memberOfUser(principal.userId, manager);
        if (memberId && !member) throw AppException.notFound('没有找到这名党员');
        const rel = await this.takeRelations(manager, principal, post, member, action);
        SERVICE_POST_WORKFLOW.require(action, post.taken < post.places ? 'open' : 'full', rel);
        const held = await this.repository.activeHoldingOf(manager, member!.id);
        if (held) {
          const heldPost = held.postId === post.id ? post : await this.repository.findPost(manager, held.postId);
          SERVICE_POST_WORKFLOW.refuse('already_holds', { post: heldPost?.name ?? '服务岗位' });
        }
        const now = this.clock.now();
        if (!(await this.repository.takePlace(manager, post.id, now))) throw toException(SERVICE_POST_WORKFLOW.wrongState(action, 'full'));
        const unit = memberId ? await this.unitOfMember(manager, member!) : null;
        const startsOn = cstDate(now);
        const holding: PostHoldingEntity = {
          id: newId(),
          postId: post.id,
          memberId: member!.id,
          liveMemberId: member!.id,
          communityId: post.communityId,
          streetId: post.streetId,
          organisationId: unit?.id ?? null,
          takenByUserId: principal.userId,
          status: 'active',
          startsOn,
          endsOn: termEnd(startsOn, POST_LIMITS.termMonths),
          endedAt: null,
          endNote: null,
          createdAt: now,
          updatedAt: now,
        };
        await this.repository.insertHolding(manager, holding);
        const actor: Actor = unit ? { userId: principal.userId, role: 'org_admin', name: unit.name } : { userId: principal.userId, role: 'member', name: maskName(member!.name) };
        const note = `${community.name}${post.name}，${holding.startsOn} 至 ${holding.endsOn}`;
        await this.workflow.record(manager, { subjectType: 'post_holding', subjectId: holding.id, action: 'take', from: null, to: 'active', actor, note });
        await this.events.publish(manager, 'post.taken', { post: this.postRef(post, community), holding: this.holdingRef(holding, member, unit?.name ?? null), actor, note });
        return this.get(principal, post.id, manager);
      });
    } catch (error) {
      // The unique index on live holdings referees two takes for one member racing past the check.
      if (isUniqueViolation(error)) throw AppException.conflict('该党员已认领了一个服务岗位，请刷新后查看', ErrorCode.AlreadyHoldsPost);
      throw error;
    }
  }

  // ── holdings ─────────────────────────────────────────────────────────────────────────────────────────

  /** 我的岗位: the member's active holding and the ones before it. */
  async mine(principal: Principal): Promise<MyPosts> {
    const manager = this.dataSource.manager;
    const member = await this.members.memberOfUser(principal.userId, manager);
    if (!member) throw AppException.forbidden('只有在职党员可以认领服务岗位');
    const holdings = await this.repository.holdingsOfMember(manager, member.id);
    const views = await this.holdingViews(manager, principal, holdings);
    return { active: views.find((h) => h.status === 'active') ?? null, past: views.filter((h) => h.status !== 'active') };
  }

  async holding(principal: Principal, id: string): Promise<PostHolding> {
    const manager = this.dataSource.manager;
    const holding = await this.repository.findHolding(manager, id);
    if (!holding) throw AppException.notFound('没有找到这个认岗记录');
    const rel = await this.holdingRelations(manager, principal, holding);
    const community = await this.regions.nodeOf(holding.communityId, manager);
    if (!rel.has.size && !(community && this.access.holds(principal, REGISTRATION_VIEWER_ROLES, regionNode(community))))
      throw AppException.forbidden('只有在岗党员本人、其单位或该社区的工作人员可以查看');
    return (await this.holdingViews(manager, principal, [holding]))[0];
  }

  /** 离岗: the holder (or the org admin of their unit) ends the holding early; the place is free again. */
  async release(principal: Principal, id: string, reason: string | null): Promise<PostHolding> {
    return inTransaction(this.dataSource, async (manager) => {
      const holding = await this.repository.findHolding(manager, id);
      if (!holding) throw AppException.notFound('没有找到这个认岗记录');
      const rel = await this.holdingRelations(manager, principal, holding);
      POST_HOLDING_WORKFLOW.require('release', holding.status, rel);
      const member = (await this.members.byIds([holding.memberId], manager)).get(holding.memberId) ?? null;
      const actor: Actor = rel.has.has('holder')
        ? { userId: principal.userId, role: 'member', name: maskName(member?.name ?? '党员') }
        : { userId: principal.userId, role: 'org_admin', name: (await this.unitOfMember(manager, member!))?.name ?? '单位' };
      await this.endHolding(manager, holding, 'release', actor, reason);
      return (await this.holdingViews(manager, principal, [holding]))[0];
    });
  }

  /** The job: holdings whose year is over end (期满), each in its own transaction; returns how many. */
  async expireDue(): Promise<number> {
    const today = cstDate(this.clock.now());
    const due = await this.repository.dueHoldings(this.dataSource.manager, today);
    let count = 0;
    for (const candidate of due) {
      const done = await inTransaction(this.dataSource, async (manager) => {
        const holding = await this.repository.findHolding(manager, candidate.id);
        if (!holding || holding.status !== 'active' || holding.endsOn >= today) return false;
        POST_HOLDING_WORKFLOW.require('expire', holding.status, relations<PostHoldingRelation>(['system']));
        await this.endHolding(manager, holding, 'expire', SYSTEM_ACTOR, `认岗期满（${holding.endsOn}）`);
        return true;
      }).catch((error: unknown) => {
        // Released by its holder meanwhile: nothing to expire.
        if (error instanceof AppException && error.code === ErrorCode.WrongState) return false;
        throw error;
      });
      if (done) count++;
    }
    return count;
  }

  private async endHolding(manager: EntityManager, holding: PostHoldingEntity, action: Extract<PostHoldingAction, 'release' | 'expire'>, actor: Actor, note: string | null): Promise<void> {
    const now = this.clock.now();
    const changes: Partial<PostHoldingEntity> = { liveMemberId: null, endedAt: now, endNote: note };
    const to = await this.workflow.transition(manager, {
      workflow: POST_HOLDING_WORKFLOW,
      subjectType: 'post_holding',
      entity: PostHoldingEntity,
      id: holding.id,
      from: holding.status,
      action,
      actor,
      changes,
      note,
      stale: STALE,
    });
    Object.assign(holding, changes, { status: to });
    await this.repository.freePlace(manager, holding.postId, now);
    const [post, community, members] = await Promise.all([
      this.repository.findPost(manager, holding.postId),
      this.regions.nodeOf(holding.communityId, manager),
      this.members.byIds([holding.memberId], manager),
    ]);
    const unitName = holding.organisationId ? ((await this.organisations.nodeOf(holding.organisationId, manager))?.name ?? null) : null;
    await this.events.publish(manager, action === 'release' ? 'post.released' : 'post.expired', {
      post: this.postRef(post!, community),
      holding: this.holdingRef(holding, members.get(holding.memberId) ?? null, unitName),
      actor,
      note,
    });
  }

  // ── relations and views ─────────────────────────────────────────────────────────────────────────────

  /** For the shifts service: a holding with the caller's relations to it. */
  async holdingContext(manager: EntityManager, principal: Principal, id: string): Promise<{ holding: PostHoldingEntity; rel: Relations<PostHoldingRelation> }> {
    const holding = await this.repository.findHolding(manager, id);
    if (!holding) throw AppException.notFound('没有找到这个认岗记录');
    return { holding, rel: await this.holdingRelations(manager, principal, holding) };
  }

  private async holdingRelations(manager: EntityManager, principal: Principal, holding: PostHoldingEntity): Promise<Relations<PostHoldingRelation>> {
    const member = (await this.members.byIds([holding.memberId], manager)).get(holding.memberId) ?? null;
    const isAdmin = member !== null && (await this.adminOfMember(manager, principal, member));
    return relations<PostHoldingRelation>([member?.userId === principal.userId && 'holder', isAdmin && 'unit_admin']);
  }

  private async takeRelations(manager: EntityManager, principal: Principal, post: ServicePostEntity, member: MemberRecord | null, action: ServicePostAction): Promise<Relations<ServicePostRelation>> {
    if (action === 'take_for_member') {
      const anyAdmin = this.access.scopesOf(principal, ['org_admin'], 'organisation').length > 0 || this.access.isSystemAdmin(principal);
      const admin = member !== null && (await this.adminOfMember(manager, principal, member));
      return relations<ServicePostRelation>([admin && 'unit_admin'], [anyAdmin && 'unit_admin']);
    }
    const registered = member ? await this.registrations.activeCommunityOf(manager, member.id) : null;
    return relations<ServicePostRelation>([registered === post.communityId && 'registered_member']);
  }

  /** org_admin of the member's unit (or of one above it): may take and release posts for them. */
  private async adminOfMember(manager: EntityManager, principal: Principal, member: MemberRecord): Promise<boolean> {
    if (!this.access.scopesOf(principal, ['org_admin'], 'organisation').length && !this.access.isSystemAdmin(principal)) return false;
    const branch = await this.organisations.findNode(member.branchId, manager);
    return branch !== null && this.access.holds(principal, ['org_admin'], branch);
  }

  private async unitOfMember(manager: EntityManager, member: MemberRecord) {
    const branch = await this.organisations.nodeOf(member.branchId, manager);
    return branch ? this.organisations.unitNodeOf(branch, manager) : null;
  }

  private staffRelations(principal: Principal, community: RegionNode): Relations<ServicePostRelation> {
    const node = regionNode(community);
    return relations<ServicePostRelation>(
      [this.access.holds(principal, ['community_staff'], node) && 'community_staff'],
      [this.access.holdsElsewhere(principal, ['community_staff'], node) && 'community_staff'],
    );
  }

  private staffActor(principal: Principal, community: RegionNode): Actor {
    if (this.access.isSystemAdmin(principal)) return { userId: principal.userId, role: 'system_admin', name: '系统管理员' };
    return { userId: principal.userId, role: 'community_staff', name: community.name };
  }

  private async callerOf(manager: EntityManager, principal: Principal | undefined): Promise<Caller> {
    if (!principal) return { member: null, registeredCommunityId: null, holding: null };
    const member = await this.members.memberOfUser(principal.userId, manager);
    if (!member) return { member: null, registeredCommunityId: null, holding: null };
    const [registeredCommunityId, holding] = await Promise.all([this.registrations.activeCommunityOf(manager, member.id), this.repository.activeHoldingOf(manager, member.id)]);
    return { member, registeredCommunityId, holding };
  }

  postRef(post: ServicePostEntity, community: RegionNode | null): PostRef {
    return { id: post.id, name: post.name, type: post.type, communityId: post.communityId, communityName: community?.name ?? '社区', streetId: post.streetId };
  }

  private holdingRef(holding: PostHoldingEntity, member: MemberRecord | null, organisationName: string | null): HoldingRef {
    return { id: holding.id, memberId: holding.memberId, memberUserId: member?.userId ?? null, organisationName };
  }

  private async postViews(manager: EntityManager, principal: Principal | undefined, caller: Caller, posts: ServicePostEntity[]): Promise<ServicePost[]> {
    if (!posts.length) return [];
    const regions = await this.regions.nodesOf(
      posts.flatMap((p) => [p.communityId, p.streetId]),
      manager,
    );
    const anyAdmin = principal !== undefined && (this.access.scopesOf(principal, ['org_admin'], 'organisation').length > 0 || this.access.isSystemAdmin(principal));
    return posts.map((p) => {
      const community = regions.get(p.communityId)!;
      const rel = relations<ServicePostRelation>([
        caller.member !== null && caller.registeredCommunityId === p.communityId && 'registered_member',
        anyAdmin && 'unit_admin',
        principal !== undefined && this.access.holds(principal, ['community_staff'], regionNode(community)) && 'community_staff',
      ]);
      // No button that leads to a refusal: a member holding a post is not offered another.
      const blocked = new Set<ServicePostAction>(caller.holding ? ['take'] : []);
      return {
        id: p.id,
        community: { id: p.communityId, name: community.name },
        street: { id: p.streetId, name: regions.get(p.streetId)?.name ?? '' },
        type: p.type as ServicePostType,
        name: p.name,
        description: p.description,
        places: p.places,
        taken: p.taken,
        category: commitmentCategoryOfPost(p.type),
        myHoldingId: caller.holding?.postId === p.id ? caller.holding.id : null,
        createdAt: p.createdAt.toISOString(),
        actions: SERVICE_POST_WORKFLOW.offered(p.taken < p.places ? 'open' : 'full', rel, blocked) as ServicePostOfferedAction[],
      };
    });
  }

  async holdingViews(manager: EntityManager, principal: Principal, holdings: PostHoldingEntity[]): Promise<PostHolding[]> {
    if (!holdings.length) return [];
    const [posts, cards, stats, units] = await Promise.all([
      this.repository.postsByIds(
        manager,
        holdings.map((h) => h.postId),
      ),
      this.directory.describe(
        manager,
        holdings.map((h) => h.memberId),
      ),
      this.repository.shiftStats(
        manager,
        holdings.map((h) => h.id),
      ),
      this.organisations.nodesOf(
        holdings.map((h) => h.organisationId).filter((o): o is string => !!o),
        manager,
      ),
    ]);
    const regions = await this.regions.nodesOf(
      holdings.map((h) => h.communityId),
      manager,
    );
    const views: PostHolding[] = [];
    for (const h of holdings) {
      const post = posts.get(h.postId)!;
      const card = cards.get(h.memberId);
      const isAdmin = card ? await this.adminOfMember(manager, principal, card) : false;
      const rel = relations<PostHoldingRelation>([card?.userId === principal.userId && 'holder', isAdmin && 'unit_admin']);
      views.push({
        id: h.id,
        status: h.status,
        statusLabel: POST_HOLDING_STATUS_LABELS[h.status],
        post: { id: post.id, name: post.name, type: post.type as ServicePostType, description: post.description },
        community: { id: h.communityId, name: regions.get(h.communityId)?.name ?? '' },
        member: { id: h.memberId, name: card?.name ?? '' },
        assignedBy: h.organisationId ? { id: h.organisationId, name: units.get(h.organisationId)?.name ?? '' } : null,
        startsOn: h.startsOn,
        endsOn: h.endsOn,
        endedAt: h.endedAt?.toISOString() ?? null,
        endNote: h.endNote,
        shifts: stats.get(h.id) ?? { pending: 0, confirmed: 0, confirmedMinutes: 0 },
        actions: POST_HOLDING_WORKFLOW.offered(h.status, rel) as PostHoldingOfferedAction[],
      });
    }
    return views;
  }
}
