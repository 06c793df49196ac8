// Part 2: claim contention. (a) 200 members claim one wish at the same moment, across two server instances
// sharing the database: exactly one 200, the rest 409, no 5xx. (b) 5,000 claims over 1,000 wishes by 500
// members against both instances. Afterwards SQL checks that no wish has two live claims and that the wishes
// and their live claims agree. The claim cap (WISH_MAX_OPEN_CLAIMS, default 3) stays on: refusals for it are
// 409 CLAIM_LIMIT_REACHED and are counted apart from "already claimed".
import { median, note, percentile, pool, prng, round } from './lib/common.mjs';
import { connect } from './lib/db.mjs';
import { memberLogin } from './fixtures.mjs';
import { signIn } from './lib/server.mjs';

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
    if (response.status !== 200) {
      try {
        code = JSON.parse(text).code ?? null;
      } catch {
        code = null;
      }
    }
    return { status: response.status, code, ms: performance.now() - start };
  } catch (error) {
    return { status: 0, code: error.cause?.code ?? error.message, ms: performance.now() - start };
  }
}

function tally(results) {
  const count = (fn) => results.filter(fn).length;
  const byCode = {};
  for (const r of results.filter((r) => r.status !== 200)) {
    const key = `${r.status}${r.code ? ` ${r.code}` : ''}`;
    byCode[key] = (byCode[key] ?? 0) + 1;
  }
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
    byCode,
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
  return {
    wishesWithTwoLiveClaims: Number(doubleLive.n),
    duplicateLiveKeys: Number(duplicateLiveKey.n),
    liveClaims: Number(liveClaims.n),
    claimedWishes: Number(claimedWishes.n),
    claimedWithMatchingLiveClaim: Number(consistent.n),
    membersOverCap: Number(overCap.n),
  };
}

/** Ends the bench members' live claims in SQL so the next run starts with nobody at the cap (the wishes stay claimed). */
async function releaseAll(conn, memberIds) {
  await conn.query(
    `UPDATE wish_claims SET liveWishId = NULL, status = 'released', endedAt = UTC_TIMESTAMP(3), endReason = 'bench: reset between runs' WHERE liveWishId IS NOT NULL AND memberId IN (${placeholders(memberIds)})`,
    memberIds,
  );
}

export async function benchClaims({ instances, db, fixtures, hotClaimants = 200, claimsPerMember = 10, concurrency = 64, cap = 3, seed = 'bench-claims-v1' }) {
  const rnd = prng(seed);
  const conn = await connect(db);
  try {
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
    const spread = [];
    for (const [run, wishIds] of fixtures.claimSets.entries()) {
      const attempts = [];
      for (let m = 0; m < fixtures.members; m++) {
        const mine = new Set();
        while (mine.size < claimsPerMember) mine.add(wishIds[Math.floor(rnd.random() * wishIds.length)]);
        for (const wishId of mine) attempts.push({ m, wishId });
      }
      rnd.shuffle(attempts);
      const started = performance.now();
      const results = await pool(attempts, concurrency, (a, i) => claim(instances[i % instances.length].baseUrl, tokens[a.m], a.wishId));
      const wallMs = performance.now() - started;
      const checks = await verify(conn, wishIds, memberIds, cap);
      const t = tally(results);
      spread.push({ ...t, wallMs, throughput: (results.length / wallMs) * 1000, checks });
      note(
        `5,000 claims, run ${run + 1}: ${t.ok} won, ${t.alreadyClaimed} × 409 already claimed, ${t.capRefusals} × 409 cap, ${t.serverErrors} × 5xx, ${t.networkErrors} network; ` +
          `p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms; ${((results.length / wallMs) * 1000).toFixed(0)} claims/s; two live claims on a wish: ${checks.wishesWithTwoLiveClaims}; members over the cap: ${checks.membersOverCap}`,
      );
      await releaseAll(conn, memberIds);
    }

    const med = (list, key) => median(list.map((r) => r[key]));
    return {
      parameters: { instances: instances.length, hotClaimants, hotRuns: fixtures.hot.length, members: fixtures.members, wishesPerRun: fixtures.claimSets[0].length, claimsPerMember, concurrency, cap },
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
      spread: {
        runs: spread,
        ok: med(spread, 'ok'),
        alreadyClaimed: med(spread, 'alreadyClaimed'),
        capRefusals: med(spread, 'capRefusals'),
        otherClientErrors: spread.reduce((n, r) => n + r.otherClientErrors, 0),
        serverErrors: spread.reduce((n, r) => n + r.serverErrors, 0),
        networkErrors: spread.reduce((n, r) => n + r.networkErrors, 0),
        p50: med(spread, 'p50'),
        p99: med(spread, 'p99'),
        throughput: round(med(spread, 'throughput'), 0),
        wishesWithTwoLiveClaims: Math.max(...spread.map((r) => r.checks.wishesWithTwoLiveClaims + r.checks.duplicateLiveKeys)),
        inconsistent: spread.reduce((n, r) => n + Math.abs(r.checks.claimedWishes - r.ok) + Math.abs(r.checks.claimedWithMatchingLiveClaim - r.ok) + Math.abs(r.checks.liveClaims - r.ok), 0),
        membersOverCap: Math.max(...spread.map((r) => r.checks.membersOverCap)),
      },
    };
  } finally {
    await conn.end();
  }
}
