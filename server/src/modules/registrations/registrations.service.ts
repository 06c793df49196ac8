import { Injectable } from '@nestjs/common';
import { readManager } from '../../common/database/read-replicas';
import {
  maskName,
  REGISTRATION_END_REASON_LABELS,
  REGISTRATION_STATUS_LABELS,
  type MyRegistration,
  type Registration,
  type RegistrationListQuery,
  type RegistrationOfferedAction,
  type RegistrationPage,
  type Role,
  type TimelineEntry,
} from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { listScope } from '../../common/access/list-scope';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import type { Actor } from '../../common/workflow/actor';
import { relations, type Relations } from '../../common/workflow/workflow';
import { MembersService, type MemberRecord } from '../members/members.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { WorkflowService } from '../workflow/workflow.service';
import { MemberDirectoryService } from './member-directory.service';
import { RegistrationEntity } from './registration.entity';
import type { RegistrationRef } from './registrations.events';
import { REGISTRATION_WORKFLOW, type RegistrationAction, type RegistrationRelation } from './registrations.policy';
import { RegistrationsRepository } from './registrations.repository';
import { waitingItems, type OpenItem, type OpenItemScope } from '../../common/supervision/open-item';
import { placeholders } from '../../common/supervision/dashboard';

/** Who sees a community's registrations: its staff, and the officials above it. */
export const REGISTRATION_VIEWER_ROLES: Role[] = ['community_staff', 'street_official', 'committee_admin'];
const STALE = '该报到申请刚刚被他人处理，请刷新后再试';

interface RegistrationContext {
  registration: RegistrationEntity;
  community: RegionNode;
  member: MemberRecord | null;
  rel: Relations<RegistrationRelation>;
}

const regionNode = (r: RegionNode): ScopeNode => ({ kind: 'region', id: r.id, path: r.path });

/**
 * 党员报到. A member asks to register with a community (one request waiting at a time); its community staff
 * confirm or reject it with a reason. Confirming ends the member's active registration elsewhere (superseded),
 * in the same transaction, and moves the roster's residence community there. Every command checks the
 * registration workflow (registrations.policy.ts), applies a conditional update with its timeline entry,
 * publishes its event and answers the registration as the caller now sees it, all in one transaction.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: RegistrationsRepository,
    private readonly directory: MemberDirectoryService,
    private readonly members: MembersService,
    private readonly regions: RegionsService,
    private readonly access: AccessService,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /** The community a member is registered with now (confirmed), or null: for the modules that serve there. */
  async activeCommunityOf(manager: EntityManager, memberId: string): Promise<string | null> {
    return (await this.repository.activeOf(manager, memberId))?.communityId ?? null;
  }

  // ── the member ─────────────────────────────────────────────────────────────────────────────────────────

  /** The member card's block: the active registration, the request waiting, the last rejection. */
  async mine(principal: Principal): Promise<MyRegistration> {
    const manager = this.dataSource.manager;
    const member = await this.members.memberOfUser(principal.userId, manager);
    if (!member) throw AppException.forbidden(REGISTRATION_WORKFLOW.action('request').notYours);
    const [active, pending, latest] = await Promise.all([this.repository.activeOf(manager, member.id), this.repository.pendingOf(manager, member.id), this.repository.latestOf(manager, member.id)]);
    const lastRejected = latest?.status === 'rejected' ? latest : null;
    const rows = [active, pending, lastRejected].filter((r): r is RegistrationEntity => r !== null);
    const views = new Map((await this.views(manager, principal, rows)).map((v) => [v.id, v]));
    const suggested = member.residenceCommunityId ? await this.regions.nodeOf(member.residenceCommunityId, manager) : null;
    return {
      state: active ? 'registered' : pending ? 'pending' : 'none',
      active: active ? views.get(active.id)! : null,
      pending: pending ? views.get(pending.id)! : null,
      lastRejected: lastRejected ? views.get(lastRejected.id)! : null,
      suggestedCommunity: suggested ? { id: suggested.id, name: suggested.name } : null,
    };
  }

  async request(principal: Principal, communityId: string): Promise<Registration> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        // One member's requests take turns (the first read of the transaction locks their roster row).
        await this.members.lockMemberOfUser(manager, principal.userId);
        const member = await this.members.memberOfUser(principal.userId, manager);
        if (!member) throw AppException.forbidden(REGISTRATION_WORKFLOW.action('request').notYours);
        const community = await this.regions.nodeOf(communityId, manager);
        if (!community || community.level !== 'community') throw AppException.notFound('没有找到这个社区，请重新选择');
        const pending = await this.repository.pendingOf(manager, member.id);
        if (pending) {
          const where = pending.communityId === community.id ? community : await this.regions.nodeOf(pending.communityId, manager);
          REGISTRATION_WORKFLOW.refuse('already_pending', { community: where?.name ?? '社区' });
        }
        const active = await this.repository.activeOf(manager, member.id);
        if (active?.communityId === community.id) REGISTRATION_WORKFLOW.refuse('already_registered', { community: community.name });
        const activeCommunity = active ? await this.regions.nodeOf(active.communityId, manager) : null;

        const now = this.clock.now();
        const registration: RegistrationEntity = {
          id: newId(),
          memberId: member.id,
          communityId: community.id,
          streetId: pathIds(community.path).at(-2)!,
          status: 'pending',
          activeMemberId: null,
          pendingMemberId: member.id,
          requestedByUserId: principal.userId,
          decidedByUserId: null,
          decidedByName: null,
          decidedAt: null,
          rejectReason: null,
          endedAt: null,
          endReason: null,
          endNote: null,
          supersededById: null,
          createdAt: now,
          updatedAt: now,
        };
        await this.repository.insert(manager, registration);
        const actor = this.memberActor(principal, member);
        const note = activeCommunity ? `由${activeCommunity.name}转来` : null;
        await this.workflow.record(manager, { subjectType: 'registration', subjectId: registration.id, action: 'request', from: null, to: 'pending', actor, note });
        await this.events.publish(manager, 'registration.requested', { registration: this.ref(registration, member, community), actor, note });
        return this.viewOne(manager, principal, registration.id);
      });
    } catch (error) {
      // The unique index on pending requests referees two requests of one member racing past the check.
      if (isUniqueViolation(error)) throw AppException.conflict('您已有一个待社区确认的报到申请，请刷新后查看', ErrorCode.RegistrationPending);
      throw error;
    }
  }

  cancel(principal: Principal, id: string): Promise<Registration> {
    return this.command(principal, id, async (manager, ctx) => {
      REGISTRATION_WORKFLOW.require('cancel', ctx.registration.status, ctx.rel);
      const actor = this.memberActor(principal, ctx.member!);
      await this.move(manager, ctx.registration, 'cancel', actor, { pendingMemberId: null });
      await this.events.publish(manager, 'registration.cancelled', { registration: this.ref(ctx.registration, ctx.member, ctx.community), actor });
    });
  }

  /** The member ends their registration (moving away …); the roster keeps the residence until a new one is confirmed. */
  withdraw(principal: Principal, id: string, reason: string | null): Promise<Registration> {
    return this.command(principal, id, async (manager, ctx) => {
      REGISTRATION_WORKFLOW.require('withdraw', ctx.registration.status, ctx.rel);
      const actor = this.memberActor(principal, ctx.member!);
      await this.move(manager, ctx.registration, 'withdraw', actor, { activeMemberId: null, endedAt: this.clock.now(), endReason: 'withdrawn', endNote: reason }, reason);
      await this.events.publish(manager, 'registration.withdrawn', { registration: this.ref(ctx.registration, ctx.member, ctx.community), actor, note: reason });
    });
  }

  // ── the community's staff ──────────────────────────────────────────────────────────────────────────────

  async confirm(principal: Principal, id: string): Promise<Registration> {
    try {
      return await this.command(principal, id, async (manager, ctx) => {
        REGISTRATION_WORKFLOW.require('confirm', ctx.registration.status, ctx.rel);
        const actor = this.staffActor(principal, ctx.community);
        const now = this.clock.now();
        // A change of community: the active registration elsewhere ends first (the unique index allows one active).
        const previous = await this.repository.activeOf(manager, ctx.registration.memberId);
        let ended: RegistrationRef | null = null;
        if (previous && previous.id !== ctx.registration.id) {
          REGISTRATION_WORKFLOW.require('supersede', previous.status, relations<RegistrationRelation>(['system']));
          const note = `转至${ctx.community.name}`;
          await this.move(manager, previous, 'supersede', actor, { activeMemberId: null, endedAt: now, endReason: 'superseded', endNote: note, supersededById: ctx.registration.id }, note);
          const previousCommunity = await this.regions.nodeOf(previous.communityId, manager);
          ended = this.ref(previous, ctx.member, previousCommunity);
        }
        await this.move(manager, ctx.registration, 'confirm', actor, {
          pendingMemberId: null,
          activeMemberId: ctx.registration.memberId,
          decidedByUserId: principal.userId,
          decidedByName: actor.name,
          decidedAt: now,
        });
        await this.members.setResidence(manager, ctx.registration.memberId, ctx.registration.communityId);
        await this.events.publish(manager, 'registration.confirmed', { registration: this.ref(ctx.registration, ctx.member, ctx.community), actor, ended });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppException.conflict('该党员刚刚已在其他社区确认报到，请刷新后再试', ErrorCode.WrongState);
      throw error;
    }
  }

  reject(principal: Principal, id: string, reason: string): Promise<Registration> {
    return this.command(principal, id, async (manager, ctx) => {
      REGISTRATION_WORKFLOW.require('reject', ctx.registration.status, ctx.rel);
      const actor = this.staffActor(principal, ctx.community);
      await this.move(
        manager,
        ctx.registration,
        'reject',
        actor,
        { pendingMemberId: null, decidedByUserId: principal.userId, decidedByName: actor.name, decidedAt: this.clock.now(), rejectReason: reason },
        reason,
      );
      await this.events.publish(manager, 'registration.rejected', { registration: this.ref(ctx.registration, ctx.member, ctx.community), actor, note: reason });
    });
  }

  /** Staff lists: requests waiting in my communities (oldest first), or the members registered there. */
  async list(principal: Principal, query: RegistrationListQuery): Promise<RegistrationPage> {
    const scope = listScope(principal, REGISTRATION_VIEWER_ROLES, { community: '`r`.`communityId`', street: '`r`.`streetId`' });
    if (!scope) throw AppException.forbidden('只有社区工作者或街道干部可以查看报到名单');
    const manager = this.dataSource.manager;
    const { rows, total } = await this.repository.page(manager, scope, { status: query.status, communityId: query.communityId }, query.page, query.pageSize);
    return { items: await this.views(manager, principal, rows), total, page: query.page, pageSize: query.pageSize };
  }

  async get(principal: Principal, id: string): Promise<Registration> {
    const manager = this.dataSource.manager;
    const ctx = await this.load(manager, id, principal);
    this.requireViewer(principal, ctx);
    return this.viewOne(manager, principal, id);
  }

  async timeline(principal: Principal, id: string): Promise<{ items: TimelineEntry[] }> {
    const manager = this.dataSource.manager;
    const ctx = await this.load(manager, id, principal);
    this.requireViewer(principal, ctx);
    return { items: await this.workflow.timeline(manager, 'registration', id, REGISTRATION_WORKFLOW) };
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────

  private requireViewer(principal: Principal, ctx: RegistrationContext): void {
    if (ctx.rel.has.has('registrant') || this.access.holds(principal, REGISTRATION_VIEWER_ROLES, regionNode(ctx.community))) return;
    throw AppException.forbidden('只有报到的党员本人或该社区的工作人员可以查看');
  }

  private command(principal: Principal, id: string, work: (manager: EntityManager, ctx: RegistrationContext) => Promise<void>): Promise<Registration> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, id, principal);
      await work(manager, ctx);
      return this.viewOne(manager, principal, id);
    });
  }

  private async load(manager: EntityManager, id: string, principal: Principal): Promise<RegistrationContext> {
    const registration = await this.repository.find(manager, id);
    if (!registration) throw AppException.notFound('没有找到这条报到记录');
    const [community, members] = await Promise.all([this.regions.nodeOf(registration.communityId, manager), this.members.byIds([registration.memberId], manager)]);
    if (!community) throw AppException.notFound('没有找到报到的社区');
    const member = members.get(registration.memberId) ?? null;
    return { registration, community, member, rel: this.relationsOf(principal, member, community) };
  }

  private relationsOf(principal: Principal, member: MemberRecord | null, community: RegionNode): Relations<RegistrationRelation> {
    const node = regionNode(community);
    return relations<RegistrationRelation>(
      [member !== null && member.userId === principal.userId && 'registrant', this.access.holds(principal, ['community_staff'], node) && 'community_staff'],
      [this.access.holdsElsewhere(principal, ['community_staff'], node) && 'community_staff'],
    );
  }

  /** The conditional update and its timeline entry; the entity in hand follows the change. */
  private async move(
    manager: EntityManager,
    registration: RegistrationEntity,
    action: RegistrationAction,
    actor: Actor,
    changes: Partial<RegistrationEntity>,
    note: string | null = null,
  ): Promise<void> {
    const to = await this.workflow.transition(manager, {
      workflow: REGISTRATION_WORKFLOW,
      subjectType: 'registration',
      entity: RegistrationEntity,
      id: registration.id,
      from: registration.status,
      action,
      actor,
      changes,
      note,
      stale: STALE,
    });
    Object.assign(registration, changes, { status: to });
  }

  private ref(registration: RegistrationEntity, member: MemberRecord | null, community: RegionNode | null): RegistrationRef {
    return {
      id: registration.id,
      memberId: registration.memberId,
      memberUserId: member?.userId ?? null,
      communityId: registration.communityId,
      communityName: community?.name ?? '社区',
      streetId: registration.streetId,
    };
  }

  private memberActor(principal: Principal, member: MemberRecord): Actor {
    return { userId: principal.userId, role: 'member', name: maskName(member.name) };
  }

  /** Staff as the timeline names them: their community. */
  private staffActor(principal: Principal, community: RegionNode): Actor {
    if (this.access.holds(principal, ['community_staff'], regionNode(community)) && !this.access.isSystemAdmin(principal)) {
      return { userId: principal.userId, role: 'community_staff', name: community.name };
    }
    return { userId: principal.userId, role: 'system_admin', name: '系统管理员' };
  }

  private async viewOne(manager: EntityManager, principal: Principal, id: string): Promise<Registration> {
    const registration = await this.repository.find(manager, id);
    return (await this.views(manager, principal, [registration!]))[0];
  }

  /** Registrations as the caller sees them, in a fixed number of queries however many there are. */
  private async views(manager: EntityManager, principal: Principal, rows: RegistrationEntity[]): Promise<Registration[]> {
    if (!rows.length) return [];
    const pendingMembers = rows.filter((r) => r.status === 'pending').map((r) => r.memberId);
    const [cards, actives] = await Promise.all([
      this.directory.describe(
        manager,
        rows.map((r) => r.memberId),
      ),
      this.repository.activeOfMembers(manager, pendingMembers),
    ]);
    const regions = await this.regions.nodesOf([...rows.flatMap((r) => [r.communityId, r.streetId]), ...[...actives.values()].map((a) => a.communityId)], manager);
    const named = (id: string) => ({ id, name: regions.get(id)?.name ?? '' });
    return rows.map((r) => {
      const card = cards.get(r.memberId) ?? null;
      const community = regions.get(r.communityId)!;
      const active = r.status === 'pending' ? actives.get(r.memberId) : undefined;
      return {
        id: r.id,
        status: r.status,
        statusLabel: REGISTRATION_STATUS_LABELS[r.status],
        community: named(r.communityId),
        street: named(r.streetId),
        member: {
          id: r.memberId,
          name: card?.name ?? '',
          branch: card?.branch ? { id: card.branch.id, name: card.branch.name } : null,
          unit: card?.unit ?? null,
        },
        replaces: active && active.id !== r.id ? { id: active.id, community: named(active.communityId) } : null,
        requestedAt: r.createdAt.toISOString(),
        decidedAt: r.decidedAt?.toISOString() ?? null,
        decidedBy: r.decidedByName,
        rejectReason: r.rejectReason,
        endedAt: r.endedAt?.toISOString() ?? null,
        endReason: r.endReason,
        endReasonLabel: r.endReason ? REGISTRATION_END_REASON_LABELS[r.endReason] : null,
        actions: REGISTRATION_WORKFLOW.offered(r.status, this.relationsOf(principal, card, community)) as RegistrationOfferedAction[],
      };
    });
  }

  /**
   * Dashboard: members registered (confirmed) in the communities of these streets, and members living there who
   * are registered anywhere. One statement.
   */
  async dashboardCounts(streetIds: string[]): Promise<{ registered: number; residentsRegistered: number }> {
    if (!streetIds.length) return { registered: 0, residentsRegistered: 0 };
    const rows: Array<Record<string, unknown>> = await readManager(this.dataSource).query(
      `SELECT (SELECT COUNT(*) FROM \`registrations\` \`r\` WHERE \`r\`.\`status\` = 'confirmed' AND \`r\`.\`streetId\` IN (${placeholders(streetIds)})) AS \`registered\`, ` +
        '(SELECT COUNT(*) FROM `registrations` `r` JOIN `members` `m` ON `m`.`id` = `r`.`memberId` JOIN `regions` `c` ON `c`.`id` = `m`.`residenceCommunityId` ' +
        `WHERE \`r\`.\`status\` = 'confirmed' AND \`c\`.\`parentId\` IN (${placeholders(streetIds)})) AS \`residents\``,
      [...streetIds, ...streetIds],
    );
    return { registered: Number(rows[0]?.registered ?? 0), residentsRegistered: Number(rows[0]?.residents ?? 0) };
  }

  /** 件件有着落: members' registrations waiting for the community's staff to confirm, oldest first. */
  openItems(scope: OpenItemScope): Promise<OpenItem[]> {
    return waitingItems(this.dataSource.getRepository(RegistrationEntity), scope, { status: 'pending', relations: { member: true }, staleDays: 3 }, (r) => ({
      kind: 'registration_pending',
      // The member's name masked: the board is read above the community.
      title: `${maskName(r.member?.name ?? '')}申请到社区报到`,
      actor: 'community_staff',
      actorPlace: { kind: 'region', id: r.communityId },
      link: { kind: 'registrations', id: null },
    }));
  }
}
