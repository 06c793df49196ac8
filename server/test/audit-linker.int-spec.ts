import { MoreThan } from 'typeorm';
import { AuditLinkerService } from '../src/modules/audit/audit-linker.service';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { AuditService } from '../src/modules/audit/audit.service';
import { verifyAuditChain } from '../src/modules/audit/audit-verify.service';
import { PENDING_HASH } from '../src/modules/audit/audit-chain';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Chaining off the request path: appends are plain inserts (pending), and the audit-chain-link job links them in
 * id order under the head lock, once, however many runs there are.
 */
describe(`audit chain linker (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 180_000);
  afterAll(() => t?.close());

  const log = () => t.dataSource.getRepository(AuditLogEntity);
  const linker = () => t.app.get(AuditLinkerService);
  const readAll = async (token: string, n: number) => {
    for (let i = 0; i < n; i++) expect((await t.request('POST', '/api/me/notifications/read-all', { token, body: {} })).status).toBe(204);
  };

  it('should write entries pending, and link them in id order', async () => {
    await linker().link();
    const before = (await verifyAuditChain(t.dataSource)).head?.seq ?? 0;
    await readAll(await t.signIn('dev:linker-order'), 5);
    const pending = await log().find({ where: { hash: PENDING_HASH }, order: { id: 'ASC' } });
    expect(pending.length).toBeGreaterThanOrEqual(6);
    expect(pending.every((e) => e.seq === null && e.prevHash === null)).toBe(true);
    expect((await verifyAuditChain(t.dataSource)).pending).toBe(pending.length);

    expect(await linker().link()).toBe(pending.length);
    const linked = await log().find({ where: { seq: MoreThan(before) }, order: { seq: 'ASC' } });
    expect(linked.map((e) => e.id)).toEqual(pending.map((e) => e.id));
    expect(linked.map((e) => e.seq)).toEqual(pending.map((_, i) => before + 1 + i));
    const report = await verifyAuditChain(t.dataSource);
    expect(report).toMatchObject({ ok: true, pending: 0 });
    expect(report.head?.seq).toBe(before + pending.length);
  });

  it('should link each entry once when run twice at once, and find nothing the third time', async () => {
    await readAll(await t.signIn('dev:linker-twice'), 20);
    const pending = await log().countBy({ hash: PENDING_HASH });
    const runs = await Promise.all([linker().link(), linker().link()]);
    expect(runs.reduce((x, y) => x + y, 0)).toBe(pending);
    expect(await linker().link()).toBe(0);
    const report = await verifyAuditChain(t.dataSource);
    expect(report).toMatchObject({ ok: true, pending: 0, legacy: 0 });
    expect(report.checked).toBe(await log().count());
  });

  it('should find a linked entry edited in the database', async () => {
    await readAll(await t.signIn('dev:linker-tamper'), 1);
    await linker().link();
    const row = await log().findOneOrFail({ where: { action: 'me.notifications.read-all' }, order: { seq: 'DESC' } });
    await t.dataSource.query('UPDATE audit_logs SET detail = ? WHERE id = ?', ['{"route":"forged"}', row.id]);
    expect((await verifyAuditChain(t.dataSource)).firstBreak).toMatchObject({ seq: row.seq, id: row.id, kind: 'edited' });
    // Turning it back into a pending entry does not hide it either: its seq is gone from the chain.
    await t.dataSource.query('UPDATE audit_logs SET detail = ?, seq = NULL, prevHash = NULL, hash = ? WHERE id = ?', [row.detail, PENDING_HASH, row.id]);
    expect((await verifyAuditChain(t.dataSource)).firstBreak).toMatchObject({ kind: 'truncated' });
    await t.dataSource.query('UPDATE audit_logs SET seq = ?, prevHash = ?, hash = ? WHERE id = ?', [row.seq, row.prevHash, row.hash, row.id]);
    expect((await verifyAuditChain(t.dataSource)).ok).toBe(true);
  });

  // SQLite has one writer per database: only MariaDB/MySQL can show two connections not waiting on each other.
  (TEST_DB === 'mariadb' ? it : it.skip)('should not make a write wait while another connection holds the chain head, nor for another open append', async () => {
    const audit = t.app.get(AuditService);
    const holder = t.dataSource.createQueryRunner();
    const other = t.dataSource.createQueryRunner();
    await holder.connect();
    await other.connect();
    try {
      // The linker's lock, held; and another transaction's append, not yet committed.
      await holder.startTransaction();
      await audit.lockHead(holder.manager);
      await other.startTransaction();
      await audit.record(other.manager, { action: 'test.open-append', subjectType: 'test' });
      const started = Date.now();
      const token = await t.signIn('dev:linker-concurrent');
      const written = await Promise.race([
        t.request('POST', '/api/me/notifications/read-all', { token, body: {} }).then((r) => r.status),
        new Promise((resolve) => setTimeout(() => resolve('waited'), 5000)),
      ]);
      expect(written).toBe(204);
      expect(Date.now() - started).toBeLessThan(5000);
      await other.commitTransaction();
      await holder.commitTransaction();
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await other.release();
      await holder.release();
    }
    await linker().link();
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true, pending: 0 });
  });
});
