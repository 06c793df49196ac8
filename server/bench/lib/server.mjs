// Starts and stops real server processes (server/dist/main.js, as `npm start` runs it) and reads their memory.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { benchServerEnv, ROOT, sleep } from './common.mjs';

// One implementation of both, shared with npm start / npm test.
import { freePort, SERVER_NODE_FLAGS, waitForHttp } from '../../../scripts/lib.mjs';

export { freePort, SERVER_NODE_FLAGS, waitForHttp };

/** Peak (VmHWM) and current (VmRSS) resident set of a process, in bytes; null when it is gone. */
export function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { peak: field('VmHWM'), current: field('VmRSS') };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in milliseconds; null when it is gone. */
export function cpuMsOf(pid) {
  try {
    // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15 (clock ticks, 100/s on Linux).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/**
 * One server instance from server/dist/main.js with the heap flags `npm start` uses (`nodeFlags: []` for Node's
 * defaults). Logs go to `logDir/<name>.log`. `cpuProfDir` adds --cpu-prof (the profile is written when the
 * process exits on SIGINT/SIGTERM). `entry`: another build of the server (an A/B of two versions side by side).
 */
export async function startServer({ name, db, env = {}, logDir, cpuProfDir = null, h5Dir = null, nodeFlags = SERVER_NODE_FLAGS, entry = 'server/dist/main.js' }) {
  const port = await freePort();
  const log = fs.openSync(path.join(logDir, `${name}.log`), 'a');
  const args = [...nodeFlags, ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), entry];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...benchServerEnv(db),
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'never',
      MIGRATE_ON_START: 'true',
      JOBS_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
      UPLOAD_DIR: path.join(logDir, `uploads-${name}`),
      ...(h5Dir ? { H5_DIR: h5Dir } : {}),
      ...env,
    },
  });
  // Say in the instance's log how and when it ended: an instance stopped by something outside the bench (a signal
  // from another process on this shared machine) shows up as connection errors in the figures otherwise.
  child.once('exit', (code, signal) =>
    fs.appendFileSync(
      path.join(logDir, `${name}.log`),
      `\n[bench] ${name} (pid ${child.pid}) exited at ${new Date().toISOString()}: code ${code}, signal ${signal}${instance.stopping ? ' (stopped by the bench)' : ''}\n`,
    ),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const instance = {
    stopping: false,
    name,
    port,
    baseUrl,
    child,
    pid: child.pid,
    memory: () => memoryOf(child.pid),
    async stop() {
      if (child.exitCode !== null) return;
      instance.stopping = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await Promise.race([exited, sleep(15000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
  try {
    await waitForHttp(`${baseUrl}/api/health`, child, 120000);
  } catch (error) {
    await instance.stop();
    const tail = fs.readFileSync(path.join(logDir, `${name}.log`), 'utf8').slice(-3000);
    throw new Error(`server ${name} did not start: ${error.message}\n${tail}`, { cause: error });
  }
  return instance;
}

/** POST /api/auth/wechat {"code": "dev:<name>"} → bearer token. */
export async function signIn(baseUrl, name) {
  const response = await fetch(`${baseUrl}/api/auth/wechat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: `dev:${name}` }),
  });
  if (!response.ok) throw new Error(`sign-in dev:${name} failed: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}
