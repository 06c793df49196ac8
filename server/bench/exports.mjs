// Part 7: 双报告 at volume. On a database of its own (the demo city, grown here: 100,000 ledger entries in one
// street over two years, a year and more of them for one member), three things one request at a time:
//   (a) a member's report draft: POST /api/reports/:id/refresh (the draft's figures re-read from the ledger) and
//       GET /api/reports/:id, p50 / p99 (target ≤ 50 ms for the draft);
//   (b) a 100,000-row export: GET /api/exports/ledger.xlsx for the street, rows/s and the server's peak RSS
//       (sampled every 20 ms while the file streams, beside its RSS before);
//   (c) a service-record certificate PDF: POST /api/me/certificates then GET its PDF, ms and bytes.
// `node server/bench/exports.mjs` runs it alone (after a server build); run.mjs runs it as part 7.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median, percentile, round, step } from './lib/common.mjs';
import { connect, insertRows, recreateDatabase } from './lib/db.mjs';
import { signIn, startServer } from './lib/server.mjs';

export const EXPORTS_DB = 'nuancheng_bench_exports';
const DAY = 86_400_000;
const cstDay = (d) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function json(url, { token, method = 'GET', body } = {}) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The grown ledger: `rows` entries in the street's communities over two years, `busy` of them for one member. */
async function growLedger(conn, { rows, busy, certificate }) {
  const [[street]] = await conn.query("SELECT id FROM regions WHERE name = '汇丰街道'");
  const [communities] = await conn.query('SELECT id FROM regions WHERE parentId = ?', [street.id]);
  // dev:member-02 is left out of the volume: their certificate holds a half year's worth a person really serves.
  const [members] = await conn.query(
    "SELECT m.id, m.branchId, o.path FROM members m JOIN organisations o ON o.id = m.branchId LEFT JOIN users u ON u.id = m.userId WHERE u.openid IS NULL OR u.openid <> 'dev-member-02'",
  );
  const [[certMember]] = await conn.query("SELECT m.id, m.branchId, o.path FROM members m JOIN users u ON u.id = m.userId JOIN organisations o ON o.id = m.branchId WHERE u.openid = 'dev-member-02'");
  const [[busyMember]] = await conn.query("SELECT m.id, m.branchId, o.path FROM members m JOIN users u ON u.id = m.userId JOIN organisations o ON o.id = m.branchId WHERE u.openid = 'dev-member-01'");
  const unitOf = async (p) => {
    const ids = p.split('/').filter(Boolean);
    const [found] = await conn.query(`SELECT id FROM organisations WHERE level = 'unit' AND id IN (${ids.map(() => '?').join(', ')})`, ids);
    return found[0]?.id ?? null;
  };
  const units = new Map();
  for (const m of [...members, busyMember, certMember]) if (!units.has(m.path)) units.set(m.path, await unitOf(m.path));
  const now = Date.now();
  const batch = [];
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const local = new Date(now + 8 * 3600_000);
  const halfStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() < 6 ? 0 : 6, 1) - 8 * 3600_000;
  for (let i = 0; i < rows; i++) {
    const forCertificate = i >= rows - certificate;
    const m = i < busy ? busyMember : forCertificate ? certMember : members[(rnd() * members.length) | 0];
    // The busy member's entries fall in the last 400 days (a year and more), the certificate member's in this
    // half year, the rest over two years.
    const at = forCertificate ? new Date(halfStart + rnd() * (now - halfStart - 3600_000)) : new Date(now - (i < busy ? rnd() * 400 : rnd() * 725) * DAY - 3600_000);
    batch.push({
      id: randomUUID(),
      memberId: m.id,
      kind: 'activity_attendance',
      sourceType: 'activity_attendance',
      sourceId: randomUUID(),
      sequence: 0,
      valueYuan: 0,
      serviceMinutes: 30 * (1 + ((rnd() * 8) | 0)),
      description: '参加社区志愿服务',
      communityId: communities[(rnd() * communities.length) | 0].id,
      streetId: street.id,
      branchId: m.branchId,
      unitId: units.get(m.path),
      occurredAt: at,
      createdAt: at,
    });
    if (batch.length === 5000) await insertRows(conn, 'ledger_entries', Object.keys(batch[0]), batch.splice(0));
  }
  if (batch.length) await insertRows(conn, 'ledger_entries', Object.keys(batch[0]), batch);
  await conn.query('ANALYZE TABLE ledger_entries');
  return { streetId: street.id };
}

export async function benchExports({ logDir, quick = false, rows = 100_000 }) {
  step(`7. Reports at volume: database ${EXPORTS_DB}, the demo city + ${rows.toLocaleString('en')} ledger entries in 汇丰街道`);
  await recreateDatabase(EXPORTS_DB);
  // Seeded and migrated by a first instance, which is then stopped: the measured one starts on a full database.
  const seeding = await startServer({ name: 'exports-seed', db: EXPORTS_DB, logDir, env: { SEED_DEMO: 'always' } });
  await seeding.stop();
  const conn = await connect(EXPORTS_DB);
  const result = {};
  let server;
  try {
    const grown = await timed(() => growLedger(conn, { rows, busy: 2_000, certificate: 120 }));
    const [[count]] = await conn.query('SELECT COUNT(*) AS n FROM ledger_entries WHERE streetId = ?', [grown.value.streetId]);
    result.fixture = { streetEntries: Number(count.n), busyMemberEntries: 2_000, growS: round(grown.ms / 1000, 1) };
    // Load shedding off (as the test suites run it): one request at a time is measured, and a busy shared machine
    // lags the event loop in bursts that would answer 503 to a lone request.
    server = await startServer({ name: 'exports', db: EXPORTS_DB, logDir, env: { LOAD_MAX_EVENT_LOOP_DELAY_MS: '0' } });

    // (a) The member's draft for the current half year (created here if the seed has none).
    const member = await signIn(server.baseUrl, 'member-01');
    const now = new Date();
    const local = new Date(now.getTime() + 8 * 3600_000);
    const period = `${local.getUTCFullYear()}H${local.getUTCMonth() < 6 ? 1 : 2}`;
    const mine = await json(`${server.baseUrl}/api/me/reports`, { token: member });
    let report = (mine.items ?? mine).find?.((r) => r.period?.key === period || r.period === period);
    if (!report) report = await json(`${server.baseUrl}/api/me/reports`, { token: member, method: 'POST', body: { period } });
    const n = quick ? 20 : 60;
    const samples = { refresh: [], get: [] };
    for (let i = 0; i < 5; i++) await json(`${server.baseUrl}/api/reports/${report.id}/refresh`, { token: member, method: 'POST', body: {} });
    let figures = null;
    for (let i = 0; i < n; i++) {
      const r = await timed(() => json(`${server.baseUrl}/api/reports/${report.id}/refresh`, { token: member, method: 'POST', body: {} }));
      samples.refresh.push(r.ms);
      figures = r.value.figures;
      samples.get.push((await timed(() => json(`${server.baseUrl}/api/reports/${report.id}`, { token: member }))).ms);
    }
    result.draft = {
      period,
      entries: figures?.byKind?.reduce((s, k) => s + k.entries, 0) ?? null,
      refresh: { p50: round(percentile(samples.refresh, 50), 1), p99: round(percentile(samples.refresh, 99), 1) },
      get: { p50: round(percentile(samples.get, 50), 1), p99: round(percentile(samples.get, 99), 1) },
      samples: n,
    };

    // (b) The street's ledger for two years as one .xlsx.
    const official = await signIn(server.baseUrl, 'official');
    const from = cstDay(new Date(now.getTime() - 729 * DAY));
    const to = cstDay(now);
    const before = server.memory();
    let peak = before.current;
    const sampler = setInterval(() => {
      const m = server.memory();
      if (m) peak = Math.max(peak, m.current);
    }, 20);
    const started = performance.now();
    let firstByteMs = null;
    let bytes = 0;
    const response = await fetch(`${server.baseUrl}/api/exports/ledger.xlsx?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${official}` } });
    if (!response.ok) throw new Error(`export: ${response.status} ${await response.text()}`);
    for await (const chunk of response.body) {
      firstByteMs ??= performance.now() - started;
      bytes += chunk.length;
    }
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = server.memory();
    const [[audit]] = await conn.query("SELECT detail FROM audit_logs WHERE action = 'export.ledger' ORDER BY seq DESC LIMIT 1");
    const exported = JSON.parse(audit.detail).rows;
    result.export = {
      rows: exported,
      seconds: round(seconds, 2),
      rowsPerS: Math.round(exported / seconds),
      bytes,
      firstByteMs: round(firstByteMs, 0),
      rssBefore: before.current,
      rssPeak: Math.max(peak, after?.current ?? 0),
      rssHighWater: after?.peak ?? null,
    };

    // (c) A certificate of dev:member-02's half year (the demo's entries and 120 more): issue, then download the PDF.
    const holder = await signIn(server.baseUrl, 'member-02');
    const issueSamples = [];
    const pdfSamples = [];
    let pdfBytes = 0;
    let entries = 0;
    for (let i = 0; i < (quick ? 3 : 7); i++) {
      const issued = await timed(() => json(`${server.baseUrl}/api/me/certificates`, { token: holder, method: 'POST', body: { period } }));
      issueSamples.push(issued.ms);
      entries = issued.value.entries;
      const url = issued.value.downloadUrl.startsWith('http') ? issued.value.downloadUrl : `${server.baseUrl}${issued.value.downloadUrl}`;
      const pdf = await timed(async () => {
        const r = await fetch(url, { headers: { authorization: `Bearer ${holder}` } });
        if (!r.ok) throw new Error(`pdf: ${r.status}`);
        return Buffer.from(await r.arrayBuffer());
      });
      pdfSamples.push(pdf.ms);
      pdfBytes = pdf.value.length;
      if (pdf.value.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('certificate is not a PDF');
    }
    result.certificate = { period, entries, issueMs: round(median(issueSamples), 0), pdfMs: round(median(pdfSamples), 0), bytes: pdfBytes, runs: issueSamples.length };
  } finally {
    await conn.end();
    await server?.stop();
  }
  return result;
}

const MB = (b) => `${(b / 1048576).toFixed(0)} MB`;

/** Summary lines (run.mjs prints them with the other parts' targets). */
export function exportsTargets(r) {
  if (!r) return [];
  return [
    {
      what: `6. A member's report draft (figures from ${r.draft.entries} ledger entries): p50`,
      target: '≤ 50 ms',
      value: `${r.draft.refresh.p50} ms (p99 ${r.draft.refresh.p99}; GET ${r.draft.get.p50})`,
      ok: r.draft.refresh.p50 <= 50,
    },
    {
      what: `6. ${r.export.rows.toLocaleString('en')}-row ledger export (.xlsx, streamed)`,
      target: 'streams',
      value: `${r.export.rowsPerS.toLocaleString('en')} rows/s, ${r.export.seconds} s, peak RSS ${MB(r.export.rssPeak)} (before ${MB(r.export.rssBefore)}), ${MB(r.export.bytes)} file`,
      ok: null,
    },
    {
      what: `6. Certificate PDF (${r.certificate.entries} entries)`,
      target: '—',
      value: `${r.certificate.pdfMs} ms, ${(r.certificate.bytes / 1024).toFixed(0)} KB (issue ${r.certificate.issueMs} ms)`,
      ok: null,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nc-bench-exports-'));
  const result = await benchExports({ logDir, quick: process.env.BENCH_QUICK === '1' });
  console.log(JSON.stringify(result, null, 2));
  for (const t of exportsTargets(result)) console.log(`${t.what}  ${t.value}  target ${t.target}`);
  console.log(`logs: ${logDir}`);
}
