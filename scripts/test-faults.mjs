#!/usr/bin/env node
// `npm run test:faults`: the heavier fault injections (server/test/faults: kill -9 of a server process under load,
// restart, invariants checked in SQL) against MariaDB, on the built server. .ci/run calls it after `npm test`.
// Ends with one line: "N passed, N failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin, buildShared, ensureInstalled, log, mustRun, ROOT, run } from './lib.mjs';

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
if (fs.existsSync(out)) {
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  passed = result.numPassedTests;
  failed = result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
}
if (code !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
