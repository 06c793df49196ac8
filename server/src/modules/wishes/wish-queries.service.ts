import { Inject, Injectable } from '@nestjs/common';
import {
  maskName,
  PUBLIC_WISH_STATUSES,
  ROLE_LABELS,
  type PublicWish,
  type ClaimStatus,
  type Role,
  type TimelineEntry,
  type WishDetail,
  type WishListQuery,
  type WishPage,
  type WishPhoto,
  type WishStatus,
  type WishSummary,
  type WishSummaryPage,
} from '@nuancheng/shared';
import { Brackets, DataSource, In, SelectQueryBuilder } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { RegionEntity } from '../regions/region.entity';
import { UploadEntity } from '../uploads/upload.entity';
import { UploadsService } from '../uploads/uploads.service';
import { WishClaimEntity } from './entities/wish-claim.entity';
import { WishDispatchEntity } from './entities/wish-dispatch.entity';
import { WishEventEntity } from './entities/wish-event.entity';
import { WishEntity } from './entities/wish.entity';
import { STAFF_ROLES, WishContextService } from './wish-context.service';
import { addDays, availableActions, overdueReason, WISH_ACTION_LABELS } from './wishes.rules';

/** Wish row plus the names the lists show, as one query returns them. */
type WishRow = WishEntity & { communityName: string; streetName: string };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every read of wishes: the public wall, details, timelines, personal and staff lists, the overdue board. */
@Injectable()
export class WishQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: WishContextService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly uploads: UploadsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Wishes with their community and street names; callers add filters. */
  private base(): SelectQueryBuilder<WishEntity> {
    return this.dataSource
      .getRepository(WishEntity)
      .createQueryBuilder('w')
      .innerJoin(RegionEntity, 'c', 'c.id = w.communityId')
      .innerJoin(RegionEntity, 's', 's.id = w.streetId')
      .addSelect(['c.name', 's.name']);
  }

  private async rows(qb: SelectQueryBuilder<WishEntity>, page: number, pageSize: number): Promise<{ rows: WishRow[]; total: number; raw: Array<Record<string, unknown>> }> {
    const total = await qb.clone().getCount();
    const { entities, raw } = await qb
      .skip(undefined)
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getRawAndEntities();
    const rows = entities.map((w) => {
      const r = raw.find((row: Record<string, unknown>) => row.w_id === w.id) as Record<string, string>;
      return Object.assign(w, { communityName: r.c_name, streetName: r.s_name });
    });
    return { rows, total, raw };
  }

  private async photosOf(targets: string[]): Promise<Map<string, WishPhoto[]>> {
    const map = new Map<string, WishPhoto[]>();
    if (!targets.length) return map;
    const uploads = await this.dataSource.getRepository(UploadEntity).find({ where: { attachedTo: In(targets) }, order: { createdAt: 'ASC' }, select: ['id', 'attachedTo', 'createdAt'] });
    for (const upload of uploads) {
      const list = map.get(upload.attachedTo!) ?? [];
      list.push(this.uploads.publicUrls(upload) as WishPhoto);
      map.set(upload.attachedTo!, list);
    }
    return map;
  }

  private toPublic(w: WishRow, photos: WishPhoto[]): PublicWish {
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
      // People are masked on the wall; a unit's name is public.
      claimant: w.claimantKind ? { kind: w.claimantKind, name: w.claimantKind === 'member' ? maskName(w.claimantName ?? '') : (w.claimantName ?? '') } : null,
      photos,
      publishedAt: iso(w.publishedAt),
      claimedAt: iso(w.claimedAt),
      fulfilledAt: iso(w.fulfilledAt),
      confirmedAt: iso(w.confirmedAt),
      createdAt: w.createdAt.toISOString(),
    };
  }

  private async summaries(
    rows: WishRow[],
    overdue: (w: WishRow) => WishSummary['overdue'] = () => null,
    claimStatus: (w: WishRow) => WishSummary['myClaimStatus'] = () => null,
  ): Promise<WishSummary[]> {
    const photos = await this.photosOf(rows.map((w) => `wish:${w.id}`));
    return rows.map((w) => ({
      ...this.toPublic(w, photos.get(`wish:${w.id}`) ?? []),
      claimDeadline: iso(w.claimDeadline),
      rejectReason: w.rejectReason,
      myClaimStatus: claimStatus(w),
      overdue: overdue(w),
    }));
  }

  async summariesByIds(ids: string[]): Promise<Map<string, WishSummary>> {
    if (!ids.length) return new Map();
    const { rows } = await this.rows(this.base().where('w.id IN (:...ids)', { ids }), 1, ids.length);
    return new Map((await this.summaries(rows)).map((s) => [s.id, s]));
  }

  /** The public wall: published and later, newest first. */
  async wall(query: WishListQuery): Promise<WishPage> {
    const qb = this.base().where('w.status IN (:...statuses)', { statuses: query.status ? [query.status] : [...PUBLIC_WISH_STATUSES] });
    if (query.communityId) qb.andWhere('w.communityId = :communityId', { communityId: query.communityId });
    if (query.streetId) qb.andWhere('w.streetId = :streetId', { streetId: query.streetId });
    if (query.category) qb.andWhere('w.category = :category', { category: query.category });
    qb.orderBy('w.publishedAt', 'DESC').addOrderBy('w.id', 'DESC');
    const { rows, total } = await this.rows(qb, query.page, query.pageSize);
    const photos = await this.photosOf(rows.map((w) => `wish:${w.id}`));
    return { items: rows.map((w) => this.toPublic(w, photos.get(`wish:${w.id}`) ?? [])), total, page: query.page, pageSize: query.pageSize };
  }

  async detail(wishId: string, principal: Principal | undefined): Promise<WishDetail> {
    const ctx = await this.contexts.load(this.dataSource.manager, wishId, principal);
    const { wish, viewer } = ctx;
    const isPublic = (PUBLIC_WISH_STATUSES as readonly WishStatus[]).includes(wish.status);
    // Before publication (and after rejection or withdrawal) only its resident and staff see a wish.
    if (!isPublic && !viewer.isResident && !viewer.isStaff) throw AppException.notFound('没有找到这个心愿，可能已被删除或链接有误');
    const street = await this.dataSource.getRepository(RegionEntity).findOneByOrFail({ id: wish.streetId });
    const row = Object.assign(wish, { communityName: ctx.community.name, streetName: street.name });
    const photos = await this.photosOf([`wish:${wish.id}`, `wish-fulfilment:${wish.id}`]);
    const seesContact = viewer.isResident || viewer.isStaff || (viewer.isClaimant && ['claimed', 'fulfilled', 'disputed'].includes(wish.status));
    if (seesContact && principal && !viewer.isResident) {
      // PIPL: every read of a beneficiary's contact details by someone other than the resident is on record.
      await this.audit.record(this.dataSource.manager, { actorId: principal.userId, action: 'wish.contact.read', subjectType: 'wish', subjectId: wish.id, detail: { as: viewer.isStaff ? 'staff' : 'claimant' } });
    }
    const fulfilmentPhotos = photos.get(`wish-fulfilment:${wish.id}`) ?? [];
    return {
      ...this.toPublic(row, photos.get(`wish:${wish.id}`) ?? []),
      beneficiary: seesContact ? { name: this.cipher.decrypt(wish.beneficiaryNameCipher), phone: this.cipher.decrypt(wish.contactPhoneCipher) } : null,
      hardshipCategory: viewer.isStaff || viewer.isResident ? this.cipher.decrypt(wish.hardshipCipher) : null,
      rejectReason: wish.rejectReason,
      holdReason: viewer.isStaff || viewer.isResident ? wish.holdReason : null,
      claimDeadline: iso(wish.claimDeadline),
      fulfilment: wish.fulfilledAt ? { note: wish.fulfilmentNote ?? '', photos: fulfilmentPhotos, at: wish.fulfilledAt.toISOString() } : null,
      confirmation: wish.confirmedAt ? { rating: wish.rating, thanks: wish.thanks } : null,
      enteredByStaff: wish.residentUserId === null || wish.residentUserId !== wish.enteredByUserId,
      actions: availableActions(wish.status, viewer),
    };
  }

  async timeline(wishId: string, principal: Principal | undefined): Promise<{ items: TimelineEntry[] }> {
    await this.detailVisible(wishId, principal);
    const events = await this.dataSource.getRepository(WishEventEntity).find({ where: { wishId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      items: events.map((e) => ({
        id: e.id,
        action: e.action,
        actionLabel: WISH_ACTION_LABELS[e.action] ?? e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actor: { name: e.actorName, role: e.actorRole, roleLabel: e.actorRole === 'system' ? '系统' : (ROLE_LABELS[e.actorRole as Role] ?? e.actorRole) },
        note: e.note,
        at: e.createdAt.toISOString(),
      })),
    };
  }

  private async detailVisible(wishId: string, principal: Principal | undefined): Promise<void> {
    const ctx = await this.contexts.load(this.dataSource.manager, wishId, principal);
    const isPublic = (PUBLIC_WISH_STATUSES as readonly WishStatus[]).includes(ctx.wish.status);
    if (!isPublic && !ctx.viewer.isResident && !ctx.viewer.isStaff) throw AppException.notFound('没有找到这个心愿，可能已被删除或链接有误');
  }

  async mine(principal: Principal, page: number, pageSize: number): Promise<WishSummaryPage> {
    const qb = this.base().where('w.residentUserId = :userId', { userId: principal.userId }).orderBy('w.createdAt', 'DESC').addOrderBy('w.id', 'DESC');
    const { rows, total } = await this.rows(qb, page, pageSize);
    return { items: await this.summaries(rows), total, page, pageSize };
  }

  /** Claims I hold or held (as a member, or for the units I administer), live ones first. */
  async myClaims(principal: Principal, page: number, pageSize: number): Promise<WishSummaryPage> {
    const member = await this.contexts.memberOf(this.dataSource.manager, principal.userId);
    const units = this.access.scopesOf(principal, ['org_admin'], 'organisation').map((a) => a.scopeId!);
    if (!member && !units.length) return { items: [], total: 0, page, pageSize };
    const qb = this.base()
      .innerJoin(WishClaimEntity, 'cl', 'cl.wishId = w.id')
      .where(
        new Brackets((or) => {
          if (member) or.orWhere('cl.memberId = :memberId', { memberId: member.id });
          if (units.length) or.orWhere('cl.organisationId IN (:...units)', { units });
        }),
      )
      .addSelect('cl.status')
      .orderBy('cl.createdAt', 'DESC')
      .addOrderBy('w.id', 'DESC');
    const { rows, total, raw } = await this.rows(qb, page, pageSize);
    const now = this.clock.now();
    // A wish I claimed more than once shows once, with my latest claim (rows come newest claim first).
    const statusOf = new Map<string, ClaimStatus>();
    for (const r of raw) if (!statusOf.has(r.w_id as string)) statusOf.set(r.w_id as string, r.cl_status as ClaimStatus);
    return {
      items: await this.summaries(rows, (w) => overdueReason(w, now, { unclaimedDays: this.config.wishes.overdueDays }), (w) => statusOf.get(w.id) ?? null),
      total,
      page,
      pageSize,
    };
  }

  /** Subtree condition for the caller's region scopes with the given roles. */
  private inScopes(qb: SelectQueryBuilder<WishEntity>, principal: Principal, roles: Role[]): boolean {
    if (principal.assignments.some((a) => a.role === 'system_admin')) return true;
    const paths = this.access.scopesOf(principal, roles, 'region').map((a) => a.scopePath!);
    if (!paths.length) return false;
    qb.andWhere(
      new Brackets((or) => {
        paths.forEach((path, i) => or.orWhere(`c.path LIKE :path${i}`, { [`path${i}`]: `${path}%` }));
      }),
    );
    return true;
  }

  /** Staff: what waits for them (submitted, held for review, disputed), oldest first. */
  async reviewQueue(principal: Principal, page: number, pageSize: number): Promise<WishSummaryPage> {
    const qb = this.base().where("w.status IN ('submitted', 'held', 'disputed')");
    if (!this.inScopes(qb, principal, STAFF_ROLES)) throw AppException.forbidden('只有社区工作人员可以查看审核队列');
    qb.orderBy('w.createdAt', 'ASC').addOrderBy('w.id', 'ASC');
    const { rows, total } = await this.rows(qb, page, pageSize);
    return { items: await this.summaries(rows), total, page, pageSize };
  }

  /**
   * 件件有着落: street officials see their street's overdue wishes (unclaimed too long, claims past deadline);
   * committee admins see what was escalated to them (dispatches left unanswered).
   */
  async overdueBoard(principal: Principal, page: number, pageSize: number): Promise<WishSummaryPage> {
    const now = this.clock.now();
    const unclaimedSince = addDays(now, -this.config.wishes.overdueDays);
    const qb = this.base();
    const isCommittee = this.access.scopesOf(principal, ['committee_admin'], 'region').length > 0;
    if (isCommittee) {
      qb.where((sub) => {
        const q = sub.subQuery().select('d.wishId').from(WishDispatchEntity, 'd').where("d.status = 'escalated'").getQuery();
        return `w.id IN ${q}`;
      });
      qb.andWhere("w.status = 'published'");
      this.inScopes(qb, principal, ['committee_admin']);
    } else {
      qb.where(
        new Brackets((or) => {
          or.orWhere("w.status = 'published' AND w.publishedAt < :unclaimedSince", { unclaimedSince });
          or.orWhere("w.status = 'claimed' AND w.claimDeadline < :now", { now });
        }),
      );
      if (!this.inScopes(qb, principal, ['street_official'])) throw AppException.forbidden('只有街道干部和工委管理员可以查看超期督办');
    }
    qb.orderBy('w.publishedAt', 'ASC').addOrderBy('w.id', 'ASC');
    const { rows, total } = await this.rows(qb, page, pageSize);
    return {
      items: await this.summaries(rows, (w) => (isCommittee ? 'dispatch_unanswered' : overdueReason(w, now, { unclaimedDays: this.config.wishes.overdueDays }))),
      total,
      page,
      pageSize,
    };
  }
}
