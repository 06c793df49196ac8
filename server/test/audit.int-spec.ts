import { MoreThan } from 'typeorm';
import { AuditLinkerService } from '../src/modules/audit/audit-linker.service';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { verifyAuditChain } from '../src/modules/audit/audit-verify.service';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { RoleAssignmentEntity } from '../src/modules/users/role-assignment.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, publishedWish, wishInput } from './support/wish-fixtures';

const UA = 'audit-walk/1.0 (test)';
/** Unmasked reads that go with a command (the contact shown with a claim); not the command's own entry. */
const READS = new Set(['wish.contact.read', 'agreement.contact.read', 'member.roster.read', 'role.holders.read']);

/** The audit log as the product owners asked for it: one entry per write call, with who, role, where, result. */
describe(`audit log (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const log = () => t.dataSource.getRepository(AuditLogEntity);
  // Entries are chained by the audit-chain-link job: link what is pending before reading by seq.
  const link = () => t.app.get(AuditLinkerService).link();
  const lastSeq = async () => (await link(), (await log().findOne({ where: { seq: MoreThan(0) }, order: { seq: 'DESC' } }))?.seq ?? 0);
  const entriesAfter = async (seq: number) => (await link(), log().find({ where: { seq: MoreThan(seq) }, order: { seq: 'ASC' } }));
  const signIn = async (code: string) => {
    const response = await t.request('POST', '/api/auth/wechat', { body: { code }, headers: { 'user-agent': UA } });
    expect(response.status).toBe(200);
    return { token: response.body.token as string, userId: response.body.user.id as string };
  };

  it('should write one entry for every write route the application serves, with actor, role, result, address and agent', async () => {
    const root = await signIn('dev:audit-root');
    await t.dataSource
      .getRepository(RoleAssignmentEntity)
      .insert({ id: crypto.randomUUID(), userId: root.userId, role: 'system_admin', regionId: null, organisationId: null, grantedBy: null, createdAt: new Date() });
    const community = await communityId(t, 'KDSQ01');
    const unit = (await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局' })).id;

    // The routes as the running application documents them (the OpenAPI test proves it documents every route).
    const { body: doc } = await t.request('GET', '/api/docs-json');
    const writes = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path })),
    );
    expect(writes.length).toBeGreaterThan(70);
    // Ending sessions last, so the walk keeps its token; each call gets a fresh one anyway.
    writes.sort((a, b) => Number(a.path.startsWith('/api/auth/')) - Number(b.path.startsWith('/api/auth/')));

    const problems: string[] = [];
    for (const { method, path } of writes) {
      // Scope nodes the guard resolves must exist; every other id is one nothing has, so the handler is reached.
      const ids: Record<string, string> = {};
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value =
          name === 'code'
            ? 'KDSQ01'
            : name === 'organisationId' || (name === 'id' && path.startsWith('/api/organisations/'))
              ? unit
              : name === 'id' && path.startsWith('/api/regions/')
                ? community
                : crypto.randomUUID();
        ids[name] = value;
        return value;
      });
      const { token } = await signIn('dev:audit-root');
      const before = await lastSeq();
      const response = await t.request(method, url, { token, body: {}, headers: { 'user-agent': UA, 'x-forwarded-for': '203.0.113.9' } });
      const entries = (await entriesAfter(before)).filter((e) => !READS.has(e.action));
      const name = `${method} ${path} (${response.status})`;
      if (entries.length !== 1) {
        problems.push(`${name}: ${entries.length} entries`);
        continue;
      }
      const [entry] = entries;
      const expectedResult = response.status >= 500 ? 'error' : response.status >= 400 ? 'refused' : 'ok';
      const firstParam = path.match(/\{(\w+)\}/)?.[1];
      const route = path.replace(/\{(\w+)\}/g, ':$1');
      const detail = JSON.parse(entry.detail ?? '{}');
      if (entry.result !== expectedResult) problems.push(`${name}: result ${entry.result}`);
      if (entry.actorId !== root.userId) problems.push(`${name}: actor ${entry.actorId}`);
      // Without TRUST_PROXY, a forwarded-for header is a client's claim and not believed.
      if (entry.ip !== '127.0.0.1') problems.push(`${name}: ip ${entry.ip}`);
      if (entry.userAgent !== UA) problems.push(`${name}: user agent ${entry.userAgent}`);
      if (entry.role !== 'system_admin') problems.push(`${name}: role ${entry.role}`);
      // A refused call's entry is the route's own: its target is the path's object.
      if (expectedResult !== 'ok') {
        if (detail.route !== `${method} ${route}`) problems.push(`${name}: route ${detail.route}`);
        if (firstParam && entry.subjectId !== ids[firstParam]) problems.push(`${name}: target ${entry.subjectId}`);
      }
    }
    expect(problems).toEqual([]);

    // Readable actions, spot-checked by hand.
    await link();
    const all = await log().find({ order: { seq: 'DESC' } });
    const byRoute = async (route: string) => all.find((r) => JSON.parse(r.detail ?? '{}').route === route);
    expect((await byRoute('POST /api/wishes/:id/claim'))?.action).toBe('wishes.claim');
    expect((await byRoute('POST /api/wishes/:id/review'))?.action).toBe('wishes.review');
    expect((await byRoute('DELETE /api/role-assignments/:id'))?.action).toBe('role-assignments.delete');
    expect((await byRoute('POST /api/organisations/:organisationId/members/import'))?.action).toBe('organisations.members.import');
  });

  it('should record a successful command once — its own entry, or the route’s — and the contact shown with a claim as a read', async () => {
    const resident = await signIn('dev:resident');
    const staff = await signIn('dev:staff');
    const member = await signIn('dev:member-07');
    const community = await communityId(t, 'KDSQ01');

    let before = await lastSeq();
    const posted = await t.request('POST', '/api/wishes', {
      token: resident.token,
      headers: { 'user-agent': UA },
      body: wishInput(community),
    });
    expect(posted.status).toBe(201);
    let entries = await entriesAfter(before);
    expect(entries.map((e) => [e.action, e.subjectId, e.result, e.actorId])).toEqual([['wish.create', posted.body.id, 'ok', resident.userId]]);

    const id = await publishedWish(t, resident.token, staff.token, community);
    before = await lastSeq();
    expect((await t.request('POST', `/api/wishes/${id}/claim`, { token: member.token, body: {} })).status).toBe(200);
    entries = await entriesAfter(before);
    expect(entries.map((e) => [e.action, e.subjectId, e.fields, e.reason])).toEqual([
      ['wish.contact.read', id, 'name,phone', '心愿认领人'],
      ['wishes.claim', id, null, null],
    ]);

    // A command with its own entry (a role grant) is not recorded twice.
    const committee = await signIn('dev:committee');
    const newcomer = await signIn('dev:audit-newcomer');
    const { body: me } = await t.request('POST', '/api/me/phone', { token: newcomer.token, body: { code: 'dev-phone:13900001111' } });
    expect(me).toBeDefined();
    before = await lastSeq();
    const granted = await t.request('POST', '/api/role-assignments', { token: committee.token, body: { phone: '13900001111', role: 'community_staff', regionId: community } });
    entries = await entriesAfter(before);
    expect(granted.status).toBeLessThan(300);
    // The grant's own entry, and the holders it answers with (names in full) as a read.
    expect(entries.map((e) => [e.action, e.result, e.role])).toEqual([
      ['role.grant', 'ok', 'committee_admin'],
      ['role.holders.read', 'ok', 'committee_admin'],
    ]);
    expect(entries[0].scopeName).toBe('巴彦淖尔市');
  });

  it('should record roster and role-holder reads, and refusals by the access check', async () => {
    const committee = await signIn('dev:committee');
    const unit = (await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局' })).id;
    const community = await communityId(t, 'KDSQ01');
    let before = await lastSeq();
    expect((await t.request('GET', `/api/organisations/${unit}/members`, { token: committee.token })).status).toBe(200);
    expect((await t.request('GET', `/api/role-assignments?regionId=${community}`, { token: committee.token })).status).toBe(200);
    const reads = await entriesAfter(before);
    expect(reads.map((e) => [e.action, e.subjectId, e.fields, e.actorId])).toEqual([
      ['member.roster.read', unit, 'name', committee.userId],
      ['role.holders.read', community, 'name', committee.userId],
    ]);

    const resident = await signIn('dev:resident');
    before = await lastSeq();
    expect((await t.request('PATCH', `/api/regions/${community}`, { token: resident.token, body: { name: '改名' } })).status).toBe(403);
    const refused = await entriesAfter(before);
    expect(refused.map((e) => [e.action, e.subjectId, e.result, e.actorId])).toEqual([['regions.update', community, 'refused', resident.userId]]);
    // Nobody signed in: not written (anyone could flood the log), and nothing else either.
    before = await lastSeq();
    expect((await t.request('PATCH', `/api/regions/${community}`, { body: { name: '改名' } })).status).toBe(401);
    expect(await entriesAfter(before)).toEqual([]);
  });

  it('should let city-level committee admins search the log by action, actor, target and time, and nobody else', async () => {
    const committee = await signIn('dev:committee');
    const grants = await t.request('GET', '/api/audit?action=role.grant', { token: committee.token });
    expect(grants.status).toBe(200);
    expect(grants.body.total).toBeGreaterThan(0);
    expect(grants.body.items.every((e: { action: string }) => e.action === 'role.grant')).toBe(true);
    const grant = grants.body.items[0];
    expect(grant).toMatchObject({ role: 'committee_admin', scopeName: '巴彦淖尔市', result: 'ok', ip: '127.0.0.1' });

    const wishes = await t.request('GET', '/api/audit?action=wishes.&pageSize=50', { token: committee.token });
    expect(wishes.body.items.length).toBeGreaterThan(0);
    expect(wishes.body.items.every((e: { action: string }) => e.action.startsWith('wishes.'))).toBe(true);

    const byActor = await t.request('GET', `/api/audit?actorId=${grant.actorId}&subjectId=${grant.subjectId}`, { token: committee.token });
    expect(byActor.body.items.map((e: { id: string }) => e.id)).toContain(grant.id);
    expect(byActor.body.items.every((e: { actorId: string; subjectId: string }) => e.actorId === grant.actorId && e.subjectId === grant.subjectId)).toBe(true);

    const at = new Date(grant.at).getTime();
    const window = (from: number, to: number) =>
      t.request('GET', `/api/audit?action=role.grant&from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`, { token: committee.token });
    expect((await window(at - 1000, at + 1000)).body.items.map((e: { id: string }) => e.id)).toContain(grant.id);
    expect((await window(at + 1000, at + 5000)).body.items.map((e: { id: string }) => e.id)).not.toContain(grant.id);

    const bad = await t.request('GET', '/api/audit?action=DROP%20TABLE', { token: committee.token });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await window(at + 5000, at)).status).toBe(400);

    for (const code of ['dev:resident', 'dev:staff', 'dev:official']) {
      expect((await t.request('GET', '/api/audit', { token: (await signIn(code)).token })).status).toBe(403);
    }
  });

  it('should leave an intact chain after all of the above', async () => {
    await link();
    const report = await verifyAuditChain(t.dataSource);
    expect(report.firstBreak).toBeNull();
    expect(report.checked).toBe(await lastSeq());
  });
});
