// The supervision reads alone at city scale, against the kept city database (npm run bench generates it):
//   node server/bench/dashboards.mjs   (after a server build; BENCH_ROUNDS, BENCH_PER_ROUND to change the sample)
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
const server = await startServer({ name: 'server-dashboards', db: CITY_DB, logDir, env: { WISH_MAX_DAILY_CLAIMS: '1000' } });
try {
  const results = await benchDashboards({ db: CITY_DB, server, rounds: Number(process.env.BENCH_ROUNDS ?? 3), perRound: Number(process.env.BENCH_PER_ROUND ?? 10) });
  console.log(JSON.stringify(results, null, 2));
} finally {
  await server.stop();
  note(`logs: ${logDir}`);
}
