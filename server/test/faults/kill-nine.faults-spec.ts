import { ChildProcess, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection, RowDataPacket } from 'mysql2/promise';
import { freshDatabaseUrl, TEST_DB } from '../support/test-database';
import { freePort, sleep, startBuiltServer } from '../support/built-server';
import { photoBytes, wishInput } from '../support/wish-fixtures';

const CLI = resolve(__dirname, '../../dist/database/cli.js');
const RESTORE = resolve(__dirname, '../../../scripts/restore.mjs');

/** The built server as its own process, so it can be killed with SIGKILL mid-request. */
const startServer = async (port: number, env: Record<string, string>) =>
  (await startBuiltServer(port, { WISH_MAX_DAILY_CLAIMS: '1000', WISH_MAX_OPEN_CLAIMS: '50', ...env }, { timeoutMs: 90000 })).child;

/**
 * kill -9 in the middle of a mixed load of claims, uploads, fulfilments and confirmations, a restart, the load
 * finished, then the invariants checked in SQL. MariaDB only: the database must outlive the process it serves
 * (SQLite's own crash safety is SQLite's; this is about the server's transactions).
 */
const describeOnMariadb = TEST_DB === 'mariadb' ? describe : describe.skip;
describeOnMariadb('kill -9 under load, restart, invariants in SQL, backup and restore (mariadb; skipped on sqlite)', () => {
  let child: ChildProcess | null = null;
  let dir: string;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should keep one live claim per wish, a timeline entry per change, one credit per confirmation, one notification per event and no upload without its bytes, and restore a backup with the same invariants', async () => {
    dir = mkdtempSync(join(tmpdir(), 'nc-kill9-'));
    const databaseUrl = await freshDatabaseUrl('kill9');
    const uploadDir = join(dir, 'uploads');
    const port = await freePort();
    const env = { DATABASE_URL: databaseUrl, UPLOAD_DIR: uploadDir, JOBS_INTERVAL_MS: '500' };
    child = await startServer(port, { ...env, SEED_DEMO: 'always' });
    const base = `http://127.0.0.1:${port}`;
    let succeeded = 0;
    const call = async (method: string, path: string, token?: string, body?: unknown) => {
      const isForm = body instanceof FormData;
      const r = await fetch(base + path, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      });
      const text = await r.text();
      if (r.status < 300) succeeded += 1;
      return { status: r.status, body: text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    };
    const signIn = async (code: string) => (await call('POST', '/api/auth/wechat', undefined, { code })).body.token as string;

    const db = await createConnection(databaseUrl.replace(/^mariadb:/, 'mysql:'));
    try {
      const [[community]] = await db.query<RowDataPacket[]>(`SELECT id FROM regions WHERE code = 'KDSQ01'`);
      const resident = await signIn('dev:resident');
      const staff = await signIn('dev:staff');
      const WISHES = 12;
      const wishIds: string[] = [];
      for (let i = 0; i < WISHES; i += 1) {
        const posted = await call('POST', '/api/wishes', resident, wishInput(community.id, { title: `断电测试心愿 ${i + 1}` }));
        expect(posted.status).toBe(201);
        expect((await call('POST', `/api/wishes/${posted.body.id}/review`, staff, { decision: 'approve' })).status).toBe(200);
        wishIds.push(posted.body.id);
      }
      const members = await Promise.all(Array.from({ length: 8 }, (_, i) => signIn(`dev:member-${String(i + 11).padStart(2, '0')}`)));
      const wishCredits = async (token: string) =>
        ((await call('GET', '/api/me/ledger', token)).body.totals.byKind as { kind: string; entries: number; valueYuan: number }[]).find((k) => k.kind === 'wish_fulfilled') ?? {
          entries: 0,
          valueYuan: 0,
        };
      const creditsBefore = await Promise.all(members.map(wishCredits));

      // Each member goes after three wishes (neighbours overlap, so claims collide): claim, upload, fulfil, confirm.
      let failures = 0;
      const work = async (k: number) => {
        for (let j = 0; j < 3; j += 1) {
          const id = wishIds[(k + j) % WISHES];
          try {
            await call('POST', `/api/wishes/${id}/claim`, members[k], {});
            const form = new FormData();
            form.append('file', new Blob([new Uint8Array(await photoBytes(k * 10 + j))], { type: 'image/png' }), 'photo.png');
            const photo = await call('POST', '/api/uploads', members[k], form);
            if (photo.status === 201) await call('POST', `/api/wishes/${id}/fulfil`, members[k], { photoIds: [photo.body.id], note: '已送到老人家中' });
            await call('POST', `/api/wishes/${id}/confirm`, resident, { rating: 5 });
          } catch {
            failures += 1; // the connection died with the process
          }
        }
      };
      succeeded = 0;
      let loadDone = false;
      const load = Promise.all(members.map((_, k) => work(k))).finally(() => (loadDone = true));
      // The kill lands once the load is under way: some of it answered, the rest cut off with the process.
      while (succeeded < 30 && !loadDone) await sleep(5);
      child.kill('SIGKILL');
      expect(succeeded).toBeGreaterThanOrEqual(30);
      await load;
      expect(child.signalCode).toBe('SIGKILL');
      expect(failures).toBeGreaterThan(0);

      // Restarted on the same database and storage; the load runs again to its end.
      child = await startServer(port, { ...env, SEED_DEMO: 'never' });
      failures = 0;
      await Promise.all(members.map((_, k) => work(k)));
      expect(failures).toBe(0);

      const q = async (sql: string, params: unknown[] = []) => (await db.query<RowDataPacket[]>(sql, params))[0];
      const inList = wishIds.map(() => '?').join(',');
      // One live claim per wish, and it is the wish's current claim.
      expect(await q(`SELECT liveWishId, COUNT(*) AS n FROM wish_claims WHERE liveWishId IS NOT NULL GROUP BY liveWishId HAVING n > 1`)).toEqual([]);
      const wishes = await q(`SELECT id, status, currentClaimId FROM wishes WHERE id IN (${inList})`, wishIds);
      const live = await q(`SELECT id, wishId FROM wish_claims WHERE liveWishId IN (${inList})`, wishIds);
      for (const w of wishes) {
        const mine = live.filter((c) => c.wishId === w.id);
        if (['claimed', 'fulfilled', 'disputed'].includes(w.status)) expect({ id: w.id, live: mine.map((c) => c.id) }).toEqual({ id: w.id, live: [w.currentClaimId] });
      }
      // Every state change has its timeline entry: the entries chain from the first state to the wish's present one.
      const events = await q(`SELECT subjectId, action, fromStatus, toStatus FROM timeline_events WHERE subjectType = 'wish' AND subjectId IN (${inList}) ORDER BY createdAt, id`, wishIds);
      for (const w of wishes) {
        const mine = events.filter((e) => e.subjectId === w.id && e.fromStatus !== e.toStatus);
        let state: string | null = null;
        const left = [...mine];
        while (left.length) {
          const next = left.findIndex((e) => (e.fromStatus ?? null) === state || (state === null && e.fromStatus === null));
          expect({ wish: w.id, state, next: next >= 0 }).toEqual({ wish: w.id, state, next: true });
          state = left.splice(next, 1)[0].toStatus;
        }
        expect({ wish: w.id, chainEndsAt: state }).toEqual({ wish: w.id, chainEndsAt: w.status });
      }
      // One credit per confirmed wish and none for the others; the members' ledger totals grew by exactly those.
      const credits = await q(`SELECT sourceId, COUNT(*) AS n FROM ledger_entries WHERE sourceType = 'wish' AND sourceId IN (${inList}) GROUP BY sourceId`, wishIds);
      const confirmed = wishes.filter((w) => w.status === 'confirmed').map((w) => w.id);
      expect(confirmed.length).toBeGreaterThan(0);
      expect(Object.fromEntries(credits.map((c) => [c.sourceId, Number(c.n)]))).toEqual(Object.fromEntries(confirmed.map((id) => [id, 1])));
      const creditsAfter = await Promise.all(members.map(wishCredits));
      const gained = creditsAfter.reduce((sum, c, i) => sum + c.entries - creditsBefore[i].entries, 0);
      expect(gained).toBe(confirmed.length);
      const [{ total }] = await q(`SELECT COALESCE(SUM(valueYuan), 0) AS total FROM ledger_entries WHERE sourceType = 'wish' AND sourceId IN (${inList})`, wishIds);
      expect(creditsAfter.reduce((sum, c, i) => sum + c.valueYuan - creditsBefore[i].valueYuan, 0)).toBe(Number(total));
      // The resident heard of each claim and each fulfilment exactly once: none lost with the process, none twice.
      for (const [action, title] of [
        ['claim', '心愿已被认领'],
        ['fulfil', '心愿已圆梦'],
      ]) {
        const happened = await q(
          `SELECT subjectId AS id, COUNT(*) AS n FROM timeline_events WHERE subjectType = 'wish' AND action = ? AND subjectId IN (${inList}) GROUP BY subjectId ORDER BY subjectId`,
          [action, ...wishIds],
        );
        const told = await q(`SELECT linkId AS id, COUNT(*) AS n FROM notifications WHERE title = ? AND linkId IN (${inList}) GROUP BY linkId ORDER BY linkId`, [title, ...wishIds]);
        expect({ action, told: told.map((r) => [r.id, Number(r.n)]) }).toEqual({ action, told: happened.map((r) => [r.id, Number(r.n)]) });
      }
      // No upload row without its bytes, and every photo a wish shows is a stored upload.
      for (const u of await q(`SELECT id, storageKey, thumbnailKey FROM uploads`)) {
        expect({ id: u.id, image: existsSync(join(uploadDir, u.storageKey)), thumbnail: existsSync(join(uploadDir, u.thumbnailKey)) }).toEqual({ id: u.id, image: true, thumbnail: true });
      }
      expect(await q(`SELECT u.id FROM uploads u LEFT JOIN wishes w ON u.attachedTo = CONCAT('wish:', w.id) WHERE u.attachedTo LIKE 'wish:%' AND w.id IS NULL`)).toEqual([]);

      // Backup (online, as docs/operations.md says: mariadb-dump --single-transaction and the upload folder) and
      // restore into a fresh database with scripts/restore.mjs, which checks the invariants over the whole copy.
      const source = new URL(databaseUrl);
      const dumpFile = join(dir, 'backup.sql');
      const dumped = spawnSync(
        'mariadb-dump',
        ['-h', source.hostname, '-P', source.port || '3306', '-u', source.username || 'root', '--single-transaction', '--skip-lock-tables', source.pathname.slice(1)],
        { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      );
      expect(dumped.status).toBe(0);
      writeFileSync(dumpFile, dumped.stdout);
      const restoredUploads = join(dir, 'restored-uploads');
      const target = await freshDatabaseUrl('kill9_restored');
      const restoreEnv = { ...process.env, DATABASE_URL: target, UPLOAD_DIR: restoredUploads, LOG_LEVEL: 'error' };
      const restored = spawnSync(process.execPath, [RESTORE, '--dump', dumpFile, '--uploads', uploadDir], { env: restoreEnv, encoding: 'utf8' });
      expect({ status: restored.status, out: restored.stdout.trim().split('\n').pop(), err: restored.stderr.slice(-500) }).toEqual({ status: 0, out: 'All invariants hold', err: '' });
      const [[counts]] = await db.query<RowDataPacket[]>(`SELECT (SELECT COUNT(*) FROM \`${new URL(target).pathname.slice(1)}\`.wishes) AS restored, (SELECT COUNT(*) FROM wishes) AS original`);
      expect(Number(counts.restored)).toBe(Number(counts.original));
      // The check can fail: a photo lost from the restored storage is named.
      const [u] = await q(`SELECT storageKey FROM uploads WHERE attachedTo IS NOT NULL LIMIT 1`);
      rmSync(join(restoredUploads, u.storageKey));
      const broken = spawnSync(process.execPath, [CLI, 'check'], { env: restoreEnv, encoding: 'utf8' });
      expect(broken.status).toBe(1);
      expect(broken.stderr).toContain(`${u.storageKey} is missing from storage`);
    } finally {
      await db.end();
    }
  }, 240000);
});
