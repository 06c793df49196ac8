import { LessThanOrEqual, MoreThan } from 'typeorm';
import { AuditLinkerService } from '../src/modules/audit/audit-linker.service';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { AuditRetentionService } from '../src/modules/audit/audit-retention.service';
import { verifyAuditChain } from '../src/modules/audit/audit-verify.service';
import { TEST_DB } from './support/test-database';
import type { TestApp } from './support/test-app';
import { startTwoInstances } from './support/two-instances';

/**
 * The hash chain: two instances appending at once still form one chain, and a row edited or deleted in SQL is
 * named by the check.
 */
describe(`audit chain (${TEST_DB})`, () => {
  let a: TestApp;
  let b: TestApp;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // b sits behind a trusted proxy (this machine); a believes no forwarded-for header.
    ({ a, b, close } = await startTwoInstances('auditchain', { envB: { TRUST_PROXY: '127.0.0.1' } }));
    // Two apps, migrated and seeded, on a shared machine.
  }, 180_000);
  afterAll(() => close?.());

  const log = () => a.dataSource.getRepository(AuditLogEntity);
  const link = (app: TestApp) => app.app.get(AuditLinkerService).link();

  it('should form one chain from writes arriving at both instances at once', async () => {
    const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => a.signIn(`dev:chain-${i}`)));
    const responses = await Promise.all(
      tokens.flatMap((token) => [a, b].flatMap((app) => [1, 2].map(() => app.request('POST', '/api/me/notifications/read-all', { token, body: {}, headers: { 'x-forwarded-for': '203.0.113.9' } })))),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 204));
    const entries = await log().findBy({ action: 'me.notifications.read-all' });
    expect(entries).toHaveLength(48);
    // The proxy's forwarded address is believed only where TRUST_PROXY names the proxy.
    expect(entries.filter((e) => e.ip === '203.0.113.9')).toHaveLength(24);
    expect(entries.filter((e) => e.ip === '127.0.0.1')).toHaveLength(24);
    // Written unlinked; both instances' linker jobs at once link each entry once.
    const pending = await verifyAuditChain(a.dataSource);
    expect(pending).toMatchObject({ ok: true, pending: await log().count() });
    await Promise.all([link(a), link(b)]);
    const report = await verifyAuditChain(a.dataSource);
    expect(report).toMatchObject({ ok: true, firstBreak: null, legacy: 0, pending: 0 });
    expect(report.checked).toBe(await log().count());
    expect(report.head?.seq).toBe(report.checked);
  });

  it('should name the entry edited in the database, and pass again once it is put back', async () => {
    const row = await log().findOneByOrFail({ seq: 5 });
    await a.dataSource.query('UPDATE audit_logs SET actorId = ? WHERE seq = ?', ['01a00000-0000-7000-8000-000000000000', 5]);
    expect((await verifyAuditChain(a.dataSource)).firstBreak).toMatchObject({ seq: 5, id: row.id, kind: 'edited' });
    await a.dataSource.query('UPDATE audit_logs SET actorId = ? WHERE seq = ?', [row.actorId, 5]);
    expect((await verifyAuditChain(a.dataSource)).ok).toBe(true);

    // Re-hashing the edited row does not help: the next one no longer links to it.
    await a.dataSource.query('UPDATE audit_logs SET hash = ? WHERE seq = ?', ['f'.repeat(64), 5]);
    const relinked = (await verifyAuditChain(a.dataSource)).firstBreak;
    expect(relinked?.seq).toBe(5);
    await a.dataSource.query('UPDATE audit_logs SET hash = ? WHERE seq = ?', [row.hash, 5]);
  });

  it('should name the entry deleted from the middle or the end of the chain', async () => {
    const middle = await log().findOneByOrFail({ seq: 7 });
    await a.dataSource.query('DELETE FROM audit_logs WHERE seq = ?', [7]);
    const missing = (await verifyAuditChain(a.dataSource)).firstBreak;
    expect(missing).toMatchObject({ seq: 7, kind: 'missing' });
    expect(missing?.message).toContain('第 7 条');
    await log().insert(middle);
    expect((await verifyAuditChain(a.dataSource)).ok).toBe(true);

    const count = await log().count();
    const tail = await log().findOneByOrFail({ seq: count });
    await a.dataSource.query('DELETE FROM audit_logs WHERE seq = ?', [count]);
    expect((await verifyAuditChain(a.dataSource)).firstBreak).toMatchObject({ seq: count, kind: 'truncated' });
    await log().insert(tail);
    expect((await verifyAuditChain(a.dataSource)).ok).toBe(true);
  });

  it('should purge entries past retention behind a checkpoint, so the chain still verifies', async () => {
    const before = await log().count();
    for (const app of [a, b]) app.clock.advance(181 * 24 * 3600 * 1000);
    const token = await b.signIn('dev:chain-late');
    expect((await b.request('POST', '/api/me/notifications/read-all', { token, body: {} })).status).toBe(204);
    await link(b);
    const kept = await log().countBy({ seq: MoreThan(before) });
    // Both instances' jobs at once: one purge, the other finds nothing left to do.
    const results = await Promise.all([a.app.get(AuditRetentionService).purge(), b.app.get(AuditRetentionService).purge()]);
    expect(results.map((r) => r.purged).sort((x, y) => x - y)).toEqual([0, before]);
    expect(await log().countBy({ seq: LessThanOrEqual(before) })).toBe(0);
    const purge = await log().findOneByOrFail({ action: 'audit.purge' });
    expect(JSON.parse(purge.detail!)).toMatchObject({ throughSeq: before, purged: before, retentionDays: 180 });
    expect(await log().count()).toBe(kept + 1);
    await link(a);
    const report = await verifyAuditChain(a.dataSource);
    expect(report).toMatchObject({ ok: true, fromSeq: before, checked: kept + 1 });

    // The first entry kept is still protected by the checkpoint.
    const first = await log().findOneByOrFail({ seq: before + 1 });
    await a.dataSource.query('DELETE FROM audit_logs WHERE seq = ?', [before + 1]);
    expect((await verifyAuditChain(a.dataSource)).firstBreak).toMatchObject({ seq: before + 1, kind: 'missing' });
    await log().insert(first);
    expect((await verifyAuditChain(a.dataSource)).ok).toBe(true);
  });
});
