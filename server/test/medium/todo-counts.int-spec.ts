import type { TodoCounts } from '@nuancheng/shared';
import type { UserEntity } from '../../src/modules/users/user.entity';
import { SessionsService } from '../../src/modules/users/sessions.service';
import { RegistrationsService } from '../../src/modules/registrations/registrations.service';
import { DispatchesService } from '../../src/modules/wishes/dispatches.service';
import type { TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';

/**
 * 待办 counts on each workbench (GET /api/me/todo-counts) over HTTP on a small city made for the test: every count
 * equals a plain SQL count of the rows that wait for that user, and no one counts another place's items.
 */
describe(`todo counts on the workbenches (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let tree: City;
  let orgs: Organisations;
  const users: Record<string, UserEntity> = {};
  const tokens: Record<string, string> = {};

  const counts = async (who: string): Promise<TodoCounts> => {
    const response = await t.request('GET', '/api/me/todo-counts', { token: tokens[who] });
    expect(response.status).toBe(200);
    return response.body;
  };
  const kindsOf = (c: TodoCounts, role: string) => Object.fromEntries((c.roles.find((r) => r.role === role)?.kinds ?? []).map((k) => [k.kind, k.count]));
  const sqlCount = async (sql: string, params: unknown[]) => Number((await t.dataSource.query(sql, params))[0].n);
  const q = (name: string) => (TEST_DB === 'sqlite' ? `"${name}"` : `\`${name}\``);

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    users.staff = await f.holder('community_staff', tree.community);
    users.neighbourStaff = await f.holder('community_staff', tree.neighbour);
    users.official = await f.holder('street_official', tree.street);
    users.farOfficial = await f.holder('street_official', tree.otherStreet);
    users.admin = await f.holder('org_admin', orgs.unit);
    users.otherAdmin = await f.holder('org_admin', orgs.otherUnit);
    users.committee = await f.holder('committee_admin', tree.city);
    users.resident = await f.user();
    // A factory user has no dev login: open a session and exchange its refresh token for a bearer token.
    for (const [who, user] of Object.entries(users)) {
      const session = await t.app.get(SessionsService).open(user.id, { userAgent: 'medium-test', ip: '127.0.0.1' });
      tokens[who] = (await t.request('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).body.token;
    }

    // Wishes waiting to be vetted: two here, one next door, one in the other street.
    await f.wish({ community: tree.community, status: 'submitted' });
    await f.wish({ community: tree.community, status: 'submitted' });
    await f.wish({ community: tree.neighbour, status: 'submitted' });
    await f.wish({ community: tree.farCommunity, status: 'submitted' });
    // Dispatches waiting for an answer: two to the unit, one to the other unit.
    const dispatches = t.app.get(DispatchesService);
    const deadline = new Date(Date.now() + 10 * 86400_000).toISOString();
    for (const organisationId of [orgs.unit.id, orgs.unit.id, orgs.otherUnit.id]) {
      const wish = await f.wish({ community: tree.community });
      await dispatches.dispatch(await f.principal(users.official), wish.id, { organisationId, deadline });
    }
    // A member asking to register with the community (waits for its staff).
    const member = await f.member(orgs.branch);
    await t.app.get(RegistrationsService).request(await f.principal(member.user), tree.community.id);
  });
  afterAll(() => t?.close());

  it('should count for community staff the wishes and registrations of their own community, each equal to its SQL count', async () => {
    const c = await counts('staff');
    expect(c.roles.map((r) => r.role)).toEqual(['community_staff']);
    const wishReview = await sqlCount(`SELECT COUNT(*) AS n FROM ${q('wishes')} WHERE ${q('communityId')} = ? AND ${q('status')} = 'submitted'`, [tree.community.id]);
    const registrations = await sqlCount(`SELECT COUNT(*) AS n FROM ${q('registrations')} WHERE ${q('communityId')} = ? AND ${q('status')} = 'pending'`, [tree.community.id]);
    expect(wishReview).toBe(2);
    expect(registrations).toBe(1);
    expect(kindsOf(c, 'community_staff')).toEqual({ wish_review: wishReview, registration_pending: registrations });
    expect(c.roles[0]).toMatchObject({ label: '社区工作者', total: wishReview + registrations });
    expect(c.roles[0].kinds.find((k) => k.kind === 'wish_review')?.label).toBe('心愿待审核');

    const neighbour = await counts('neighbourStaff');
    expect(kindsOf(neighbour, 'community_staff')).toEqual({
      wish_review: await sqlCount(`SELECT COUNT(*) AS n FROM ${q('wishes')} WHERE ${q('communityId')} = ? AND ${q('status')} = 'submitted'`, [tree.neighbour.id]),
    });
  });

  it('should count for an organisation admin the dispatches to their own unit only', async () => {
    const dispatchesTo = (orgId: string) => sqlCount(`SELECT COUNT(*) AS n FROM ${q('wish_dispatches')} WHERE ${q('organisationId')} = ? AND ${q('status')} = 'pending'`, [orgId]);
    expect(kindsOf(await counts('admin'), 'org_admin')).toEqual({ dispatch_unanswered: await dispatchesTo(orgs.unit.id) });
    expect(await dispatchesTo(orgs.unit.id)).toBe(2);
    expect(kindsOf(await counts('otherAdmin'), 'org_admin')).toEqual({ dispatch_unanswered: await dispatchesTo(orgs.otherUnit.id) });
  });

  it("should give a street official their street's items for officials, and another street's official none of them", async () => {
    const official = await counts('official');
    expect(official.roles).toEqual([{ role: 'street_official', label: '街道干部', total: 0, kinds: [] }]);
    expect((await counts('farOfficial')).roles[0].total).toBe(0);
    // The committee acts only on escalated dispatches: none yet.
    expect((await counts('committee')).roles).toEqual([{ role: 'committee_admin', label: '工委', total: 0, kinds: [] }]);
  });

  it('should follow the items: a vetted wish leaves the staff count, an escalated dispatch reaches the committee', async () => {
    const before = kindsOf(await counts('staff'), 'community_staff').wish_review;
    const submitted = (await t.dataSource.query(`SELECT ${q('id')} AS id FROM ${q('wishes')} WHERE ${q('communityId')} = ? AND ${q('status')} = 'submitted'`, [tree.community.id]))[0].id;
    await t.dataSource.query(`UPDATE ${q('wishes')} SET ${q('status')} = 'published' WHERE ${q('id')} = ?`, [submitted]);
    expect(kindsOf(await counts('staff'), 'community_staff').wish_review).toBe(before - 1);

    const one = (await t.dataSource.query(`SELECT ${q('id')} AS id FROM ${q('wish_dispatches')} WHERE ${q('organisationId')} = ?`, [orgs.otherUnit.id]))[0].id;
    await t.dataSource.query(`UPDATE ${q('wish_dispatches')} SET ${q('status')} = 'escalated' WHERE ${q('id')} = ?`, [one]);
    const escalated = await sqlCount(`SELECT COUNT(*) AS n FROM ${q('wish_dispatches')} WHERE ${q('status')} = 'escalated'`, []);
    expect(kindsOf(await counts('committee'), 'committee_admin')).toEqual({ dispatch_unanswered: escalated });
    expect(kindsOf(await counts('otherAdmin'), 'org_admin')).toEqual({});
  });

  it('should give a resident no workbench and refuse a caller who is not signed in', async () => {
    expect((await counts('resident')).roles).toEqual([]);
    expect((await t.request('GET', '/api/me/todo-counts')).status).toBe(401);
  });
});
