// Part 2: claim contention. (a) 200 members claim one wish at the same moment, across two server instances
// sharing the database: exactly one 200, the rest 409, no 5xx. (b) 5,000 claims over 1,000 wishes by 500
// members against both instances, and the same load against two bare node:http + mysql2 processes running the
// same claim transaction (bare-server.mjs bareClaim), on the same wishes reset to the same state in between.
// Afterwards SQL checks that no wish has two live claims and that the wishes and their live claims agree. The
// claim cap (WISH_MAX_OPEN_CLAIMS, default 3) stays on: refusals for it are 409 CLAIM_LIMIT_REACHED and are
// counted apart from "already claimed".
import { isDeepStrictEqual } from 'node:util';
import { authenticate, bareClaim } from './bare-server.mjs';
import { memberLogin } from './fixtures.mjs';
import { captureApp, normaliseSql } from './lib/capture.mjs';
import { benchCipher } from './lib/cipher.mjs';
import { BENCH_JWT_SECRET, countByCode, median, mysqlOptions, note, percentile, pool, prng, round } from './lib/common.mjs';
import { connect, mysql } from './lib/db.mjs';
import { cpuMsOf, signIn } from './lib/server.mjs';

async function claim(baseUrl, token, wishId) {
  const start = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/wishes/${wishId}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const text = await response.text();
    let code = null;
    let message = null;
    if (response.status !== 200) {
      try {
        ({ code = null, message = null } = JSON.parse(text));
      } catch {
        code = null;
      }
    }
    return { status: response.status, code, message, ms: performance.now() - start };
  } catch (error) {
    return { status: 0, code: error.cause?.code ?? error.message, message: null, ms: performance.now() - start };
  }
}

/**
 * The refusals' texts with {n} for the numbers in them (the cap message names the member's open claims), so the
 * two sides' sets of answers can be compared.
 */
const answerKind = (r) => (r.status === 200 ? '200' : `${r.status} ${r.code ?? ''} ${(r.message ?? '').replace(/\d+/g, '{n}')}`.trim());

/** Refusals that only a race past the status check gives: the live-claim unique index, the conditional UPDATE. */
const RACE_ONLY = ['409 ALREADY_CLAIMED 该心愿已被其他人认领', '409 WRONG_STATE'];

function tally(results) {
  const count = (fn) => results.filter(fn).length;
  const latencies = results.map((r) => r.ms);
  return {
    total: results.length,
    ok: count((r) => r.status === 200),
    conflicts: count((r) => r.status === 409),
    alreadyClaimed: count((r) => r.status === 409 && r.code !== 'CLAIM_LIMIT_REACHED'),
    capRefusals: count((r) => r.status === 409 && r.code === 'CLAIM_LIMIT_REACHED'),
    otherClientErrors: count((r) => r.status >= 400 && r.status < 500 && r.status !== 409),
    serverErrors: count((r) => r.status >= 500),
    networkErrors: count((r) => r.status === 0),
    byCode: countByCode(results),
    answers: [...new Set(results.map(answerKind))].sort(),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const placeholders = (list) => list.map(() => '?').join(', ');

/** SQL checks over a set of wishes after a run. */
async function verify(conn, wishIds, memberIds, cap) {
  const [[doubleLive]] = await conn.query(
    `SELECT COUNT(*) AS n FROM (SELECT wishId FROM wish_claims WHERE wishId IN (${placeholders(wishIds)}) AND status IN ('open', 'fulfilled') AND endedAt IS NULL GROUP BY wishId HAVING COUNT(*) > 1) x`,
    wishIds,
  );
  const [[duplicateLiveKey]] = await conn.query('SELECT COUNT(*) AS n FROM (SELECT liveWishId FROM wish_claims WHERE liveWishId IS NOT NULL GROUP BY liveWishId HAVING COUNT(*) > 1) x');
  const [[liveClaims]] = await conn.query(`SELECT COUNT(*) AS n FROM wish_claims WHERE liveWishId IN (${placeholders(wishIds)})`, wishIds);
  const [[claimedWishes]] = await conn.query(`SELECT COUNT(*) AS n FROM wishes WHERE id IN (${placeholders(wishIds)}) AND status = 'claimed'`, wishIds);
  const [[consistent]] = await conn.query(
    `SELECT COUNT(*) AS n FROM wishes w JOIN wish_claims c ON c.id = w.currentClaimId AND c.liveWishId = w.id WHERE w.id IN (${placeholders(wishIds)}) AND w.status = 'claimed'`,
    wishIds,
  );
  const [[overCap]] = await conn.query(
    `SELECT COUNT(*) AS n FROM (SELECT memberId FROM wish_claims WHERE liveWishId IS NOT NULL AND memberId IN (${placeholders(memberIds)}) GROUP BY memberId HAVING COUNT(*) > ?) x`,
    [...memberIds, cap],
  );
  // What every won claim writes beside the claim: its timeline entry (and the contact read on record).
  const [[events]] = await conn.query(`SELECT COUNT(*) AS n FROM timeline_events WHERE subjectType = 'wish' AND action = 'claim' AND subjectId IN (${placeholders(wishIds)})`, wishIds);
  const [[audits]] = await conn.query(`SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'wish.contact.read' AND subjectType = 'wish' AND subjectId IN (${placeholders(wishIds)})`, wishIds);
  return {
    wishesWithTwoLiveClaims: Number(doubleLive.n),
    duplicateLiveKeys: Number(duplicateLiveKey.n),
    liveClaims: Number(liveClaims.n),
    claimedWishes: Number(claimedWishes.n),
    claimedWithMatchingLiveClaim: Number(consistent.n),
    membersOverCap: Number(overCap.n),
    claimEvents: Number(events.n),
    contactReads: Number(audits.n),
  };
}

/** Ends the bench members' live claims in SQL so the next run starts with nobody at the cap (the wishes stay claimed). */
async function releaseAll(conn, memberIds) {
  await conn.query(
    `UPDATE wish_claims SET liveWishId = NULL, status = 'released', endedAt = UTC_TIMESTAMP(3), endReason = 'bench: reset between runs' WHERE liveWishId IS NOT NULL AND memberId IN (${placeholders(memberIds)})`,
    memberIds,
  );
}

/**
 * A set of published, never-claimed wishes as the fixtures wrote them (fixtures.mjs: no claim, event or
 * notification for them), so `resetWishes` can put them back exactly.
 */
export async function snapshotWishes(conn, wishIds) {
  const [rows] = await conn.query(`SELECT id, status, currentClaimId, updatedAt FROM wishes WHERE id IN (${placeholders(wishIds)})`, wishIds);
  const [[claims]] = await conn.query(`SELECT COUNT(*) AS n FROM wish_claims WHERE wishId IN (${placeholders(wishIds)})`, wishIds);
  if (rows.length !== wishIds.length || rows.some((r) => r.status !== 'published' || r.currentClaimId !== null) || Number(claims.n) > 0) {
    throw new Error('claim bench: the wishes to claim are not all published and unclaimed; rebuild the bench database');
  }
  const byUpdatedAt = new Map();
  for (const r of rows) {
    const key = r.updatedAt.toISOString();
    byUpdatedAt.set(key, [...(byUpdatedAt.get(key) ?? []), r.id]);
  }
  return { wishIds, byUpdatedAt };
}

/**
 * Puts a set of wishes back as the snapshot found them: every row a claim on them wrote is deleted (claims,
 * timeline entries, the resident's notifications, the contact reads on record) and the wishes are published
 * again with their claim columns empty and their original updatedAt.
 */
export async function resetWishes(conn, { wishIds, byUpdatedAt }) {
  await conn.query(`DELETE FROM audit_logs WHERE action = 'wish.contact.read' AND subjectType = 'wish' AND subjectId IN (${placeholders(wishIds)})`, wishIds);
  await conn.query(`DELETE FROM notifications WHERE linkKind = 'wish' AND linkId IN (${placeholders(wishIds)})`, wishIds);
  await conn.query(`DELETE FROM timeline_events WHERE subjectType = 'wish' AND action = 'claim' AND subjectId IN (${placeholders(wishIds)})`, wishIds);
  await conn.query(`DELETE FROM wish_claims WHERE wishId IN (${placeholders(wishIds)})`, wishIds);
  // The wishes' rollup (wish_state_months) follows them back to published: each claimed one out of its state, into published.
  const month = "DATE_FORMAT(DATE_ADD(createdAt, INTERVAL 8 HOUR), '%Y-%m')";
  for (const [status, sign] of [
    ['status', '-'],
    ["'published'", ''],
  ]) {
    await conn.query(
      `INSERT INTO wish_state_months (streetId, status, month, wishes) SELECT streetId, ${status}, ${month}, ${sign}COUNT(*) FROM wishes WHERE id IN (${placeholders(wishIds)}) AND status <> 'published' ` +
        `GROUP BY streetId, ${status}, ${month} ON DUPLICATE KEY UPDATE wishes = wishes + VALUES(wishes)`,
      wishIds,
    );
  }
  for (const [updatedAt, ids] of byUpdatedAt) {
    await conn.query(
      `UPDATE wishes SET status = 'published', currentClaimId = NULL, claimantKind = NULL, claimantName = NULL, claimDeadline = NULL, claimedAt = NULL, updatedAt = ? WHERE id IN (${placeholders(ids)})`,
      [new Date(updatedAt), ...ids],
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATETIME = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d/;

/**
 * One call's statements in a comparable form: SQL with whitespace normalised; parameters with times as <time>
 * and ids numbered by first appearance (<id1>, <id2> …): fresh ids and clocks differ between the two sides, but
 * the same id must stand in the same places.
 */
function comparable(statements) {
  const ids = new Map();
  const param = (p) => {
    if (p instanceof Date || (typeof p === 'string' && DATETIME.test(p))) return '<time>';
    if (typeof p === 'string' && UUID.test(p)) {
      if (!ids.has(p)) ids.set(p, `<id${ids.size + 1}>`);
      return ids.get(p);
    }
    return p ?? null;
  };
  // Audit entries go in pending on both sides (seq NULL, hash 'pending'; the audit-chain-link job links them
  // later), so their seq and hash are compared as they are: a side that linked in the request would differ.
  // A claim's stored duration (secondsToClaim, in the wish's UPDATE) is measured from each side's clock: compared as
  // present or absent, like the times it is the difference of.
  const clocked = (sql) => {
    const at = sql.indexOf('`secondsToClaim` = ?');
    return at < 0 ? -1 : (sql.slice(0, at).match(/\?/g) ?? []).length;
  };
  return statements.map((s) => {
    const at = clocked(s.sql);
    return { sql: normaliseSql(s.sql), params: (s.params ?? []).map((p, i) => (i === at && typeof p === 'number' ? '<seconds>' : param(p))) };
  });
}

/** A claim answer without its clock: claimedAt and claimDeadline are "now" and "now + 14 days" on each side. */
function timeless(body) {
  if (!body || typeof body !== 'object') return body;
  const copy = JSON.parse(JSON.stringify(body));
  for (const key of ['claimedAt', 'claimDeadline']) if (typeof copy[key] === 'string') copy[key] = '<time>';
  return copy;
}

/**
 * Same SQL, same answers: five claims one after the other on the fixtures' check wishes, first through the
 * real app in-process (Fastify inject; TypeORM's logger records every statement, the guard's principal query
 * and START TRANSACTION/COMMIT/ROLLBACK included), then, after the wishes are reset, through bareClaim with a
 * trace. Steps: member A wins W0 (posted by a resident: notifies them; has a photo), member B is refused W0
 * (taken), A wins W1 and W2, A is refused W3 (the cap of 3). Each step's status, JSON (clock aside) and
 * statement sequence (text and parameters, fresh ids and times aside) must be identical.
 */
export async function checkClaimSql({ db, logDir, fixtures, conn, cap }) {
  const wishes = fixtures.checkWishes;
  const snapshot = await snapshotWishes(conn, wishes);
  const [a, b] = [memberLogin(fixtures.members - 1), memberLogin(fixtures.members)];
  const steps = [
    { who: a, wish: 0, expect: '200' },
    { who: b, wish: 0, expect: '409 taken' },
    { who: a, wish: 1, expect: '200' },
    { who: a, wish: 2, expect: '200' },
    { who: a, wish: 3, expect: '409 cap' },
  ];
  const app = await captureApp(db, logDir);
  const ours = [];
  const tokens = {};
  try {
    for (const who of [a, b]) tokens[who] = await app.signIn(who);
    for (const step of steps) {
      const captured = await app.capture('POST', `/api/wishes/${wishes[step.wish]}/claim`, { token: tokens[step.who], body: {} });
      ours.push({ status: captured.status, body: captured.body, statements: captured.queries });
    }
  } finally {
    await app.close();
  }
  await resetWishes(conn, snapshot);

  const barePool = mysql.createPool({ ...mysqlOptions(db), connectionLimit: 2 });
  const bare = [];
  try {
    const cipher = benchCipher();
    const secret = Buffer.from(BENCH_JWT_SECRET, 'utf8');
    for (const step of steps) {
      const trace = [];
      const principal = await authenticate(barePool, `Bearer ${tokens[step.who]}`, { secret, trace });
      // The in-process app sees Fastify inject's address and user agent.
      const answer = await bareClaim(barePool, { principal, wishId: wishes[step.wish], cipher, maxOpenClaims: cap, maxDailyClaims: 1000, ip: '127.0.0.1', userAgent: 'lightMyRequest', trace });
      bare.push({ status: answer.status, body: JSON.parse(JSON.stringify(answer.body)), statements: trace });
    }
  } finally {
    await barePool.end();
  }
  await resetWishes(conn, snapshot);

  const results = steps.map((step, i) => {
    const o = comparable(ours[i].statements);
    const r = comparable(bare[i].statements);
    const firstDiff = o.findIndex((s, k) => !isDeepStrictEqual(s, r[k]));
    const diffAt = firstDiff === -1 && o.length !== r.length ? Math.min(o.length, r.length) : firstDiff;
    return {
      step: `${step.who.replace('bench-', '')} claims W${step.wish} (${step.expect})`,
      status: ours[i].status,
      bareStatus: bare[i].status,
      code: ours[i].body?.code ?? null,
      sameStatus: ours[i].status === bare[i].status,
      sameAnswer: isDeepStrictEqual(timeless(ours[i].body), timeless(bare[i].body)),
      sameSql: diffAt === -1,
      statements: o.length,
      bareStatements: r.length,
      diff: diffAt === -1 ? null : { at: diffAt + 1, ours: o[diffAt] ?? null, bare: r[diffAt] ?? null },
      ours: o.map((s) => s.sql),
      oursFull: o,
      oursBody: ours[i].body,
      bareBody: bare[i].body,
    };
  });
  const expected = ['200', '409 ALREADY_CLAIMED', '200', '200', '409 CLAIM_LIMIT_REACHED'];
  const asExpected = results.every((r, i) => `${r.status}${r.code ? ` ${r.code}` : ''}` === expected[i]);
  return { steps: results, asExpected, identical: asExpected && results.every((r) => r.sameStatus && r.sameAnswer && r.sameSql) };
}

function explainMismatch(check) {
  const lines = ['the bare claim does not run what the server runs (update bareClaim in server/bench/bare-server.mjs):'];
  for (const s of check.steps) {
    if (s.sameStatus && s.sameAnswer && s.sameSql) continue;
    lines.push(
      `  ${s.step}: server ${s.status}, bare ${s.bareStatus}; same answer ${s.sameAnswer ? 'yes' : 'NO'}; same SQL ${s.sameSql ? 'yes' : `NO (${s.statements} vs ${s.bareStatements} statements)`}`,
    );
    if (!s.sameAnswer) lines.push(`    server: ${JSON.stringify(s.oursBody)}`, `    bare:   ${JSON.stringify(s.bareBody)}`);
    if (s.diff) lines.push(`    first difference at statement ${s.diff.at}:`, `    server: ${JSON.stringify(s.diff.ours)}`, `    bare:   ${JSON.stringify(s.diff.bare)}`);
    if (s.diff && process.env.BENCH_VERBOSE === '1') lines.push(`    the server's statements:`, ...s.oursFull.map((st, i) => `    ${i + 1}. ${JSON.stringify(st)}`));
  }
  if (!check.asExpected) lines.push(`  the server answered ${check.steps.map((s) => `${s.status}${s.code ? ` ${s.code}` : ''}`).join(', ')} (expected 200, 409 taken, 200, 200, 409 cap)`);
  return lines.join('\n');
}

/** Median figures over a side's 5,000-claim runs. */
function summarise(spread) {
  const med = (key) => median(spread.map((r) => r[key]));
  return {
    runs: spread,
    ok: med('ok'),
    alreadyClaimed: med('alreadyClaimed'),
    capRefusals: med('capRefusals'),
    otherClientErrors: spread.reduce((n, r) => n + r.otherClientErrors, 0),
    serverErrors: spread.reduce((n, r) => n + r.serverErrors, 0),
    networkErrors: spread.reduce((n, r) => n + r.networkErrors, 0),
    p50: med('p50'),
    p99: med('p99'),
    throughput: round(med('throughput'), 0),
    cpuPerClaim: round(med('cpuPerClaim'), 2),
    answers: [...new Set(spread.flatMap((r) => r.answers))].sort(),
    wishesWithTwoLiveClaims: Math.max(...spread.map((r) => r.checks.wishesWithTwoLiveClaims + r.checks.duplicateLiveKeys)),
    inconsistent: spread.reduce((n, r) => n + Math.abs(r.checks.claimedWishes - r.ok) + Math.abs(r.checks.claimedWithMatchingLiveClaim - r.ok) + Math.abs(r.checks.liveClaims - r.ok), 0),
    // Every won claim also wrote its timeline entry and the contact read on record (one each).
    missingRows: spread.reduce((n, r) => n + Math.abs(r.checks.claimEvents - r.ok) + Math.abs(r.checks.contactReads - r.ok), 0),
    membersOverCap: Math.max(...spread.map((r) => r.checks.membersOverCap)),
  };
}

/**
 * instances: the server instances; bare (optional): the bare baseline's processes, measured with the same load
 * on the same wishes. runs: how many of fixtures.claimSets to use (default all).
 */
export async function benchClaims({
  instances,
  bare = null,
  db,
  fixtures,
  logDir = null,
  runs = fixtures.claimSets.length,
  hotClaimants = 200,
  claimsPerMember = 10,
  concurrency = 64,
  cap = 3,
  seed = 'bench-claims-v1',
  skipSqlCheck = false,
}) {
  const rnd = prng(seed);
  const conn = await connect(db);
  try {
    // Before any load: does the bare claim send the server's statements and answer the same? If not, its
    // figures would compare different work, so the run stops here.
    let sqlCheck = null;
    if (bare && !skipSqlCheck) {
      sqlCheck = await checkClaimSql({ db, logDir, fixtures, conn, cap });
      note(
        `bare claim: same statements as the server ${sqlCheck.steps.every((s) => s.sameSql) ? 'yes' : 'NO'}, same answers ${sqlCheck.steps.every((s) => s.sameAnswer && s.sameStatus) ? 'yes' : 'NO'} (${sqlCheck.steps.map((s) => `${s.status}: ${s.statements} statements`).join('; ')})`,
      );
      if (!sqlCheck.identical) throw new Error(explainMismatch(sqlCheck));
    }

    const tokens = await pool(
      Array.from({ length: fixtures.members }, (_, i) => i + 1),
      16,
      (i) => signIn(instances[i % instances.length].baseUrl, memberLogin(i)),
    );
    const [memberRows] = await conn.query(`SELECT m.id FROM members m JOIN users u ON u.id = m.userId WHERE u.openid LIKE 'dev-bench-member-%'`);
    const memberIds = memberRows.map((r) => r.id);

    // (a) one wish, 200 claims fired together, alternating between the instances.
    const hot = [];
    for (const [run, wishId] of fixtures.hot.entries()) {
      const claimants = Array.from({ length: hotClaimants }, (_, i) => i);
      const started = performance.now();
      const results = await Promise.all(claimants.map((i) => claim(instances[i % instances.length].baseUrl, tokens[i], wishId)));
      const wallMs = performance.now() - started;
      const checks = await verify(conn, [wishId], memberIds, cap);
      const t = tally(results);
      hot.push({ ...t, wallMs, checks });
      note(
        `200 at once, run ${run + 1}: ${t.ok} × 200, ${t.conflicts} × 409, ${t.serverErrors} × 5xx, ${t.networkErrors} network errors; p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms; live claims on the wish: ${checks.liveClaims}`,
      );
      await releaseAll(conn, memberIds);
    }

    // (b) 5,000 claims over 1,000 wishes by 500 members: each member tries 10 different wishes, in a shuffled order.
    // With the baseline: the same attempts against the server's instances and the bare processes, one after the
    // other (who goes first alternates by run), the wishes reset to the fixtures' state in between.
    const spread = [];
    const bareSpread = [];
    for (const [run, wishIds] of fixtures.claimSets.slice(0, runs).entries()) {
      const attempts = [];
      for (let m = 0; m < fixtures.members; m++) {
        const mine = new Set();
        while (mine.size < claimsPerMember) mine.add(wishIds[Math.floor(rnd.random() * wishIds.length)]);
        for (const wishId of mine) attempts.push({ m, wishId });
      }
      rnd.shuffle(attempts);
      const snapshot = bare ? await snapshotWishes(conn, wishIds) : null;
      const sides = bare ? (run % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours']) : ['ours'];
      for (const [i, side] of sides.entries()) {
        const targets = side === 'ours' ? instances : bare;
        if (i > 0) await resetWishes(conn, snapshot);
        await releaseAll(conn, memberIds);
        // CPU the side's processes used during the run (from /proc), per claim: what each spends on its own work.
        const cpu = () => targets.reduce((n, t) => n + (cpuMsOf(t.pid) ?? NaN), 0);
        // An instance stopped from outside (this machine is shared) would turn the run into connection errors.
        const gone = targets.filter((t) => cpuMsOf(t.pid) === null);
        if (gone.length) throw new Error(`claim bench: ${gone.map((t) => t.name ?? t.baseUrl).join(', ')} stopped before run ${run + 1} (${side}); see the instances' logs in ${logDir}`);
        const cpuBefore = cpu();
        const started = performance.now();
        const results = await pool(attempts, concurrency, (a, k) => claim(targets[k % targets.length].baseUrl, tokens[a.m], a.wishId));
        const wallMs = performance.now() - started;
        const cpuPerClaim = (cpu() - cpuBefore) / results.length;
        const checks = await verify(conn, wishIds, memberIds, cap);
        const t = tally(results);
        (side === 'ours' ? spread : bareSpread).push({ ...t, wallMs, throughput: (results.length / wallMs) * 1000, cpuPerClaim, checks });
        note(
          `5,000 claims, run ${run + 1}, ${side.padEnd(4)}: ${t.ok} won, ${t.alreadyClaimed} × 409 already claimed, ${t.capRefusals} × 409 cap, ${t.serverErrors} × 5xx, ${t.networkErrors} network; ` +
            `p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms; ${((results.length / wallMs) * 1000).toFixed(0)} claims/s; CPU ${cpuPerClaim.toFixed(2)} ms/claim; two live claims on a wish: ${checks.wishesWithTwoLiveClaims}; members over the cap: ${checks.membersOverCap}`,
        );
      }
      await releaseAll(conn, memberIds);
    }

    const med = (list, key) => median(list.map((r) => r[key]));
    const result = {
      parameters: {
        instances: instances.length,
        bareProcesses: bare?.length ?? 0,
        hotClaimants,
        hotRuns: fixtures.hot.length,
        members: fixtures.members,
        wishesPerRun: fixtures.claimSets[0].length,
        claimsPerMember,
        concurrency,
        cap,
      },
      hot: {
        runs: hot,
        ok: hot.map((r) => r.ok),
        conflicts: hot.map((r) => r.conflicts),
        serverErrors: hot.reduce((n, r) => n + r.serverErrors + r.networkErrors, 0),
        p50: med(hot, 'p50'),
        p99: med(hot, 'p99'),
        maxLiveClaims: Math.max(...hot.map((r) => r.checks.liveClaims)),
        pass: hot.every((r) => r.ok === 1 && r.conflicts === r.total - 1 && r.checks.liveClaims === 1 && r.checks.wishesWithTwoLiveClaims === 0),
      },
      spread: summarise(spread),
    };
    if (bare) {
      const b = summarise(bareSpread);
      const ours = result.spread;
      // Same answers under load: the same kinds of answer (status, code, message) on both sides, apart from the
      // two refusals only a close race produces (the unique index or the conditional UPDATE as referee), which
      // either side may or may not hit in a run; and the same end state (the SQL checks, on both).
      const usual = (list) => list.filter((kind) => !RACE_ONLY.some((race) => kind.startsWith(race)));
      result.bare = {
        ...b,
        sqlCheck,
        sameAnswers: isDeepStrictEqual(usual(ours.answers), usual(b.answers)),
        ratio: round(ours.throughput / b.throughput, 2),
      };
      note(
        `ours ÷ bare: ${ours.throughput} ÷ ${b.throughput} claims/s = ${result.bare.ratio}; same kinds of answer: ${result.bare.sameAnswers ? 'yes' : 'NO'} (ours ${ours.answers.join(' | ')}; bare ${b.answers.join(' | ')})`,
      );
    }
    return result;
  } finally {
    await conn.end();
  }
}
