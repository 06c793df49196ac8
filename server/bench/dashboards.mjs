// The supervision reads alone at city scale, against the kept city database (npm run bench generates it):
//   node server/bench/dashboards.mjs   (after a server build; BENCH_ROUNDS, BENCH_PER_ROUND, BENCH_WARMUP to change the
//   sample, BENCH_ONLY to pick cases, BENCH_ENTRY for another build)
// Prints each p50/p99 beside the hand-written SQL; the full bench (run.mjs) reports the same cases in part 3.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDashboards } from './city.mjs';
import { CITY_DB, note } from './lib/common.mjs';
import { databaseExists } from './lib/db.mjs';
import { startServer } from './lib/server.mjs';

if (!(await databaseExists(CITY_DB))) throw new Error(`${CITY_DB} is missing: run npm run bench once to generate the city`);
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dashboards-'));
// The claim cap does not matter to these reads; 1000 is the most the configuration accepts.
// BENCH_ENTRY: another build of the server (e.g. server/dist-main/main.js, for a before / after in one session).
const entry = process.env.BENCH_ENTRY ?? 'server/dist/main.js';
const server = await startServer({ name: 'server-dashboards', db: CITY_DB, logDir, entry, env: { WISH_MAX_DAILY_CLAIMS: '1000' } });
note(
  `server: ${entry}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
try {
  const results = await benchDashboards({
    db: CITY_DB,
    server,
    rounds: Number(process.env.BENCH_ROUNDS ?? 3),
    perRound: Number(process.env.BENCH_PER_ROUND ?? 10),
    warmup: Number(process.env.BENCH_WARMUP ?? 3),
    // BENCH_ONLY=streetDashboard,cityDashboard,streetBoard,draftRefresh,draftGet: some of the cases.
    only: process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null,
  });
  console.log(JSON.stringify(results, null, 2));
  note(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await server.stop();
  note(`logs: ${logDir}`);
}
