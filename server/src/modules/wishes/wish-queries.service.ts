import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { readManager } from '../../common/database/read-replicas';
import {
  maskAddress,
  maskName,
  PRIVATE_NOTE_WISH_ACTIONS,
  PUBLIC_WISH_STATUSES,
  type PublicWish,
  type TimelineEntry,
  type WishContact,
  type WishDetail,
  type WishListQuery,
  type WishOfferedAction,
  type WishPage,
  type WishPhoto,
  type WishStatus,
  type WishSummary,
  type WishSummaryPage,
  type OverdueBoardPage,
  type MyWishCounts,
  WISH_STATUSES,
} from '@nuancheng/shared';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import type { OpenItem, OpenItemScope } from '../../common/supervision/open-item';
import { WishClaimEntity } from './entities/wish-claim.entity';
import { WishDispatchEntity } from './entities/wish-dispatch.entity';
import { WishEntity } from './entities/wish.entity';
import { AccessService } from '../../common/access/access.service';
import { listScope } from '../../common/access/list-scope';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { relations } from '../../common/workflow/workflow';
import { AuditService } from '../audit/audit.service';
import { MembersService } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { UsersService } from '../users/users.service';
import { RegionsService } from '../regions/regions.service';
import { UploadsService } from '../uploads/uploads.service';
import { WorkflowService } from '../workflow/workflow.service';
import { STAFF_ROLES, WishContextService, type WishContext } from './wish-context.service';
import { addDays, overdueReason } from './wishes.rules';
import { WISH_WORKFLOW, type WishAction, type WishRelation } from './wishes.policy';
import { WishesRepository, type ListRow, type WishExportRow } from './wishes.repository';
import { datetimeParam, exportPages, scopeCondition, type ExportScope } from '../../common/exports/export-scope';
import { forceIndex, placeholders, sqlDate, type DashboardScope } from '../../common/supervision/dashboard';
import { durationMedian } from './wish-durations';
import { wishWindowMonths } from './wish-rollups';

export type { WishExportRow } from './wishes.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** States in which the live claimant sees the beneficiary's contact (to deliver, and to settle a dispute). */
/** The wishes' part of the supervision dashboard. */
export interface WishDashboard {
  byState: Array<{ status: WishStatus; count: number }>;
  medianSecondsToClaim: number | null;
  medianSecondsToFulfil: number | null;
  overdueUnclaimed: number;
  overdueClaims: number;
  posted: number[];
  fulfilled: number[];
}

const CLAIMANT_SEES_CONTACT: readonly WishStatus[] = ['claimed', 'fulfilled', 'disputed'];

/** Every read of wishes: the public wall, details, timelines, personal and staff lists, the overdue board. */
@Injectable()
export class WishQueriesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: WishesRepository,
    private readonly contexts: WishContextService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly uploads: UploadsService,
    private readonly regions: RegionsService,
    private readonly workflow: WorkflowService,
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A wish's photos (and its fulfilment photos) are public exactly while the wish is; else signed links only. */
  onModuleInit(): void {
    const isPublic = async (wishId: string) => {
      const wish = await this.dataSource.getRepository(WishEntity).findOne({ where: { id: wishId }, select: ['id', 'status'] });
      return wish !== null && (PUBLIC_WISH_STATUSES as readonly WishStatus[]).includes(wish.status);
    };
    this.uploads.registerAudience('wish', isPublic);
    this.uploads.registerAudience('wish-fulfilment', isPublic);
  }

  private static isPublic(status: WishStatus): boolean {
    return (PUBLIC_WISH_STATUSES as readonly WishStatus[]).includes(status);
  }

  /**
   * Claims made in a window by these organisations or these members (an annual report's wishes): claimed counts
   * every claim made, completed those whose wish was confirmed. Counted per claimant kind.
   */
  async claimCounts(
    organisationIds: string[],
    memberIds: string[],
    from: Date,
    to: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Record<'byUnit' | 'byMembers', { claimed: number; completed: number }>> {
    const count = async (column: 'organisationId' | 'memberId', ids: string[]) => {
      if (!ids.length) return { claimed: 0, completed: 0 };
      const rows: Array<Record<string, unknown>> = await manager.query(
        `SELECT COUNT(*) AS \`claimed\`, SUM(CASE WHEN \`c\`.\`status\` = 'completed' THEN 1 ELSE 0 END) AS \`completed\` FROM \`wish_claims\` \`c\` ` +
          `WHERE \`c\`.\`${column}\` IN (${ids.map(() => '?').join(', ')}) AND \`c\`.\`createdAt\` >= ? AND \`c\`.\`createdAt\` < ?`,
        [...ids, ...[from, to].map((d) => datetimeParam(manager.connection, WishClaimEntity, 'createdAt', d))],
      );
      return { claimed: Number(rows[0]?.claimed ?? 0), completed: Number(rows[0]?.completed ?? 0) };
    };
    const [byUnit, byMembers] = await Promise.all([count('organisationId', organisationIds), count('memberId', memberIds)]);
    return { byUnit, byMembers };
  }

  /** People are masked on the wall; a unit's name is public. */
  private claimantOf(w: Pick<ListRow, 'claimantKind' | 'claimantName'>): PublicWish['claimant'] {
    return w.claimantKind ? { kind: w.claimantKind, name: w.claimantKind === 'member' ? maskName(w.claimantName ?? '') : (w.claimantName ?? '') } : null;
  }

  private toPublic(w: Omit<ListRow, 'claimDeadline' | 'rejectReason'>, photos: WishPhoto[]): PublicWish {
    return {
      id: w.id,
      title: w.title,
      description: w.description,
      category: w.category,
      estimatedValueYuan: w.estimatedValueYuan,
      status: w.status,
      beneficiaryMasked: w.beneficiaryMasked,
      community: { id: w.communityId, name: w.communityName },
      street: { id: w.streetId, name: w.streetName },
      claimant: this.claimantOf(w),
      photos,
      publishedAt: iso(w.publishedAt),
      claimedAt: iso(w.claimedAt),
      fulfilledAt: iso(w.fulfilledAt),
      confirmedAt: iso(w.confirmedAt),
      createdAt: w.createdAt.toISOString(),
    };
  }

  /**
   * Field by field, in the contract's order, like toPublic: spreading a PublicWish into a summary
   * (`{ ...toPublic(w), claimDeadline … }`) took ~6 % of a "my claims" request's CPU at city scale, and a body in
   * the contract's exact shape is sent without the contract's copy (docs/benchmarks.md, part 3).
   */
  private summaries(rows: ListRow[], overdue: (w: ListRow) => WishSummary['overdue'] = () => null): WishSummary[] {
    return rows.map((w) => ({
      id: w.id,
      title: w.title,
      description: w.description,
      category: w.category,
      estimatedValueYuan: w.estimatedValueYuan,
      status: w.status,
      beneficiaryMasked: w.beneficiaryMasked,
      community: { id: w.communityId, name: w.communityName },
      street: { id: w.streetId, name: w.streetName },
      claimant: this.claimantOf(w),
      photos: this.listedPhotos(w),
      publishedAt: iso(w.publishedAt),
      claimedAt: iso(w.claimedAt),
      fulfilledAt: iso(w.fulfilledAt),
      confirmedAt: iso(w.confirmedAt),
      createdAt: w.createdAt.toISOString(),
      claimDeadline: iso(w.claimDeadline),
      rejectReason: w.rejectReason,
      myClaimStatus: w.claimStatus ?? null,
      overdue: overdue(w),
    }));
  }

  /** Lists of wishes that are not public (my wishes, the review queue) are the caller's own or their scope's: signed links. */
  private listedPhotos(w: ListRow): WishPhoto[] {
    const links = WishQueriesService.isPublic(w.status) ? (p: { id: string }) => this.uploads.publicUrls(p) : (p: { id: string }) => this.uploads.signedUrls(p);
    return w.photoIds ? w.photoIds.split(',').map((id) => links({ id })) : [];
  }

  async summariesByIds(ids: string[]): Promise<Map<string, WishSummary>> {
    if (!ids.length) return new Map();
    const { rows } = await this.repository.byIds(ids);
    return new Map(this.summaries(rows).map((s) => [s.id, s]));
  }

  /** The public wall (the busiest read: one raw statement, see WishesRepository.wall). */
  async wall(query: WishListQuery): Promise<WishPage> {
    const { rows, total } = await this.repository.wall(query, query.page, query.pageSize);
    return { items: rows.map((w) => this.toPublic(w, this.listedPhotos(w))), total, page: query.page, pageSize: query.pageSize };
  }

  /** Who sees the beneficiary's name and phone (PIPL, least privilege): the resident, the live claimant, the community's own staff. */
  private seesContact(ctx: WishContext): boolean {
    const { has } = ctx.rel;
    return has.has('resident') || has.has('community_staff') || (has.has('claimant') && CLAIMANT_SEES_CONTACT.includes(ctx.wish.status));
  }

  private visible(ctx: WishContext): boolean {
    // Before publication (and after rejection or withdrawal) only its resident and staff see a wish.
    return WishQueriesService.isPublic(ctx.wish.status) || ctx.rel.has.has('resident') || ctx.rel.has.has('staff');
  }

  /** Who reads private notes (the fulfilment note, dispute and reopen reasons): the resident, the live claimant, the community's staff. */
  private seesPrivateNotes(ctx: WishContext): boolean {
    const { has } = ctx.rel;
    return has.has('resident') || has.has('claimant') || has.has('community_staff');
  }

  /**
   * The claimant for the community's staff (who may revoke the claim: name, unit, phone to call; audited) and for
   * the resident (masked name and unit, no phone: PIPL least privilege). Null for anyone else.
   */
  private async claimantContact(ctx: WishContext, principal: Principal | undefined, manager: EntityManager): Promise<WishDetail['claimantContact']> {
    const claim = ctx.claim;
    if (!claim || !principal) return null;
    const staff = ctx.rel.has.has('community_staff');
    if (!staff && !ctx.rel.has.has('resident')) return null;
    let contact: { name: string; unit: string | null; phone: string | null };
    if (claim.claimantKind === 'member' && claim.memberId) {
      const member = await this.members.contactOf(claim.memberId, manager);
      if (!member) return null;
      contact = member;
    } else {
      // A unit's claim: the unit, and the admin who claimed for it (their roster name, their bound phone).
      const unit = ctx.wish.claimantName;
      const [name, phone] = staff ? await Promise.all([this.members.nameOfUser(claim.claimedByUserId, manager), this.users.boundPhoneOf(claim.claimedByUserId)]) : [null, null];
      contact = { name: name ?? unit ?? '', unit, phone };
    }
    if (!staff) return { name: maskName(contact.name), unit: contact.unit, phone: null, masked: true };
    await this.audit.record(manager, {
      actorId: principal.userId,
      action: 'wish.claimant_contact.read',
      subjectType: 'wish',
      subjectId: ctx.wish.id,
      detail: { as: 'staff', claimId: claim.id, fields: contact.phone ? ['name', 'unit', 'phone'] : ['name', 'unit'] },
      reason: '本社区工作者（核实或撤销认领）',
      read: true,
    });
    return { ...contact, masked: false };
  }

  /**
   * One wish as the caller may see it, read with `manager`: a command passes its own transaction, so the answer
   * to a write is built before it commits and an unmasked read is never without its audit row.
   */
  async detail(wishId: string, principal: Principal | undefined, manager: EntityManager = this.dataSource.manager): Promise<WishDetail> {
    return this.detailOf(await this.contexts.load(manager, wishId, principal), principal, manager);
  }

  /** `detail` for a context already loaded (and changed) in this transaction with `manager`. */
  async detailOf(ctx: WishContext, principal: Principal | undefined, manager: EntityManager): Promise<WishDetail> {
    const { wish } = ctx;
    if (!this.visible(ctx)) throw AppException.notFound('没有找到这个心愿，可能已被删除或链接有误');
    // A wish that is not public is shown only to those `visible` let through: its photos go as signed links.
    const signed = !WishQueriesService.isPublic(wish.status);
    const [streets, photos] = await Promise.all([this.regions.nodesOf([wish.streetId], manager), this.uploads.photosOf([`wish:${wish.id}`, `wish-fulfilment:${wish.id}`], manager, signed)]);
    const row = Object.assign(wish, { communityName: ctx.community.name, streetName: streets.get(wish.streetId)?.name ?? '' });
    const seesContact = this.seesContact(ctx);
    if (seesContact && principal && !ctx.rel.has.has('resident')) {
      // PIPL: every read of a beneficiary's contact details by someone other than the resident is on record.
      const as = ctx.rel.has.has('community_staff') ? 'staff' : 'claimant';
      const fields = [...(as === 'staff' ? ['name', 'phone', 'hardship'] : ['name', 'phone']), ...(wish.deliveryAddressCipher ? ['address'] : [])];
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'wish.contact.read',
        subjectType: 'wish',
        subjectId: wish.id,
        detail: { as, fields },
        reason: as === 'staff' ? '本社区工作者' : '心愿认领人',
        read: true,
      });
    }
    const address = seesContact && wish.deliveryAddressCipher ? this.cipher.decrypt(wish.deliveryAddressCipher) : null;
    return {
      ...this.toPublic(row, photos.get(`wish:${wish.id}`) ?? []),
      beneficiary: seesContact ? { name: this.cipher.decrypt(wish.beneficiaryNameCipher), phone: this.cipher.decrypt(wish.contactPhoneCipher), relation: wish.contactRelation, address } : null,
      deliveryAddressMasked: wish.deliveryAddressCipher && !seesContact ? maskAddress(this.cipher.decrypt(wish.deliveryAddressCipher)) : null,
      claimantContact: await this.claimantContact(ctx, principal, manager),
      // The hardship category is for those who vet and support the household, not for the one delivering.
      hardshipCategory: ctx.rel.has.has('resident') || ctx.rel.has.has('community_staff') ? this.cipher.decrypt(wish.hardshipCipher) : null,
      rejectReason: wish.rejectReason,
      holdReason: ctx.rel.has.has('staff') || ctx.rel.has.has('resident') ? wish.holdReason : null,
      claimDeadline: iso(wish.claimDeadline),
      fulfilment: wish.fulfilledAt
        ? { note: this.seesPrivateNotes(ctx) ? (wish.fulfilmentNote ?? '') : null, photos: photos.get(`wish-fulfilment:${wish.id}`) ?? [], at: wish.fulfilledAt.toISOString() }
        : null,
      confirmation: wish.confirmedAt ? { rating: wish.rating, thanks: wish.thanks } : null,
      enteredByStaff: wish.residentUserId === null || wish.residentUserId !== wish.enteredByUserId,
      actions: this.offered(ctx, seesContact),
    };
  }

  /** The buttons: the workflow's offer for the caller's relations, less what a limit would refuse right now. */
  private offered(ctx: WishContext, seesContact: boolean): WishOfferedAction[] {
    const blocked = new Set<WishAction>();
    if (ctx.dispatch) blocked.add('dispatch');
    if (seesContact) blocked.add('view_contact');
    // A resident confirms their own wish; staff who posted on someone's behalf confirm for them.
    if (ctx.rel.has.has('resident')) blocked.add('confirm_on_behalf');
    return WISH_WORKFLOW.offered(ctx.wish.status, ctx.rel, blocked) as WishOfferedAction[];
  }

  /**
   * Break-glass: an official above the community opens one beneficiary's contact with a stated reason. The read,
   * the fields and the reason are written to the audit log before anything is decrypted.
   */
  async contact(principal: Principal, wishId: string, reason: string): Promise<WishContact> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (this.seesContact(ctx)) WISH_WORKFLOW.refuse('contact_already_visible');
      WISH_WORKFLOW.require('view_contact', ctx.wish.status, ctx.rel);
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'wish.contact.break_glass',
        subjectType: 'wish',
        subjectId: wishId,
        detail: { fields: ['name', 'phone', 'hardship', ...(ctx.wish.deliveryAddressCipher ? ['address'] : [])], reason },
      });
      return {
        name: this.cipher.decrypt(ctx.wish.beneficiaryNameCipher),
        phone: this.cipher.decrypt(ctx.wish.contactPhoneCipher),
        relation: ctx.wish.contactRelation,
        address: ctx.wish.deliveryAddressCipher ? this.cipher.decrypt(ctx.wish.deliveryAddressCipher) : null,
        hardshipCategory: this.cipher.decrypt(ctx.wish.hardshipCipher),
        recorded: true,
        notice: '本次查看及原因已记入审计日志',
      };
    });
  }

  async timeline(wishId: string, principal: Principal | undefined): Promise<{ items: TimelineEntry[] }> {
    const ctx = await this.contexts.load(this.dataSource.manager, wishId, principal);
    if (!this.visible(ctx)) throw AppException.notFound('没有找到这个心愿，可能已被删除或链接有误');
    const items = await this.workflow.timeline(this.dataSource.manager, 'wish', wishId, WISH_WORKFLOW);
    if (this.seesPrivateNotes(ctx)) return { items };
    // Everyone else sees each step, without the private notes (dispute reasons, the fulfilment note, staff notes).
    const hidden = new Set<string>(PRIVATE_NOTE_WISH_ACTIONS);
    return { items: items.map((e) => (hidden.has(e.action) && e.note ? { ...e, note: null } : e)) };
  }

  async mine(principal: Principal, page: number, pageSize: number): Promise<WishSummaryPage> {
    const { rows, total } = await this.repository.postedBy(principal.userId, page, pageSize);
    return { items: this.summaries(rows), total, page, pageSize };
  }

  async myCounts(principal: Principal): Promise<MyWishCounts> {
    const counts = await this.repository.countPostedBy(principal.userId);
    const byStatus = WISH_STATUSES.filter((s) => counts.get(s)).map((status) => ({ status, count: counts.get(status)! }));
    return { total: byStatus.reduce((sum, s) => sum + s.count, 0), byStatus };
  }

  /** Claims I hold or held (as a member, or for the units I administer), newest first, each wish once. */
  async myClaims(principal: Principal, page: number, pageSize: number): Promise<WishSummaryPage> {
    const units = this.access.scopesOf(principal, ['org_admin'], 'organisation').map((a) => a.scopeId!);
    const { rows, total } = await this.repository.claimedBy(principal.userId, units, page, pageSize);
    const now = this.clock.now();
    return { items: this.summaries(rows, (w) => overdueReason(w, now, { unclaimedDays: this.config.wishes.overdueDays })), total, page, pageSize };
  }

  /** Staff: what waits for them (submitted, held for review, disputed), oldest first. */
  async reviewQueue(principal: Principal, page: number, pageSize: number): Promise<WishSummaryPage> {
    const scope = listScope(principal, STAFF_ROLES, { community: '`w`.`communityId`', street: '`w`.`streetId`' });
    if (!scope) throw AppException.forbidden('只有社区工作人员可以查看审核队列');
    const { rows, total } = await this.repository.reviewQueue(scope, page, pageSize);
    return { items: this.summaries(rows), total, page, pageSize };
  }

  /**
   * The open needs of a street or a community (需求清单 of the 1+N view): unclaimed wishes, and claims past their
   * deadline, each with why it is overdue (null: unclaimed, not yet overdue). No caller: the caller checked the scope.
   */
  async openNeedsIn(place: { streetId: string; communityId?: string }, limit = 200): Promise<WishSummary[]> {
    const now = this.clock.now();
    const condition = place.communityId ? { sql: '`w`.`communityId` = ?', params: [place.communityId] } : { sql: '`w`.`streetId` = ?', params: [place.streetId] };
    const { rows } = await this.repository.openNeeds(condition, now, limit);
    return this.summaries(rows, (w) => overdueReason(w, now, { unclaimedDays: this.config.wishes.overdueDays }));
  }

  /**
   * 件件有着落: street officials see their street's overdue wishes (unclaimed too long, claims past deadline);
   * committee admins see what was escalated to them (dispatches left unanswered).
   */
  async overdueBoard(principal: Principal, page: number, pageSize: number): Promise<OverdueBoardPage> {
    const now = this.clock.now();
    const isCommittee = this.access.scopesOf(principal, ['committee_admin'], 'region').length > 0;
    const scope = listScope(principal, isCommittee ? ['committee_admin'] : ['street_official'], { community: '`w`.`communityId`', street: '`w`.`streetId`' });
    if (!scope) throw AppException.forbidden('只有街道干部和工委管理员可以查看超期督办');
    const { rows, total } = isCommittee
      ? await this.repository.escalated(scope, page, pageSize)
      : await this.repository.overdue(scope, addDays(now, -this.config.wishes.overdueDays), now, page, pageSize);
    const items = this.summaries(rows, (w) => (isCommittee ? 'dispatch_unanswered' : overdueReason(w, now, { unclaimedDays: this.config.wishes.overdueDays })));
    // Where each wish's latest dispatch stands, and 派单 only where the dispatch workflow would take it now.
    const dispatches = await this.repository.latestDispatchOf(items.map((w) => w.id));
    const units = await this.organisations.nodesOf([...new Set([...dispatches.values()].map((d) => d.organisationId))]);
    const rel = relations<WishRelation>([isCommittee ? 'committee' : 'street_official']);
    return {
      items: items.map((w) => {
        const d = dispatches.get(w.id);
        const open = d !== undefined && (d.status === 'pending' || d.status === 'escalated');
        return {
          ...w,
          dispatch: d ? { id: d.id, status: d.status, organisation: { id: d.organisationId, name: units.get(d.organisationId)?.name ?? '' }, answerBy: d.answerBy.toISOString() } : null,
          actions: WISH_WORKFLOW.offered(w.status, rel, new Set<WishAction>(open ? ['dispatch'] : [])).filter((a) => a === 'dispatch') as WishOfferedAction[],
        };
      }),
      total,
      page,
      pageSize,
    };
  }

  /**
   * Dashboard: wishes entered in the window by state, the two medians (exact: medianIn),
   * the overdue counts now (as the board defines them) and the monthly posted / fulfilled series. Aggregates in SQL.
   * By state, the series and the overdue counts read the rollups (wish-rollups.ts): the window's months of
   * wish_state_months less the wishes entered from `to` to the end of its last month (an empty range unless a
   * wish is dated after now); the series' months of wish_event_months (whole months, as counted over the wishes);
   * the streets' published (claimed) wishes, all months, less those published since the overdue cut-off (claims
   * not yet due): short ranges of the street indexes instead of every open wish.
   */
  async dashboard(scope: DashboardScope): Promise<WishDashboard> {
    const months = scope.months.length;
    const empty: WishDashboard = {
      byState: [],
      medianSecondsToClaim: null,
      medianSecondsToFulfil: null,
      overdueUnclaimed: 0,
      overdueClaims: 0,
      posted: Array(months).fill(0),
      fulfilled: Array(months).fill(0),
    };
    if (!scope.streetIds.length) return empty;
    const m = readManager(this.dataSource);
    const d = (date: Date) => sqlDate(m, date);
    const streets = `\`w\`.\`streetId\` IN (${placeholders(scope.streetIds)})`;
    const rolled = `\`t\`.\`streetId\` IN (${placeholders(scope.streetIds)})`;
    const s = scope.streetIds;
    const window = wishWindowMonths(scope.from, scope.to);
    const rolledStatus = `\`t\`.\`status\` IN (${placeholders(WISH_STATUSES)})`;
    // The rollups' short key ranges; the raw reads range over their street indexes (normally a few rows).
    const [byState, medianSecondsToClaim, medianSecondsToFulfil, overdue, series] = await Promise.all([
      window
        ? m.query(
            'SELECT `x`.`status` AS `status`, SUM(`x`.`n`) AS `n` FROM (' +
              `SELECT \`t\`.\`status\` AS \`status\`, \`t\`.\`wishes\` AS \`n\` FROM \`wish_state_months\` \`t\` WHERE ${rolled} AND ${rolledStatus} AND \`t\`.\`month\` >= ? AND \`t\`.\`month\` <= ? ` +
              `UNION ALL SELECT \`w\`.\`status\`, -1 FROM \`wishes\` \`w\`${forceIndex(m, 'IDX_wishes_street_created')} WHERE ${streets} AND \`w\`.\`createdAt\` >= ? AND \`w\`.\`createdAt\` < ?` +
              ') `x` GROUP BY `x`.`status`',
            [...s, ...WISH_STATUSES, window.first, window.last, ...s, d(scope.to), d(window.end)],
          )
        : Promise.resolve([]),
      // The medians from the stored durations and their histogram (wish-durations.ts).
      durationMedian(m, 'claim', scope),
      durationMedian(m, 'fulfil', scope),
      m.query(
        `SELECT (SELECT COALESCE(SUM(\`t\`.\`wishes\`), 0) FROM \`wish_state_months\` \`t\` WHERE ${rolled} AND \`t\`.\`status\` = 'published') - ` +
          `(SELECT COUNT(*) FROM \`wishes\` \`w\`${forceIndex(m, 'IDX_wishes_street_wall')} WHERE ${streets} AND \`w\`.\`status\` = 'published' AND (\`w\`.\`publishedAt\` >= ? OR \`w\`.\`publishedAt\` IS NULL)) AS \`unclaimed\`, ` +
          `(SELECT COALESCE(SUM(\`t\`.\`wishes\`), 0) FROM \`wish_state_months\` \`t\` WHERE ${rolled} AND \`t\`.\`status\` = 'claimed') - ` +
          `(SELECT COUNT(*) FROM \`wishes\` \`w\`${forceIndex(m, 'IDX_wishes_street_deadline')} WHERE ${streets} AND \`w\`.\`status\` = 'claimed' AND (\`w\`.\`claimDeadline\` >= ? OR \`w\`.\`claimDeadline\` IS NULL)) AS \`late\``,
        [...s, ...s, d(addDays(scope.now, -this.config.wishes.overdueDays)), ...s, ...s, d(scope.now)],
      ),
      months
        ? m.query(
            `SELECT \`t\`.\`month\` AS \`month\`, SUM(\`t\`.\`posted\`) AS \`posted\`, SUM(\`t\`.\`fulfilled\`) AS \`fulfilled\` FROM \`wish_event_months\` \`t\` WHERE ${rolled} AND \`t\`.\`month\` >= ? AND \`t\`.\`month\` <= ? GROUP BY \`t\`.\`month\``,
            [...s, scope.months[0].key, scope.months[months - 1].key],
          )
        : Promise.resolve([]),
    ]);
    const byMonth = new Map((series as Array<Record<string, unknown>>).map((r) => [String(r.month), r]));
    return {
      byState: (byState as Array<{ status: WishStatus; n: unknown }>).map((r) => ({ status: r.status, count: Number(r.n) })).filter((r) => r.count !== 0),
      medianSecondsToClaim,
      medianSecondsToFulfil,
      overdueUnclaimed: Number(overdue[0]?.unclaimed ?? 0),
      overdueClaims: Number(overdue[0]?.late ?? 0),
      posted: scope.months.map((month) => Number(byMonth.get(month.key)?.posted ?? 0)),
      fulfilled: scope.months.map((month) => Number(byMonth.get(month.key)?.fulfilled ?? 0)),
    };
  }

  /**
   * 件件有着落: the streets' wishes nobody owns yet or past their deadline, for the supervision board — waiting to be
   * vetted (staff), unclaimed past the overdue days (the street dispatches), claims past their deadline (the
   * claimant), dispatches not answered (the organisation; escalated ones the committee).
   */
  async openItems(scope: OpenItemScope): Promise<OpenItem[]> {
    if (!scope.streetIds.length) return [];
    const wishes = this.dataSource.getRepository(WishEntity);
    const streets = In(scope.streetIds);
    const unclaimedBefore = addDays(scope.now, -this.config.wishes.overdueDays);
    const [submitted, unclaimed, lateClaims, dispatches] = await Promise.all([
      wishes.find({ where: { streetId: streets, status: 'submitted' }, order: { createdAt: 'ASC', id: 'ASC' }, take: scope.limit }),
      wishes.find({ where: { streetId: streets, status: 'published', publishedAt: LessThan(unclaimedBefore) }, order: { publishedAt: 'ASC', id: 'ASC' }, take: scope.limit }),
      wishes.find({ where: { streetId: streets, status: 'claimed', claimDeadline: LessThan(scope.now) }, order: { claimDeadline: 'ASC', id: 'ASC' }, take: scope.limit }),
      this.dataSource.getRepository(WishDispatchEntity).find({
        where: { status: In(['pending', 'escalated']), wish: { streetId: streets } },
        relations: { wish: true },
        order: { answerBy: 'ASC', id: 'ASC' },
        take: scope.limit,
      }),
    ]);
    const claimIds = lateClaims.map((w) => w.currentClaimId).filter((id): id is string => !!id);
    const claims = claimIds.length ? await this.dataSource.getRepository(WishClaimEntity).find({ where: { id: In(claimIds) } }) : [];
    const claimOf = new Map(claims.map((c) => [c.id, c]));
    const place = (w: WishEntity) => ({ communityId: w.communityId, streetId: w.streetId, title: w.title, subjectId: w.id });
    return [
      ...submitted.map((w): OpenItem => ({
        ...place(w),
        kind: 'wish_review',
        since: w.createdAt,
        deadline: null,
        overdue: false,
        actor: 'community_staff',
        actorPlace: { kind: 'region', id: w.communityId },
        link: { kind: 'review', id: null },
      })),
      ...unclaimed.map((w): OpenItem => ({
        ...place(w),
        kind: 'wish_unclaimed',
        since: w.publishedAt!,
        deadline: null,
        overdue: true,
        actor: 'street_official',
        actorPlace: { kind: 'region', id: w.streetId },
        link: { kind: 'wish', id: w.id },
      })),
      ...lateClaims.map((w): OpenItem => {
        const claim = w.currentClaimId ? claimOf.get(w.currentClaimId) : undefined;
        const byOrganisation = claim?.claimantKind === 'organisation' && claim.organisationId;
        return {
          ...place(w),
          kind: 'wish_claim_overdue',
          since: w.claimedAt ?? w.publishedAt ?? w.createdAt,
          deadline: w.claimDeadline,
          overdue: true,
          actor: byOrganisation ? 'org_admin' : 'member',
          actorPlace: byOrganisation ? { kind: 'organisation', id: claim.organisationId! } : null,
          link: { kind: 'wish', id: w.id },
        };
      }),
      ...dispatches.map((d): OpenItem => ({
        ...place(d.wish!),
        kind: 'dispatch_unanswered',
        since: d.createdAt,
        deadline: d.answerBy,
        overdue: d.status === 'escalated' || d.answerBy < scope.now,
        actor: d.status === 'escalated' ? 'committee_admin' : 'org_admin',
        actorPlace: d.status === 'escalated' ? null : { kind: 'organisation', id: d.organisationId },
        link: { kind: 'dispatches', id: null },
      })),
    ];
  }

  /** The wishes export: wishes entered in the scope's communities during the period, read a page at a time. */
  async *exportRows(scope: ExportScope): AsyncGenerator<WishExportRow> {
    const where = scopeCondition(scope, { street: '`w`.`streetId`', community: '`w`.`communityId`' });
    yield* exportPages((after, limit) => this.repository.exportPage(where, scope.from, scope.to, after?.id ?? null, limit));
  }
}
