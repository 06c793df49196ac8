// The baseline for part 1: a bare node:http server with a mysql2 pool that answers the wish wall with the SAME
// SQL the real server sends (prepared statements, `pool.execute`), builds the same JSON and nothing else:
// no framework, no validation, no guard, no ORM. The bench checks that its SQL matches what TypeORM sends
// (captured from the real app) and that both answers are identical, so the ratio ours ÷ bare is honest.
//
//   BARE_PORT=… BARE_DB=… node server/bench/bare-server.mjs
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    try {
      if (url.pathname === '/api/health') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"status":"ok"}');
        return;
      }
      if (url.pathname !== '/api/wishes' || req.method !== 'GET') {
        res.writeHead(404).end();
        return;
      }
      const communityId = url.searchParams.get('communityId');
      const page = Number(url.searchParams.get('page') ?? 1);
      const pageSize = Number(url.searchParams.get('pageSize') ?? 20);
      const body = JSON.stringify(await wall(pool, communityId, page, pageSize));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
    } catch (error) {
      console.error(error);
      res.writeHead(500).end();
    }
  });
  server.listen(Number(process.env.BARE_PORT ?? 3100), '127.0.0.1');
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => pool.end().then(() => process.exit(0))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
