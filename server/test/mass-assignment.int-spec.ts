import { buildFixtures, type MatrixFixtures } from './authz/fixtures';
import type { Persona } from './authz/matrix';
import { writeRoutes } from './authz/write-routes';
import { TEST_DB } from './support/test-database';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Mass assignment on every write route (issue 11): each served POST/PUT/PATCH/DELETE, read from the running app, is
 * sent its matrix body (test/authz/matrix.ts, the valid body the authorization matrix uses) by a persona the matrix
 * lets through, with fields a client must never set injected on top. The write may succeed or be refused with a
 * 4xx — never a 5xx — and afterwards no row of any table carries an injected value (each is a unique marker, looked
 * for in every column of every table), no new role assignment exists and no row's createdAt is the injected date.
 */
const MARK = 'MASSASSIGN';
const FORGED_DATE = '1999-09-09T09:09:09.000Z';
const INJECTED: Record<string, unknown> = Object.fromEntries([
  ...[
    'id',
    'status',
    'state',
    'ownerId',
    'userId',
    'residentId',
    'residentUserId',
    'memberId',
    'claimantId',
    'claimantUserId',
    'currentClaimId',
    'communityId',
    'streetId',
    'unitId',
    'branchId',
    'regionId',
    'organisationId',
    'parentId',
    'createdByUserId',
    'confirmedByUserId',
    'hash',
    'prevHash',
    'role',
    'level',
    'path',
    'code',
    'number',
    'openid',
  ].map((k) => [k, `${MARK}-${k}`]),
  ['createdAt', FORGED_DATE],
  ['updatedAt', FORGED_DATE],
  ['deletedAt', FORGED_DATE],
  ['version', 999_999],
  ['minutesCredited', 999_999],
  ['isAdmin', true],
]);

describe(`mass assignment (${TEST_DB})`, () => {
  let t: TestApp;
  let fx: MatrixFixtures;

  beforeAll(async () => {
    t = await startTestApp();
    fx = await buildFixtures(t);
  }, 300_000);
  afterAll(() => t?.close());

  const tables = () => t.dataSource.entityMetadatas.map((m) => m.tableName).sort();
  /** Every table holding an injected marker or the forged date: `table` for each hit. */
  async function hits(): Promise<string[]> {
    const found: string[] = [];
    for (const name of tables()) {
      const rows: unknown[] = await t.dataSource.query(`SELECT * FROM ${name}`);
      const text = JSON.stringify(rows);
      if (text.includes(MARK) || text.includes('1999-09-09')) found.push(name);
    }
    return found;
  }
  const admins = async () => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM role_assignments`))[0].n);

  it('should let no client set status, owner, scope, ids or timestamps on any write route', async () => {
    // Every served write route has a case here (its matrix row): a new route without one fails.
    const { routes, missing } = writeRoutes(t, fx);
    expect(missing).toEqual([]);
    const wrong: string[] = [];
    const covered: string[] = [];
    let succeeded = 0;
    expect(await hits()).toEqual([]);
    // A route the matrix lets no persona through (a refresh token's own check, a user only the system may disable)
    // is still sent, as the committee: refused, and nothing injected stored.
    for (const { route, method, path, row, persona, endsSession } of routes) {
      const valid = typeof row.body === 'function' ? (row.body as (x: Record<string, string>) => unknown)(fx.ids) : row.body;
      // The body's own valid values win where the route needs them (a community id, a status it transitions to).
      const merged = valid && typeof valid === 'object' && !Array.isArray(valid) ? { ...INJECTED, ...(valid as object) } : INJECTED;
      const roleCount = await admins();
      const token = endsSession ? await t.signIn(fx.codes[persona as Exclude<Persona, 'anon'>]) : fx.tokens.get(persona);
      const response = await t.request(method, path, { token, body: merged });
      covered.push(route);
      if (response.status >= 500) wrong.push(`${route} as ${persona}: ${response.status} ${JSON.stringify(response.body).slice(0, 160)}`);
      if (response.status < 300) succeeded += 1;
      const found = await hits();
      if (found.length) wrong.push(`${route} as ${persona} (${response.status}): an injected value stored in ${found.join(', ')}`);
      if (!route.includes('role') && !route.includes('grant') && (await admins()) !== roleCount) wrong.push(`${route} as ${persona}: role assignments changed`);
    }
    process.stdout.write(`mass assignment: ${covered.length} write routes sent injected fields, ${succeeded} of them succeeded (2xx), the rest refused with 4xx\n`);
    expect(wrong).toEqual([]);
  }, 600_000);
});
