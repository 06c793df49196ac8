// Where a supervision read's time goes: the statements the server sends for it (captured in-process from its
// TypeORM logger), each replayed alone from the bench process against the kept city, timed (median of N), slowest
// first, with its EXPLAIN. After a server build:
//   node server/bench/dashboard-statements.mjs [street|city|board|draft] [N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureApp, explain, explainLine, normaliseSql } from './lib/capture.mjs';
import { CITY_DB, median } from './lib/common.mjs';
import { connect } from './lib/db.mjs';

const which = process.argv[2] ?? 'street';
const n = Number(process.argv[3] ?? 5);
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-statements-'));
const app = await captureApp(CITY_DB, logDir);
const conn = await connect(CITY_DB);
try {
  const login = { street: 'city-official-01', city: 'city-committee', board: 'city-official-01', draft: 'city-member-00001' }[which];
  const token = await app.signIn(login);
  let method = 'GET';
  let url = { street: '/api/supervision/dashboard', city: '/api/supervision/dashboard', board: '/api/supervision/board' }[which];
  if (which === 'draft') {
    const mine = await app.inject('GET', '/api/me/reports', { token });
    const draft = (mine.body.items ?? mine.body).find((r) => r.status === 'draft');
    if (!draft) throw new Error('no draft: run dashboards.mjs first (it creates one)');
    url = `/api/reports/${draft.id}/refresh`;
    method = 'POST';
  }
  await app.capture(method, url, { token, body: method === 'POST' ? {} : undefined });
  const started = performance.now();
  const { status, queries } = await app.capture(method, url, { token, body: method === 'POST' ? {} : undefined });
  const whole = performance.now() - started;
  const timed = [];
  for (const q of queries) {
    if (/^(START|BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)/i.test(q.sql.trim()) || /^\s*(UPDATE|INSERT|DELETE)/i.test(q.sql)) {
      timed.push({ sql: normaliseSql(q.sql), ms: null });
      continue;
    }
    const samples = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await conn.query(q.sql, q.params);
      samples.push(performance.now() - t);
    }
    timed.push({ sql: normaliseSql(q.sql), ms: median(samples), plan: explainLine(await explain(conn, q.sql, q.params)) });
  }
  const sum = timed.reduce((s, t) => s + (t.ms ?? 0), 0);
  console.log(
    `${which}: ${method} ${url} → ${status} in ${whole.toFixed(0)} ms in-process; ${queries.length} statements, replayed one after another: ${sum.toFixed(0)} ms (load ${os.loadavg()[0].toFixed(1)})`,
  );
  for (const t of [...timed].sort((a, b) => (b.ms ?? -1) - (a.ms ?? -1))) {
    console.log(`${t.ms === null ? '   (write)' : `${t.ms.toFixed(1).padStart(8)} ms`}  ${t.sql.slice(0, 260)}${t.plan ? `\n             → ${t.plan}` : ''}`);
  }
} finally {
  await conn.end();
  await app.close();
}
