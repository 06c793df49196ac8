#!/usr/bin/env node
// `npm test`: every test. The type-check and the lint checks (ESLint, Prettier, module boundaries), unit specs,
// the integration suite against SQLite AND MariaDB (the same suite twice), the weapp build with its main-package
// size check, and browser tests of the H5 build in Chromium against a real server. Ends with one line:
// "N passed, N failed".
//
// Environment: TEST_MARIADB_URL (default mariadb://root@127.0.0.1:3306/test), CHROMIUM_PATH (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bin, buildShared, childEnv, ensureInstalled, freePort, jestCounts, LINT, log, run, ROOT, SERVER_NODE_FLAGS, waitForHttp } from './lib.mjs';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nuancheng-test-'));
const totals = { passed: 0, failed: 0 };
const failures = [];

/** Runs one jest invocation and adds its test counts (a suite that cannot start counts as one failure). */
async function jest(label, workspace, args, env = {}) {
  log(label);
  const out = path.join(tmp, `${label.replace(/\W+/g, '-')}.json`);
  const code = await run(bin(workspace, 'jest'), [...args, '--json', `--outputFile=${out}`], { cwd: path.join(ROOT, workspace), env });
  const { passed, failed } = jestCounts(out, code);
  totals.passed += passed;
  totals.failed += failed;
  if (failed) failures.push(label);
  console.log(`  ${label}: ${passed} passed, ${failed} failed`);
}

/** A build or check that is itself a test: passes when the command exits 0. */
async function step(label, command, args, options = {}) {
  log(label);
  const code = await run(command, args, options);
  if (code === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
  return code === 0;
}

await ensureInstalled();
log('Building shared contracts and the server');
await buildShared();
const serverBuilt = await step('Server compiles (tsc)', bin('server', 'tsc'), ['-p', 'server/tsconfig.build.json']);
await step('Server and tests type-check', bin('server', 'tsc'), ['-p', 'server/tsconfig.json', '--noEmit']);
await step('ESLint (eslint.config.mjs)', ...LINT.eslint);
await step('Formatting (prettier --check)', ...LINT.prettier);
await step('Module boundaries (dependency-cruiser)', ...LINT.boundaries);

await jest('Server unit tests', 'server', ['--selectProjects', 'unit']);
await jest('Mini-program unit tests', 'miniapp', ['--selectProjects', 'unit']);
await jest('Integration tests on SQLite', 'server', ['--selectProjects', 'integration'], { TEST_DB: 'sqlite' });
await jest('Integration tests on MariaDB', 'server', ['--selectProjects', 'integration'], { TEST_DB: 'mariadb' });

const miniapp = { cwd: path.join(ROOT, 'miniapp') };
if (await step('Mini-program builds for WeChat (weapp)', bin('miniapp', 'taro'), ['build', '--type', 'weapp'], miniapp)) {
  await step('Mini-program main package within 600 KB', process.execPath, ['miniapp/scripts/check-size.mjs']);
}
const h5Built = await step('Mini-program builds for H5', bin('miniapp', 'taro'), ['build', '--type', 'h5'], miniapp);

if (serverBuilt && h5Built) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`Starting the server for browser tests at ${baseUrl} (fresh SQLite database with demo data)`);
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/dist/main.js'], {
    cwd: ROOT,
    stdio: ['ignore', fs.openSync(path.join(tmp, 'e2e-server.log'), 'w'), fs.openSync(path.join(tmp, 'e2e-server.err.log'), 'w')],
    env: childEnv({
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(tmp, 'e2e.sqlite')}`,
      UPLOAD_DIR: path.join(tmp, 'uploads'),
      SEED_DEMO: 'always',
      WECHAT_MODE: 'dev',
      H5_DIR: path.join(ROOT, 'miniapp/dist/h5'),
      LOG_LEVEL: 'warn',
    }),
  });
  try {
    await waitForHttp(`${baseUrl}/api/health`, server, 90000);
    // One screenshot per page visited (e2e/accessibility.e2e.ts: every page, both modes), kept as a test artefact.
    const screenshots = path.join(tmp, 'screenshots');
    log(`Browser test screenshots: ${screenshots}`);
    await jest('Browser tests (H5 in Chromium)', 'miniapp', ['--selectProjects', 'e2e', '--runInBand'], {
      E2E_BASE_URL: baseUrl,
      E2E_SCREENSHOT_DIR: screenshots,
    });
  } catch (error) {
    console.error(`✖ ${error.message}; server log: ${path.join(tmp, 'e2e-server.err.log')}`);
    console.error(fs.readFileSync(path.join(tmp, 'e2e-server.err.log'), 'utf8').slice(-4000));
    totals.failed += 1;
    failures.push('Browser tests (server did not start)');
  } finally {
    server.kill('SIGTERM');
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed ? 1 : 0);
