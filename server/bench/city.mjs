// Part 3: city scale. With the generated city (city/generate.mjs) behind a real server instance, four reads are
// timed one request at a time (p50/p99), each beside one hand-written SQL query giving the same answer
// (prepared statement from the bench process), and the SQL the server really sends is EXPLAINed.
import { captureApp, explain, explainLine } from './lib/capture.mjs';
import { median, note, percentile, round } from './lib/common.mjs';
import { connect, mysql } from './lib/db.mjs';
import { mysqlOptions } from './lib/common.mjs';
import { dashboardNumbers, rawDashboard } from './dashboard-raw.mjs';
import { serverModule } from './lib/cipher.mjs';
import { signIn } from './lib/server.mjs';
import { PUBLIC_STATUSES } from './bare-server.mjs';

const DAY = 24 * 3600 * 1000;
const q = (list) => list.map(() => '?').join(', ');

/**
 * The hand-written answers: one query each, returning the page's ids in order and the total — the best query we
 * can write for the answer (not the route's own SQL): the page read in index order where an index gives it (the
 * walls, my claims), the overdue board as the merge of its two index-ordered halves, ids first and the wishes
 * joined after, the total counted on a covering index.
 */
const RAW = {
  streetWall: (streetId) => ({
    sql:
      'SELECT w.id, w.title, w.status, c.name AS communityName, s.name AS streetName, w.publishedAt, ' +
      `(SELECT COUNT(*) FROM wishes t WHERE t.streetId = ? AND t.status IN (${q(PUBLIC_STATUSES)})) AS total, ` +
      "(SELECT GROUP_CONCAT(u.id ORDER BY u.createdAt, u.id) FROM uploads u WHERE u.attachedTo = CONCAT('wish:', w.id)) AS photoIds " +
      'FROM wishes w JOIN regions c ON c.id = w.communityId JOIN regions s ON s.id = w.streetId ' +
      `WHERE w.streetId = ? AND w.status IN (${q(PUBLIC_STATUSES)}) ORDER BY w.publishedAt DESC, w.id DESC LIMIT 20`,
    params: [streetId, ...PUBLIC_STATUSES, streetId, ...PUBLIC_STATUSES],
  }),
  myClaims: (memberId) => ({
    sql:
      'SELECT w.id, w.title, w.status, cl.status AS myClaimStatus, c.name AS communityName, s.name AS streetName, ' +
      '(SELECT COUNT(DISTINCT t.wishId) FROM wish_claims t WHERE t.memberId = ?) AS total, ' +
      "(SELECT GROUP_CONCAT(u.id ORDER BY u.createdAt, u.id) FROM uploads u WHERE u.attachedTo = CONCAT('wish:', w.id)) AS photoIds " +
      'FROM wish_claims cl JOIN wishes w ON w.id = cl.wishId JOIN regions c ON c.id = w.communityId JOIN regions s ON s.id = w.streetId ' +
      // Each wish once, with the member's latest claim on it (a wish released and claimed again shows once).
      "WHERE cl.memberId = ? AND (cl.status IN ('open', 'fulfilled', 'completed') OR NOT EXISTS (SELECT 1 FROM wish_claims n WHERE n.wishId = cl.wishId AND n.memberId = cl.memberId AND (n.createdAt > cl.createdAt OR (n.createdAt = cl.createdAt AND n.id > cl.id)))) " +
      'ORDER BY cl.createdAt DESC, cl.wishId DESC LIMIT 20',
    params: [memberId, memberId],
  }),
  overdue: (streetId, unclaimedSince, now) => ({
    sql:
      'SELECT w.id, w.title, w.status, c.name AS communityName, w.publishedAt, w.claimDeadline, ' +
      "(SELECT COUNT(*) FROM wishes t WHERE t.streetId = ? AND ((t.status = 'published' AND t.publishedAt < ?) OR (t.status = 'claimed' AND t.claimDeadline < ?))) AS total, " +
      "(SELECT GROUP_CONCAT(u.id ORDER BY u.createdAt, u.id) FROM uploads u WHERE u.attachedTo = CONCAT('wish:', w.id)) AS photoIds " +
      "FROM (SELECT * FROM (SELECT p.id, p.publishedAt FROM wishes p WHERE p.streetId = ? AND p.status = 'published' AND p.publishedAt < ? ORDER BY p.publishedAt, p.id LIMIT 20) a " +
      "UNION ALL SELECT * FROM (SELECT d.id, d.publishedAt FROM wishes d WHERE d.streetId = ? AND d.status = 'claimed' AND d.claimDeadline < ? ORDER BY d.publishedAt, d.id LIMIT 20) b) x " +
      'JOIN wishes w ON w.id = x.id JOIN regions c ON c.id = w.communityId ORDER BY x.publishedAt, x.id LIMIT 20',
    params: [streetId, unclaimedSince, now, streetId, unclaimedSince, streetId, now],
  }),
  reviewQueue: (communityId) => ({
    sql:
      'SELECT w.id, w.title, w.status, w.createdAt, ' +
      "(SELECT COUNT(*) FROM wishes t WHERE t.communityId = ? AND t.status IN ('submitted', 'held', 'disputed')) AS total, " +
      "(SELECT GROUP_CONCAT(u.id ORDER BY u.createdAt, u.id) FROM uploads u WHERE u.attachedTo = CONCAT('wish:', w.id)) AS photoIds " +
      "FROM wishes w WHERE w.communityId = ? AND w.status IN ('submitted', 'held', 'disputed') ORDER BY w.createdAt, w.id LIMIT 20",
    params: [communityId, communityId],
  }),
  ledger: (memberId, from, to) => ({
    sql: 'SELECT COALESCE(SUM(valueYuan), 0) AS valueYuan, COALESCE(SUM(serviceMinutes), 0) AS serviceMinutes, COUNT(*) AS entries FROM ledger_entries WHERE memberId = ? AND occurredAt >= ? AND occurredAt < ?',
    params: [memberId, from, to],
  }),
};

/** What "same answer" compares: the page's ids in order, the total and each wish's photos. */
const pageAnswer = (body) => ({ ids: body.items.map((w) => w.id), total: body.total, photos: body.items.map((w) => w.photos.map((p) => p.id).join(',')) });
const dashboardAnswer = (b) =>
  [b.members.onRoster, b.members.registered, b.wishes.total, b.wishes.overdueUnclaimed, b.wishes.overdueClaims, b.activities.held, b.activities.minutes, b.agreements.inForce].join('/');
const rawPageAnswer = (rows) => ({ ids: rows.map((r) => r.id), total: Number(rows[0]?.total ?? 0), photos: rows.map((r) => r.photoIds ?? '') });

async function timeHttp(url, token, method = 'GET') {
  const start = performance.now();
  const response = await fetch(url, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  const body = await response.json();
  const ms = performance.now() - start;
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${JSON.stringify(body)}`);
  return { ms, body };
}

/** The dashboard's every number by hand-written SQL (dashboard-raw.mjs), timed as one read. */
const timeDashboardRaw = (pool, streetIds, regionId) => async () => {
  const start = performance.now();
  const rows = await rawDashboard(pool, streetIds, regionId, new Date());
  return { ms: performance.now() - start, rows };
};
const DASHBOARD_RAW_SQL = 'dashboard-raw.mjs: every number of the answer in hand-written statements sent in parallel over a pool of 10';

async function timeSql(conn, { sql, params }) {
  const start = performance.now();
  const [rows] = await conn.execute(sql, params);
  return { ms: performance.now() - start, rows };
}

/**
 * Times `ours` (returns { ms, answer }) and `raw` (same) alternately: `rounds` rounds of `perRound` calls each
 * after a warm-up; p50/p99 are medians over the rounds.
 */
async function sideBySide(ours, raw, { rounds, perRound, warmup = 10 }) {
  for (let i = 0; i < warmup; i++) {
    await ours();
    await raw();
  }
  const per = { ours: [], raw: [] };
  for (let r = 0; r < rounds; r++) {
    const samples = { ours: [], raw: [] };
    for (let i = 0; i < perRound; i++) {
      samples.ours.push((await ours()).ms);
      samples.raw.push((await raw()).ms);
    }
    for (const k of ['ours', 'raw']) per[k].push({ p50: percentile(samples[k], 50), p99: percentile(samples[k], 99) });
  }
  const summary = (k) => ({ p50: median(per[k].map((s) => s.p50)), p99: median(per[k].map((s) => s.p99)) });
  const o = summary('ours');
  const w = summary('raw');
  return { ours: o, raw: w, ratio: round(o.p50 / w.p50, 2) };
}

export async function benchCity({ db, server, logDir, rounds = 3, perRound = 40 }) {
  const conn = await connect(db);
  // The hand-written dashboard's statements go out in parallel, as the route's do (TypeORM's pool is 10 too).
  const pool = mysql.createPool({ ...mysqlOptions(db), connectionLimit: 10 });
  const results = [];
  try {
    const [[street]] = await conn.query(
      "SELECT r.id, r.name, r.path FROM role_assignments a JOIN users u ON u.id = a.userId JOIN regions r ON r.id = a.regionId WHERE u.openid = 'dev-city-official-01' AND a.role = 'street_official'",
    );
    const [[busy]] = await conn.query("SELECT m.id, m.userId FROM members m JOIN users u ON u.id = m.userId WHERE u.openid = 'dev-city-member-00001'");
    const [[claimCount]] = await conn.query('SELECT COUNT(*) AS n FROM wish_claims WHERE memberId = ?', [busy.id]);
    const [[streetWishes]] = await conn.query('SELECT COUNT(*) AS n FROM wishes WHERE streetId = ?', [street.id]);
    // A community staff member of the official's street: the community with the most wishes waiting for staff.
    const [[queue]] = await conn.query(
      "SELECT w.communityId AS id, COUNT(*) AS n, MIN(u.openid) AS openid FROM wishes w JOIN role_assignments a ON a.regionId = w.communityId AND a.role = 'community_staff' " +
        "JOIN users u ON u.id = a.userId AND u.openid LIKE 'dev-city-staff-%' WHERE w.streetId = ? AND w.status IN ('submitted', 'held', 'disputed') GROUP BY w.communityId ORDER BY n DESC, w.communityId LIMIT 1",
      [street.id],
    );
    const official = await signIn(server.baseUrl, 'city-official-01');
    const staffLogin = queue.openid.replace(/^dev-/, '');
    const staff = await signIn(server.baseUrl, staffLogin);
    const member = await signIn(server.baseUrl, 'city-member-00001');
    const facts = { street: street.name, streetWishes: Number(streetWishes.n), busyMemberClaims: Number(claimCount.n), queueWishes: Number(queue.n) };

    const base = server.baseUrl;
    const overdueDays = 7;
    const cases = [
      {
        key: 'streetWall',
        label: 'Wall filtered by street',
        route: `GET /api/wishes?streetId=…&page=1&pageSize=20 (public; ${facts.streetWishes.toLocaleString('en')} wishes in the street)`,
        path: `/api/wishes?streetId=${street.id}&page=1&pageSize=20`,
        token: null,
        raw: () => RAW.streetWall(street.id),
        answerOf: pageAnswer,
        rawAnswer: rawPageAnswer,
      },
      {
        key: 'myClaims',
        label: "A member's claims",
        route: `GET /api/me/claims?page=1&pageSize=20 (member with ${facts.busyMemberClaims} claims)`,
        path: '/api/me/claims?page=1&pageSize=20',
        token: member,
        raw: () => RAW.myClaims(busy.id),
        answerOf: (body) => ({ ...pageAnswer(body), status: body.items.map((w) => w.myClaimStatus) }),
        rawAnswer: (rows) => ({ ...rawPageAnswer(rows), status: rows.map((r) => r.myClaimStatus) }),
      },
      {
        key: 'overdue',
        label: 'Street overdue board',
        route: 'GET /api/wishes/overdue?page=1&pageSize=20 (street official)',
        path: '/api/wishes/overdue?page=1&pageSize=20',
        token: official,
        raw: () => {
          const now = new Date();
          return RAW.overdue(street.id, new Date(now.getTime() - overdueDays * DAY), now);
        },
        answerOf: pageAnswer,
        rawAnswer: rawPageAnswer,
      },
      {
        key: 'reviewQueue',
        label: 'Community review queue',
        route: `GET /api/wishes/review-queue?page=1&pageSize=20 (community staff; ${facts.queueWishes} wishes waiting)`,
        path: '/api/wishes/review-queue?page=1&pageSize=20',
        token: staff,
        raw: () => RAW.reviewQueue(queue.id),
        answerOf: pageAnswer,
        rawAnswer: rawPageAnswer,
      },
    ];
    // 督导看板 (street and city) beside the same counts in hand-written SQL, and the street's 件件有着落 board.
    const [allStreets] = await conn.query("SELECT id FROM regions WHERE level = 'street' ORDER BY id");
    const [[city]] = await conn.query("SELECT id FROM regions WHERE level = 'city'");
    const committee = await signIn(server.baseUrl, 'city-committee');
    const dashboardRaw = (streetIds, regionId) => timeDashboardRaw(pool, streetIds, regionId);
    cases.push(
      {
        key: 'streetDashboard',
        label: 'Street dashboard',
        route: 'GET /api/supervision/dashboard (street official, this year)',
        path: '/api/supervision/dashboard',
        token: official,
        rawTimed: dashboardRaw([street.id], street.id),
        rawSql: DASHBOARD_RAW_SQL,
        answerOf: dashboardNumbers,
        rawAnswer: (answer) => answer,
      },
      {
        key: 'cityDashboard',
        label: 'City dashboard',
        route: `GET /api/supervision/dashboard (committee admin, the city: ${allStreets.length} streets, this year)`,
        path: '/api/supervision/dashboard',
        token: committee,
        rawTimed: dashboardRaw(
          allStreets.map((s) => s.id),
          city.id,
        ),
        rawSql: DASHBOARD_RAW_SQL,
        answerOf: dashboardNumbers,
        rawAnswer: (answer) => answer,
      },
      {
        key: 'streetBoard',
        label: 'Street 件件有着落 board',
        route: 'GET /api/supervision/board (street official; beside SELECT 1: no single hand-written statement gives its eleven kinds)',
        path: '/api/supervision/board',
        token: official,
        raw: () => ({ sql: 'SELECT 1', params: [] }),
        answerOf: () => 'n/a',
        rawAnswer: () => 'n/a',
      },
    );

    // The floor under every route's figure: one HTTP request from this process to the server and back, with the
    // server's cheapest database round trip (GET /api/health: SELECT 1, no sign-in check), beside SELECT 1 alone.
    const floorTiming = await sideBySide(
      () => timeHttp(`${base}/api/health`, null),
      () => timeSql(conn, { sql: 'SELECT 1', params: [] }),
      { rounds, perRound },
    );
    const floor = { http: floorTiming.ours.p50, selectOne: floorTiming.raw.p50 };
    note(`HTTP floor: GET /api/health p50 ${floor.http.toFixed(2)} ms (SELECT 1 alone ${floor.selectOne.toFixed(2)} ms)`);

    for (const c of cases) {
      const rawOf = c.rawTimed ?? (() => timeSql(conn, c.raw()));
      const first = await timeHttp(base + c.path, c.token);
      const firstRaw = await rawOf();
      const same = JSON.stringify(c.answerOf(first.body)) === JSON.stringify(c.rawAnswer(firstRaw.rows));
      if (!same) note(`${c.label}: route ${JSON.stringify(c.answerOf(first.body))}\n  SQL ${JSON.stringify(c.rawAnswer(firstRaw.rows))}`);
      const timing = await sideBySide(() => timeHttp(base + c.path, c.token), rawOf, { rounds, perRound });
      const beyondFloor = Math.round(((timing.ours.p50 - floor.http) / timing.raw.p50) * 100) / 100;
      results.push({
        key: c.key,
        label: c.label,
        route: c.route,
        same,
        total: first.body.total ?? (c.rawTimed ? 'every number' : c.answerOf(first.body)),
        ...timing,
        beyondFloor,
        rawSql: c.rawSql ?? c.raw().sql,
      });
      note(
        `${c.label}: route p50 ${timing.ours.p50.toFixed(1)} ms p99 ${timing.ours.p99.toFixed(1)} ms | SQL p50 ${timing.raw.p50.toFixed(1)} ms p99 ${timing.raw.p99.toFixed(1)} ms | ×${timing.ratio}${same ? '' : ' | ANSWERS DIFFER'}`,
      );
    }

    // Issue 9's reads at city scale: a member's ledger page (this half year: entries newest first and totals by
    // kind) and a street's 1+N view (partners with commitments and delivery beside open needs). Their baseline is
    // the route's own statements (captured from the app in-process, the sign-in check's principal query left
    // out) replayed one after another as prepared statements from this process: the SQL floor of the route as
    // built. For the ledger page that is also the best hand-written form we found (the page and its total in
    // one index-ordered statement on (memberId, occurredAt), the totals grouped on the same index); for the 1+N
    // view (agreements, commitments, delivery, open wishes and projects, names) no single hand-written query.
    const replayed = [
      { key: 'ledgerPage', label: "A member's ledger page", route: 'GET /api/me/ledger (this half year; the busiest member)', path: '/api/me/ledger', login: 'city-member-00001' },
      {
        key: 'onePlusN',
        label: "A street's 1+N view",
        route: `GET /api/regions/:id/one-plus-n (street official; ${facts.street})`,
        path: `/api/regions/${street.id}/one-plus-n`,
        login: 'city-official-01',
      },
    ];
    const replayApp = await captureApp(db, logDir);
    try {
      for (const c of replayed) {
        const captured = await replayApp.capture('GET', c.path, { token: await replayApp.signIn(c.login) });
        if (captured.status !== 200) throw new Error(`${c.path}: ${captured.status} ${JSON.stringify(captured.body)}`);
        c.statements = captured.queries
          .filter((q) => /^\s*SELECT/i.test(q.sql) && !/`sessions`/.test(q.sql))
          .map((q) => ({ sql: q.sql, params: (q.params ?? []).map((v) => (v === undefined ? null : v)) }));
        c.queries = [];
        for (const q of c.statements) c.queries.push({ sql: q.sql, plan: explainLine(await explain(conn, q.sql, q.params)) });
      }
    } finally {
      await replayApp.close();
    }
    const tokensByLogin = { 'city-member-00001': member, 'city-official-01': official };
    for (const c of replayed) {
      const first = await timeHttp(base + c.path, tokensByLogin[c.login]);
      const replay = async () => {
        const start = performance.now();
        for (const q of c.statements) await conn.execute(q.sql, q.params);
        return { ms: performance.now() - start };
      };
      const timing = await sideBySide(() => timeHttp(base + c.path, tokensByLogin[c.login]), replay, { rounds, perRound });
      const beyondFloor = Math.round(((timing.ours.p50 - floor.http) / timing.raw.p50) * 100) / 100;
      const total = c.key === 'ledgerPage' ? first.body.total : `${first.body.partners?.length ?? '?'} partners, ${first.body.needs?.length ?? '?'} needs`;
      results.push({
        key: c.key,
        label: c.label,
        route: c.route,
        same: null,
        total,
        ...timing,
        beyondFloor,
        rawSql: `its ${c.statements.length} statement(s) replayed: ${c.statements.map((q) => q.sql).join(' ; ')}`,
        queries: c.queries,
        rawPlan: 'the same statements as above',
        replay: true,
      });
      note(
        `${c.label}: route p50 ${timing.ours.p50.toFixed(1)} ms p99 ${timing.ours.p99.toFixed(1)} ms | its ${c.statements.length} statements replayed p50 ${timing.raw.p50.toFixed(1)} ms | ×${timing.ratio}`,
      );
    }

    // The ledger total for half a year has no route yet: the repository query a service would run (TypeORM
    // query builder on LedgerEntryEntity, in this process) beside the same SUM in plain SQL.
    const { createDataSource } = serverModule('database/data-source.js');
    const { LedgerEntryEntity } = serverModule('modules/ledger/ledger-entry.entity.js');
    const { databaseUrl } = await import('./lib/common.mjs');
    const dataSource = await createDataSource(databaseUrl(db)).initialize();
    try {
      const to = new Date();
      const from = new Date(to.getTime() - 182 * DAY);
      const repo = dataSource.getRepository(LedgerEntryEntity);
      const ormBuilder = () =>
        repo
          .createQueryBuilder('l')
          .select('COALESCE(SUM(l.valueYuan), 0)', 'valueYuan')
          .addSelect('COALESCE(SUM(l.serviceMinutes), 0)', 'serviceMinutes')
          .addSelect('COUNT(*)', 'entries')
          .where('l.memberId = :memberId', { memberId: busy.id })
          .andWhere('l.occurredAt >= :from AND l.occurredAt < :to', { from, to });
      const ormQuery = () => ormBuilder().getRawOne();
      const orm = async () => {
        const start = performance.now();
        const row = await ormQuery();
        return { ms: performance.now() - start, row };
      };
      const raw = () => timeSql(conn, RAW.ledger(busy.id, from, to));
      const a = (await orm()).row;
      const b = (await raw()).rows[0];
      const answer = (r) => [Number(r.valueYuan), Number(r.serviceMinutes), Number(r.entries)].join('/');
      const timing = await sideBySide(orm, raw, { rounds, perRound: perRound * 2 });
      const [ormSql, ormParams] = ormBuilder().getQueryAndParameters();
      results.push({
        key: 'ledger',
        label: "One member's ledger total, half a year",
        route: `no route yet: TypeORM query builder on ledger_entries (member with ${Number(b.entries)} entries in the half year)`,
        same: answer(a) === answer(b),
        total: answer(b),
        ...timing,
        rawSql: RAW.ledger(busy.id, from, to).sql,
        ormQueries: [{ sql: ormSql, params: ormParams }],
      });
      note(`Ledger half-year total: TypeORM p50 ${timing.ours.p50.toFixed(2)} ms p99 ${timing.ours.p99.toFixed(2)} ms | SQL p50 ${timing.raw.p50.toFixed(2)} ms | ×${timing.ratio}`);
    } finally {
      await dataSource.destroy();
    }

    // EXPLAIN what the server sends for each route (captured in-process) and the hand-written queries.
    const app = await captureApp(db, logDir);
    try {
      const tokens = { streetWall: null, myClaims: await app.signIn('city-member-00001'), overdue: await app.signIn('city-official-01'), reviewQueue: await app.signIn(staffLogin) };
      tokens.streetDashboard = tokens.overdue;
      tokens.streetBoard = tokens.overdue;
      tokens.cityDashboard = await app.signIn('city-committee');
      for (const c of cases) {
        const result = results.find((r) => r.key === c.key);
        const captured = await app.capture('GET', c.path, { token: tokens[c.key] });
        result.queries = [];
        for (const query of captured.queries) {
          if (!/^\s*SELECT/i.test(query.sql)) continue;
          result.queries.push({ sql: query.sql, plan: explainLine(await explain(conn, query.sql, query.params)) });
        }
        result.rawPlan = explainLine(await explain(conn, c.raw().sql, c.raw().params));
      }
      const ledger = results.find((r) => r.key === 'ledger');
      ledger.queries = [];
      for (const query of ledger.ormQueries) ledger.queries.push({ sql: query.sql, plan: explainLine(await explain(conn, query.sql, query.params)) });
      const raw = RAW.ledger(busy.id, new Date(Date.now() - 182 * DAY), new Date());
      ledger.rawPlan = explainLine(await explain(conn, raw.sql, raw.params));
    } finally {
      await app.close();
    }
    return { facts, floor, results, params: { rounds, perRound } };
  } finally {
    await conn.end();
    await pool.end();
  }
}

/**
 * Only the supervision reads at city scale (`node server/bench/dashboards.mjs`, for a quick look without the rest
 * of the bench): the street and city dashboards beside their counts in one hand-written statement, and the board.
 */
export async function benchDashboards({ db, server, rounds = 3, perRound = 10, warmup = 3, only = null }) {
  const conn = await connect(db);
  // The hand-written dashboard's statements go out in parallel, as the route's do (TypeORM's pool is 10 too).
  const pool = mysql.createPool({ ...mysqlOptions(db), connectionLimit: 10 });
  try {
    const [[street]] = await conn.query(
      "SELECT r.id, r.name FROM role_assignments a JOIN users u ON u.id = a.userId JOIN regions r ON r.id = a.regionId WHERE u.openid = 'dev-city-official-01' AND a.role = 'street_official'",
    );
    const [allStreets] = await conn.query("SELECT id FROM regions WHERE level = 'street' ORDER BY id");
    const [[city]] = await conn.query("SELECT id FROM regions WHERE level = 'city'");
    const official = await signIn(server.baseUrl, 'city-official-01');
    const committee = await signIn(server.baseUrl, 'city-committee');
    const cases = [
      {
        key: 'streetDashboard',
        label: `Street dashboard (${street.name})`,
        path: '/api/supervision/dashboard',
        token: official,
        rawTimed: timeDashboardRaw(pool, [street.id], street.id),
        check: true,
      },
      {
        key: 'cityDashboard',
        label: `City dashboard (${allStreets.length} streets)`,
        path: '/api/supervision/dashboard',
        token: committee,
        rawTimed: timeDashboardRaw(
          pool,
          allStreets.map((s) => s.id),
          city.id,
        ),
        check: true,
      },
      { key: 'streetBoard', label: 'Street board', path: '/api/supervision/board', token: official, raw: () => ({ sql: 'SELECT 1', params: [] }), check: false },
    ];
    // The busy member's draft for the current half year (created once in the kept city if it has none; reused after).
    const member = await signIn(server.baseUrl, 'city-member-00001');
    const [[busy]] = await conn.query("SELECT m.id FROM members m JOIN users u ON u.id = m.userId WHERE u.openid = 'dev-city-member-00001'");
    const local = new Date(Date.now() + 8 * 3600 * 1000);
    const half = local.getUTCMonth() < 6 ? 1 : 2;
    const period = `${local.getUTCFullYear()}H${half}`;
    const halfFrom = new Date(Date.UTC(local.getUTCFullYear(), half === 1 ? 0 : 6, 1) - 8 * 3600 * 1000);
    const halfTo = new Date(Date.UTC(local.getUTCFullYear() + (half === 1 ? 0 : 1), half === 1 ? 6 : 0, 1) - 8 * 3600 * 1000);
    const [[draft]] = await conn.query("SELECT id FROM member_reports WHERE memberId = ? AND period = ? AND status = 'draft'", [busy.id, period]);
    let reportId = draft?.id;
    if (!reportId) {
      const created = await fetch(`${server.baseUrl}/api/me/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${member}`, 'content-type': 'application/json' },
        body: JSON.stringify({ period }),
      });
      if (!created.ok) throw new Error(`creating the draft: ${created.status} ${await created.text()}`);
      reportId = (await created.json()).id;
    }
    // Beside the draft: its figures' two grouped ledger statements, hand-written (totals per kind, minutes per place).
    const figuresRaw = () => ({
      sql:
        'SELECT COALESCE(o.kind, e.kind) AS kind, SUM(e.serviceMinutes) AS minutes, SUM(e.valueYuan) AS valueYuan, COUNT(*) AS n, ' +
        '(SELECT GROUP_CONCAT(CONCAT(p.communityId, p.minutes)) FROM (SELECT communityId, SUM(serviceMinutes) AS minutes FROM ledger_entries WHERE memberId = ? AND occurredAt >= ? AND occurredAt < ? GROUP BY communityId, streetId) p) AS places ' +
        'FROM ledger_entries e LEFT JOIN ledger_entries o ON o.id = e.correctsEntryId WHERE e.memberId = ? AND e.occurredAt >= ? AND e.occurredAt < ? GROUP BY COALESCE(o.kind, e.kind)',
      params: [busy.id, halfFrom, halfTo, busy.id, halfFrom, halfTo],
    });
    cases.push(
      { key: 'draftRefresh', label: `Report draft refresh (${period})`, path: `/api/reports/${reportId}/refresh`, method: 'POST', token: member, raw: figuresRaw, check: false },
      { key: 'draftGet', label: `Report draft GET (${period})`, path: `/api/reports/${reportId}`, token: member, raw: figuresRaw, check: false },
    );
    const results = [];
    for (const c of cases) {
      if (only && !only.includes(c.key)) continue;
      const rawOf = c.rawTimed ?? (() => timeSql(conn, c.raw()));
      const first = await timeHttp(server.baseUrl + c.path, c.token, c.method);
      const firstRaw = await rawOf();
      const same = c.check ? JSON.stringify(dashboardNumbers(first.body)) === JSON.stringify(firstRaw.rows) : null;
      if (same === false) note(`${c.label}: route ${JSON.stringify(dashboardNumbers(first.body))}\n  SQL ${JSON.stringify(firstRaw.rows)}`);
      const timing = await sideBySide(() => timeHttp(server.baseUrl + c.path, c.token, c.method), rawOf, { rounds, perRound, warmup });
      const answer = c.check
        ? dashboardAnswer(first.body)
        : c.key.startsWith('draft')
          ? `${first.body.figures.byKind.reduce((n, k) => n + k.entries, 0)} entries, ${first.body.figures.totalMinutes} min`
          : `${first.body.total} items`;
      results.push({ key: c.key, label: c.label, same, answer, ...timing });
      note(
        `${c.label}: route p50 ${timing.ours.p50.toFixed(1)} ms p99 ${timing.ours.p99.toFixed(1)} ms | SQL p50 ${timing.raw.p50.toFixed(1)} ms | ×${timing.ratio}${same === false ? ' | ANSWERS DIFFER' : ''}`,
      );
    }
    return results;
  } finally {
    await conn.end();
    await pool.end();
  }
}
