import { Inject, Injectable, Logger } from '@nestjs/common';
import { maskName, type ClaimWish, type ConfirmWish, type CreateWish, type FulfilWish, type ResubmitWish, type ReviewWish, type WishDetail } from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import type { Actor } from '../../common/workflow/actor';
import { relations, type Relations } from '../../common/workflow/workflow';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { MembersService } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { UploadsService } from '../uploads/uploads.service';
import { UsersService } from '../users/users.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { WorkflowService } from '../workflow/workflow.service';
import type { WishClaimEntity } from './entities/wish-claim.entity';
import { WishDispatchEntity } from './entities/wish-dispatch.entity';
import { WishEntity } from './entities/wish.entity';
import { WishContextService, STAFF_ROLES, type WishContext } from './wish-context.service';
import { WishQueriesService } from './wish-queries.service';
import './wishes.events';
import { DISPATCH_WORKFLOW, WISH_WORKFLOW, type DispatchRelation, type WishAction } from './wishes.policy';
import { WishesRepository } from './wishes.repository';
import { addWishChangeToRollups, changesRolledDates, type RolledWish } from './wish-rollups';
import { addDays } from './wishes.rules';
import { recordWishDurations } from './wish-durations';

const STALE = '该心愿刚刚被他人处理，请刷新后再试';

export interface Claimant {
  kind: 'member' | 'organisation';
  memberId: string | null;
  organisationId: string | null;
  name: string;
  actor: Actor;
}

/**
 * The wish lifecycle's commands. Each checks the action against the wish workflow (wishes.policy.ts) with the
 * caller's relations, applies it with a conditional update and its timeline entry, publishes the event its
 * subscribers (notifications, ledger) act on, and builds its answer — all in one transaction.
 */
@Injectable()
export class WishesService {
  private readonly logger = new Logger('Wishes');

  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: WishContextService,
    private readonly queries: WishQueriesService,
    private readonly repository: WishesRepository,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly uploads: UploadsService,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly wechat: WechatApiClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Checks `action` for the caller and applies it: the conditional update and its timeline entry. */
  async transition(manager: EntityManager, ctx: WishContext, action: WishAction, actor: Actor, changes: Partial<WishEntity> = {}, note: string | null = null): Promise<void> {
    WISH_WORKFLOW.require(action, ctx.wish.status, ctx.rel);
    const before = await this.rolledRow(manager, ctx.wish, changes);
    // The stored durations follow the timestamps in the same UPDATE, with their histogram (wish-durations.ts); the
    // dates as the row holds them under its lock when the change replaces them.
    await recordWishDurations(manager, { ...ctx.wish, publishedAt: before.publishedAt, fulfilledAt: before.fulfilledAt }, changes);
    const to = await this.workflow.transition(manager, {
      workflow: WISH_WORKFLOW,
      subjectType: 'wish',
      entity: WishEntity,
      id: ctx.wish.id,
      from: ctx.wish.status,
      action,
      actor,
      changes,
      note,
      stale: STALE,
    });
    await addWishChangeToRollups(manager, before, { ...changes, status: to });
    Object.assign(ctx.wish, changes, { status: to });
  }

  /**
   * The wish as the rollups last counted it, before a change: `wish` as read (its status is the one the
   * conditional update requires; createdAt and streetId never change), with the dates the change replaces read
   * again under the row's lock (wish-rollups.ts).
   */
  private async rolledRow(manager: EntityManager, wish: WishEntity, changes: Partial<WishEntity>): Promise<RolledWish> {
    const row: RolledWish = { streetId: wish.streetId, createdAt: wish.createdAt, status: wish.status, publishedAt: wish.publishedAt, fulfilledAt: wish.fulfilledAt };
    if (!changesRolledDates(changes)) return row;
    const dates = await this.repository.lockedDates(manager, wish.id);
    return dates ? { ...row, publishedAt: dates.publishedAt, fulfilledAt: dates.fulfilledAt } : row;
  }

  async post(principal: Principal, input: CreateWish): Promise<WishDetail> {
    const community = await this.regions.nodeOf(input.communityId);
    if (!community || community.level !== 'community') throw AppException.notFound('没有找到这个社区，请重新扫描社区二维码');
    const node = { kind: 'region' as const, id: community.id, path: community.path };
    if (input.onBehalf) this.access.require(principal, STAFF_ROLES, node, '只有本社区工作人员可以代录心愿');
    const contactPhone = input.contactPhone ?? (await this.users.boundPhoneOf(principal.userId));
    if (!contactPhone) throw AppException.badRequest('请填写联系电话，或先在“我的”页面绑定手机号');
    const moderation = await this.moderate(principal.openid, input);
    const now = this.clock.now();
    const id = newId();
    const actor: Actor = input.onBehalf ? this.contexts.staffActor(principal, community) : this.contexts.residentActor(principal);
    const status = moderation.held ? 'held' : 'submitted';

    return inTransaction(this.dataSource, async (manager) => {
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      const wish: WishEntity = {
        id,
        communityId: community.id,
        streetId: pathIds(community.path).at(-2)!,
        residentUserId: input.onBehalf ? null : principal.userId,
        enteredByUserId: principal.userId,
        title: input.title,
        description: input.description,
        category: input.category,
        estimatedValueYuan: input.estimatedValueYuan,
        beneficiaryMasked: maskName(input.beneficiaryName),
        beneficiaryNameCipher: this.cipher.encrypt(input.beneficiaryName),
        contactPhoneCipher: this.cipher.encrypt(contactPhone),
        hardshipCipher: this.cipher.encrypt(input.hardshipCategory),
        guardianNameCipher: input.beneficiaryUnder14 && input.guardianName ? this.cipher.encrypt(input.guardianName) : null,
        contactRelation: input.onBehalf ? (input.contactRelation ?? null) : null,
        deliveryAddressCipher: input.onBehalf && input.deliveryAddress ? this.cipher.encrypt(input.deliveryAddress) : null,
        consentVersion: input.sensitiveConsent.version,
        consentAt: now,
        status,
        holdReason: moderation.reason,
        rejectReason: null,
        currentClaimId: null,
        claimantKind: null,
        claimantName: null,
        claimDeadline: null,
        fulfilmentNote: null,
        rating: null,
        thanks: null,
        publishedAt: null,
        claimedAt: null,
        fulfilledAt: null,
        confirmedAt: null,
        anonymisedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await this.repository.insertWish(manager, wish);
      if (photos.length)
        await this.uploads.attach(
          manager,
          photos.map((p) => p.id),
          `wish:${id}`,
        );
      await this.workflow.record(manager, {
        subjectType: 'wish',
        subjectId: id,
        action: moderation.held ? 'hold' : 'submit',
        from: null,
        to: status,
        actor,
        note: input.onBehalf ? '社区代录' : moderation.reason,
      });
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'wish.create',
        subjectType: 'wish',
        subjectId: id,
        detail: { consentVersion: input.sensitiveConsent.version, onBehalf: input.onBehalf, guardianConsent: input.beneficiaryUnder14 ? true : undefined },
      });
      await this.events.publish(manager, 'wish.submitted', { wish: this.contexts.ref(wish), actor, held: moderation.held, enteredByUserId: principal.userId });
      return this.queries.detail(id, principal, manager);
    });
  }

  /** msg_sec_check in live mode. Anything but a clear pass, or WeChat being unreachable, holds the wish for a person. */
  private async moderate(openid: string, input: Pick<CreateWish, 'title' | 'description'>): Promise<{ held: boolean; reason: string | null }> {
    if (this.config.wechat.mode !== 'live') return { held: false, reason: null };
    try {
      const result = await this.wechat.msgSecCheck({ openid, scene: 1, title: input.title, content: input.description });
      if (result.suggest === 'pass') return { held: false, reason: null };
      return { held: true, reason: `内容安全检查提示需人工复核（${result.suggest}/${result.label}）` };
    } catch (error) {
      this.logger.warn(`msg_sec_check unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return { held: true, reason: '内容安全检查暂不可用，转人工复核' };
    }
  }

  /** One command: load the wish with the caller's relations, run `work`, and answer the wish as the caller now sees it. */
  private command(principal: Principal, wishId: string, work: (manager: EntityManager, ctx: WishContext) => Promise<void>): Promise<WishDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      await work(manager, ctx);
      return this.queries.detail(wishId, principal, manager);
    });
  }

  review(principal: Principal, wishId: string, input: ReviewWish): Promise<WishDetail> {
    return this.command(principal, wishId, async (manager, ctx) => {
      const actor = this.contexts.staffActor(principal, ctx.community);
      if (input.decision === 'approve') {
        await this.transition(manager, ctx, 'approve', actor, { publishedAt: this.clock.now(), holdReason: null });
        await this.events.publish(manager, 'wish.approved', { wish: this.contexts.ref(ctx.wish), actor });
      } else {
        await this.transition(manager, ctx, 'reject', actor, { rejectReason: input.reason! }, input.reason!);
        await this.events.publish(manager, 'wish.rejected', { wish: this.contexts.ref(ctx.wish), actor, note: input.reason! });
      }
    });
  }

  withdraw(principal: Principal, wishId: string): Promise<WishDetail> {
    return this.command(principal, wishId, (manager, ctx) => this.transition(manager, ctx, 'withdraw', this.contexts.residentActor(principal)));
  }

  /**
   * The resident edits a rejected wish and sends it to review again: the new text and photos, the rejection
   * reason cleared (the timeline keeps it), through the same content check as a new post.
   */
  async resubmit(principal: Principal, wishId: string, input: ResubmitWish): Promise<WishDetail> {
    // Refused before WeChat's content check is asked about a wish the caller may not resubmit.
    const seen = await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      WISH_WORKFLOW.require('resubmit', ctx.wish.status, ctx.rel);
      return ctx.wish.status;
    });
    const moderation = await this.moderate(principal.openid, input);
    return this.command(principal, wishId, async (manager, ctx) => {
      if (ctx.wish.status !== seen) throw AppException.conflict(STALE, ErrorCode.WrongState);
      const actor = this.contexts.residentActor(principal);
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      await this.transition(manager, ctx, 'resubmit', actor, {
        title: input.title,
        description: input.description,
        category: input.category,
        estimatedValueYuan: input.estimatedValueYuan,
        rejectReason: null,
        holdReason: null,
      });
      await this.uploads.replaceAttached(
        manager,
        photos.map((p) => p.id),
        `wish:${ctx.wish.id}`,
      );
      if (moderation.held) {
        await this.workflow.transition(manager, {
          workflow: WISH_WORKFLOW,
          subjectType: 'wish',
          entity: WishEntity,
          id: ctx.wish.id,
          from: 'submitted',
          action: 'hold',
          actor,
          changes: { holdReason: moderation.reason },
          note: moderation.reason,
          stale: STALE,
        });
        await addWishChangeToRollups(manager, await this.rolledRow(manager, ctx.wish, {}), { status: 'held' });
      }
    });
  }

  async claim(principal: Principal, wishId: string, input: ClaimWish): Promise<WishDetail> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        // One member's claims take turns, so that they count each other under the cap: the member row, locked and
        // read in one statement (MembersService.lockedMemberOfUser). A unit's claim locks nothing and reads it later.
        const member = input.onBehalfOf ? undefined : await this.members.lockedMemberOfUser(manager, principal.userId);
        const action = input.onBehalfOf ? 'claim_for_unit' : 'claim';
        // Refused on the wish and the member row alone when it cannot be claimed (most claims under contention).
        const ctx = await this.contexts.loadForClaim(manager, wishId, principal, action, member);
        WISH_WORKFLOW.require(action, ctx.wish.status, ctx.rel);
        // Bulk claiming is a sensitive business flow (OWASP API6): a daily cap per person, counted in the transaction.
        const today = await this.repository.countClaimsBy(manager, principal.userId, addDays(this.clock.now(), -1));
        if (today >= this.config.wishes.maxDailyClaims) WISH_WORKFLOW.refuse('daily_cap', { today, cap: this.config.wishes.maxDailyClaims });
        const claimant = input.onBehalfOf ? await this.unitClaimant(manager, principal, input.onBehalfOf) : await this.memberClaimant(manager, principal, ctx);
        await this.openClaim(manager, ctx, principal, claimant, addDays(this.clock.now(), this.config.wishes.claimDays), action);
        if (action === 'claim_for_unit') await this.answerDispatchByClaim(manager, ctx, principal, claimant);
        // The answer from the rows this transaction just read and wrote, not read again.
        return this.queries.detailOf(await this.contexts.refreshed(manager, ctx, principal), principal, manager);
      });
    } catch (error) {
      // The unique index on live claims is the referee when two claims race past the status check.
      if (isUniqueViolation(error)) throw AppException.conflict('该心愿已被其他人认领', ErrorCode.AlreadyClaimed);
      throw error;
    }
  }

  /** Moves a dispatch by the dispatch workflow, conditional on the state it was read in, with its timeline entry. */
  async moveDispatch(
    manager: EntityManager,
    dispatch: WishDispatchEntity,
    action: 'accept' | 'decline' | 'escalate',
    rel: Relations<DispatchRelation>,
    actor: Actor,
    changes: Partial<WishDispatchEntity>,
    note: string | null = null,
  ): Promise<void> {
    DISPATCH_WORKFLOW.require(action, dispatch.status, rel);
    await this.workflow.transition(manager, {
      workflow: DISPATCH_WORKFLOW,
      subjectType: 'dispatch',
      entity: WishDispatchEntity,
      id: dispatch.id,
      from: dispatch.status,
      action,
      actor,
      changes,
      note,
      stale: '这张派单刚刚已被处理，请刷新',
    });
  }

  /**
   * The dispatched unit's admin claiming the wish for a unit has answered the dispatch: it is accepted (with its
   * timeline entry), so the 督办派单 list shows it answered and no 承接 / 不能承接 stays live.
   */
  private async answerDispatchByClaim(manager: EntityManager, ctx: WishContext, principal: Principal, claimant: Claimant): Promise<void> {
    const dispatch = ctx.dispatch;
    if (!dispatch || !ctx.rel.has.has('dispatched_unit_admin')) return;
    const rel = relations<DispatchRelation>(['dispatched_unit_admin']);
    await this.moveDispatch(manager, dispatch, 'accept', rel, claimant.actor, { answeredByUserId: principal.userId, answeredAt: this.clock.now() }, `以${claimant.name}名义认领`);
    ctx.dispatch = null;
  }

  private async memberClaimant(manager: EntityManager, principal: Principal, ctx: WishContext): Promise<Claimant> {
    const member = ctx.member!;
    const open = await this.repository.countOpenClaims(manager, member.id);
    const cap = this.config.wishes.maxOpenClaims;
    if (open >= cap) WISH_WORKFLOW.refuse('claim_cap', { open, cap });
    return { kind: 'member', memberId: member.id, organisationId: null, name: member.name, actor: this.contexts.memberActor(principal, member) };
  }

  /** A unit claims through an org admin of that unit or of one above it. */
  async unitClaimant(manager: EntityManager, principal: Principal, organisationId: string): Promise<Claimant> {
    const organisation = await this.organisations.nodeOf(organisationId, manager);
    if (!organisation) throw AppException.notFound('没有找到这个单位');
    if (!this.access.holds(principal, ['org_admin'], { kind: 'organisation', id: organisation.id, path: organisation.path })) {
      throw AppException.forbidden('只有本单位的党组织管理员可以代表单位认领');
    }
    return { kind: 'organisation', memberId: null, organisationId: organisation.id, name: organisation.name, actor: { userId: principal.userId, role: 'org_admin', name: organisation.name } };
  }

  /** Inserts the live claim (unique per wish) and moves the wish to claimed. Used by claims and dispatch acceptance. */
  async openClaim(
    manager: EntityManager,
    ctx: WishContext,
    principal: Principal,
    claimant: Claimant,
    deadline: Date,
    action: 'claim' | 'claim_for_unit' | 'accept_dispatch',
    note: string | null = null,
  ): Promise<void> {
    const now = this.clock.now();
    const claim: WishClaimEntity = {
      id: newId(),
      wishId: ctx.wish.id,
      liveWishId: ctx.wish.id,
      claimantKind: claimant.kind,
      memberId: claimant.memberId,
      organisationId: claimant.organisationId,
      claimedByUserId: principal.userId,
      status: 'open',
      deadline,
      remindedAt: null,
      endedAt: null,
      endReason: null,
      createdAt: now,
    };
    await this.repository.insertClaim(manager, claim);
    await this.transition(manager, ctx, action, claimant.actor, { currentClaimId: claim.id, claimantKind: claimant.kind, claimantName: claimant.name, claimDeadline: deadline, claimedAt: now }, note);
    ctx.claim = claim;
    await this.events.publish(manager, 'wish.claimed', { wish: this.contexts.ref(ctx.wish), claim: this.contexts.claimRef(claim), actor: claimant.actor, note });
  }

  release(principal: Principal, wishId: string, reason: string): Promise<WishDetail> {
    return this.command(principal, wishId, async (manager, ctx) => {
      WISH_WORKFLOW.require('release', ctx.wish.status, ctx.rel);
      await this.endClaim(manager, ctx, 'release', 'released', this.contexts.claimantActor(principal, ctx), reason);
    });
  }

  revoke(principal: Principal, wishId: string, reason: string): Promise<WishDetail> {
    return this.command(principal, wishId, async (manager, ctx) => {
      WISH_WORKFLOW.require('revoke', ctx.wish.status, ctx.rel);
      await this.endClaim(manager, ctx, 'revoke', 'revoked', this.contexts.staffActor(principal, ctx.community), reason);
    });
  }

  /** Ends the live claim and puts the wish back on the wall (release, revoke, expiry). */
  async endClaim(manager: EntityManager, ctx: WishContext, action: 'release' | 'revoke' | 'expire', status: 'released' | 'revoked' | 'expired', actor: Actor, reason: string): Promise<void> {
    const claim = ctx.claim;
    if (!claim) throw AppException.conflict(WISH_WORKFLOW.wrongState(action, ctx.wish.status).message, ErrorCode.WrongState);
    if (!(await this.repository.endClaim(manager, claim.id, ctx.wish.id, status, this.clock.now(), reason))) throw AppException.conflict('该认领刚刚已结束，请刷新后再试', ErrorCode.WrongState);
    await this.transition(manager, ctx, action, actor, { currentClaimId: null, claimantKind: null, claimantName: null, claimDeadline: null, claimedAt: null }, reason);
    const name = action === 'release' ? 'wish.claim_released' : action === 'revoke' ? 'wish.claim_revoked' : 'wish.claim_expired';
    await this.events.publish(manager, name, { wish: this.contexts.ref(ctx.wish), claim: this.contexts.claimRef(claim), actor, note: reason });
  }

  fulfil(principal: Principal, wishId: string, input: FulfilWish): Promise<WishDetail> {
    return this.command(principal, wishId, async (manager, ctx) => {
      WISH_WORKFLOW.require('fulfil', ctx.wish.status, ctx.rel);
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      await this.uploads.attach(
        manager,
        photos.map((p) => p.id),
        `wish-fulfilment:${ctx.wish.id}`,
      );
      const claim = ctx.claim!;
      await this.repository.setClaimStatus(manager, claim.id, 'fulfilled');
      const actor = this.contexts.claimantActor(principal, ctx);
      await this.transition(manager, ctx, 'fulfil', actor, { fulfilledAt: this.clock.now(), fulfilmentNote: input.note }, input.note);
      await this.events.publish(manager, 'wish.fulfilled', { wish: this.contexts.ref(ctx.wish), claim: this.contexts.claimRef(claim), actor });
    });
  }

  /** The resident confirms a fulfilled wish; staff confirm on their behalf (also settling a dispute), with a note. */
  confirm(principal: Principal, wishId: string, input: ConfirmWish): Promise<WishDetail> {
    return this.command(principal, wishId, async (manager, ctx) => {
      const asResident = ctx.rel.has.has('resident') && (ctx.wish.status === 'fulfilled' || !ctx.rel.has.has('staff'));
      const action: WishAction = asResident ? 'confirm' : 'confirm_on_behalf';
      WISH_WORKFLOW.require(action, ctx.wish.status, ctx.rel);
      if (!asResident && !input.note) WISH_WORKFLOW.refuse('note_required');
      const actor = asResident ? this.contexts.residentActor(principal) : this.contexts.staffActor(principal, ctx.community);
      const claim = ctx.claim!;
      const now = this.clock.now();
      await this.transition(manager, ctx, action, actor, { confirmedAt: now, rating: input.rating ?? null, thanks: input.thanks ?? null }, asResident ? (input.thanks ?? null) : (input.note ?? null));
      await this.repository.endClaim(manager, claim.id, ctx.wish.id, 'completed', now, null);
      await this.events.publish(manager, 'wish.confirmed', {
        wish: this.contexts.ref(ctx.wish),
        claim: this.contexts.claimRef(claim),
        actor,
        valueYuan: ctx.wish.estimatedValueYuan,
        thanks: input.thanks ?? null,
        at: now,
      });
    });
  }

  dispute(principal: Principal, wishId: string, reason: string): Promise<WishDetail> {
    return this.command(principal, wishId, async (manager, ctx) => {
      WISH_WORKFLOW.require('dispute', ctx.wish.status, ctx.rel);
      const claim = ctx.claim!;
      await this.repository.setClaimStatus(manager, claim.id, 'open');
      const actor = this.contexts.residentActor(principal);
      await this.transition(manager, ctx, 'dispute', actor, {}, reason);
      await this.events.publish(manager, 'wish.disputed', { wish: this.contexts.ref(ctx.wish), claim: this.contexts.claimRef(claim), actor, note: reason });
    });
  }

  reopen(principal: Principal, wishId: string, reason: string): Promise<WishDetail> {
    return this.command(principal, wishId, async (manager, ctx) => {
      WISH_WORKFLOW.require('reopen', ctx.wish.status, ctx.rel);
      const actor = this.contexts.staffActor(principal, ctx.community);
      await this.transition(manager, ctx, 'reopen', actor, { fulfilledAt: null }, reason);
      await this.events.publish(manager, 'wish.reopened', { wish: this.contexts.ref(ctx.wish), claim: this.contexts.claimRef(ctx.claim!), actor, note: reason });
    });
  }
}
