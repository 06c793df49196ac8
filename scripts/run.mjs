#!/usr/bin/env node
// `npm run build`: install if needed, then build shared, the server, and the mini-program for weapp and H5.
import path from 'node:path';
import { bin, buildServer, buildShared, ensureInstalled, log, mustRun, ROOT } from './lib.mjs';

const task = process.argv[2];
if (task !== 'build') {
  console.error('usage: node scripts/run.mjs build');
  process.exit(2);
}
await ensureInstalled();
log('Building shared and the server');
await buildShared();
await buildServer();
for (const type of ['weapp', 'h5']) {
  log(`Building the mini-program (${type})`);
  await mustRun(bin('miniapp', 'taro'), ['build', '--type', type], { cwd: path.join(ROOT, 'miniapp') });
}
await mustRun(process.execPath, ['miniapp/scripts/check-size.mjs']);
