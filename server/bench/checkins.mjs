// Part 6: activities. (a) 500 members who signed up check in to one activity within 10 s, across the two server
// instances sharing the database, beside two bare node:http + mysql2 processes running the same checks and the
// same writes (bare-server.mjs bareCheckin), and beside two bare processes with the audit entry left out
// (BARE_AUDIT=0): every write route of the server appends to the audit hash chain under a lock on its head row,
// which the server cannot switch off, so the third side shows what that lock costs. Each side checks in to its
// own activity with its own 500 sign-ups; afterwards SQL counts exactly 500 check-ins per activity, one per
// member, each with its timeline row (and its audit entry, on the audited sides), and the chain without a gap.
// (b) 100 members sign up at the same moment for 20 places: exactly 20 win, the activity's count and its live
// attendances agree.
import { checkinSignature, checkinSql } from './bare-server.mjs';
import { memberLogin } from './fixtures.mjs';
import { captureApp, normaliseSql } from './lib/capture.mjs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BENCH_CHECKIN_KEY, BENCH_DATA_KEY, ROOT, SERVER_DIR, countByCode, databaseUrl, median, note, percentile, pool, prng, round } from './lib/common.mjs';
import { connect, insertRows } from './lib/db.mjs';
import { cpuMsOf, signIn } from './lib/server.mjs';

const MINUTE = 60_000;
const KEY = Buffer.from(BENCH_CHECKIN_KEY, 'hex');

/** The code the organiser's phone shows now (CheckinTokens.issue). */
export function currentToken(activityId, at = new Date()) {
  const window = Math.floor(at.getTime() / 30_000);
  return `${activityId}.${window}.${checkinSignature(KEY, activityId, window).toString('base64url')}`;
}

async function post(baseUrl, token, path, body) {
  const start = performance.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let code = null;
    if (response.status !== 200) {
      try {
        ({ code = null } = JSON.parse(text));
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
  const latencies = results.map((r) => r.ms);
  return {
    total: results.length,
    ok: results.filter((r) => r.status === 200).length,
    conflicts: results.filter((r) => r.status === 409).length,
    serverErrors: results.filter((r) => r.status >= 500).length,
    networkErrors: results.filter((r) => r.status === 0).length,
    byCode: countByCode(results),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Activities written as ActivitiesService.publish would, with `signedUp` bench members signed up (as signup writes them). */
async function addActivities(conn, { rnd, count, capacity, signedUp, memberIds, now, title }) {
  const [[community]] = await conn.query("SELECT id, path, name, lat, lng, checkinRadiusM FROM regions WHERE level = 'community' AND code = 'KDSQ01'");
  const [[staff]] = await conn.query("SELECT id FROM users WHERE openid = 'dev-staff'");
  const streetId = community.path.split('/').filter(Boolean).at(-2);
  const place = { lat: Number(community.lat ?? 30.6), lng: Number(community.lng ?? 104.06), radiusM: Number(community.checkinRadiusM ?? 300) };
  const activities = [];
  const attendances = [];
  for (let i = 0; i < count; i++) {
    const id = rnd.uuid();
    activities.push({
      id,
      communityId: community.id,
      streetId,
      title: `${title} ${i + 1}`.slice(0, 40),
      type: '环境整治',
      description: '压测：同一活动的集中签到',
      placeName: `${community.name}党群服务中心`,
      lat: place.lat,
      lng: place.lng,
      radiusM: place.radiusM,
      startAt: new Date(now.getTime() - 10 * MINUTE),
      endAt: new Date(now.getTime() + 3 * 60 * MINUTE),
      signupDeadline: new Date(now.getTime() + 2 * 60 * MINUTE),
      capacity,
      taken: signedUp,
      walkInsAllowed: 0,
      status: 'published',
      organiserUserId: staff.id,
      organiserName: community.name,
      createdAt: new Date(now.getTime() - 3 * 24 * 60 * MINUTE),
      updatedAt: new Date(now.getTime() - 3 * 24 * 60 * MINUTE),
    });
    for (const memberId of memberIds.slice(0, signedUp)) {
      const at = new Date(now.getTime() - rnd.int(1, 48 * 60) * MINUTE);
      attendances.push({ id: rnd.uuid(), activityId: id, memberId, status: 'signed_up', walkIn: 0, signedUpAt: at, createdAt: at, updatedAt: at });
    }
  }
  await insertRows(conn, 'activities', Object.keys(activities[0]), activities);
  if (attendances.length) await insertRows(conn, 'activity_attendances', Object.keys(attendances[0]), attendances);
  return { ids: activities.map((a) => a.id), place };
}

/** A fix within `spread` metres of the place, with a phone's usual accuracy. */
function fixNear(rnd, place, spread = 40) {
  const angle = rnd.random() * 2 * Math.PI;
  const metres = rnd.random() * spread;
  return {
    lat: place.lat + (metres * Math.cos(angle)) / 111_320,
    lng: place.lng + (metres * Math.sin(angle)) / (111_320 * Math.cos((place.lat * Math.PI) / 180)),
    accuracy: rnd.int(8, 35),
  };
}

const placeholders = (list) => list.map(() => '?').join(', ');

async function verifyCheckins(conn, activityId, memberIds, audited) {
  const [[row]] = await conn.query(
    `SELECT COUNT(*) AS checkedIn, COUNT(DISTINCT memberId) AS members, SUM(checkinDistanceM IS NULL) AS noFix FROM activity_attendances WHERE activityId = ? AND status = 'checked_in' AND memberId IN (${placeholders(memberIds)})`,
    [activityId, ...memberIds],
  );
  const [[events]] = await conn.query(
    "SELECT COUNT(*) AS n FROM timeline_events t JOIN activity_attendances a ON a.id = t.subjectId WHERE t.subjectType = 'attendance' AND t.action = 'checkin' AND a.activityId = ?",
    [activityId],
  );
  const [[audits]] = await conn.query("SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'activities.checkin' AND subjectId = ? AND result = 'ok'", [activityId]);
  return { checkedIn: Number(row.checkedIn), members: Number(row.members), withoutFix: Number(row.noFix ?? 0), timelineRows: Number(events.n), auditEntries: audited ? Number(audits.n) : null };
}

const headSeq = async (conn) => Number((await conn.query('SELECT seq FROM audit_chain_heads WHERE id = 1'))[0][0]?.seq ?? 0);

/**
 * The hash chain over this part's entries (after `since`, the head's seq when it began; part 2 deletes the
 * contact reads it wrote when it resets its wishes, so the chain before is not whole): one entry per seq up to
 * the head's, no gap, no duplicate, each linked to the one before it.
 */
async function chainIntact(conn, since) {
  const [[logs]] = await conn.query('SELECT COUNT(*) AS n, COUNT(DISTINCT seq) AS seqs, MAX(seq) AS last FROM audit_logs WHERE seq > ?', [since]);
  const [[links]] = await conn.query('SELECT COUNT(*) AS n FROM audit_logs a JOIN audit_logs b ON b.seq = a.seq + 1 WHERE a.seq >= ? AND b.prevHash = a.hash', [since]);
  const head = await headSeq(conn);
  const n = Number(logs.n);
  return { since, entries: n, head, intact: n === Number(logs.seqs) && Number(logs.last) === head && head - since === n && Number(links.n) === (since > 0 ? n : n - 1) };
}

/**
 * The statements of one check-in: the real app's (in-process, TypeORM's logger) and the bare baseline's, for the
 * report: the bare one is hand-written to the same checks and writes, not proven statement by statement.
 */
async function statementsOfOneCheckin({ db, logDir, conn, rnd, memberIds, now }) {
  const { ids, place } = await addActivities(conn, { rnd, count: 1, capacity: 10, signedUp: 1, memberIds, now, title: '压测签到（语句记录）' });
  const app = await captureApp(db, logDir);
  try {
    const token = await app.signIn(memberLogin(1));
    const captured = await app.capture('POST', `/api/activities/${ids[0]}/checkin`, { token, body: { token: currentToken(ids[0]), ...fixNear(rnd, place) } });
    return { status: captured.status, statements: captured.queries.map((q) => normaliseSql(q.sql)) };
  } finally {
    await app.close();
  }
}

const SIDES = {
  ours: 'the server (2 instances)',
  bare: 'bare node:http + mysql2 (2 processes), audit entry under the chain lock as the server writes it',
  bareNoAudit: 'bare, without the audit entry (BARE_AUDIT=0)',
};

/**
 * instances: the server's two instances; bare, bareNoAudit: two bare processes each. members: how many check in
 * (all of the fixtures' members by default). runs: rounds of the three sides, who goes first rotating by round.
 */
export async function benchCheckins({ instances, bare, bareNoAudit, db, logDir, runs = 3, concurrency = 64, signupRuns = 3, seed = 'bench-checkins-v1' }) {
  const rnd = prng(seed);
  const conn = await connect(db);
  try {
    const now = new Date();
    const chainSince = await headSeq(conn);
    const [memberRows] = await conn.query(`SELECT m.id, u.openid FROM members m JOIN users u ON u.id = m.userId WHERE u.openid LIKE 'dev-bench-member-%' ORDER BY u.openid`);
    const memberIds = memberRows.map((r) => r.id);
    const members = memberIds.length;
    const capture = await statementsOfOneCheckin({ db, logDir, conn, rnd, memberIds: memberIds.slice(0, 1), now });
    note(`one check-in through the app: ${capture.status}, ${capture.statements.length} statements (bare: ${Object.keys(checkinSql).length - 1} kinds, see bare-server.mjs)`);

    const sides = { ours: instances, bare, bareNoAudit };
    const order = Object.keys(sides);
    const { ids, place } = await addActivities(conn, { rnd, count: runs * order.length, capacity: members + 100, signedUp: members, memberIds, now, title: '压测签到' });
    const tokens = await pool(
      Array.from({ length: members }, (_, i) => i + 1),
      16,
      (i) => signIn(instances[i % instances.length].baseUrl, memberLogin(i)),
    );
    const perSide = { ours: [], bare: [], bareNoAudit: [] };
    for (let run = 0; run < runs; run++) {
      const rotated = order.map((_, k) => order[(k + run) % order.length]);
      for (const [k, side] of rotated.entries()) {
        const targets = sides[side];
        const activityId = ids[run * order.length + k];
        const who = rnd.shuffle(Array.from({ length: members }, (_, i) => i));
        const fixes = who.map(() => fixNear(rnd, place));
        const cpu = () => targets.reduce((n, t) => n + (cpuMsOf(t.pid) ?? NaN), 0);
        const cpuBefore = cpu();
        const started = performance.now();
        // The code as the organiser's phone shows it at the moment each member scans (it rotates every 30 s).
        const results = await pool(who, concurrency, (m, i) =>
          post(targets[i % targets.length].baseUrl, tokens[m], `/api/activities/${activityId}/checkin`, { token: currentToken(activityId), ...fixes[i] }),
        );
        const wallMs = performance.now() - started;
        const cpuPerCheckin = (cpu() - cpuBefore) / results.length;
        const checks = await verifyCheckins(conn, activityId, memberIds, side !== 'bareNoAudit');
        const t = tally(results);
        const throughput = (results.length / wallMs) * 1000;
        perSide[side].push({ ...t, wallMs, throughput, cpuPerCheckin, checks });
        note(
          `${members} check-ins, run ${run + 1}, ${side.padEnd(11)}: ${t.ok} × 200, ${t.serverErrors} × 5xx, ${t.networkErrors} network, others ${JSON.stringify(t.byCode)}; in ${(wallMs / 1000).toFixed(2)} s; ` +
            `p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms; ${throughput.toFixed(0)} check-ins/s; CPU ${cpuPerCheckin.toFixed(2)} ms/check-in; SQL: ${checks.checkedIn} checked in (${checks.members} members), ${checks.timelineRows} timeline rows${checks.auditEntries === null ? '' : `, ${checks.auditEntries} audit entries`}`,
        );
      }
    }
    const summarise = (list) => ({
      runs: list,
      ok: list.map((r) => r.ok),
      recorded: list.map((r) => r.checks.checkedIn),
      serverErrors: list.reduce((n, r) => n + r.serverErrors + r.networkErrors, 0),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      wallMs: median(list.map((r) => r.wallMs)),
      maxWallMs: Math.max(...list.map((r) => r.wallMs)),
      throughput: round(median(list.map((r) => r.throughput)), 0),
      cpuPerCheckin: round(median(list.map((r) => r.cpuPerCheckin)), 2),
      exact: list.every(
        (r) =>
          r.ok === members &&
          r.checks.checkedIn === members &&
          r.checks.members === members &&
          r.checks.timelineRows === members &&
          (r.checks.auditEntries === null || r.checks.auditEntries === members),
      ),
    });
    const result = { parameters: { members, runs, concurrency, instances: instances.length, bareProcesses: bare.length }, sides: SIDES, capture };
    for (const side of order) result[side] = summarise(perSide[side]);
    result.ratio = round(result.ours.throughput / result.bare.throughput, 2);
    result.auditShare = round(1 - result.bare.throughput / result.bareNoAudit.throughput, 2);
    // Entries are written pending and linked by a job (off in the bench's instances): link them now, as it would.
    execFileSync(process.execPath, [path.join(SERVER_DIR, 'dist/database/cli.js'), 'audit-link'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl(db), DATA_KEY: BENCH_DATA_KEY, WECHAT_MODE: 'dev', LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    result.chain = await chainIntact(conn, chainSince);
    note(
      `check-ins ours ÷ bare: ${result.ours.throughput} ÷ ${result.bare.throughput} /s = ${result.ratio}; bare without the audit entry ${result.bareNoAudit.throughput} /s (bare with ÷ without the chain's entry: ${result.bare.throughput} ÷ ${result.bareNoAudit.throughput}); chain intact: ${result.chain.intact ? 'yes' : 'NO'} (${result.chain.entries} entries of this part)`,
    );

    // (b) 100 members sign up at once for 20 places, alternating between the instances.
    const signups = [];
    const { ids: signupIds } = await addActivities(conn, { rnd, count: signupRuns, capacity: 20, signedUp: 0, memberIds, now, title: '压测报名（20 个名额）' });
    for (const [run, activityId] of signupIds.entries()) {
      const who = rnd.shuffle(Array.from({ length: members }, (_, i) => i)).slice(0, 100);
      const results = await Promise.all(who.map((m, i) => post(instances[i % instances.length].baseUrl, tokens[m], `/api/activities/${activityId}/signup`, {})));
      const [[row]] = await conn.query(
        "SELECT a.taken, (SELECT COUNT(*) FROM activity_attendances t WHERE t.activityId = a.id AND t.status IN ('signed_up', 'checked_in', 'checked_out')) AS live FROM activities a WHERE a.id = ?",
        [activityId],
      );
      const t = tally(results);
      signups.push({ ...t, taken: Number(row.taken), live: Number(row.live) });
      note(
        `100 sign-ups for 20 places, run ${run + 1}: ${t.ok} × 200, ${t.conflicts} × 409 (${JSON.stringify(t.byCode)}), ${t.serverErrors} × 5xx; p50 ${t.p50.toFixed(1)} ms, p99 ${t.p99.toFixed(1)} ms; SQL: taken ${row.taken}, live sign-ups ${row.live}`,
      );
    }
    result.signups = {
      runs: signups,
      ok: signups.map((r) => r.ok),
      p50: median(signups.map((r) => r.p50)),
      p99: median(signups.map((r) => r.p99)),
      serverErrors: signups.reduce((n, r) => n + r.serverErrors + r.networkErrors, 0),
      pass: signups.every((r) => r.ok === 20 && r.conflicts === 80 && r.taken === 20 && r.live === 20),
    };
    return result;
  } finally {
    await conn.end();
  }
}
