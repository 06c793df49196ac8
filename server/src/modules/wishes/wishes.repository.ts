import { Injectable } from '@nestjs/common';
import { PUBLIC_WISH_STATUSES, type ClaimStatus, type WishStatus } from '@nuancheng/shared';
import { DataSource, EntityManager, In, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm';
import type { SqlCondition } from '../../common/access/list-scope';
import { datetimeOf, datetimeParam } from '../../common/exports/export-scope';
import { WishClaimEntity } from './entities/wish-claim.entity';
import { WishDispatchEntity } from './entities/wish-dispatch.entity';
import { WishEntity } from './entities/wish.entity';
import { readQuery } from '../../common/database/read-replicas';
import { insertRow } from '../../common/database/insert-row';
import { addWishToRollups } from './wish-rollups';

/**
 * The PublicWish columns and the names of the wish's community and street, read raw by every wish list. The
 * names (regions) and the photo ids (uploads) are read-only joins for display, inside the one statement that the
 * bench proved (docs/benchmarks.md); every other read or write of those tables goes through their modules.
 */
const PUBLIC_COLUMNS =
  '`w`.`id` AS `id`, `w`.`title` AS `title`, `w`.`description` AS `description`, `w`.`category` AS `category`, ' +
  '`w`.`estimatedValueYuan` AS `estimatedValueYuan`, `w`.`status` AS `status`, `w`.`beneficiaryMasked` AS `beneficiaryMasked`, ' +
  '`w`.`communityId` AS `communityId`, `c`.`name` AS `communityName`, `w`.`streetId` AS `streetId`, `s`.`name` AS `streetName`, ' +
  '`w`.`claimantKind` AS `claimantKind`, `w`.`claimantName` AS `claimantName`, `w`.`publishedAt` AS `publishedAt`, ' +
  '`w`.`claimedAt` AS `claimedAt`, `w`.`fulfilledAt` AS `fulfilledAt`, `w`.`confirmedAt` AS `confirmedAt`, `w`.`createdAt` AS `createdAt`';
const WISHES_WITH_NAMES = 'FROM `wishes` `w` INNER JOIN `regions` `c` ON `c`.`id` = `w`.`communityId` INNER JOIN `regions` `s` ON `s`.`id` = `w`.`streetId`';
/** The ids of a wish's photos in upload order, in the list's own query (GROUP_CONCAT with ORDER BY: MySQL, MariaDB,
 * SQLite 3.44+; at most 3 photos of 36-character ids, far under MySQL's default group_concat_max_len of 1,024). */
const PHOTO_IDS = "(SELECT GROUP_CONCAT(`u`.`id` ORDER BY `u`.`createdAt`, `u`.`id`) FROM `uploads` `u` WHERE `u`.`attachedTo` = CONCAT('wish:', `w`.`id`)) AS `photoIds`";
/** What the wall reads: a PublicWish's columns and its photos (the bench's bare baseline sends exactly this text). */
const WALL_COLUMNS = `${PUBLIC_COLUMNS}, ${PHOTO_IDS}`;
/** What the other lists read: a WishSummary's columns and its photos. list() adds the total. */
const LIST_COLUMNS = `${PUBLIC_COLUMNS}, \`w\`.\`claimDeadline\` AS \`claimDeadline\`, \`w\`.\`rejectReason\` AS \`rejectReason\`, ${PHOTO_IDS}`;

/** A wish as the lists read it, dates hydrated. */
export interface ListRow {
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
  publishedAt: Date | null;
  claimedAt: Date | null;
  fulfilledAt: Date | null;
  confirmedAt: Date | null;
  createdAt: Date;
  claimDeadline: Date | null;
  rejectReason: string | null;
  /** Comma-separated upload ids (lists only). */
  photoIds?: string | null;
  /** In "my claims": how the caller's claim on it stands. */
  claimStatus?: ClaimStatus;
}

/**
 * One wish list in portable SQL (backquoted identifiers, `?` placeholders): conditions on `w` (the wish) and the
 * spec's own joins, extra columns, and the order.
 */
interface ListSpec {
  /** The columns (default LIST_COLUMNS). */
  select?: string;
  /** A cheaper query counting the same rows (default: COUNT(*) over `wishes w`, the spec's joins and WHERE). */
  count?: SqlCondition;
  joins?: string;
  columns?: string;
  where: string;
  params: unknown[];
  orderBy: string;
}

type RawRow = Record<string, unknown>;

interface RowReader<T> {
  sql: string;
  hydrate: (row: RawRow) => T;
}

const placeholders = (list: readonly unknown[]) => list.map(() => '?').join(', ');

export interface ListPage {
  rows: ListRow[];
  total: number;
}

export interface WallFilter {
  communityId?: string;
  communityCode?: string;
  streetId?: string;
  status?: WishStatus;
  category?: string;
}

/** Every query of wishes, their claims and their dispatches. */
/** One wish as the wishes export writes it: the beneficiary only as stored masked, never a contact. */
export interface WishExportRow {
  id: string;
  title: string;
  category: string;
  status: WishStatus;
  community: string | null;
  street: string | null;
  beneficiaryMasked: string;
  claimantKind: 'member' | 'organisation' | null;
  claimantName: string | null;
  estimatedValueYuan: number;
  createdAt: Date;
  publishedAt: Date | null;
  claimedAt: Date | null;
  fulfilledAt: Date | null;
  confirmedAt: Date | null;
}

@Injectable()
export class WishesRepository {
  private dateHydrator: ((value: unknown) => Date | null) | null = null;
  private readonly readers = new Map<unknown, RowReader<unknown>>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * A page of a wish list and its total in one round trip: the total is an uncorrelated subquery, which the
   * database counts once, on the index (a window `COUNT(*) OVER ()` would materialise every matching row before
   * the LIMIT). Read raw: lists never return ciphertexts, notes or consent, so they neither fetch nor hydrate them.
   */
  private list(spec: ListSpec, page: number, pageSize: number): Promise<ListPage> {
    const from = `${WISHES_WITH_NAMES} ${spec.joins ?? ''} WHERE ${spec.where}`;
    // Conditions are on `w` (and the spec's own joins): the community and street are joined for their names only.
    const count = spec.count ?? { sql: `SELECT COUNT(*) FROM \`wishes\` \`w\` ${spec.joins ?? ''} WHERE ${spec.where}`, params: spec.params };
    const columns = `${spec.select ?? LIST_COLUMNS}, (${count.sql}) AS \`total\`${spec.columns ? `, ${spec.columns}` : ''}`;
    const sql = `SELECT ${columns} ${from} ORDER BY ${spec.orderBy} LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`;
    return this.page(sql, [...count.params, ...spec.params], count, page);
  }

  /** Runs a page query that carries its total (column `total`); past the last page there is no row to carry it. */
  private async page(sql: string, params: unknown[], count: SqlCondition, page: number): Promise<ListPage> {
    // A replica may serve it (a @ReadReplica route before any write; see common/database/read-replicas.ts).
    const raw: RawRow[] = await readQuery(this.dataSource, sql, params);
    let total = raw.length ? Number(raw[0].total) : 0;
    if (!raw.length && page > 1) total = Number(((await readQuery(this.dataSource, `SELECT (${count.sql}) AS \`cnt\``, count.params)) as RawRow[])[0]?.cnt ?? 0);
    return { rows: raw.map((row) => this.toListRow(row)), total };
  }

  /**
   * Field by field on purpose: spreading the driver's row (`{ ...row, publishedAt: … }`) and reading the copy
   * cost ~8 µs a row, half the wall's mapping time (docs/benchmarks.md, part 1).
   */
  private toListRow(row: RawRow): ListRow {
    const date = this.hydrateDate();
    return {
      id: row.id as string,
      title: row.title as string,
      description: row.description as string,
      category: row.category as string,
      estimatedValueYuan: Number(row.estimatedValueYuan),
      status: row.status as WishStatus,
      beneficiaryMasked: row.beneficiaryMasked as string,
      communityId: row.communityId as string,
      communityName: row.communityName as string,
      streetId: row.streetId as string,
      streetName: row.streetName as string,
      claimantKind: (row.claimantKind as ListRow['claimantKind']) ?? null,
      claimantName: (row.claimantName as string | null) ?? null,
      publishedAt: date(row.publishedAt),
      claimedAt: date(row.claimedAt),
      fulfilledAt: date(row.fulfilledAt),
      confirmedAt: date(row.confirmedAt),
      createdAt: date(row.createdAt)!,
      claimDeadline: date(row.claimDeadline),
      rejectReason: (row.rejectReason as string | null | undefined) ?? null,
      photoIds: (row.photoIds as string | null | undefined) ?? null,
      claimStatus: (row.claimStatus as ClaimStatus | undefined) ?? undefined,
    };
  }

  /** Date → a datetime parameter for raw SQL, as TypeORM persists it (a Date for MySQL/MariaDB, a UTC string for SQLite). */
  sqlDate(date: Date): unknown {
    const column = this.dataSource.getMetadata(WishEntity).findColumnWithPropertyName('createdAt')!;
    return this.dataSource.driver.preparePersistentValue(date, column);
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

  /**
   * The public wall: published and later, newest first. The busiest read of the app, so it is written for speed
   * (docs/benchmarks.md, part 1): one query, read raw (no entity hydration, no query building per request),
   * selecting only what a PublicWish shows, with its photo ids and the total as a plain COUNT(*) over the wall
   * index (no joins, no DISTINCT: every wish has exactly one community and street).
   */
  wall(filter: WallFilter, page: number, pageSize: number): Promise<ListPage> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.communityId) {
      conditions.push('`w`.`communityId` = ?');
      params.push(filter.communityId);
    }
    if (filter.communityCode) {
      // A constant subquery on the unique code: no extra round trip, and an unknown code is an empty wall.
      conditions.push("`w`.`communityId` = (SELECT `r`.`id` FROM `regions` `r` WHERE `r`.`code` = ? AND `r`.`level` = 'community')");
      params.push(filter.communityCode);
    }
    if (filter.streetId) {
      conditions.push('`w`.`streetId` = ?');
      params.push(filter.streetId);
    }
    const statuses: readonly string[] = filter.status ? [filter.status] : PUBLIC_WISH_STATUSES;
    conditions.push(`\`w\`.\`status\` IN (${placeholders(statuses)})`);
    params.push(...statuses);
    if (filter.category) {
      conditions.push('`w`.`category` = ?');
      params.push(filter.category);
    }
    const where = conditions.join(' AND ');
    return this.list(
      { select: WALL_COLUMNS, count: { sql: `SELECT COUNT(*) FROM \`wishes\` \`w\` WHERE ${where}`, params }, where, params, orderBy: '`w`.`publishedAt` DESC, `w`.`id` DESC' },
      page,
      pageSize,
    );
  }

  byIds(ids: string[]): Promise<ListPage> {
    return this.list({ where: `\`w\`.\`id\` IN (${placeholders(ids)})`, params: ids, orderBy: '`w`.`id` ASC' }, 1, Math.max(1, ids.length));
  }

  postedBy(userId: string, page: number, pageSize: number): Promise<ListPage> {
    return this.list({ where: '`w`.`residentUserId` = ?', params: [userId], orderBy: '`w`.`createdAt` DESC, `w`.`id` DESC' }, page, pageSize);
  }

  /** How many wishes a user posted, per state (one grouped read on the resident index). */
  async countPostedBy(userId: string): Promise<Map<WishStatus, number>> {
    const rows: Array<{ status: WishStatus; n: number | string }> = await this.dataSource.query(
      'SELECT `status` AS `status`, COUNT(*) AS `n` FROM `wishes` WHERE `residentUserId` = ? GROUP BY `status`',
      [userId],
    );
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  /**
   * Claims a user holds or held (as a member, or for the given units), newest first. A wish claimed more than
   * once shows once, with the latest claim. The member is found inside the query (no extra round trip).
   */
  claimedBy(userId: string, unitIds: string[], page: number, pageSize: number): Promise<ListPage> {
    const mine = (alias: string) =>
      `(\`${alias}\`.\`memberId\` = (SELECT \`m\`.\`id\` FROM \`members\` \`m\` WHERE \`m\`.\`userId\` = ?)` +
      (unitIds.length ? ` OR \`${alias}\`.\`organisationId\` IN (${placeholders(unitIds)})` : '') +
      ')';
    const mineParams = [userId, ...unitIds];
    return this.list(
      {
        count: { sql: `SELECT COUNT(DISTINCT \`t\`.\`wishId\`) FROM \`wish_claims\` \`t\` WHERE ${mine('t')}`, params: mineParams },
        joins: 'INNER JOIN `wish_claims` `cl` ON `cl`.`wishId` = `w`.`id`',
        columns: '`cl`.`status` AS `claimStatus`',
        // Only an ended claim (released, revoked, expired) can have a later one on its wish: a wish is claimed
        // again only after its claim ends, and a completed claim is final. So only those are checked for one.
        where:
          `${mine('cl')} AND (\`cl\`.\`status\` IN ('open', 'fulfilled', 'completed') OR NOT EXISTS (SELECT 1 FROM \`wish_claims\` \`n\` ` +
          `WHERE \`n\`.\`wishId\` = \`cl\`.\`wishId\` AND ${mine('n')} AND (\`n\`.\`createdAt\` > \`cl\`.\`createdAt\` OR (\`n\`.\`createdAt\` = \`cl\`.\`createdAt\` AND \`n\`.\`id\` > \`cl\`.\`id\`))))`,
        params: [...mineParams, ...mineParams],
        // Both keys from `cl` (its wishId is w.id), the order of IDX_wish_claims_member_recent (memberId, createdAt,
        // wishId): the page is read in order from the index. Ordered across two tables, MySQL/MariaDB sorted the
        // joined rows, description (TEXT) included, in a temporary table (docs/benchmarks.md, part 3).
        orderBy: '`cl`.`createdAt` DESC, `cl`.`wishId` DESC',
      },
      page,
      pageSize,
    );
  }

  /** What waits for staff (submitted, held for review, disputed) in a scope, oldest first. */
  reviewQueue(scope: SqlCondition, page: number, pageSize: number): Promise<ListPage> {
    return this.list({ where: `\`w\`.\`status\` IN ('submitted', 'held', 'disputed') AND ${scope.sql}`, params: scope.params, orderBy: '`w`.`createdAt` ASC, `w`.`id` ASC' }, page, pageSize);
  }

  /**
   * Unclaimed too long (published before `publishedBefore`) or claims past their deadline, in a scope, oldest
   * first. The page is picked as the union of two reads that the street index (streetId, status, publishedAt, id,
   * claimDeadline) returns in order — the first rows of each half, merged — and only then joined to the wish
   * and its names: one ORDER BY over the whole condition made MySQL/MariaDB sort every overdue wish of the street
   * (or walk the street's wishes from the oldest, years of completed ones) for a page of 20 (docs/benchmarks.md,
   * part 3). The total counts the same condition on the same index, without reading a row.
   */
  overdue(scope: SqlCondition, publishedBefore: Date, now: Date, page: number, pageSize: number): Promise<ListPage> {
    const before = this.sqlDate(publishedBefore);
    const at = this.sqlDate(now);
    const upTo = Number(page) * Number(pageSize);
    const half = (condition: string) =>
      `SELECT * FROM (SELECT \`w\`.\`id\` AS \`id\`, \`w\`.\`publishedAt\` AS \`publishedAt\` FROM \`wishes\` \`w\` WHERE ${condition} AND ${scope.sql} ` +
      `ORDER BY \`w\`.\`publishedAt\` ASC, \`w\`.\`id\` ASC LIMIT ${upTo})`;
    const picked = `(${half("`w`.`status` = 'published' AND `w`.`publishedAt` < ?")} \`a\` UNION ALL ${half("`w`.`status` = 'claimed' AND `w`.`claimDeadline` < ?")} \`b\`) \`x\``;
    const count = {
      sql: `SELECT COUNT(*) FROM \`wishes\` \`w\` WHERE ((\`w\`.\`status\` = 'published' AND \`w\`.\`publishedAt\` < ?) OR (\`w\`.\`status\` = 'claimed' AND \`w\`.\`claimDeadline\` < ?)) AND ${scope.sql}`,
      params: [before, at, ...scope.params],
    };
    const sql =
      `SELECT ${LIST_COLUMNS}, (${count.sql}) AS \`total\` FROM ${picked} INNER JOIN \`wishes\` \`w\` ON \`w\`.\`id\` = \`x\`.\`id\` ` +
      'INNER JOIN `regions` `c` ON `c`.`id` = `w`.`communityId` INNER JOIN `regions` `s` ON `s`.`id` = `w`.`streetId` ' +
      `ORDER BY \`x\`.\`publishedAt\` ASC, \`x\`.\`id\` ASC LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`;
    return this.page(sql, [...count.params, before, ...scope.params, at, ...scope.params], count, page);
  }

  /**
   * A place's open needs (需求清单): every unclaimed wish and every claim past its deadline, oldest first (the 1+N
   * view). `place` is a condition on `w` (its street or community).
   */
  openNeeds(place: SqlCondition, now: Date, limit: number): Promise<ListPage> {
    return this.list(
      {
        where: `(\`w\`.\`status\` = 'published' OR (\`w\`.\`status\` = 'claimed' AND \`w\`.\`claimDeadline\` < ?)) AND ${place.sql}`,
        params: [this.sqlDate(now), ...place.params],
        orderBy: '`w`.`publishedAt` ASC, `w`.`id` ASC',
      },
      1,
      limit,
    );
  }

  /** Wishes whose dispatch nobody answered in time (escalated to the committee), in a scope. */
  escalated(scope: SqlCondition, page: number, pageSize: number): Promise<ListPage> {
    return this.list(
      {
        where: `\`w\`.\`status\` = 'published' AND \`w\`.\`id\` IN (SELECT \`d\`.\`wishId\` FROM \`wish_dispatches\` \`d\` WHERE \`d\`.\`status\` = 'escalated') AND ${scope.sql}`,
        params: scope.params,
        orderBy: '`w`.`publishedAt` ASC, `w`.`id` ASC',
      },
      page,
      pageSize,
    );
  }

  // ── single rows, in the caller's transaction ─────────────────────────────────────────────────────────────

  /**
   * One wish, every column, read raw and hydrated column by column with the driver's own conversion: the same
   * entity `findOneBy` returns, without building the query and running TypeORM's result transformer on every
   * call (the wish is the first read of every command and detail; in the claim bench TypeORM's query building
   * and hydration were a fifth of a claim's CPU, docs/benchmarks.md part 2).
   */
  async findWish(manager: EntityManager, id: string): Promise<WishEntity | null> {
    const read = this.rowReader(WishEntity);
    const rows: RawRow[] = await manager.query(read.sql, [id]);
    return rows.length ? read.hydrate(rows[0]) : null;
  }

  async findClaim(manager: EntityManager, id: string): Promise<WishClaimEntity | null> {
    const read = this.rowReader(WishClaimEntity);
    const rows: RawRow[] = await manager.query(read.sql, [id]);
    return rows.length ? read.hydrate(rows[0]) : null;
  }

  /** `SELECT <every column> FROM <table> WHERE id = ?` and its hydration, built once per entity from its metadata. */
  private rowReader<T>(entity: new () => T): RowReader<T> {
    let reader = this.readers.get(entity) as RowReader<T> | undefined;
    if (!reader) {
      const metadata = this.dataSource.getMetadata(entity);
      const driver = this.dataSource.driver;
      const columns = metadata.columns.map((c) => ({ column: c, name: c.databaseName, property: c.propertyName }));
      const sql = `SELECT ${columns.map((c) => `\`t\`.\`${c.name}\` AS \`${c.name}\``).join(', ')} FROM \`${metadata.tableName}\` \`t\` WHERE \`t\`.\`id\` = ? LIMIT 1`;
      const hydrate = (row: RawRow): T => {
        const out = new entity() as Record<string, unknown>;
        for (const c of columns) out[c.property] = driver.prepareHydratedValue(row[c.name], c.column);
        return out as T;
      };
      reader = { sql, hydrate };
      this.readers.set(entity, reader);
    }
    return reader;
  }

  /** Inserts a wish and adds it to the rollups in the same transaction (wish-rollups.ts). */
  async insertWish(manager: EntityManager, wish: WishEntity): Promise<void> {
    await manager.insert(WishEntity, wish);
    await addWishToRollups(manager, wish);
  }

  /**
   * The dates the rollups count, read under the row's lock (`FOR UPDATE` on MariaDB/MySQL; SQLite runs one
   * transaction at a time): what a change replacing them takes out of the rollups, as the row holds them, not as
   * the transaction's earlier read saw them.
   */
  async lockedDates(manager: EntityManager, id: string): Promise<Pick<WishEntity, 'publishedAt' | 'fulfilledAt'> | null> {
    const query = manager.createQueryBuilder(WishEntity, 'w').select(['w.id', 'w.publishedAt', 'w.fulfilledAt']).where('w.id = :id', { id });
    return (manager.connection.options.type === 'better-sqlite3' ? query : query.setLock('pessimistic_write')).getOne();
  }

  /**
   * A member's live open claims (the claim cap). The text of `countBy(WishClaimEntity, { memberId, status: 'open',
   * liveWishId: Not(IsNull()) })`, sent raw: the find-options builder cost more CPU than the rest of the count.
   */
  async countOpenClaims(manager: EntityManager, memberId: string): Promise<number> {
    const rows: RawRow[] = await manager.query(
      'SELECT COUNT(1) AS `cnt` FROM `wish_claims` `WishClaimEntity` WHERE ((`WishClaimEntity`.`memberId` = ?) AND (`WishClaimEntity`.`status` = ?) AND (NOT(`WishClaimEntity`.`liveWishId` IS NULL)))',
      [memberId, 'open'],
    );
    return Number(rows[0]?.cnt ?? 0);
  }

  /** Claims a user made (personally or for a unit) since `since`: the daily cap on bulk claiming (countBy's text, raw). */
  async countClaimsBy(manager: EntityManager, userId: string, since: Date): Promise<number> {
    const rows: RawRow[] = await manager.query(
      'SELECT COUNT(1) AS `cnt` FROM `wish_claims` `WishClaimEntity` WHERE ((`WishClaimEntity`.`claimedByUserId` = ?) AND (`WishClaimEntity`.`createdAt` >= ?))',
      [userId, this.sqlDate(since)],
    );
    return Number(rows[0]?.cnt ?? 0);
  }

  insertClaim(manager: EntityManager, claim: WishClaimEntity): Promise<unknown> {
    return insertRow(manager, WishClaimEntity, claim);
  }

  /** Ends a live claim (conditional on it being live); false when it already ended. */
  async endClaim(manager: EntityManager, claimId: string, wishId: string, status: ClaimStatus, at: Date, reason: string | null): Promise<boolean> {
    const ended = await manager.update(WishClaimEntity, { id: claimId, liveWishId: wishId }, { liveWishId: null, status, endedAt: at, endReason: reason });
    return ended.affected === 1;
  }

  setClaimStatus(manager: EntityManager, claimId: string, status: ClaimStatus): Promise<unknown> {
    return manager.update(WishClaimEntity, { id: claimId }, { status });
  }

  /** Open claims whose deadline falls before `until` and whose claimant was not yet reminded. */
  claimsToRemind(until: Date): Promise<WishClaimEntity[]> {
    return this.dataSource.getRepository(WishClaimEntity).find({ where: { status: 'open', remindedAt: IsNull(), deadline: LessThanOrEqual(until) }, take: 500 });
  }

  async markReminded(manager: EntityManager, claimId: string, at: Date): Promise<boolean> {
    return (await manager.update(WishClaimEntity, { id: claimId, remindedAt: IsNull() }, { remindedAt: at })).affected === 1;
  }

  expiredClaims(now: Date): Promise<WishClaimEntity[]> {
    return this.dataSource.getRepository(WishClaimEntity).find({ where: { status: 'open', deadline: LessThan(now), liveWishId: Not(IsNull()) }, take: 500 });
  }

  // ── dispatches ───────────────────────────────────────────────────────────────────────────────────────────

  findDispatch(manager: EntityManager, id: string): Promise<WishDispatchEntity | null> {
    return manager.findOneBy(WishDispatchEntity, { id });
  }

  /** The dispatch of a wish still waiting for an answer (pending or escalated), if any. */
  openDispatchOf(manager: EntityManager, wishId: string): Promise<WishDispatchEntity | null> {
    return manager.findOneBy(WishDispatchEntity, { wishId, status: In(['pending', 'escalated']) });
  }

  insertDispatch(manager: EntityManager, dispatch: WishDispatchEntity): Promise<unknown> {
    return manager.insert(WishDispatchEntity, dispatch);
  }

  dueDispatches(now: Date): Promise<WishDispatchEntity[]> {
    return this.dataSource.getRepository(WishDispatchEntity).find({ where: { status: 'pending', answerBy: LessThan(now) }, take: 500 });
  }

  /** Dispatches to organisations in a scope (the caller's units), newest first. */
  async dispatchesIn(scope: SqlCondition, limit = 200): Promise<WishDispatchEntity[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT \`d\`.\`id\` AS \`id\` FROM \`wish_dispatches\` \`d\` WHERE ${scope.sql} ORDER BY \`d\`.\`createdAt\` DESC LIMIT ${Number(limit)}`,
      scope.params,
    );
    if (!rows.length) return [];
    const byId = new Map((await this.dataSource.getRepository(WishDispatchEntity).findBy({ id: In(rows.map((r) => r.id)) })).map((d) => [d.id, d]));
    return rows.map((r) => byId.get(r.id)!).filter(Boolean);
  }

  /** The latest dispatch of each wish, for boards that show where a dispatch stands. */
  async latestDispatchOf(wishIds: string[]): Promise<Map<string, WishDispatchEntity>> {
    if (!wishIds.length) return new Map();
    const all = await this.dataSource.getRepository(WishDispatchEntity).find({ where: { wishId: In(wishIds) }, order: { createdAt: 'ASC' } });
    return new Map(all.map((d) => [d.wishId, d]));
  }
  /** One page of the export: wishes entered in [from, to) inside `scope` (a condition on `w`), in id order after the cursor. */
  async exportPage(scope: SqlCondition, from: Date, to: Date, afterId: string | null, limit: number): Promise<WishExportRow[]> {
    const ds = this.dataSource;
    const rows: Array<Record<string, unknown>> = await ds.manager.query(
      'SELECT `w`.`id` AS `id`, `w`.`title` AS `title`, `w`.`category` AS `category`, `w`.`status` AS `status`, `c`.`name` AS `community`, `s`.`name` AS `street`, ' +
        '`w`.`beneficiaryMasked` AS `beneficiaryMasked`, `w`.`claimantKind` AS `claimantKind`, `w`.`claimantName` AS `claimantName`, `w`.`estimatedValueYuan` AS `estimatedValueYuan`, ' +
        '`w`.`createdAt` AS `createdAt`, `w`.`publishedAt` AS `publishedAt`, `w`.`claimedAt` AS `claimedAt`, `w`.`fulfilledAt` AS `fulfilledAt`, `w`.`confirmedAt` AS `confirmedAt` ' +
        'FROM `wishes` `w` LEFT JOIN `regions` `c` ON `c`.`id` = `w`.`communityId` LEFT JOIN `regions` `s` ON `s`.`id` = `w`.`streetId` ' +
        `WHERE \`w\`.\`createdAt\` >= ? AND \`w\`.\`createdAt\` < ? AND ${scope.sql}${afterId ? ' AND `w`.`id` > ?' : ''} ORDER BY \`w\`.\`id\` ASC LIMIT ${Number(limit)}`,
      [datetimeParam(ds, WishEntity, 'createdAt', from), datetimeParam(ds, WishEntity, 'createdAt', to), ...scope.params, ...(afterId ? [afterId] : [])],
    );
    const date = (v: unknown) => datetimeOf(ds, WishEntity, 'createdAt', v);
    return rows.map((r) => ({
      id: r.id as string,
      title: r.title as string,
      category: r.category as string,
      status: r.status as WishStatus,
      community: (r.community as string | null) ?? null,
      street: (r.street as string | null) ?? null,
      beneficiaryMasked: r.beneficiaryMasked as string,
      claimantKind: (r.claimantKind as WishExportRow['claimantKind']) ?? null,
      claimantName: (r.claimantName as string | null) ?? null,
      estimatedValueYuan: Number(r.estimatedValueYuan),
      createdAt: date(r.createdAt)!,
      publishedAt: date(r.publishedAt),
      claimedAt: date(r.claimedAt),
      fulfilledAt: date(r.fulfilledAt),
      confirmedAt: date(r.confirmedAt),
    }));
  }
}
