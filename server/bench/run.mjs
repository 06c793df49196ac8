// `npm run bench` after install and build (scripts/bench.mjs): runs every part against MariaDB on this machine,
// prints a table and rewrites the generated part of docs/benchmarks.md. Options (environment):
//   BENCH_MARIADB_URL   MariaDB server, default mariadb://root:@127.0.0.1:3306
//   BENCH_QUICK=1       one run of each, shorter durations (to try the bench; the report goes to the log folder)
//   BENCH_CITY_SCALE    city size factor (default 1: 50,000 members, 1,000,000 ledger entries, 200,000 wishes)
//   BENCH_CITY_FORCE=1  regenerate the city even when the kept one matches
//   BENCH_SKIP          comma list of parts to skip: wall, claims, checkins, defaults, miniapp, city, exports (report to the log folder)
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { benchCity } from './city.mjs';
import { ensureCity } from './city/generate.mjs';
import { benchCheckins } from './checkins.mjs';
import { benchClaims } from './claims.mjs';
import { benchExports } from './exports.mjs';
import { buildBenchDatabase, FIXTURE } from './fixtures.mjs';
import { captureApp, normaliseSql } from './lib/capture.mjs';
import { BENCH_CHECKIN_KEY, BENCH_DATA_KEY, BENCH_DB, BENCH_JWT_SECRET, CITY_DB, ROOT, SERVER_DIR, databaseUrl, sleep, step, note } from './lib/common.mjs';
import { serverVersion } from './lib/db.mjs';
import { summariseHeapProfile, summariseProfile } from './lib/profile-summary.mjs';
import { freePort, SERVER_NODE_FLAGS, startServer, waitForHttp } from './lib/server.mjs';
import { firstScreen, h5Sizes, weappSizes } from './miniapp.mjs';
import { printSummary, writeReport } from './report.mjs';
import { benchWall, cannon } from './wall.mjs';
import { wall as bareWall, wallSql } from './bare-server.mjs';

const quick = process.env.BENCH_QUICK === '1';
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

/** The server's database CLI (migrate, seed) against the bench database, its output in the error when it fails. */
export function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(SERVER_DIR, 'dist/database/cli.js'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`cli ${args.join(' ')} failed: ${output}`))));
  });
}

/** A bare baseline process (bare-server.mjs) with the settings the server instances get (JWT secret, DATA_KEY). */
export async function startBare(db, logDir, name = 'bare', env = {}) {
  const port = await freePort();
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'a');
  const child = spawn(process.execPath, [path.join(SERVER_DIR, 'bench/bare-server.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH,
      BARE_PORT: String(port),
      BARE_DATABASE_URL: databaseUrl(db),
      JWT_SECRET: BENCH_JWT_SECRET,
      DATA_KEY: BENCH_DATA_KEY,
      CHECKIN_KEY: BENCH_CHECKIN_KEY,
      WISH_MAX_DAILY_CLAIMS: '1000',
      ...env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/api/health`, child);
  return {
    baseUrl,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * Under the wall load (10 connections, after 2 s of warm-up): an 8-second CPU profile (`cpu: true`), then an
 * 8-second garbage-collection and allocation window (profile-hook.cjs, SIGURG): GC pauses ÷ the process's CPU
 * time, and the bytes allocated per request from V8's sampling heap profiler.
 */
export async function profileUnderLoad(instance, url, dir, name, { cpu = true } = {}) {
  const waitFor = async (file) => {
    for (let i = 0; i < 100 && !fs.existsSync(file); i++) await sleep(100);
    return fs.existsSync(file);
  };
  await cannon(url, { connections: 10, duration: 2 });
  let profile = null;
  if (cpu) {
    process.kill(instance.pid, 'SIGWINCH');
    await cannon(url, { connections: 10, duration: quick ? 3 : 8 });
    process.kill(instance.pid, 'SIGWINCH');
    const file = path.join(dir, `${name}-1.cpuprofile`);
    if (await waitFor(file)) profile = { file, ...summariseProfile(file, 10) };
  }
  process.kill(instance.pid, 'SIGURG');
  await sleep(200);
  const load = await cannon(url, { connections: 10, duration: quick ? 3 : 8 });
  process.kill(instance.pid, 'SIGURG');
  const gcFile = path.join(dir, `${name}-1.gc.json`);
  let gc = null;
  if (await waitFor(gcFile)) {
    await sleep(200);
    const w = JSON.parse(fs.readFileSync(gcFile, 'utf8'));
    const heapFile = path.join(dir, `${name}-1.heapprofile`);
    const heap = fs.existsSync(heapFile) ? summariseHeapProfile(heapFile, 10) : null;
    gc = {
      ...w,
      rps: load.rps,
      share: w.gcMs / w.cpuMs,
      cpuPerRequestMs: w.cpuMs / w.requests,
      bytesPerRequest: w.allocatedBytes / w.requests,
      heap,
    };
  }
  return { profile, gc };
}

export const gcLine = (name, g) =>
  `${name}: GC pauses ${g.gcMs.toFixed(0)} ms of ${g.cpuMs.toFixed(0)} ms CPU (${(g.share * 100).toFixed(1)} %; ${Object.entries(g.pauses)
    .map(([k, p]) => `${p.count} × ${k} ${p.ms.toFixed(0)} ms`)
    .join(', ')}), ${(g.bytesPerRequest / 1024).toFixed(1)} KB allocated and ${g.cpuPerRequestMs.toFixed(2)} ms CPU per request over ${g.requests} requests`;

function machine(db) {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    db,
  };
}

function gitCommit() {
  try {
    // `git rev-parse` rather than reading .git/HEAD: in a worktree .git is a file pointing elsewhere.
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export async function runBench({ builds = {}, startedAt = Date.now() } = {}) {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuancheng-bench-'));
  const profileDir = path.join(logDir, 'profiles');
  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: machine(await serverVersion()),
    builds,
    quick,
    serverNodeFlags: SERVER_NODE_FLAGS,
    logDir,
    parameters: {},
  };
  const running = [];
  const stopAll = async () => {
    for (const instance of running.splice(0)) await instance.stop().catch(() => {});
  };
  try {
    step(`Bench database ${BENCH_DB}: demo city + ${FIXTURE.members} members, a ${FIXTURE.wallWishes}-wish wall, ${FIXTURE.claimRuns} × ${FIXTURE.claimWishes} wishes to claim`);
    const fixtures = await buildBenchDatabase({ runCli: (args, env) => runCli(args, env) });
    note(`rows: ${JSON.stringify(fixtures.counts)}; logs in ${logDir}`);
    const wallPath = `/api/wishes?communityId=${fixtures.wallCommunityId}&page=1&pageSize=20`;

    const a = await startServer({ name: 'server-a', db: BENCH_DB, logDir });
    running.push(a);
    const bare = await startBare(BENCH_DB, logDir);
    running.push(bare);

    if (!skip.has('wall')) {
      step('1. Wish wall: the server beside a bare node:http + mysql2 server running the same SQL');
      // Same SQL? Capture what the real server sends for the wall and compare with the baseline's statements.
      const app = await captureApp(BENCH_DB, logDir);
      let sqlCheck;
      try {
        const captured = await app.capture('GET', wallPath);
        const mysql = (await import('./lib/db.mjs')).mysql;
        const { mysqlOptions } = await import('./lib/common.mjs');
        const pool = mysql.createPool({ ...mysqlOptions(BENCH_DB), connectionLimit: 2 });
        const bareAnswer = await bareWall(pool, fixtures.wallCommunityId, 1, 20);
        await pool.end();
        const expected = [wallSql.page(fixtures.wallCommunityId, 1, 20)];
        const serverSql = captured.queries.map((q) => normaliseSql(q.sql));
        const bareSql = expected.map(([sql]) => normaliseSql(sql));
        sqlCheck = {
          identicalSql: serverSql.length === bareSql.length && serverSql.every((sql) => bareSql.includes(sql)),
          identicalAnswer: isDeepStrictEqual(bareAnswer, captured.body),
          serverSql,
          bareSql,
        };
      } finally {
        await app.close();
      }
      note(`same SQL as the server: ${sqlCheck.identicalSql ? 'yes' : 'NO'}; same JSON answer: ${sqlCheck.identicalAnswer ? 'yes' : 'NO'}`);
      const params = { connections: [10, 50], runs: quick ? 1 : 3, duration: quick ? 4 : 10, warmup: quick ? 1 : 3 };
      const results = await benchWall({ targets: { ours: a.baseUrl, bare: bare.baseUrl }, urlPath: wallPath, ...params });
      report.wall = { path: '/api/wishes?communityId=<康都社区>&page=1&pageSize=20', total: null, params, results, sqlCheck, memoryAfter: a.memory() };
      report.wall.total = (await (await fetch(a.baseUrl + wallPath)).json()).total;

      step('   CPU profiles under the wall load (10 connections)');
      const profiled = await startServer({
        name: 'server-profiled',
        db: BENCH_DB,
        logDir,
        env: { NODE_OPTIONS: `-r ${path.join(SERVER_DIR, 'bench/lib/profile-hook.cjs')}`, BENCH_CPU_PROFILE_DIR: profileDir, BENCH_CPU_PROFILE_NAME: 'server' },
      });
      running.push(profiled);
      const measured = await profileUnderLoad(profiled, profiled.baseUrl + wallPath, profileDir, 'server');
      await profiled.stop();
      report.wall.profile = measured.profile;
      report.wall.gc = measured.gc;
      if (report.wall.profile)
        note(
          `server CPU by package: ${report.wall.profile.byPackage
            .slice(0, 6)
            .map((p) => `${p.name} ${p.percent}%`)
            .join(', ')}`,
        );
      // The same window on a bare baseline process with the hook: what the same answer costs without the stack.
      const bareProfiled = await startBare(BENCH_DB, logDir, 'bare-profiled', {
        NODE_OPTIONS: `-r ${path.join(SERVER_DIR, 'bench/lib/profile-hook.cjs')}`,
        BENCH_CPU_PROFILE_DIR: profileDir,
        BENCH_CPU_PROFILE_NAME: 'bare',
      });
      running.push(bareProfiled);
      report.wall.bareGc = (await profileUnderLoad(bareProfiled, bareProfiled.baseUrl + wallPath, profileDir, 'bare', { cpu: false })).gc;
      await bareProfiled.stop();
      if (report.wall.gc) note(gcLine('server', report.wall.gc));
      if (report.wall.bareGc) note(gcLine('bare', report.wall.bareGc));
    }

    if (!skip.has('claims')) {
      step('2. Claim contention across two instances sharing the database, beside two bare node:http + mysql2 processes running the same claim');
      const b = await startServer({ name: 'server-b', db: BENCH_DB, logDir });
      running.push(b);
      // Two bare processes for two instances: the same shape (two event loops, two pools of 10 connections, the
      // load alternating between them), so the ratio compares the claim's work and not the topology.
      const bareB = await startBare(BENCH_DB, logDir, 'bare-b');
      running.push(bareB);
      report.claims = await benchClaims({ instances: [a, b], bare: [bare, bareB], db: BENCH_DB, fixtures, logDir, runs: quick ? 1 : undefined, concurrency: 64 });
      report.memory = { a: { afterWall: report.wall?.memoryAfter ?? null, peak: a.memory() }, b: { peak: b.memory() } };
      await b.stop();
      await bareB.stop();
    } else if (report.wall) {
      report.memory = { a: { afterWall: report.wall.memoryAfter, peak: a.memory() } };
    }

    if (!skip.has('checkins')) {
      step('6. Activities: 500 check-ins to one activity across two instances, beside bare processes with and without the audit chain entry; 100 sign-ups for 20 places');
      const b = await startServer({ name: 'server-b2', db: BENCH_DB, logDir });
      running.push(b);
      const bareB = await startBare(BENCH_DB, logDir, 'bare-b2');
      running.push(bareB);
      const plain = [await startBare(BENCH_DB, logDir, 'bare-noaudit-a', { BARE_AUDIT: '0' }), await startBare(BENCH_DB, logDir, 'bare-noaudit-b', { BARE_AUDIT: '0' })];
      running.push(...plain);
      report.checkins = await benchCheckins({ instances: [a, b], bare: [bare, bareB], bareNoAudit: plain, db: BENCH_DB, logDir, runs: quick ? 1 : 3, signupRuns: quick ? 1 : 3 });
      await b.stop();
      await bareB.stop();
      for (const p of plain) await p.stop();
    }
    await a.stop();
    await bare.stop();

    if (!skip.has('defaults')) {
      // Part 5's comparison: the same loads on instances with Node's default heap limits, and the wall on a
      // flagged instance alternating with a default one, so the flags' cost in throughput is seen side by side.
      step(`5. Server memory and throughput: the heap flags (${SERVER_NODE_FLAGS.join(' ')}) beside Node's defaults`);
      const flagged = await startServer({ name: 'flagged', db: BENCH_DB, logDir });
      running.push(flagged);
      const defaultsA = await startServer({ name: 'defaults-a', db: BENCH_DB, logDir, nodeFlags: [] });
      running.push(defaultsA);
      const defaultsB = await startServer({ name: 'defaults-b', db: BENCH_DB, logDir, nodeFlags: [] });
      running.push(defaultsB);
      const wall = await benchWall({
        targets: { flagged: flagged.baseUrl, defaults: defaultsA.baseUrl },
        urlPath: wallPath,
        connections: [10, 50],
        runs: quick ? 1 : 2,
        duration: quick ? 4 : 10,
        warmup: quick ? 1 : 3,
      });
      await flagged.stop();
      const claims = await benchClaims({ instances: [defaultsA, defaultsB], db: BENCH_DB, fixtures: { ...fixtures, hot: fixtures.spare.hot, claimSets: fixtures.spare.claimSets }, concurrency: 64 });
      report.nodeDefaults = { flags: SERVER_NODE_FLAGS, wall, claims: { hot: claims.hot, spread: claims.spread }, memory: { a: defaultsA.memory(), b: defaultsB.memory() } };
      await defaultsA.stop();
      await defaultsB.stop();
    }

    if (!skip.has('miniapp')) {
      step('4. Mini-program: weapp package sizes, first wish card on the H5 build');
      report.miniapp = { weapp: weappSizes(), h5: h5Sizes() };
      const h5 = await startServer({ name: 'server-h5', db: BENCH_DB, logDir, h5Dir: path.join(ROOT, 'miniapp/dist/h5') });
      running.push(h5);
      // A running server is warm: serve the page's two API calls a few times before the browser comes.
      await cannon(`${h5.baseUrl}/api/communities/${fixtures.wallCommunityCode}`, { connections: 2, duration: 2 });
      await cannon(`${h5.baseUrl}/api/wishes?communityCode=${fixtures.wallCommunityCode}&page=1&pageSize=20`, { connections: 2, duration: 2 });
      const url = `${h5.baseUrl}/#/pages/community/index?code=${fixtures.wallCommunityCode}`;
      report.miniapp.firstScreen = await firstScreen({ url, runs: quick ? 3 : 7 });
      report.miniapp.url = '/#/pages/community/index?code=KDSQ01';
      await h5.stop();
    }

    if (!skip.has('city')) {
      const scale = Number(process.env.BENCH_CITY_SCALE ?? 1);
      step(`3. City scale (${CITY_DB}, scale ${scale})`);
      const city = await ensureCity({ db: CITY_DB, scale, force: process.env.BENCH_CITY_FORCE === '1', log: note });
      note(city.reused ? `kept from an earlier run (${city.key}, anchored ${city.anchor})` : `generated in ${(city.ms / 1000).toFixed(0)} s (${city.key})`);
      const server = await startServer({ name: 'server-city', db: CITY_DB, logDir });
      running.push(server);
      const measured = await benchCity({ db: CITY_DB, server, logDir, rounds: quick ? 1 : 3, perRound: quick ? 15 : 40 });
      report.city = { ...city, ...measured, scale };
      await server.stop();
    }

    if (!skip.has('exports')) report.exports = await benchExports({ logDir, quick });
  } finally {
    await stopAll();
  }
  report.durationS = Math.round((Date.now() - startedAt) / 1000);
  printSummary(report);
  // Only a full run replaces the figures in docs/benchmarks.md; a quick or partial one writes beside its logs.
  const partial = quick || skip.size > 0;
  const file = writeReport(report, partial ? path.join(logDir, 'benchmarks.md') : undefined);
  console.log(`\nWrote ${path.relative(ROOT, file)} (bench took ${Math.floor(report.durationS / 60)} min ${report.durationS % 60} s)`);
  fs.writeFileSync(path.join(logDir, 'report.json'), JSON.stringify(report, null, 2));
  return report;
}
