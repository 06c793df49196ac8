#!/usr/bin/env node
// `npm run bench`: install (first run) and build like `npm start` (shared, server, weapp and H5), then run the
// benchmarks in server/bench/ against MariaDB on this machine (BENCH_MARIADB_URL, default
// mariadb://root:@127.0.0.1:3306). Prints a table and rewrites the generated part of docs/benchmarks.md.
// Not part of `npm test`: it takes several minutes and its figures depend on the machine.
import fs from 'node:fs';
import path from 'node:path';
import { bin, buildServer, buildShared, ensureInstalled, log, ROOT, run } from './lib.mjs';

const startedAt = Date.now();
await ensureInstalled();
log('Building shared contracts and the server');
await buildShared();
await buildServer();

// The mini-program is measured as built now; if a build fails (someone mid-edit), an existing build is measured
// and the report says so.
const builds = {};
for (const type of ['weapp', 'h5']) {
  log(`Building the mini-program (${type})`);
  const began = Date.now();
  const code = await run(bin('miniapp', 'taro'), ['build', '--type', type], { cwd: path.join(ROOT, 'miniapp') });
  const dist = path.join(ROOT, 'miniapp/dist', type);
  if (code === 0) builds[type] = `built in ${Math.round((Date.now() - began) / 1000)} s`;
  else if (fs.existsSync(dist)) builds[type] = `build FAILED (exit ${code}); measured the existing build of ${fs.statSync(dist).mtime.toISOString().slice(0, 16)}`;
  else {
    console.error(`✖ the ${type} build failed and there is no earlier build to measure`);
    process.exit(code);
  }
}

const { runBench } = await import('../server/bench/run.mjs');
try {
  await runBench({ builds, startedAt });
} catch (error) {
  console.error(`✖ bench failed: ${error.stack ?? error}`);
  process.exit(1);
}
