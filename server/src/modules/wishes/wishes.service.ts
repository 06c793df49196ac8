import { Inject, Injectable, Logger } from '@nestjs/common';
import { maskName, type ClaimWish, type ConfirmWish, type CreateWish, type FulfilWish, type ReviewWish, type WishStatus } from '@nuancheng/shared';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { LedgerService } from '../ledger/ledger.service';
import { MemberEntity } from '../members/member.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UploadsService } from '../uploads/uploads.service';
import { UserEntity } from '../users/user.entity';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { WishClaimEntity } from './entities/wish-claim.entity';
import { WishEventEntity } from './entities/wish-event.entity';
import { WishEntity } from './entities/wish.entity';
import { Actor, WishContext, WishContextService } from './wish-context.service';
import { addDays, canTransition, refusalFor, WISH_ACTIONS, type WishAction } from './wishes.rules';

const wishLink = (id: string) => `/packages/wish/pages/detail/index?id=${id}`;

/** The wish lifecycle's commands. Every change and its timeline entry are one transaction. */
@Injectable()
export class WishesService {
  private readonly logger = new Logger('Wishes');

  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: WishContextService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly uploads: UploadsService,
    private readonly notifications: NotificationsService,
    private readonly ledger: LedgerService,
    private readonly wechat: WechatApiClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Moves a wish from its current state by `action`. The UPDATE is conditional on the state it was read in, so
   * of two concurrent changes one wins and the other gets a 409; the timeline entry lands in the same transaction.
   */
  async transition(manager: EntityManager, wish: WishEntity, action: WishAction, actor: Actor, changes: Partial<WishEntity> = {}, note: string | null = null): Promise<WishEntity> {
    if (!canTransition(wish.status, action)) throw AppException.conflict(refusalFor(wish.status, action), ErrorCode.WrongState);
    const to: WishStatus = WISH_ACTIONS[action].to;
    const now = this.clock.now();
    const result = await manager.update(WishEntity, { id: wish.id, status: wish.status }, { ...changes, status: to, updatedAt: now });
    if (!result.affected) throw AppException.conflict('该心愿刚刚被他人处理，请刷新后再试', ErrorCode.WrongState);
    await this.recordEvent(manager, wish.id, action, wish.status, to, actor, note);
    return Object.assign(wish, changes, { status: to, updatedAt: now });
  }

  async recordEvent(manager: EntityManager, wishId: string, action: WishAction, from: WishStatus | null, to: WishStatus, actor: Actor, note: string | null): Promise<void> {
    await manager.insert(WishEventEntity, {
      id: newId(),
      wishId,
      action,
      fromStatus: from,
      toStatus: to,
      actorUserId: actor.userId,
      actorRole: actor.role,
      actorName: actor.name.slice(0, 60),
      note: note?.slice(0, 300) ?? null,
      createdAt: this.clock.now(),
    });
  }

  async post(principal: Principal, input: CreateWish): Promise<string> {
    const community = await this.dataSource.getRepository(RegionEntity).findOneBy({ id: input.communityId });
    if (!community || community.level !== 'community') throw AppException.notFound('没有找到这个社区，请重新扫描社区二维码');
    const node = { kind: 'region' as const, id: community.id, path: community.path };
    if (input.onBehalf) this.access.require(principal, ['community_staff', 'street_official', 'committee_admin'], node, '只有本社区工作人员可以代录心愿');
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: principal.userId });
    const contactPhone = input.contactPhone ?? (user.phoneCipher ? this.cipher.decrypt(user.phoneCipher) : null);
    if (!contactPhone) throw AppException.badRequest('请填写联系电话，或先在“我的”页面绑定手机号');
    const moderation = await this.moderate(user.openid, input);
    const now = this.clock.now();
    const streetId = pathIds(community.path).at(-2)!;
    const id = newId();
    const actor: Actor = input.onBehalf ? this.contexts.staffActor(principal, community) : { userId: principal.userId, role: 'resident', name: '居民' };

    await inTransaction(this.dataSource, async (manager) => {
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      await manager.insert(WishEntity, {
        id,
        communityId: community.id,
        streetId,
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
        consentVersion: input.sensitiveConsent.version,
        consentAt: now,
        status: moderation.held ? 'held' : 'submitted',
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
        createdAt: now,
        updatedAt: now,
      });
      if (photos.length) await this.uploads.attach(manager, photos.map((p) => p.id), `wish:${id}`);
      await this.recordEvent(manager, id, moderation.held ? 'hold' : 'submit', null, moderation.held ? 'held' : 'submitted', actor, input.onBehalf ? '社区代录' : moderation.reason);
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'wish.create',
        subjectType: 'wish',
        subjectId: id,
        detail: { consentVersion: input.sensitiveConsent.version, onBehalf: input.onBehalf, guardianConsent: input.beneficiaryUnder14 ? true : undefined },
      });
    });
    return id;
  }

  /** msg_sec_check in live mode. Anything but a clear pass, or WeChat being unreachable, holds the wish for a person. */
  private async moderate(openid: string, input: CreateWish): Promise<{ held: boolean; reason: string | null }> {
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

  async review(principal: Principal, wishId: string, input: ReviewWish): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isStaff) throw AppException.forbidden('只有本社区工作人员可以审核心愿');
      const actor = this.contexts.staffActor(principal, ctx.community);
      if (input.decision === 'approve') {
        await this.transition(manager, ctx.wish, 'approve', actor, { publishedAt: this.clock.now(), holdReason: null });
        await this.tellResident(manager, ctx, '心愿已发布', `您的心愿“${ctx.wish.title}”已通过审核，发布到心愿墙`);
      } else {
        await this.transition(manager, ctx.wish, 'reject', actor, { rejectReason: input.reason! }, input.reason!);
        await this.tellResident(manager, ctx, '心愿未通过审核', `您的心愿“${ctx.wish.title}”未通过审核：${input.reason}`);
      }
    });
  }

  async withdraw(principal: Principal, wishId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isResident) throw AppException.forbidden('只有发布人可以撤回心愿');
      await this.transition(manager, ctx.wish, 'withdraw', { userId: principal.userId, role: 'resident', name: '居民' });
    });
  }

  async claim(principal: Principal, wishId: string, input: ClaimWish): Promise<void> {
    try {
      await inTransaction(this.dataSource, async (manager) => {
        if (!input.onBehalfOf) await this.lockMemberOf(manager, principal.userId);
        const ctx = await this.contexts.load(manager, wishId, principal);
        if (ctx.wish.status !== 'published') throw AppException.conflict(refusalFor(ctx.wish.status, 'claim'), ErrorCode.AlreadyClaimed);
        if (ctx.viewer.isResident) throw AppException.forbidden('不能认领自己发布的心愿');
        const claimant = input.onBehalfOf ? await this.unitClaimant(manager, principal, input.onBehalfOf) : await this.memberClaimant(manager, principal, ctx);
        await this.openClaim(manager, ctx, principal, claimant, addDays(this.clock.now(), this.config.wishes.claimDays), 'claim');
      });
    } catch (error) {
      // The unique index on live claims is the referee when two claims race past the status check.
      if (isUniqueViolation(error)) throw AppException.conflict('该心愿已被其他人认领', ErrorCode.AlreadyClaimed);
      throw error;
    }
  }

  /**
   * One member's claims take turns. Racing each other, they would all count the same open claims and pass the
   * cap together (docs/benchmarks.md: a member with 4 live claims under a cap of 3). The lock must be the
   * transaction's first read: InnoDB's snapshot starts at the first plain read, so the count after it then
   * sees every claim the member committed before. SQLite already runs one transaction at a time.
   */
  private async lockMemberOf(manager: EntityManager, userId: string): Promise<void> {
    if (manager.connection.options.type === 'better-sqlite3') return;
    await manager.createQueryBuilder(MemberEntity, 'm').select('m.id').where('m.userId = :userId', { userId }).setLock('pessimistic_write').getRawOne();
  }

  private async memberClaimant(manager: EntityManager, principal: Principal, ctx: WishContext): Promise<Claimant> {
    const member = ctx.member;
    if (!member) throw AppException.forbidden('只有已报到的在职党员可以认领心愿；单位认领请选择单位');
    const open = await manager.countBy(WishClaimEntity, { memberId: member.id, status: 'open', liveWishId: Not(IsNull()) });
    if (open >= this.config.wishes.maxOpenClaims) {
      throw AppException.conflict(`您已有 ${open} 个未完成的认领（上限 ${this.config.wishes.maxOpenClaims} 个），请先完成后再认领`, ErrorCode.ClaimLimitReached);
    }
    return { kind: 'member', memberId: member.id, organisationId: null, name: member.name, actor: this.contexts.actor(principal, 'member', member) };
  }

  async unitClaimant(manager: EntityManager, principal: Principal, organisationId: string): Promise<Claimant> {
    const organisation = await manager.findOneBy(OrganisationEntity, { id: organisationId });
    if (!organisation) throw AppException.notFound('没有找到这个单位');
    if (!this.access.holds(principal, ['org_admin'], { kind: 'organisation', id: organisation.id, path: organisation.path })) {
      throw AppException.forbidden('只有本单位的党组织管理员可以代表单位认领');
    }
    return { kind: 'organisation', memberId: null, organisationId: organisation.id, name: organisation.name, actor: { userId: principal.userId, role: 'org_admin', name: organisation.name } };
  }

  /** Inserts the live claim (unique per wish) and moves the wish to claimed. Used by claim and dispatch acceptance. */
  async openClaim(manager: EntityManager, ctx: WishContext, principal: Principal, claimant: Claimant, deadline: Date, action: 'claim' | 'accept_dispatch', note: string | null = null): Promise<void> {
    const now = this.clock.now();
    const claimId = newId();
    await manager.insert(WishClaimEntity, {
      id: claimId,
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
    });
    await this.transition(
      manager,
      ctx.wish,
      action,
      claimant.actor,
      { currentClaimId: claimId, claimantKind: claimant.kind, claimantName: claimant.name, claimDeadline: deadline, claimedAt: now },
      note,
    );
    await this.tellResident(manager, ctx, '心愿已被认领', `您的心愿“${ctx.wish.title}”已被认领，认领人会尽快与您联系`);
  }

  async release(principal: Principal, wishId: string, reason: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isClaimant) throw AppException.forbidden('只有认领人可以放弃认领');
      await this.endClaim(manager, ctx, 'release', 'released', this.contexts.claimantActor(principal, ctx), reason);
    });
  }

  async revoke(principal: Principal, wishId: string, reason: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isStaff) throw AppException.forbidden('只有本社区工作人员可以撤销认领');
      const claimUserId = ctx.claim?.claimedByUserId ?? null;
      await this.endClaim(manager, ctx, 'revoke', 'revoked', this.contexts.staffActor(principal, ctx.community), reason);
      await this.notifications.notify(manager, { userId: claimUserId, kind: 'wish_status', title: '认领已被撤销', body: `您认领的心愿“${ctx.wish.title}”已被社区撤销认领：${reason}`, link: wishLink(ctx.wish.id) });
    });
  }

  /** Ends the live claim and puts the wish back on the wall (release, revoke, expiry). */
  async endClaim(manager: EntityManager, ctx: WishContext, action: 'release' | 'revoke' | 'expire', status: 'released' | 'revoked' | 'expired', actor: Actor, reason: string): Promise<void> {
    if (!canTransition(ctx.wish.status, action) || !ctx.claim) throw AppException.conflict(refusalFor(ctx.wish.status, action), ErrorCode.WrongState);
    const ended = await manager.update(WishClaimEntity, { id: ctx.claim.id, liveWishId: ctx.wish.id }, { liveWishId: null, status, endedAt: this.clock.now(), endReason: reason });
    if (!ended.affected) throw AppException.conflict('该认领刚刚已结束，请刷新后再试', ErrorCode.WrongState);
    await this.transition(manager, ctx.wish, action, actor, { currentClaimId: null, claimantKind: null, claimantName: null, claimDeadline: null, claimedAt: null }, reason);
  }

  async fulfil(principal: Principal, wishId: string, input: FulfilWish): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isClaimant) throw AppException.forbidden('只有认领人可以提交圆梦凭证');
      if (!canTransition(ctx.wish.status, 'fulfil')) throw AppException.conflict(refusalFor(ctx.wish.status, 'fulfil'), ErrorCode.WrongState);
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      await this.uploads.attach(manager, photos.map((p) => p.id), `wish-fulfilment:${ctx.wish.id}`);
      await manager.update(WishClaimEntity, { id: ctx.claim!.id }, { status: 'fulfilled' });
      await this.transition(manager, ctx.wish, 'fulfil', this.contexts.claimantActor(principal, ctx), { fulfilledAt: this.clock.now(), fulfilmentNote: input.note }, input.note);
      await this.tellResident(manager, ctx, '心愿已圆梦', `您的心愿“${ctx.wish.title}”已完成，请确认是否收到`);
    });
  }

  async confirm(principal: Principal, wishId: string, input: ConfirmWish): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isResident && !ctx.viewer.isStaff) throw AppException.forbidden('只有心愿发布人或本社区工作人员可以确认');
      // A disputed wish is settled by staff; the resident confirms a fulfilled one.
      const asResident = ctx.viewer.isResident && (ctx.wish.status === 'fulfilled' || !ctx.viewer.isStaff);
      if (asResident && ctx.wish.status !== 'fulfilled') throw AppException.conflict(refusalFor(ctx.wish.status, 'confirm'), ErrorCode.WrongState);
      if (!asResident && !input.note) throw AppException.badRequest('社区代为确认时请填写说明（如：已电话回访确认收到）');
      const actor: Actor = asResident ? { userId: principal.userId, role: 'resident', name: '居民' } : this.contexts.staffActor(principal, ctx.community);
      const claim = ctx.claim;
      if (!claim) throw AppException.conflict(refusalFor(ctx.wish.status, 'confirm'), ErrorCode.WrongState);
      const now = this.clock.now();
      await this.transition(manager, ctx.wish, 'confirm', actor, { confirmedAt: now, rating: input.rating ?? null, thanks: input.thanks ?? null }, asResident ? input.thanks ?? null : input.note ?? null);
      await manager.update(WishClaimEntity, { id: claim.id }, { status: 'completed', liveWishId: null, endedAt: now });
      await this.ledger.credit(manager, {
        memberId: claim.memberId,
        organisationId: claim.organisationId,
        kind: 'wish_fulfilled',
        sourceType: 'wish',
        sourceId: ctx.wish.id,
        valueYuan: ctx.wish.estimatedValueYuan,
        description: `圆梦微心愿：${ctx.wish.title}`,
        occurredAt: now,
      });
      await this.notifications.notify(manager, { userId: claim.claimedByUserId, kind: 'wish_status', title: '心愿已确认', body: `您圆梦的心愿“${ctx.wish.title}”已确认收到${input.thanks ? `：${input.thanks}` : ''}`, link: wishLink(ctx.wish.id) });
    });
  }

  async dispute(principal: Principal, wishId: string, reason: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isResident) throw AppException.forbidden('只有心愿发布人可以提出异议');
      await manager.update(WishClaimEntity, { id: ctx.claim!.id }, { status: 'open' });
      await this.transition(manager, ctx.wish, 'dispute', { userId: principal.userId, role: 'resident', name: '居民' }, {}, reason);
    });
  }

  async reopen(principal: Principal, wishId: string, reason: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isStaff) throw AppException.forbidden('只有本社区工作人员可以退回重办');
      await this.transition(manager, ctx.wish, 'reopen', this.contexts.staffActor(principal, ctx.community), { fulfilledAt: null }, reason);
      await this.notifications.notify(manager, { userId: ctx.claim?.claimedByUserId ?? null, kind: 'wish_status', title: '心愿被退回重办', body: `心愿“${ctx.wish.title}”居民反映未收到，请核实后重新提交：${reason}`, link: wishLink(ctx.wish.id) });
    });
  }

  tellResident(manager: EntityManager, ctx: WishContext, title: string, body: string): Promise<void> {
    return this.notifications.notify(manager, { userId: ctx.wish.residentUserId, kind: 'wish_status', title, body, link: wishLink(ctx.wish.id) });
  }
}

export interface Claimant {
  kind: 'member' | 'organisation';
  memberId: string | null;
  organisationId: string | null;
  name: string;
  actor: Actor;
}
