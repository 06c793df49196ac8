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

/** The wish columns list rows show (WishSummary, overdue reasons); see base(). */
const LIST_COLUMNS: Array<keyof WishEntity> = [
  'id',
  'communityId',
  'streetId',
  'title',
  'description',
  'category',
  'estimatedValueYuan',
  'status',
  'beneficiaryMasked',
  'claimantKind',
  'claimantName',
  'claimDeadline',
  'rejectReason',
  'publishedAt',
  'claimedAt',
  'fulfilledAt',
  'confirmedAt',
  'createdAt',
];

/** What the wall reads of a wish: the PublicWish fields and the names of its community and street. */
const WALL_SELECT =
  'SELECT `w`.`id` AS `id`, `w`.`title` AS `title`, `w`.`description` AS `description`, `w`.`category` AS `category`, ' +
  '`w`.`estimatedValueYuan` AS `estimatedValueYuan`, `w`.`status` AS `status`, `w`.`beneficiaryMasked` AS `beneficiaryMasked`, ' +
  '`w`.`communityId` AS `communityId`, `c`.`name` AS `communityName`, `w`.`streetId` AS `streetId`, `s`.`name` AS `streetName`, ' +
  '`w`.`claimantKind` AS `claimantKind`, `w`.`claimantName` AS `claimantName`, `w`.`publishedAt` AS `publishedAt`, ' +
  '`w`.`claimedAt` AS `claimedAt`, `w`.`fulfilledAt` AS `fulfilledAt`, `w`.`confirmedAt` AS `confirmedAt`, `w`.`createdAt` AS `createdAt` ' +
  'FROM `wishes` `w` INNER JOIN `regions` `c` ON `c`.`id` = `w`.`communityId` INNER JOIN `regions` `s` ON `s`.`id` = `w`.`streetId`';

interface WallRow {
  id: string;
  title: string;
  description: string;
  category: string;
  estimatedValueYuan: number;
  status: WishStatus;
  beneficiaryMasked: string;
  communityId: string;
  communityName: string;
  streetId: string;
  streetName: string;
  claimantKind: 'member' | 'organisation' | null;
  claimantName: string | null;
  publishedAt: unknown;
  claimedAt: unknown;
  fulfilledAt: unknown;
  confirmedAt: unknown;
  createdAt: unknown;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every read of wishes: the public wall, details, timelines, personal and staff lists, the overdue board. */
@Injectable()
export class WishQueriesService {
  private dateHydrator: ((value: unknown) => Date | null) | null = null;

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

  /**
   * Wishes with their community and street names; callers add filters. Only the columns a list row shows
   * (WishSummary) are read: lists never return ciphertexts, notes or consent, so they neither fetch nor hydrate them.
   */
  private base(): SelectQueryBuilder<WishEntity> {
    return this.dataSource
      .getRepository(WishEntity)
      .createQueryBuilder('w')
      .select(LIST_COLUMNS.map((column) => `w.${column}`))
      .innerJoin(RegionEntity, 'c', 'c.id = w.communityId')
      .innerJoin(RegionEntity, 's', 's.id = w.streetId')
      .addSelect(['c.name', 's.name']);
  }

  /** The page and the total, asked in parallel (two pool connections; one after the other on SQLite). */
  private async rows(qb: SelectQueryBuilder<WishEntity>, page: number, pageSize: number): Promise<{ rows: WishRow[]; total: number; raw: Array<Record<string, unknown>> }> {
    const [total, { entities, raw }] = await Promise.all([
      qb.clone().getCount(),
      qb
        .offset((page - 1) * pageSize)
        .limit(pageSize)
        .getRawAndEntities(),
    ]);
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

  /**
   * The public wall: published and later, newest first. The busiest read of the app, so it is written for speed
   * (docs/benchmarks.md, part 1): a plain COUNT(*) over the wall index (no joins, no DISTINCT: every wish has
   * exactly one community and street), one page query selecting only what a PublicWish shows, both in
   * parallel and read raw (no entity hydration, no query building per request), then the page's photos.
   * The SQL is portable (backquoted identifiers and `?` placeholders work on MySQL, MariaDB and SQLite).
   */
  async wall(query: WishListQuery): Promise<WishPage> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.communityId) {
      conditions.push('`w`.`communityId` = ?');
      params.push(query.communityId);
    }
    if (query.streetId) {
      conditions.push('`w`.`streetId` = ?');
      params.push(query.streetId);
    }
    const statuses: readonly string[] = query.status ? [query.status] : PUBLIC_WISH_STATUSES;
    conditions.push(`\`w\`.\`status\` IN (${statuses.map(() => '?').join(', ')})`);
    params.push(...statuses);
    if (query.category) {
      conditions.push('`w`.`category` = ?');
      params.push(query.category);
    }
    const where = conditions.join(' AND ');
    const limit = Number(query.pageSize);
    const offset = (Number(query.page) - 1) * limit;
    const [counted, rows] = await Promise.all([
      this.dataSource.query(`SELECT COUNT(*) AS \`cnt\` FROM \`wishes\` \`w\` WHERE ${where}`, params) as Promise<Array<{ cnt: number | string }>>,
      this.dataSource.query(`${WALL_SELECT} WHERE ${where} ORDER BY \`w\`.\`publishedAt\` DESC, \`w\`.\`id\` DESC LIMIT ${limit} OFFSET ${offset}`, params) as Promise<WallRow[]>,
    ]);
    const photos = await this.wallPhotos(rows.map((w) => `wish:${w.id}`));
    const date = this.hydrateDate();
    return {
      items: rows.map((w) => ({
        id: w.id,
        title: w.title,
        description: w.description,
        category: w.category,
        estimatedValueYuan: Number(w.estimatedValueYuan),
        status: w.status,
        beneficiaryMasked: w.beneficiaryMasked,
        community: { id: w.communityId, name: w.communityName },
        street: { id: w.streetId, name: w.streetName },
        // People are masked on the wall; a unit's name is public.
        claimant: w.claimantKind ? { kind: w.claimantKind, name: w.claimantKind === 'member' ? maskName(w.claimantName ?? '') : (w.claimantName ?? '') } : null,
        photos: photos.get(`wish:${w.id}`) ?? [],
        publishedAt: iso(date(w.publishedAt)),
        claimedAt: iso(date(w.claimedAt)),
        fulfilledAt: iso(date(w.fulfilledAt)),
        confirmedAt: iso(date(w.confirmedAt)),
        createdAt: date(w.createdAt)!.toISOString(),
      })),
      total: Number(counted[0]?.cnt ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Photos of the wall's page, raw (same shape as photosOf). */
  private async wallPhotos(targets: string[]): Promise<Map<string, WishPhoto[]>> {
    const map = new Map<string, WishPhoto[]>();
    if (!targets.length) return map;
    const uploads: Array<{ id: string; attachedTo: string }> = await this.dataSource.query(
      `SELECT \`u\`.\`id\` AS \`id\`, \`u\`.\`attachedTo\` AS \`attachedTo\` FROM \`uploads\` \`u\` WHERE \`u\`.\`attachedTo\` IN (${targets.map(() => '?').join(', ')}) ORDER BY \`u\`.\`createdAt\` ASC, \`u\`.\`id\` ASC`,
      targets,
    );
    for (const upload of uploads) {
      const list = map.get(upload.attachedTo) ?? [];
      list.push(this.uploads.publicUrls(upload) as WishPhoto);
      map.set(upload.attachedTo, list);
    }
    return map;
  }

  /** Raw datetime → Date as TypeORM hydrates it (a Date from MySQL/MariaDB, a UTC string from SQLite). */
  private hydrateDate(): (value: unknown) => Date | null {
    if (!this.dateHydrator) {
      const column = this.dataSource.getMetadata(WishEntity).findColumnWithPropertyName('createdAt')!;
      const driver = this.dataSource.driver;
      this.dateHydrator = (value) => (value === null || value === undefined ? null : (driver.prepareHydratedValue(value, column) as Date));
    }
    return this.dateHydrator;
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
