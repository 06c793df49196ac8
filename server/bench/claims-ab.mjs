// Part 2 alone as an A/B: the 5,000-claim run (ours vs the bare processes) for two builds of the server side by
// side, alternating, on one bench database: `main` = a copy of another build's dist in server/node_modules/.dist-main
// (node_modules so its requires resolve and lint skips it), `branch` = server/dist. Prints one JSON line per run
// (claims/s, p50/p99, CPU ms per claim, the load average before and after).
//   BENCH_DB=NAME_bench AB_BUILD=1 (rebuild the database) AB_VARIANTS=main,branch AB_ROUNDS=2 AB_PROFILE=1 (one
//   more run each with the V8 CPU profiler on both instances) node server/bench/claims-ab.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchClaims, snapshotWishes, resetWishes } from './claims.mjs';
import { buildBenchDatabase } from './fixtures.mjs';
import { BENCH_DB, SERVER_DIR } from './lib/common.mjs';
import { connect } from './lib/db.mjs';
import { startServer } from './lib/server.mjs';
import { runCli, startBare } from './run.mjs';
import { summariseProfile } from './lib/profile-summary.mjs';

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nuancheng-claims-ab-'));
console.log('logs', logDir, 'db', BENCH_DB);
const fixturesFile = path.join(os.tmpdir(), `nuancheng-claims-ab-${BENCH_DB}.json`);
let fixtures;
if (process.env.AB_BUILD === '1' || !fs.existsSync(fixturesFile)) {
  fixtures = await buildBenchDatabase({ runCli });
  fs.writeFileSync(fixturesFile, JSON.stringify(fixtures));
} else fixtures = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));

const variants = (process.env.AB_VARIANTS ?? 'main,branch').split(',');
const profileDir = path.join(logDir, 'profiles');
const hook = path.join(SERVER_DIR, 'bench/lib/profile-hook.cjs');
const running = [];
const inst = {};
try {
  for (const v of variants) {
    const entry = v === 'main' ? 'server/node_modules/.dist-main/main.js' : 'server/dist/main.js';
    inst[v] = [];
    for (const s of ['a', 'b']) {
      const i = await startServer({ name: `${v}-${s}`, db: BENCH_DB, logDir, entry, env: { NODE_OPTIONS: `-r ${hook}`, BENCH_CPU_PROFILE_DIR: profileDir, BENCH_CPU_PROFILE_NAME: `${v}-${s}` } });
      running.push(i);
      inst[v].push(i);
    }
  }
  const bare = [await startBare(BENCH_DB, logDir, 'bare-a'), await startBare(BENCH_DB, logDir, 'bare-b')];
  running.push(...bare);
  const conn = await connect(BENCH_DB);
  const rounds = Number(process.env.AB_ROUNDS ?? 2);
  const sets = fixtures.claimSets.concat(fixtures.spare.claimSets);
  const out = [];
  const plan = [];
  for (let r = 0; r < rounds; r++) for (const v of r % 2 ? [...variants].reverse() : variants) plan.push({ v, profile: false });
  if (process.env.AB_PROFILE === '1') for (const v of variants) plan.push({ v, profile: true });
  let checked = false;
  for (const [k, { v, profile }] of plan.entries()) {
    const set = sets[k % sets.length];
    const snap = await snapshotWishes(conn, set);
    const load = fs.readFileSync('/proc/loadavg', 'utf8').trim();
    if (profile) for (const i of inst[v]) process.kill(i.pid, 'SIGWINCH');
    const res = await benchClaims({
      instances: inst[v],
      bare,
      db: BENCH_DB,
      fixtures: { ...fixtures, hot: [], claimSets: [set] },
      logDir,
      runs: 1,
      concurrency: 64,
      skipSqlCheck: v === 'main' || checked,
    });
    if (v !== 'main') checked = true;
    if (profile) for (const i of inst[v]) process.kill(i.pid, 'SIGWINCH');
    await resetWishes(conn, snap);
    const loadAfter = fs.readFileSync('/proc/loadavg', 'utf8').trim();
    const row = {
      v,
      profile,
      load,
      loadAfter,
      ours: { tput: res.spread.throughput, p50: res.spread.p50, p99: res.spread.p99, cpu: res.spread.cpuPerClaim, ok: res.spread.ok, err: res.spread.serverErrors + res.spread.networkErrors },
      bare: { tput: res.bare.throughput, p50: res.bare.p50, p99: res.bare.p99, cpu: res.bare.cpuPerClaim },
      ratio: res.bare.ratio,
      sameAnswers: res.bare.sameAnswers,
    };
    console.log(JSON.stringify(row));
    out.push(row);
  }
  await conn.end();
  fs.writeFileSync(path.join(logDir, 'ab.json'), JSON.stringify(out, null, 2));
  if (process.env.AB_PROFILE === '1') {
    await new Promise((r) => setTimeout(r, 2000));
    for (const f of fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
      const s = summariseProfile(path.join(profileDir, f), 25);
      fs.writeFileSync(path.join(profileDir, f + '.summary.json'), JSON.stringify(s, null, 2));
      console.log(f, JSON.stringify(s.byPackage?.slice(0, 10)));
    }
  }
} finally {
  for (const i of running) await i.stop().catch(() => {});
}
