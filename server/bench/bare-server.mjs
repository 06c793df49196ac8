// The baselines for parts 1 and 2: a bare node:http server with a mysql2 pool that runs the SAME SQL the real
// server sends (prepared statements, `pool.execute`), builds the same JSON and nothing else: no framework, no
// validation library, no ORM.
//   GET  /api/wishes?communityId=…        the wish wall (part 1)
//   POST /api/wishes/:id/claim            a member's claim (part 2): token check, principal, the claim
//                                         transaction and the wish detail it answers (see bareClaim below)
//   POST /api/activities/:id/checkin      a member's check-in (part 6): the same checks and writes (bareCheckin)
// The bench checks that its SQL matches what TypeORM sends (captured from the real app) and that the answers are
// the same, so the ratio ours ÷ bare is honest.
//
//   BARE_PORT=… BARE_DATABASE_URL=… JWT_SECRET=… DATA_KEY=… node server/bench/bare-server.mjs
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCipher, serverModule } from './lib/cipher.mjs';

const require = createRequire(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json'));

export const PUBLIC_STATUSES = ['published', 'claimed', 'fulfilled', 'disputed', 'confirmed'];

const inList = (n) => Array.from({ length: n }, () => '?').join(', ');

/**
 * The wall's query as the real server sends it (see WishQueriesService.wall): [sql, params]. One statement: the
 * page's columns, each wish's photo ids and the total, counted in a subquery; past the last page, the count alone.
 */
const WHERE = `\`w\`.\`communityId\` = ? AND \`w\`.\`status\` IN (${inList(PUBLIC_STATUSES.length)})`;
const COUNT = `SELECT COUNT(*) FROM \`wishes\` \`w\` WHERE ${WHERE}`;
export const wallSql = {
  page: (communityId, page, pageSize) => [
    'SELECT `w`.`id` AS `id`, `w`.`title` AS `title`, `w`.`description` AS `description`, `w`.`category` AS `category`, ' +
      '`w`.`estimatedValueYuan` AS `estimatedValueYuan`, `w`.`status` AS `status`, `w`.`beneficiaryMasked` AS `beneficiaryMasked`, ' +
      '`w`.`communityId` AS `communityId`, `c`.`name` AS `communityName`, `w`.`streetId` AS `streetId`, `s`.`name` AS `streetName`, ' +
      '`w`.`claimantKind` AS `claimantKind`, `w`.`claimantName` AS `claimantName`, `w`.`publishedAt` AS `publishedAt`, ' +
      '`w`.`claimedAt` AS `claimedAt`, `w`.`fulfilledAt` AS `fulfilledAt`, `w`.`confirmedAt` AS `confirmedAt`, `w`.`createdAt` AS `createdAt`, ' +
      "(SELECT GROUP_CONCAT(`u`.`id` ORDER BY `u`.`createdAt`, `u`.`id`) FROM `uploads` `u` WHERE `u`.`attachedTo` = CONCAT('wish:', `w`.`id`)) AS `photoIds`, " +
      `(${COUNT}) AS \`total\` ` +
      'FROM `wishes` `w` INNER JOIN `regions` `c` ON `c`.`id` = `w`.`communityId` INNER JOIN `regions` `s` ON `s`.`id` = `w`.`streetId` ' +
      `WHERE ${WHERE} ` +
      `ORDER BY \`w\`.\`publishedAt\` DESC, \`w\`.\`id\` DESC LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
    [communityId, ...PUBLIC_STATUSES, communityId, ...PUBLIC_STATUSES],
  ],
  count: (communityId) => [`SELECT (${COUNT}) AS \`cnt\``, [communityId, ...PUBLIC_STATUSES]],
};

/** shared/constants/mask.ts maskAddress: the first three characters, then ****. */
export function maskAddress(address) {
  const chars = Array.from(address.trim());
  return chars.length ? `${chars.slice(0, 3).join('')}****` : '';
}

export function maskName(name) {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}

const iso = (d) => (d ? d.toISOString() : null);

export async function wall(pool, communityId, page, pageSize) {
  const [rows] = await pool.execute(...wallSql.page(communityId, page, pageSize));
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && page > 1) total = Number((await pool.execute(...wallSql.count(communityId)))[0][0].cnt);
  const photosOf = (w) => (w.photoIds ? w.photoIds.split(',').map((id) => ({ id, url: `/api/uploads/${id}`, thumbnailUrl: `/api/uploads/${id}/thumbnail` })) : []);
  return {
    items: rows.map((w) => ({
      id: w.id,
      title: w.title,
      description: w.description,
      category: w.category,
      estimatedValueYuan: w.estimatedValueYuan,
      status: w.status,
      beneficiaryMasked: w.beneficiaryMasked,
      community: { id: w.communityId, name: w.communityName },
      street: { id: w.streetId, name: w.streetName },
      claimant: w.claimantKind ? { kind: w.claimantKind, name: w.claimantKind === 'member' ? maskName(w.claimantName ?? '') : (w.claimantName ?? '') } : null,
      photos: photosOf(w),
      publishedAt: iso(w.publishedAt),
      claimedAt: iso(w.claimedAt),
      fulfilledAt: iso(w.fulfilledAt),
      confirmedAt: iso(w.confirmedAt),
      createdAt: w.createdAt.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

// ───────────────────────────────────────── Part 2: the claim ─────────────────────────────────────────
//
// POST /api/wishes/:id/claim as the server runs it for a member (AccessGuard → ZodValidationPipe →
// WishesService.claim → WishQueriesService.detail), statement for statement. The texts below are TypeORM's own
// (its find/insert/update SQL for these entities, column lists in entity order): the bench captures what the app
// sends for a claim that wins, one refused as taken and one refused at the cap, and fails the run if this file
// sends anything else, in another order (claims.mjs, checkClaimSql). When the server's claim changes, update
// bareClaim() and the statements it names; the failure prints both sequences.

/** Columns of each entity in metadata order, as TypeORM's find selects them (`alias`.`col` AS `alias_col`). */
const COLUMNS = {
  WishEntity: [
    'id',
    // From CommunityPlacedColumns: TypeORM lists inherited columns first.
    'createdAt',
    'updatedAt',
    'communityId',
    'streetId',
    'residentUserId',
    'enteredByUserId',
    'title',
    'description',
    'category',
    'estimatedValueYuan',
    'beneficiaryMasked',
    'beneficiaryNameCipher',
    'contactPhoneCipher',
    'hardshipCipher',
    'guardianNameCipher',
    'contactRelation',
    'deliveryAddressCipher',
    'consentVersion',
    'consentAt',
    'status',
    'holdReason',
    'rejectReason',
    'currentClaimId',
    'claimantKind',
    'claimantName',
    'claimDeadline',
    'fulfilmentNote',
    'rating',
    'thanks',
    'publishedAt',
    'claimedAt',
    'fulfilledAt',
    'confirmedAt',
    'secondsToClaim',
    'secondsToFulfil',
    'anonymisedAt',
  ],
  RegionEntity: ['id', 'createdAt', 'updatedAt', 'parentId', 'level', 'name', 'path', 'code', 'address', 'servicePhone', 'lat', 'lng', 'checkinRadiusM'],
  MemberEntity: ['id', 'createdAt', 'updatedAt', 'name', 'phoneCipher', 'phoneHash', 'branchId', 'residenceCommunityId', 'userId', 'importedBy'],
  WishClaimEntity: ['id', 'wishId', 'liveWishId', 'claimantKind', 'memberId', 'organisationId', 'claimedByUserId', 'status', 'deadline', 'remindedAt', 'endedAt', 'endReason', 'createdAt'],
};
/** The histogram's buckets: the server's own definition (database/migrations/wish-durations-backfill.ts). */
const { durationBucket } = serverModule('database/migrations/wish-durations-backfill.js');
const TABLES = { WishEntity: 'wishes', RegionEntity: 'regions', MemberEntity: 'members', WishClaimEntity: 'wish_claims' };

/** `manager.findOneBy(Entity, { key })`: every column, one row. */
const findOneBy = (entity, key) =>
  `SELECT ${COLUMNS[entity].map((c) => `\`${entity}\`.\`${c}\` AS \`${entity}_${c}\``).join(', ')} FROM \`${TABLES[entity]}\` \`${entity}\` WHERE ((\`${entity}\`.\`${key}\` = ?)) LIMIT 1`;
/** WishesRepository.findWish / findClaim: every column by name, read raw (`t`.`col` AS `col`). */
const rawById = (table, columns) => `SELECT ${columns.map((c) => `\`t\`.\`${c}\` AS \`${c}\``).join(', ')} FROM \`${table}\` \`t\` WHERE \`t\`.\`id\` = ? LIMIT 1`;
/** `manager.insert(Entity, row)`: every column in metadata order. */
const insertInto = (table, columns) => `INSERT INTO \`${table}\`(${columns.map((c) => `\`${c}\``).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

/** The claim route's statements (TypeORM's text; see bareClaim for when each runs). */
export const claimSql = {
  /** AccessGuard → PrincipalsRepository: the caller and every role they hold. */
  principal:
    'SELECT `u`.`id` AS `userId`, `u`.`openid` AS `openid`, `a`.`id` AS `id`, `a`.`role` AS `role`, `a`.`regionId` AS `regionId`, ' +
    '`a`.`organisationId` AS `organisationId`, `r`.`path` AS `regionPath`, `r`.`name` AS `regionName`, `r`.`level` AS `regionLevel`, ' +
    '`o`.`path` AS `orgPath`, `o`.`name` AS `orgName` FROM `users` `u` ' +
    'INNER JOIN `sessions` `s` ON `s`.`id` = ? AND `s`.`userId` = `u`.`id` AND `s`.`revokedAt` IS NULL AND `s`.`expiresAt` > ? ' +
    'LEFT JOIN `role_assignments` `a` ON `a`.`userId` = `u`.`id` ' +
    'LEFT JOIN `regions` `r` ON `r`.`id` = `a`.`regionId` LEFT JOIN `organisations` `o` ON `o`.`id` = `a`.`organisationId` ' +
    'WHERE `u`.`id` = ? AND `u`.`disabledAt` IS NULL ORDER BY `a`.`createdAt` ASC, `a`.`id` ASC',
  /** MembersService.lockedMemberOfUser: the caller's member row (the record's columns), locked. */
  lockMember:
    'SELECT `m`.`id` AS `id`, `m`.`name` AS `name`, `m`.`branchId` AS `branchId`, `m`.`residenceCommunityId` AS `residenceCommunityId`, `m`.`userId` AS `userId` ' +
    'FROM `members` `m` WHERE `m`.`userId` = ? FOR UPDATE',
  /** WishContextService.loadForClaim: the wish, its community (RegionsService.nodeOf), its live claim. */
  wish: rawById('wishes', COLUMNS.WishEntity),
  region: findOneBy('RegionEntity', 'id'),
  claim: rawById('wish_claims', COLUMNS.WishClaimEntity),
  /** The daily cap (WishesRepository.countClaimsBy): the caller's claims in the last 24 hours. */
  dailyClaims: 'SELECT COUNT(1) AS `cnt` FROM `wish_claims` `WishClaimEntity` WHERE ((`WishClaimEntity`.`claimedByUserId` = ?) AND (`WishClaimEntity`.`createdAt` >= ?))',
  /** memberClaimant: countBy(WishClaimEntity, { memberId, status: 'open', liveWishId: Not(IsNull()) }). */
  openClaims:
    'SELECT COUNT(1) AS `cnt` FROM `wish_claims` `WishClaimEntity` WHERE ((`WishClaimEntity`.`memberId` = ?) AND (`WishClaimEntity`.`status` = ?) AND (NOT(`WishClaimEntity`.`liveWishId` IS NULL)))',
  insertClaim: insertInto('wish_claims', COLUMNS.WishClaimEntity),
  /** WorkflowService.transition: the conditional UPDATE (the changes, then updatedAt and status). */
  moveWish:
    'UPDATE `wishes` SET `currentClaimId` = ?, `claimantKind` = ?, `claimantName` = ?, `claimDeadline` = ?, `claimedAt` = ?, `secondsToClaim` = ?, `secondsToFulfil` = ?, `updatedAt` = ?, `status` = ? WHERE (`id` = ? AND `status` = ?)',
  /** recordWishDurations (wish-durations.ts): the claim's duration counted in its histogram bucket, upserted before COMMIT (tables in name order). */
  moveDuration: 'INSERT INTO `wish_duration_buckets` (`kind`, `year`, `streetId`, `bucket`, `n`) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE `n` = `n` + VALUES(`n`)',
  /** WishesService.transition's rollup delta, upserted before COMMIT (common/database/rollup.ts): rows in key order, claimed before published. */
  moveRollup: 'INSERT INTO `wish_state_months` (`streetId`, `status`, `month`, `wishes`) VALUES (?, ?, ?, ?), (?, ?, ?, ?) ON DUPLICATE KEY UPDATE `wishes` = `wishes` + VALUES(`wishes`)',
  /** WorkflowService.record: the timeline entry. */
  insertEvent: insertInto('timeline_events', ['id', 'subjectType', 'subjectId', 'action', 'fromStatus', 'toStatus', 'actorUserId', 'actorRole', 'actorName', 'note', 'createdAt']),
  /** The wish.claimed subscriber (NotificationsService.notify): the resident's inbox row. */
  insertNotification: insertInto('notifications', ['id', 'userId', 'kind', 'title', 'body', 'linkKind', 'linkId', 'readAt', 'createdAt']),
  /** WishQueriesService.detail: the street (RegionsService.nodesOf) and the photos of the wish and its fulfilment. */
  streets: `SELECT ${COLUMNS.RegionEntity.map((c) => `\`RegionEntity\`.\`${c}\` AS \`RegionEntity_${c}\``).join(', ')} FROM \`regions\` \`RegionEntity\` WHERE ((\`RegionEntity\`.\`id\` IN (?)))`,
  photos:
    'SELECT `UploadEntity`.`id` AS `UploadEntity_id`, `UploadEntity`.`attachedTo` AS `UploadEntity_attachedTo`, `UploadEntity`.`createdAt` AS `UploadEntity_createdAt` ' +
    'FROM `uploads` `UploadEntity` WHERE ((`UploadEntity`.`attachedTo` IN (?, ?))) ORDER BY `UploadEntity_createdAt` ASC, `UploadEntity_id` ASC',
  /** AuditService.append: the entry inserted pending (no seq, hash 'pending'); the audit-chain-link job links it later. */
  insertAudit: insertInto('audit_logs', [
    'id',
    'seq',
    'actorId',
    'role',
    'scopeId',
    'scopeName',
    'action',
    'subjectType',
    'subjectId',
    'result',
    'fields',
    'reason',
    'detail',
    'ip',
    'userAgent',
    'createdAt',
    'prevHash',
    'hash',
  ]),
};

/**
 * AuditService.append: one entry, pending (no seq, hash 'pending'), in the caller's transaction (`conn`), without
 * the head lock: the server's audit-chain-link job links it later, off the request path.
 */
export async function appendAudit(conn, run, entry) {
  const row = {
    id: randomUUID(),
    seq: null,
    scopeId: null,
    scopeName: null,
    fields: null,
    reason: null,
    ip: null,
    userAgent: null,
    createdAt: new Date(),
    ...entry,
    prevHash: null,
  };
  const hash = 'pending';
  await run(conn, claimSql.insertAudit, [
    row.id,
    row.seq,
    row.actorId,
    row.role,
    row.scopeId,
    row.scopeName,
    row.action,
    row.subjectType,
    row.subjectId,
    row.result,
    row.fields,
    row.reason,
    row.detail,
    row.ip,
    row.userAgent,
    row.createdAt,
    row.prevHash,
    hash,
  ]);
}

/** The principal's roles as the audit entry names them (AuditService.append). */
const auditRole = (principal) => [...new Set(principal.assignments.map((a) => a.role))].join(',').slice(0, 64) || 'resident';

const unalias = (entity, row, columns = COLUMNS[entity]) => {
  if (!row) return null;
  const out = {};
  for (const c of columns) out[c] = row[`${entity}_${c}`];
  return out;
};

const PUBLIC_WISH_STATUSES = PUBLIC_STATUSES;
const STAFF_ROLES = ['community_staff', 'street_official', 'committee_admin'];
const DAY_MS = 24 * 3600 * 1000;

/** wishes.policy.ts: each state as a fact (for "<fact>，不能认领"). */
const STATES = {
  submitted: '该心愿正在等待社区审核',
  held: '该心愿正在人工复核',
  rejected: '该心愿未通过审核',
  withdrawn: '该心愿已撤回',
  published: '该心愿已发布，正在等待认领',
  claimed: '该心愿已被认领',
  fulfilled: '该心愿已圆梦，等待确认',
  disputed: '该心愿有异议，正由社区处理',
  confirmed: '该心愿已圆满完成',
};
const ALL_STATES = Object.keys(STATES);
/** wishes.policy.ts: the actions offered as buttons, in declaration order, with the states they start from and who may take them. */
const OFFERED_ACTIONS = [
  ['approve', ['submitted', 'held'], ['staff']],
  ['reject', ['submitted', 'held'], ['staff']],
  ['claim', ['published'], ['member']],
  ['claim_for_unit', ['published'], ['unit_admin']],
  ['fulfil', ['claimed'], ['claimant']],
  ['confirm', ['fulfilled'], ['resident']],
  ['confirm_on_behalf', ['fulfilled', 'disputed'], ['staff']],
  ['dispute', ['fulfilled'], ['resident']],
  ['reopen', ['disputed'], ['staff']],
  ['release', ['claimed'], ['claimant']],
  ['revoke', ['claimed', 'disputed'], ['staff']],
  ['withdraw', ['submitted', 'held', 'published'], ['resident']],
  ['dispatch', ['published'], ['street_official', 'committee']],
  ['view_contact', ALL_STATES, ['street_official', 'committee']],
];
const CLAIM_NOT_YOURS = '只有已报到的在职党员可以认领心愿（不能认领自己发布的心愿）；单位认领请选择单位';
/** Roles for which WishContextService.load also reads the wish's open dispatch (not implemented here). */
const DISPATCH_ROLES = ['street_official', 'committee_admin', 'org_admin', 'system_admin'];

/** An answer other than 200: AppException's body, `{ statusCode, code, message }`. */
class Refusal extends Error {
  constructor(statusCode, code, message) {
    super(message);
    this.body = { statusCode, code, message };
  }
}

/** AccessService.holds: one of `roles` on the node or an ancestor (system_admin: always). */
function holds(principal, roles, node) {
  return principal.assignments.some(
    (a) => a.role === 'system_admin' || (roles.includes(a.role) && (!node || (a.scopeKind === node.kind && a.scopePath !== null && node.path.startsWith(a.scopePath)))),
  );
}

/**
 * WishContextService.relationsOf for a signed-in caller whose relations need no further query: a member's claim
 * (a unit's claim would look up the unit; a dispatch is read only for officials and org admins, not here).
 */
function relationsOf(principal, wish, community, claim, member) {
  if (claim && claim.claimantKind !== 'member') throw new Error('bare baseline: unit claimants are not implemented');
  const node = { kind: 'region', path: community.path };
  const isResident = wish.residentUserId === principal.userId;
  const has = new Set(
    [
      isResident && 'resident',
      claim !== null && member !== null && claim.memberId === member.id && 'claimant',
      holds(principal, ['community_staff'], node) && 'community_staff',
      holds(principal, STAFF_ROLES, node) && 'staff',
      holds(principal, ['street_official'], node) && 'street_official',
      holds(principal, ['committee_admin'], node) && 'committee',
      member !== null && !isResident && 'member',
      principal.assignments.some((a) => a.role === 'org_admin' && a.scopeKind === 'organisation') && 'unit_admin',
    ].filter(Boolean),
  );
  return has;
}

/** WISH_WORKFLOW.offered less the blocked actions (WishQueriesService.offered). */
function offered(status, has, blocked) {
  return OFFERED_ACTIONS.filter(([name, from, who]) => !blocked.has(name) && from.includes(status) && who.some((r) => has.has(r))).map(([name]) => name);
}

/**
 * HS256 JWT check as the guard's jsonwebtoken verify does it (algorithms: ['HS256'], the same secret as an HMAC
 * key, exp and nbf): the token's `sub`, or null. node:crypto only.
 */
export function verifyToken(token, secret) {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    if (header.alg !== 'HS256') return null;
    const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const now = Math.floor(Date.now() / 1000);
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now)) return null;
    if (payload.exp !== undefined && (typeof payload.exp !== 'number' || now >= payload.exp)) return null;
    return typeof payload.sub === 'string' && payload.sub && typeof payload.sid === 'string' && payload.sid ? { sub: payload.sub, sid: payload.sid } : null;
  } catch {
    return null;
  }
}

/**
 * A statement runner: prepared statements on a pool or one connection, each statement pushed to `trace` when
 * given (the bench's same-SQL check). Transaction control goes as plain queries, as TypeORM sends it.
 */
function runner(trace) {
  return {
    run: async (db, sql, params) => {
      trace?.push({ sql, params });
      return (await db.execute(sql, params))[0];
    },
    control: async (conn, sql) => {
      trace?.push({ sql, params: [] });
      await conn.query(sql);
    },
  };
}

/** AccessGuard (authenticated route): bearer token → principal, as loadPrincipal maps it. Refuses 401 like the guard. */
export async function authenticate(pool, authorization, { secret, trace = null }) {
  const [scheme, token] = (authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw new Refusal(401, 'UNAUTHENTICATED', '请先登录');
  // The token's user and session; the session must be live and the user not disabled (PrincipalsRepository.load).
  const claims = verifyToken(token, secret);
  const rows = claims ? await runner(trace).run(pool, claimSql.principal, [claims.sid, new Date(), claims.sub]) : [];
  if (!rows.length) throw new Refusal(401, 'UNAUTHENTICATED', '登录已失效，请重新登录');
  return {
    userId: rows[0].userId,
    openid: rows[0].openid,
    assignments: rows
      .filter((r) => r.id !== null)
      .map((r) => ({
        id: r.id,
        role: r.role,
        scopeKind: r.regionId ? 'region' : r.organisationId ? 'organisation' : null,
        scopeId: r.regionId ?? r.organisationId ?? null,
        scopeName: r.regionName ?? r.orgName ?? null,
        scopePath: r.regionPath ?? r.orgPath ?? null,
        regionLevel: r.regionLevel,
      })),
  };
}

const lockError = (e) => e?.code === 'ER_LOCK_DEADLOCK' || e?.code === 'ER_LOCK_WAIT_TIMEOUT';

/**
 * common/database/transaction.ts inTransaction on MySQL/MariaDB: START TRANSACTION on a pooled connection (no
 * isolation level set: the session's REPEATABLE READ), COMMIT, ROLLBACK on an error; after a deadlock or a
 * lock-wait timeout the connection goes back to the pool and the work runs again, up to 5 attempts, with a
 * random pause of 0–20·attempt ms.
 */
async function inTransaction(pool, control, work, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    const conn = await pool.getConnection();
    try {
      await control(conn, 'START TRANSACTION');
      try {
        const result = await work(conn);
        await control(conn, 'COMMIT');
        return result;
      } catch (error) {
        await control(conn, 'ROLLBACK').catch(() => {});
        throw error;
      }
    } catch (error) {
      if (attempt >= attempts || !lockError(error)) throw error;
    } finally {
      conn.release();
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
  }
}

/**
 * The claim, statement by statement (the order is the server's; numbers as in the bench report), in ONE
 * transaction on one pooled connection (REPEATABLE READ, the session default: TypeORM sets no level), run again
 * up to 5 times after a deadlock or lock-wait timeout (common/database/transaction.ts inTransaction, random
 * 0–20·attempt ms pause between attempts). The answer is built inside it, as WishesService.claim does:
 *     1. START TRANSACTION
 *     2. lock and read the member row   SELECT m.id, m.name … FROM members WHERE userId = ? FOR UPDATE (lockedMemberOfUser)
 *     3. load the wish                   every column by id, raw (WishesRepository.findWish)  404 if none  (WishContextService.loadForClaim)
 *        → 403 unless a member who did not post it; 409 ALREADY_CLAIMED unless published (WISH_WORKFLOW.require)
 *     5. its community                   findOneBy(RegionEntity, { id })          (RegionsService.nodeOf)
 *     6. count the member's open claims  countBy(WishClaimEntity, …)              409 CLAIM_LIMIT_REACHED at the cap
 *     7. insert the claim                INSERT wish_claims (liveWishId unique: a racing duplicate is 409 ALREADY_CLAIMED)
 *     8. move the wish                   UPDATE wishes … WHERE id = ? AND status = 'published'   409 WRONG_STATE if 0 rows
 *     9. its timeline entry              INSERT timeline_events                  (WorkflowService.transition)
 *    10. tell the resident               INSERT notifications (the wish.claimed subscriber; only when it has a resident user)
 *   the answer (WishQueriesService.detailOf) from the rows already read and written, relations worked out anew:
 *    11. its street                     findBy(RegionEntity, { id: In([streetId]) })
 *    12. its photos                     uploads attached to wish:<id> and wish-fulfilment:<id>
 *    13. the contact read on record     INSERT audit_logs (wish.contact.read: the claimant sees the beneficiary)
 *   13a. the claim's duration bucket    INSERT wish_duration_buckets … ON DUPLICATE KEY UPDATE (n +1)
 *   13b. the wishes' rollup             INSERT wish_state_months … ON DUPLICATE KEY UPDATE (published −1, claimed +1)
 *    14. COMMIT                          (ROLLBACK on any refusal)
 *   and the beneficiary's name and phone decrypted (DataCipher, AES-256-GCM).
 *
 * Returns { status, body } with the server's JSON (200 WishDetail; errors { statusCode, code, message }).
 * Only a member's own claim by a caller with no official or org-admin role: a unit claim (onBehalfOf) and the
 * dispatch read are not part of the bench.
 */
export async function bareClaim(pool, { principal, wishId, cipher, maxOpenClaims = 3, maxDailyClaims = 1000, claimDays = 14, ip = null, userAgent = null, trace = null }) {
  if (principal.assignments.some((a) => DISPATCH_ROLES.includes(a.role)))
    return { status: 501, body: { statusCode: 501, code: 'INTERNAL', message: 'bare baseline: officials and org admins are not implemented' } };
  const { run, control } = runner(trace);
  const routeEntry = { actorId: principal.userId, role: auditRole(principal), action: 'wishes.claim', subjectType: 'wishes', subjectId: wishId.slice(0, 36), ip, userAgent };
  try {
    return await inTransaction(pool, control, async (conn) => {
      const member = (await run(conn, claimSql.lockMember, [principal.userId]))[0] ?? null; // 2
      // WishContextService.loadForClaim: the wish and the member row, the claim's refusal on them, then the rest.
      const wish = (await run(conn, claimSql.wish, [wishId]))[0]; // 3
      if (!wish) throw new Refusal(404, 'NOT_FOUND', '没有找到这个心愿，可能已被删除或链接有误');
      if (!member || wish.residentUserId === principal.userId) throw new Refusal(403, 'FORBIDDEN', CLAIM_NOT_YOURS);
      if (wish.status !== 'published') throw new Refusal(409, 'ALREADY_CLAIMED', `${STATES[wish.status]}，不能认领`);
      const community = unalias('RegionEntity', (await run(conn, claimSql.region, [wish.communityId]))[0]); // 5
      if (wish.currentClaimId) await run(conn, claimSql.claim, [wish.currentClaimId]); // (a published wish has none)
      if (!community) throw new Refusal(404, 'NOT_FOUND', '没有找到这个心愿所在的社区');
      const today = Number((await run(conn, claimSql.dailyClaims, [principal.userId, new Date(Date.now() - DAY_MS)]))[0].cnt); // 6a
      if (today >= maxDailyClaims) throw new Refusal(429, 'RATE_LIMITED', `24 小时内已认领 ${today} 次（上限 ${maxDailyClaims} 次），请明天再来认领`);
      const open = Number((await run(conn, claimSql.openClaims, [member.id, 'open']))[0].cnt); // 6
      if (open >= maxOpenClaims) throw new Refusal(409, 'CLAIM_LIMIT_REACHED', `您已有 ${open} 个未完成的认领（上限 ${maxOpenClaims} 个），请先完成后再认领`);
      const now = new Date();
      const deadline = new Date(now.getTime() + claimDays * DAY_MS);
      const claimId = randomUUID();
      await run(conn, claimSql.insertClaim, [claimId, wish.id, wish.id, 'member', member.id, null, principal.userId, 'open', deadline, null, null, null, now]); // 7
      // The stored durations go in the same UPDATE: to claim (truncated seconds from publication, as TIMESTAMPDIFF), and
      // to fulfil (none yet: it starts at the claim).
      const secondsToClaim = wish.publishedAt ? Math.trunc((now.getTime() - wish.publishedAt.getTime()) / 1000) : null;
      const moved = await run(conn, claimSql.moveWish, [claimId, 'member', member.name, deadline, now, secondsToClaim, null, new Date(), 'claimed', wish.id, wish.status]); // 8
      if (!moved.affectedRows) throw new Refusal(409, 'WRONG_STATE', '该心愿刚刚被他人处理，请刷新后再试');
      await run(conn, claimSql.insertEvent, [randomUUID(), 'wish', wish.id, 'claim', wish.status, 'claimed', principal.userId, 'member', maskName(member.name).slice(0, 60), null, new Date()]); // 9
      if (wish.residentUserId) {
        const body = `您的心愿“${wish.title}”已被认领，认领人会尽快与您联系`;
        await run(conn, claimSql.insertNotification, [randomUUID(), wish.residentUserId, 'wish_status', '心愿已被认领', body.slice(0, 300), 'wish', wish.id, null, new Date()]); // 10
      }
      // The answer from the rows in hand (WishContextService.refreshed): the wish as updated, its new claim.
      Object.assign(wish, { currentClaimId: claimId, claimantKind: 'member', claimantName: member.name, claimDeadline: deadline, claimedAt: now, status: 'claimed' });
      const claim = { id: claimId, claimantKind: 'member', memberId: member.id };
      const body = await detail(conn, { wish, community, has: relationsOf(principal, wish, community, claim, member) }); // 11–13
      // The wishes' rollup (wish-rollups.ts), before COMMIT: the wish leaves published for claimed in its street and Beijing month of creation.
      const local = new Date(wish.createdAt.getTime() + 8 * 3600_000);
      const month = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
      if (secondsToClaim !== null) {
        const year = String(new Date(now.getTime() + 8 * 3600_000).getUTCFullYear());
        await run(conn, claimSql.moveDuration, ['claim', year, wish.streetId, String(durationBucket(secondsToClaim)), 1]); // 13a
      }
      await run(conn, claimSql.moveRollup, [wish.streetId, 'claimed', month, 1, wish.streetId, 'published', month, -1]); // 13b
      // The route's own entry, written last before COMMIT (inTransaction's pre-commit entry).
      await appendAudit(conn, run, { ...routeEntry, result: 'ok', detail: JSON.stringify({ route: 'POST /api/wishes/:id/claim', status: 200 }) });
      return { status: 200, body };
    }); // 1 START TRANSACTION before, 14 COMMIT after (ROLLBACK on a refusal)
  } catch (error) {
    let refusal = error instanceof Refusal ? error.body : null;
    // The unique index on live claims is the referee when two claims race past the status check.
    if (error?.code === 'ER_DUP_ENTRY') refusal = { statusCode: 409, code: 'ALREADY_CLAIMED', message: '该心愿已被其他人认领' };
    if (!refusal) throw error;
    // A refused write route still gets its entry, in a transaction of its own (AuditService.recordRouteAfter).
    const detail = JSON.stringify({ route: 'POST /api/wishes/:id/claim', status: refusal.statusCode, code: refusal.code });
    await inTransaction(pool, control, (conn) => appendAudit(conn, run, { ...routeEntry, result: 'refused', detail }));
    return { status: refusal.statusCode, body: refusal };
  }

  /** WishQueriesService.detail: the wish as the caller now sees it, read with the transaction's connection. */
  async function detail(conn, { wish, community, has }) {
    // The claimant's contact (WishQueriesService.claimantContact) is read for the community's staff only, with its own audit entry.
    if (has.has('community_staff')) throw new Error('bare baseline: claims by community staff are not implemented');
    if (!PUBLIC_WISH_STATUSES.includes(wish.status) && !has.has('resident') && !has.has('staff')) throw new Refusal(404, 'NOT_FOUND', '没有找到这个心愿，可能已被删除或链接有误');
    const street = unalias('RegionEntity', (await run(conn, claimSql.streets, [wish.streetId]))[0]); // 16
    const uploads = await run(conn, claimSql.photos, [`wish:${wish.id}`, `wish-fulfilment:${wish.id}`]); // 17
    const seesContact = has.has('resident') || has.has('community_staff') || (has.has('claimant') && ['claimed', 'fulfilled', 'disputed'].includes(wish.status));
    if (seesContact && !has.has('resident')) {
      const as = has.has('community_staff') ? 'staff' : 'claimant';
      const recorded = { as, fields: [...(as === 'staff' ? ['name', 'phone', 'hardship'] : ['name', 'phone']), ...(wish.deliveryAddressCipher ? ['address'] : [])] };
      await appendAudit(conn, run, {
        actorId: principal.userId,
        role: auditRole(principal),
        action: 'wish.contact.read',
        subjectType: 'wish',
        subjectId: wish.id,
        result: 'ok',
        fields: recorded.fields.join(','),
        reason: as === 'staff' ? '本社区工作者' : '心愿认领人',
        detail: JSON.stringify(recorded),
        ip,
        userAgent,
      }); // 18
    }
    const photo = (u) => ({ id: u.UploadEntity_id, url: `/api/uploads/${u.UploadEntity_id}`, thumbnailUrl: `/api/uploads/${u.UploadEntity_id}/thumbnail` });
    const photos = uploads.filter((u) => u.UploadEntity_attachedTo === `wish:${wish.id}`).map(photo);
    const fulfilmentPhotos = uploads.filter((u) => u.UploadEntity_attachedTo === `wish-fulfilment:${wish.id}`).map(photo);
    const blocked = new Set([seesContact && 'view_contact', has.has('resident') && 'confirm_on_behalf'].filter(Boolean));
    return {
      id: wish.id,
      title: wish.title,
      description: wish.description,
      category: wish.category,
      estimatedValueYuan: wish.estimatedValueYuan,
      status: wish.status,
      beneficiaryMasked: wish.beneficiaryMasked,
      community: { id: community.id, name: community.name },
      street: { id: wish.streetId, name: street?.name ?? '' },
      claimant: wish.claimantKind ? { kind: wish.claimantKind, name: wish.claimantKind === 'member' ? maskName(wish.claimantName ?? '') : (wish.claimantName ?? '') } : null,
      photos,
      publishedAt: iso(wish.publishedAt),
      claimedAt: iso(wish.claimedAt),
      fulfilledAt: iso(wish.fulfilledAt),
      confirmedAt: iso(wish.confirmedAt),
      createdAt: wish.createdAt.toISOString(),
      beneficiary: seesContact
        ? {
            name: cipher.decrypt(wish.beneficiaryNameCipher),
            phone: cipher.decrypt(wish.contactPhoneCipher),
            relation: wish.contactRelation,
            address: wish.deliveryAddressCipher ? cipher.decrypt(wish.deliveryAddressCipher) : null,
          }
        : null,
      deliveryAddressMasked: wish.deliveryAddressCipher && !seesContact ? maskAddress(cipher.decrypt(wish.deliveryAddressCipher)) : null,
      // For the community's staff and the resident only (WishQueriesService.claimantContact); the caller here is the claimant.
      claimantContact: null,
      hardshipCategory: has.has('resident') || has.has('community_staff') ? cipher.decrypt(wish.hardshipCipher) : null,
      rejectReason: wish.rejectReason,
      holdReason: has.has('staff') || has.has('resident') ? wish.holdReason : null,
      claimDeadline: iso(wish.claimDeadline),
      fulfilment: wish.fulfilledAt
        ? { note: has.has('resident') || has.has('claimant') || has.has('community_staff') ? (wish.fulfilmentNote ?? '') : null, photos: fulfilmentPhotos, at: wish.fulfilledAt.toISOString() }
        : null,
      confirmation: wish.confirmedAt ? { rating: wish.rating, thanks: wish.thanks } : null,
      enteredByStaff: wish.residentUserId === null || wish.residentUserId !== wish.enteredByUserId,
      actions: offered(wish.status, has, blocked),
    };
  }
}

// ───────────────────────────────────────── Part 6: the check-in ─────────────────────────────────────────
//
// POST /api/activities/:id/checkin for a member who signed up (CheckinService.checkin), the same checks and the
// same writes, hand-written: the guard's principal; the code (HMAC-SHA256 over "checkin|<activity>|<window>",
// constant-time compare, activity, current or previous 30-second window); in ONE transaction: the activity, the
// member row and the attendance (three reads), the state, the time window (30 min before the start to the end),
// the haversine distance and the fix's accuracy, the sign-up (or a walk-in with a place left, the conditional
// place increment), the attendance moved by a conditional UPDATE from signed_up (a race lost → 409), its
// timeline row, the route's audit entry inserted pending like the server's (BARE_AUDIT=0 leaves the entry out:
// its cost, which the server cannot switch off), COMMIT; the answer from the rows in
// hand plus the community and street names. Unlike the claim, the statements are not checked one by one against
// the server's (the bench records the server's sequence beside this one in the report instead).

const CHECKIN = { windowMs: 30_000, opensBeforeStartMs: 30 * 60_000, maxAccuracyM: 200 };
const TOKEN_SHAPE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;
const ACTIVITY_COLUMNS = [
  'id',
  'communityId',
  'streetId',
  'title',
  'type',
  'description',
  'placeName',
  'lat',
  'lng',
  'radiusM',
  'startAt',
  'endAt',
  'signupDeadline',
  'capacity',
  'taken',
  'attended',
  'walkInsAllowed',
  'status',
  'organiserUserId',
  'organiserName',
  'organisationId',
  'commitmentId',
  'cancelReason',
  'endedAt',
  'createdAt',
  'updatedAt',
];
const ATTENDANCE_COLUMNS = [
  'id',
  'activityId',
  'memberId',
  'status',
  'walkIn',
  'signedUpAt',
  'checkedInAt',
  'checkinLat',
  'checkinLng',
  'checkinAccuracyM',
  'checkinDistanceM',
  'checkedOutAt',
  'checkoutLat',
  'checkoutLng',
  'checkoutAccuracyM',
  'checkoutDistanceM',
  'manualReason',
  'recordedByUserId',
  'createdAt',
  'updatedAt',
];

export const checkinSql = {
  activity: `SELECT ${ACTIVITY_COLUMNS.map((c) => `\`${c}\``).join(', ')} FROM \`activities\` WHERE \`id\` = ? LIMIT 1`,
  memberOf: findOneBy('MemberEntity', 'userId'),
  attendance: `SELECT ${ATTENDANCE_COLUMNS.map((c) => `\`${c}\``).join(', ')} FROM \`activity_attendances\` WHERE \`activityId\` = ? AND \`memberId\` = ? LIMIT 1`,
  takePlace: "UPDATE `activities` SET `taken` = `taken` + 1 WHERE `id` = ? AND `status` = 'published' AND `taken` < `capacity`",
  // The activity's count of attendances checked in or out, kept in the check-in's transaction (the dashboard's figure).
  countAttended: 'UPDATE `activities` SET `attended` = `attended` + 1 WHERE id = ?',
  moveAttendance:
    'UPDATE `activity_attendances` SET `checkedInAt` = ?, `checkinLat` = ?, `checkinLng` = ?, `checkinAccuracyM` = ?, `checkinDistanceM` = ?, `updatedAt` = ?, `status` = ? WHERE (`id` = ? AND `status` = ?)',
  insertEvent: claimSql.insertEvent,
  names: 'SELECT `id`, `name` FROM `regions` WHERE `id` IN (?, ?)',
};

export function checkinSignature(key, activityId, window) {
  return createHmac('sha256', key).update(`checkin|${activityId}|${window}`).digest();
}

/** CheckinTokens.verify: 'ok', or why not. */
export function verifyCheckinToken(key, token, activityId, now) {
  const match = TOKEN_SHAPE.exec(String(token ?? '').trim());
  if (!match) return 'invalid';
  const window = Number(match[2]);
  const given = Buffer.from(match[3], 'base64url');
  const expected = checkinSignature(key, match[1], window);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  if (match[1] !== activityId.toLowerCase()) return 'other_activity';
  const current = Math.floor(now.getTime() / CHECKIN.windowMs);
  if (window > current) return 'invalid';
  if (window < current - 1) return 'expired';
  return 'ok';
}

function haversine(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export async function bareCheckin(pool, { principal, activityId, input, key, audit = true, ip = null, userAgent = null, trace = null }) {
  const { run, control } = runner(trace);
  const verdict = verifyCheckinToken(key, input?.token, activityId, new Date());
  if (verdict === 'expired') return { status: 400, body: { statusCode: 400, code: 'CHECKIN_TOKEN_EXPIRED', message: '签到码已过期，请扫描组织者手机上正在显示的签到码' } };
  if (verdict === 'other_activity') return { status: 400, body: { statusCode: 400, code: 'CHECKIN_TOKEN_OTHER_ACTIVITY', message: '这是另一个活动的签到码，请扫描本活动组织者出示的签到码' } };
  if (verdict !== 'ok') return { status: 400, body: { statusCode: 400, code: 'CHECKIN_TOKEN_INVALID', message: '签到码无效，请扫描组织者手机上的签到码' } };
  const route = { actorId: principal.userId, role: auditRole(principal), action: 'activities.checkin', subjectType: 'activities', subjectId: activityId.slice(0, 36), ip, userAgent };
  try {
    return await inTransaction(pool, control, async (conn) => {
      const [activity] = await run(conn, checkinSql.activity, [activityId]);
      if (!activity) throw new Refusal(404, 'NOT_FOUND', '没有找到这个活动，可能已被删除或链接有误');
      const member = unalias('MemberEntity', (await run(conn, checkinSql.memberOf, [principal.userId]))[0]);
      if (!member) throw new Refusal(403, 'FORBIDDEN', '只有党员可以签到');
      const [attendance] = await run(conn, checkinSql.attendance, [activity.id, member.id]);
      if (activity.status !== 'published') throw new Refusal(409, 'WRONG_STATE', '该活动已结束或已取消，不能签到');
      const now = new Date();
      if (now.getTime() < activity.startAt.getTime() - CHECKIN.opensBeforeStartMs) throw new Refusal(409, 'CHECKIN_TOO_EARLY', '签到还未开始');
      if (now.getTime() > activity.endAt.getTime()) throw new Refusal(409, 'CHECKIN_CLOSED', '签到已关闭');
      const distanceM = Math.round(haversine(activity, input));
      if (distanceM - input.accuracy > activity.radiusM)
        throw new Refusal(400, 'CHECKIN_OUT_OF_RANGE', `您距离活动地点约 ${distanceM} 米，超出签到范围（${activity.radiusM} 米），请到达活动现场后再试`);
      if (input.accuracy > CHECKIN.maxAccuracyM) throw new Refusal(400, 'CHECKIN_POOR_ACCURACY', '当前定位不够准确，请到开阔处或打开 WLAN 后稍候重试');
      if (attendance?.status === 'checked_in' || attendance?.status === 'checked_out') throw new Refusal(409, 'ALREADY_CHECKED_IN', '您已签到，无需重复签到');
      if (attendance?.status !== 'signed_up') {
        if (!activity.walkInsAllowed) throw new Refusal(409, 'CHECKIN_NOT_SIGNED_UP', '您没有报名这个活动，本活动不接受现场报名');
        throw new Error('bare baseline: walk-ins are not implemented');
      }
      const moved = await run(conn, checkinSql.moveAttendance, [now, input.lat, input.lng, input.accuracy, distanceM, now, 'checked_in', attendance.id, 'signed_up']);
      if (!moved.affectedRows) throw new Refusal(409, 'ALREADY_CHECKED_IN', '您已签到，无需重复签到');
      await run(conn, checkinSql.insertEvent, [
        randomUUID(),
        'attendance',
        attendance.id,
        'checkin',
        'signed_up',
        'checked_in',
        principal.userId,
        'member',
        maskName(member.name).slice(0, 60),
        null,
        new Date(),
      ]);
      await run(conn, checkinSql.countAttended, [activity.id]);
      Object.assign(attendance, {
        status: 'checked_in',
        checkedInAt: now,
        checkinLat: input.lat,
        checkinLng: input.lng,
        checkinAccuracyM: input.accuracy,
        checkinDistanceM: distanceM,
        updatedAt: now,
      });
      const names = new Map((await run(conn, checkinSql.names, [activity.communityId, activity.streetId])).map((r) => [r.id, r.name]));
      const body = {
        id: activity.id,
        title: activity.title,
        type: activity.type,
        status: activity.status,
        community: { id: activity.communityId, name: names.get(activity.communityId) ?? '' },
        street: { id: activity.streetId, name: names.get(activity.streetId) ?? '' },
        placeName: activity.placeName,
        lat: activity.lat,
        lng: activity.lng,
        radiusM: activity.radiusM,
        startAt: iso(activity.startAt),
        endAt: iso(activity.endAt),
        signupDeadline: iso(activity.signupDeadline),
        capacity: activity.capacity,
        taken: activity.taken,
        walkInsAllowed: Boolean(activity.walkInsAllowed),
        organiserName: activity.organiserName,
        description: activity.description,
        cancelReason: activity.cancelReason,
        checkinOpensAt: new Date(activity.startAt.getTime() - CHECKIN.opensBeforeStartMs).toISOString(),
        checkoutOpensAt: new Date(activity.endAt.getTime() - 30 * 60_000).toISOString(),
        checkoutClosesAt: new Date(activity.endAt.getTime() + 120 * 60_000).toISOString(),
        myAttendance: {
          id: attendance.id,
          status: attendance.status,
          walkIn: Boolean(attendance.walkIn),
          signedUpAt: iso(attendance.signedUpAt),
          checkedInAt: iso(attendance.checkedInAt),
          checkedOutAt: null,
          hours: null,
        },
        isOrganiser: false,
        commitment: null,
        actions: [],
      };
      if (audit) await appendAudit(conn, run, { ...route, result: 'ok', detail: JSON.stringify({ route: 'POST /api/activities/:id/checkin', status: 200 }) });
      return { status: 200, body };
    });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    // A refused write route still gets its entry, in a transaction of its own (AuditService.recordRouteAfter).
    if (audit)
      await inTransaction(pool, control, (conn) =>
        appendAudit(conn, run, { ...route, result: 'refused', detail: JSON.stringify({ route: 'POST /api/activities/:id/checkin', status: error.body.statusCode, code: error.body.code }) }),
      );
    return { status: error.body.statusCode, body: error.body };
  }
}

/**
 * A write route's guard and body: `{ principal, input }`, or `{ answer }` to send as it is (the guard's refusal, a
 * body that is not JSON). An empty body is `emptyBody` when given, otherwise not JSON.
 */
async function guardAndBody(pool, req, options, emptyBody) {
  let principal;
  try {
    principal = await authenticate(pool, req.headers.authorization, options);
  } catch (error) {
    if (error instanceof Refusal) return { answer: { status: error.body.statusCode, body: error.body } };
    throw error;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    return { principal, input: !chunks.length && emptyBody !== undefined ? emptyBody : JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { answer: { status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' } } };
  }
}

export async function checkinRoute(pool, req, activityId, options) {
  const { principal, input, answer } = await guardAndBody(pool, req, options);
  if (answer) return answer;
  const number = (v) => typeof v === 'number' && Number.isFinite(v);
  if (typeof input?.token !== 'string' || !number(input.lat) || !number(input.lng) || !number(input.accuracy) || input.accuracy < 0) {
    return { status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: '请提供签到码和定位' } };
  }
  return bareCheckin(pool, { principal, activityId, input, key: options.checkinKey, audit: options.audit, ip: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent'] ?? null });
}

/** The route: guard, body, claim; the answer as JSON. */
export async function claimRoute(pool, req, wishId, options) {
  const { principal, input, answer } = await guardAndBody(pool, req, options, {});
  if (answer) return answer;
  if (input?.onBehalfOf !== undefined) return { status: 501, body: { statusCode: 501, code: 'INTERNAL', message: 'bare baseline: unit claims are not implemented' } };
  return bareClaim(pool, { principal, wishId, ...options, ip: req.socket.remoteAddress ?? null, userAgent: req.headers['user-agent'] ?? null });
}

async function main() {
  const mysql = require('mysql2/promise');
  const url = new URL((process.env.BARE_DATABASE_URL ?? '').replace(/^mariadb:/, 'mysql:'));
  const pool = mysql.createPool({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    // Same pool size as the real server (data-source.ts: connectionLimit 10).
    connectionLimit: 10,
  });
  // The claim's settings, as the server reads them (config.ts): the JWT secret, DATA_KEY, the cap and claim days.
  const claimOptions = {
    secret: Buffer.from(process.env.JWT_SECRET ?? '', 'utf8'),
    cipher: benchCipher(process.env.DATA_KEY),
    maxOpenClaims: Number(process.env.WISH_MAX_OPEN_CLAIMS ?? 3),
    maxDailyClaims: Number(process.env.WISH_MAX_DAILY_CLAIMS ?? 10),
    claimDays: Number(process.env.WISH_CLAIM_DAYS ?? 14),
    checkinKey: Buffer.from(process.env.CHECKIN_KEY ?? '', 'hex'),
    audit: process.env.BARE_AUDIT !== '0',
  };
  const send = (res, status, value) => {
    const body = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    try {
      if (url.pathname === '/api/health') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"status":"ok"}');
        return;
      }
      const claim = req.method === 'POST' && /^\/api\/wishes\/([^/]+)\/claim$/.exec(url.pathname);
      if (claim) {
        const answer = await claimRoute(pool, req, decodeURIComponent(claim[1]), claimOptions);
        send(res, answer.status, answer.body);
        return;
      }
      const checkin = req.method === 'POST' && /^\/api\/activities\/([^/]+)\/checkin$/.exec(url.pathname);
      if (checkin) {
        const answer = await checkinRoute(pool, req, decodeURIComponent(checkin[1]), claimOptions);
        send(res, answer.status, answer.body);
        return;
      }
      if (url.pathname !== '/api/wishes' || req.method !== 'GET') {
        res.writeHead(404).end();
        return;
      }
      const communityId = url.searchParams.get('communityId');
      const page = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
      send(res, 200, await wall(pool, communityId, page, pageSize));
    } catch (error) {
      console.error(error);
      if (!res.headersSent) send(res, 500, { statusCode: 500, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' });
    }
  });
  // Fastify's keep-alive timeout (72 s) rather than node:http's 5 s: with 5 s the bare side closed idle keep-alive
  // connections as the load generator reused them (UND_ERR_SOCKET, 2 of 5,000 in a full part 2 on 2026-12-02).
  server.keepAliveTimeout = 72_000;
  server.listen(Number(process.env.BARE_PORT ?? 3100), '127.0.0.1');
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => pool.end().then(() => process.exit(0))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
