#!/usr/bin/env node
// `npm run test:faults`: the heavier fault injections (server/test/faults: kill -9 of a server process under load,
// restart, invariants checked in SQL) against MariaDB, on the built server, then the full-size hostile-input fuzzing
// (server/test/hostile-input.int-spec.ts, its generated bodies only: FUZZ_RUNS=1000 per write route on SQLite, in two
// shards side by side, one per core). .ci/run calls it after `npm test`.
// Ends with one line: "N passed, N failed; fuzzing: R write routes × 1000 = N requests, statuses …".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin, buildShared, ensureInstalled, jestCounts, log, mustRun, ROOT, run } from './lib.mjs';

await ensureInstalled();
log('Building shared contracts and the server');
await buildShared();
await mustRun(bin('server', 'tsc'), ['-p', 'server/tsconfig.build.json']);

log('Fault tests on MariaDB (kill -9 under load)');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nuancheng-faults-')), 'faults.json');
const code = await run(bin('server', 'jest'), ['--selectProjects', 'faults', '--runInBand', '--json', `--outputFile=${out}`], {
  cwd: path.join(ROOT, 'server'),
  env: { TEST_DB: 'mariadb' },
});
let passed = 0;
let failed = 0;
const count = (file, exitCode) => {
  const counts = jestCounts(file, exitCode);
  passed += counts.passed;
  failed += counts.failed;
};
count(out, code);

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SHARDS = 2;
log(`Hostile input on SQLite: ${FUZZ_RUNS} generated bodies per write route (${SHARDS} shards side by side)`);
const dir = path.dirname(out);
const started = Date.now();
const codes = await Promise.all(
  Array.from({ length: SHARDS }, (_, i) =>
    run(bin('server', 'jest'), ['test/hostile-input.int-spec.ts', '--selectProjects', 'integration', '-t', 'generated bodies', '--json', `--outputFile=${dir}/fuzz-${i + 1}.json`], {
      cwd: path.join(ROOT, 'server'),
      env: { TEST_DB: 'sqlite', FUZZ_RUNS: String(FUZZ_RUNS), FUZZ_SHARD: `${i + 1}/${SHARDS}`, FUZZ_SUMMARY: `${dir}/fuzz-${i + 1}.summary.json` },
    }),
  ),
);
codes.forEach((c, i) => count(`${dir}/fuzz-${i + 1}.json`, c));
const shards = Array.from({ length: SHARDS }, (_, i) => `${dir}/fuzz-${i + 1}.summary.json`)
  .filter((f) => fs.existsSync(f))
  .map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
const routes = shards.reduce((n, s) => n + s.routes, 0);
const requests = shards.reduce((n, s) => n + s.requests, 0);
const statuses = {};
for (const s of shards) for (const [status, n] of Object.entries(s.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
// Every served write route fuzzed: the shards together cover what the app serves.
if (shards.length !== SHARDS || routes !== shards[0].served) failed += 1;
const seen = Object.entries(statuses)
  .map(([s, n]) => `${s}×${n}`)
  .join(' ');
const fuzzing = `fuzzing: ${routes} of ${shards[0]?.served ?? '?'} write routes × ${FUZZ_RUNS} = ${requests} requests in ${Math.round((Date.now() - started) / 1000)} s, statuses ${seen}`;
console.log(`\n${passed} passed, ${failed} failed; ${fuzzing}`);
process.exit(failed ? 1 : 0);
