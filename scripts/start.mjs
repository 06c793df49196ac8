#!/usr/bin/env node
// `npm start`: install on first run, build shared + server + the H5 app, then serve everything on PORT
// (migrations run at start-up; demo data is seeded only when the database is empty).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bin, buildServer, buildShared, childEnv, ensureInstalled, log, mustRun, ROOT, SERVER_NODE_FLAGS } from './lib.mjs';

await ensureInstalled();
log('Building shared contracts and the API server');
await buildShared();
await buildServer();
log('Building the H5 mini-program');
await mustRun(bin('miniapp', 'taro'), ['build', '--type', 'h5'], { cwd: path.join(ROOT, 'miniapp') });

log('Starting the server');
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/dist/main.js'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: childEnv({
    SEED_DEMO: process.env.SEED_DEMO ?? 'auto',
    H5_DIR: process.env.H5_DIR ?? path.join(ROOT, 'miniapp/dist/h5'),
  }),
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
