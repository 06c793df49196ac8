import { PRIVACY_NOTICE } from '@nuancheng/shared';
import { newId } from '../../src/common/ids';
import { AuditLogEntity } from '../../src/modules/audit/audit-log.entity';
import { ConsentEntity } from '../../src/modules/privacy/consent.entity';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';

describe(`privacy notice and consent records (${TEST_DB})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t?.close());

  const me = async (token: string): Promise<string> => (await t.request('GET', '/api/me', { token })).body.id;
  const scopeOf = (body: { scopes: { scope: string; granted: boolean }[] }, scope: string) => body.scopes.find((s) => s.scope === scope)!;

  it('should serve the notice in force with its version and a hash of its wording, to anyone', async () => {
    const notice = await t.request('GET', '/api/privacy/notice');
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({ version: PRIVACY_NOTICE.version, title: '暖城隐私保护指引', effectiveDate: PRIVACY_NOTICE.effectiveDate });
    expect(notice.body.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(notice.body.scopes.map((s: { scope: string }) => s.scope)).toEqual(['phone', 'location', 'photos', 'sensitive']);
  });

  it('should record grants and withdrawals per scope, with address and time, each audited', async () => {
    const token = await t.signIn('dev:consent-amy');
    const userId = await me(token);
    const none = await t.request('GET', '/api/me/consents', { token });
    expect(none.status).toBe(200);
    expect(none.body.scopes.every((s: { granted: boolean }) => !s.granted)).toBe(true);
    expect(none.body.history).toEqual([]);

    const granted = await t.request('POST', '/api/me/consents', {
      token,
      body: { noticeVersion: PRIVACY_NOTICE.version, scopes: ['phone', 'photos'], decision: 'granted' },
      headers: { 'user-agent': 'consent-test' },
    });
    expect(granted.status).toBe(200);
    expect(scopeOf(granted.body, 'phone').granted).toBe(true);
    expect(scopeOf(granted.body, 'photos').granted).toBe(true);
    expect(scopeOf(granted.body, 'location').granted).toBe(false);

    const withdrawn = await t.request('POST', '/api/me/consents', { token, body: { noticeVersion: PRIVACY_NOTICE.version, scopes: ['photos'], decision: 'withdrawn' } });
    expect(withdrawn.status).toBe(200);
    expect(scopeOf(withdrawn.body, 'photos').granted).toBe(false);
    expect(scopeOf(withdrawn.body, 'phone').granted).toBe(true);
    expect(withdrawn.body.history.map((h: { scope: string; decision: string }) => `${h.scope}:${h.decision}`)).toEqual(['phone:granted', 'photos:granted', 'photos:withdrawn']);

    const rows = await t.dataSource.getRepository(ConsentEntity).find({ where: { userId } });
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ noticeVersion: PRIVACY_NOTICE.version, ip: '127.0.0.1' });
    expect(rows[0].noticeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.find((r) => r.scope === 'phone')!.userAgent).toBe('consent-test');

    const log = t.dataSource.getRepository(AuditLogEntity);
    expect(await log.countBy({ action: 'me.consents.grant', actorId: userId, result: 'ok' })).toBe(1);
    expect(await log.countBy({ action: 'me.consents.withdraw', actorId: userId, result: 'ok' })).toBe(1);
  });

  it('should ask again when the notice changed: an older version grants nothing and a grant must name the current one', async () => {
    const token = await t.signIn('dev:consent-ben');
    const userId = await me(token);
    await t.dataSource.getRepository(ConsentEntity).insert({
      id: newId(),
      userId,
      scope: 'location',
      noticeVersion: '2025-01-v0',
      noticeHash: '0'.repeat(64),
      decision: 'granted',
      ip: null,
      userAgent: null,
      createdAt: new Date(Date.now() - 86400_000),
    });
    const mine = await t.request('GET', '/api/me/consents', { token });
    expect(scopeOf(mine.body, 'location')).toMatchObject({ granted: false, noticeVersion: '2025-01-v0' });
    expect(mine.body.reconsentNeeded).toBe(true);

    const outdated = await t.request('POST', '/api/me/consents', { token, body: { noticeVersion: '2025-01-v0', scopes: ['location'], decision: 'granted' } });
    expect(outdated.status).toBe(409);
    expect(outdated.body.code).toBe('PRIVACY_NOTICE_OUTDATED');
    expect(outdated.body.message).toMatch(/[\u4e00-\u9fa5]/);

    const again = await t.request('POST', '/api/me/consents', { token, body: { noticeVersion: PRIVACY_NOTICE.version, scopes: ['location'], decision: 'granted' } });
    expect(scopeOf(again.body, 'location').granted).toBe(true);
    expect(again.body.reconsentNeeded).toBe(false);
  });

  it('should record a withdrawal as a new row, leaving the grant as it was, even from an app showing an older notice', async () => {
    const token = await t.signIn('dev:consent-eve');
    const userId = await me(token);
    await t.request('POST', '/api/me/consents', { token, body: { noticeVersion: PRIVACY_NOTICE.version, scopes: ['photos'], decision: 'granted' } });
    const repo = t.dataSource.getRepository(ConsentEntity);
    const [grant] = await repo.find({ where: { userId } });

    // Withdrawing is as easy as granting: an app that has not fetched the new notice can still withdraw.
    const withdrawn = await t.request('POST', '/api/me/consents', { token, body: { noticeVersion: '2025-01-v0', scopes: ['photos'], decision: 'withdrawn' } });
    expect(withdrawn.status).toBe(200);
    const photos = withdrawn.body.scopes.find((s: { scope: string }) => s.scope === 'photos');
    expect(photos).toMatchObject({ granted: false, noticeVersion: PRIVACY_NOTICE.version });
    expect(Date.parse(photos.at)).toBeGreaterThanOrEqual(grant.createdAt.getTime());
    expect(withdrawn.body.history.map((h: { decision: string }) => h.decision)).toEqual(['granted', 'withdrawn']);

    const rows = await repo.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === grant.id)).toMatchObject({ decision: 'granted', noticeVersion: grant.noticeVersion, noticeHash: grant.noticeHash });
    const log = t.dataSource.getRepository(AuditLogEntity);
    expect(await log.countBy({ action: 'me.consents.withdraw', actorId: userId, subjectId: userId, result: 'ok' })).toBe(1);

    // Asking again afterwards: the next use needs a new grant, recorded as a third row.
    const regranted = await t.request('POST', '/api/me/consents', { token, body: { noticeVersion: PRIVACY_NOTICE.version, scopes: ['photos'], decision: 'granted' } });
    expect(regranted.body.scopes.find((s: { scope: string }) => s.scope === 'photos').granted).toBe(true);
    expect(await repo.countBy({ userId })).toBe(3);
  });

  it('should refuse strangers, unknown scopes and client-chosen owners', async () => {
    expect((await t.request('GET', '/api/me/consents')).status).toBe(401);
    expect((await t.request('POST', '/api/me/consents', { body: { noticeVersion: PRIVACY_NOTICE.version, scopes: ['phone'], decision: 'granted' } })).status).toBe(401);
    const token = await t.signIn('dev:consent-cat');
    for (const body of [
      { noticeVersion: PRIVACY_NOTICE.version, scopes: ['contacts'], decision: 'granted' },
      { noticeVersion: PRIVACY_NOTICE.version, scopes: [], decision: 'granted' },
      { noticeVersion: PRIVACY_NOTICE.version, scopes: ['phone'], decision: 'maybe' },
    ]) {
      expect((await t.request('POST', '/api/me/consents', { token, body })).status).toBe(400);
    }
    const other = await t.signIn('dev:consent-dan');
    const otherId = await me(other);
    const forged = await t.request('POST', '/api/me/consents', { token, body: { noticeVersion: PRIVACY_NOTICE.version, scopes: ['phone'], decision: 'granted', userId: otherId } });
    expect([200, 400]).toContain(forged.status);
    expect(await t.dataSource.getRepository(ConsentEntity).countBy({ userId: otherId })).toBe(0);
  });
});
