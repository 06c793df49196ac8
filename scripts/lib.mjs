// Helpers shared by `npm start`, `npm test` and `npm run bench`: they need nothing but Node.js and npm.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@12.4.2';

/**
 * V8 heap limit the server runs with (npm start, the browser tests, the bench; docs/deployment.md gives the same).
 * Node's default on a large machine lets the heap grow to ~300 MB RSS under load before collecting; 128 MB of old
 * space keeps a busy server near 160 MB and leaves room for the largest roster import (5,000 rows, streamed).
 * The young generation keeps its default: halving it (--max-semi-space-size=8) saved ~10 MB and cost ~10 % of
 * the wall's throughput. Part 5 of docs/benchmarks.md measures the flag beside Node's defaults.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=128'];

/** Environment for child processes: better-sqlite3 compiles against the local Node headers when present. */
export function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  if (!env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
  return env;
}

export function log(message) {
  console.log(`\n▶ ${message}`);
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options, env: childEnv(options.env) });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(error.message);
      resolve(1);
    });
  });
}

/** Test counts from a `jest --json --outputFile` file; a run that failed without counting one (a suite that cannot start) counts as one failure. */
export function jestCounts(outputFile, exitCode) {
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(outputFile)) {
    const result = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    passed = result.numPassedTests;
    failed = result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
  }
  if (exitCode !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

export async function mustRun(command, args, options = {}) {
  const code = await run(command, args, options);
  if (code !== 0) {
    console.error(`✖ ${command} ${args.join(' ')} failed (exit ${code})`);
    process.exit(code);
  }
}

/** Installs the workspace with the pinned pnpm when node_modules is missing or older than the lockfile. */
export async function ensureInstalled() {
  const marker = path.join(ROOT, 'node_modules', '.modules.yaml');
  const lock = path.join(ROOT, 'pnpm-lock.yaml');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  log(`Installing dependencies with ${PNPM} (first run: about two minutes)`);
  await mustRun('npx', ['-y', PNPM, 'install', '--frozen-lockfile']);
}

export function bin(workspace, name) {
  return path.join(ROOT, workspace, 'node_modules', '.bin', name);
}

/**
 * The three lint checks, as [command, args] for run(): `npm run lint` runs them all and `npm test` counts each as
 * one test. ESLint covers the folders below (eslint.config.mjs holds the rules), Prettier checks every file that
 * .prettierignore leaves in, and dependency-cruiser checks the module boundaries (.dependency-cruiser.cjs).
 */
const LINT_CONFIG_FILES = ['eslint.config.mjs', 'prettier.config.mjs', '.dependency-cruiser.cjs'];
export const LINT_ESLINT_PATHS = ['server/src', 'server/test', 'server/bench', 'shared/src', 'miniapp/src', 'miniapp/e2e', 'miniapp/config', 'scripts', ...LINT_CONFIG_FILES];
export const LINT_BOUNDARY_PATHS = ['server/src', 'shared/src', 'miniapp/src'];
export const LINT = {
  eslint: [bin('.', 'eslint'), ['--cache', '--cache-location', 'node_modules/.cache/eslint/', ...LINT_ESLINT_PATHS]],
  prettier: [bin('.', 'prettier'), ['--check', '--log-level', 'warn', '.']],
  boundaries: [bin('.', 'depcruise'), ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...LINT_BOUNDARY_PATHS]],
};

export async function buildShared() {
  await mustRun(bin('shared', 'tsc'), ['-p', 'shared/tsconfig.json']);
}

export async function buildServer() {
  await mustRun(bin('server', 'tsc'), ['-p', 'server/tsconfig.build.json']);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Waits until `url` answers 200, or the process exits, or the time is up. */
export async function waitForHttp(url, child, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

export function hasCommand(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
