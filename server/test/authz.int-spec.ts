import { appendFileSync } from 'node:fs';
import { buildFixtures, SECRET, type MatrixFixtures } from './authz/fixtures';
import { normaliseRoute as normalise, servedRoutes } from './authz/served-routes';
import { DENY, MATRIX, OK, PASS, PERSONAS, type Cells, type Expected, type Fixture, type Persona, type Row } from './authz/matrix';
import { DEMO_PERSONAS } from '../src/database/seed/demo-data';
import { TEST_DB } from './support/test-database';
import { startTestApp, type ApiResponse, type TestApp } from './support/test-app';

function matches(expected: Expected, status: number): boolean {
  if (expected === OK) return status >= 200 && status < 300;
  if (expected === PASS) return (status >= 200 && status < 300) || status === 400 || status === 409 || status === 422;
  if (expected === DENY) return status === 403 || status === 404;
  return Array.isArray(expected) ? expected.includes(status) : expected === status;
}

/** A public GET with a longer deadline than TestApp.request's 30 s. */
async function slowGet(t: TestApp, path: string, seconds: number): Promise<ApiResponse> {
  const response = await fetch(t.baseUrl + path, { redirect: 'manual', signal: AbortSignal.timeout(seconds * 1000) });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

const expectedFor = (cells: Cells, persona: Persona): Expected => cells[persona] ?? cells._;
const denies = (expected: Expected) => expected === DENY || expected === 401 || expected === 403 || expected === 404;

const FORBIDDEN_KEYS = /^(openid|unionid|sessionKey|session_key|phoneCipher|phoneHash|.*Cipher|refreshTokenHash|tokenHash)$/;
// A mainland mobile number standing alone (not a run of digits inside an id such as a UUID's last group).
const FULL_PHONE = /(?<![0-9A-Za-z-])1[3-9]\d{9}(?![0-9A-Za-z-])/;

describe(`authorization matrix (${TEST_DB})`, () => {
  let t: TestApp;
  let tokens: MatrixFixtures['tokens'];
  let codes: MatrixFixtures['codes'];
  let fixtures: MatrixFixtures['fixtures'];
  let ids: MatrixFixtures['ids'];
  const results: Array<{ persona: Persona; row: Row; side: string; path: string; method: string; expected: Expected; response: ApiResponse }> = [];

  beforeAll(async () => {
    t = await startTestApp();
    ({ tokens, codes, fixtures, ids } = await buildFixtures(t));
    // Every cell, reads first, then writes, then the `last` writes; denied personas before those let through.
    const isRead = (row: Row) => row.route.startsWith('GET ');
    // Signing out ends the personas' sessions: after everything else.
    const signsOut = (row: Row) => row.route.startsWith('POST /api/auth/sign-out');
    const ordered = [...MATRIX.filter(isRead), ...MATRIX.filter((r) => !isRead(r) && !r.last), ...MATRIX.filter((r) => !isRead(r) && r.last && !signsOut(r)), ...MATRIX.filter(signsOut)];
    for (const row of ordered) {
      const [method, pattern] = row.route.split(' ');
      const sides: Array<[string, Cells, string[] | undefined]> = row.fixture
        ? [
            ['own', row.own!, fixtures.get(row.fixture)!.own],
            ['foreign', row.foreign!, fixtures.get(row.fixture)!.foreign],
          ]
        : [['-', row.cells!, []]];
      for (const [side, cells, params] of sides) {
        if (!cells || !params) continue;
        let i = 0;
        const query = typeof row.query === 'function' ? row.query(ids) : row.query;
        const path = pattern.replace(/:[^/]+/g, () => encodeURIComponent(params[i++])).replace('/*', '/matrix.css') + (query ? `?${query}` : '');
        const personas = [...(row.personas ?? PERSONAS)].sort((a, b) => Number(denies(expectedFor(cells, b))) - Number(denies(expectedFor(cells, a))));
        for (const persona of personas) {
          const body = typeof row.body === 'function' ? (row.body as (x: Record<string, string>) => unknown)(ids) : row.body;
          // Each sign-out cell ends a session of its own, so the other sign-out row still has one to end.
          const token = signsOut(row) && persona !== 'anon' ? await t.signIn(codes[persona]) : tokens.get(persona);
          const response = await (row.timeoutS ? slowGet(t, path, row.timeoutS) : t.request(method, path, { token, body: method === 'GET' || method === 'DELETE' ? undefined : body })).catch(
            (error: Error) => ({ status: 0, body: String(error), headers: new Headers() }),
          );
          if (process.env.MATRIX_TRACE) appendFileSync(process.env.MATRIX_TRACE, `${method} ${path} ${persona} ${response.status}\n`);
          results.push({ persona, row, side, path, method, expected: expectedFor(cells, persona), response });
        }
      }
    }
  }, 900_000);
  afterAll(() => t?.close());

  it('should have a row for every route the app serves, and no row for a route it does not serve', () => {
    const served = servedRoutes(t).map(normalise);
    const declared = MATRIX.map((r) => normalise(r.route));
    expect(served.length).toBeGreaterThan(100);
    expect(served.filter((r) => !declared.includes(r))).toEqual([]);
    expect(declared.filter((r) => !served.includes(r))).toEqual([]);
    // Every row with an object covers both relations when the fixture has both.
    const oneSided = MATRIX.filter((r) => r.fixture && fixtures.get(r.fixture)!.foreign && !r.foreign).map((r) => r.route);
    expect(oneSided).toEqual([]);
  });

  it('should answer every cell as the matrix says, never 5xx', () => {
    const wrong = results
      .filter((r) => !matches(r.expected, r.response.status))
      .map((r) => `${r.row.route} [${r.side}] ${r.persona}: expected ${JSON.stringify(r.expected)}, got ${r.response.status} ${JSON.stringify(r.response.body).slice(0, 160)}`);
    process.stdout.write(
      `authorization matrix: ${new Set(MATRIX.map((r) => normalise(r.route))).size} routes in ${MATRIX.length} rows, ${results.length} cells (${PERSONAS.length} personas × own/foreign)\n`,
    );
    expect(wrong).toEqual([]);
  });

  it('should never send openid, ciphers or another relation’s personal data in any body', () => {
    const leaks: string[] = [];
    // Who may see a fixture wish's name and phone (the resident, the live claimant, the community's staff) and its
    // hardship category (the resident and the staff) — on the wish's own routes; the break-glass answer for officials.
    const mayContact: Record<string, Persona[]> = { own: ['resident', 'member', 'staff'], foreign: ['staffJl'] };
    const mayHardship: Record<string, Persona[]> = { own: ['resident', 'staff'], foreign: ['staffJl'] };
    const wishIds = fixtures.get('wish')!;
    // A resident's own data download (PIPL right to a copy, GET /api/me/data) holds their own openid and phone.
    const ownPhone = (persona: Persona) => (persona === 'anon' ? undefined : DEMO_PERSONAS.find((p) => p.code === codes[persona])?.phone);
    const OWN_DATA = /^(openid|unionid)$/;
    // An agreement's contact phone is shown in full to its two signing sides (the unit's admins, the countersigning
    // street or community, and the committee above it, which may countersign), each read by the other side audited.
    const agreements = fixtures.get('agreement')!;
    const agreementSides: Record<string, Persona[]> = { [agreements.own[0]]: ['orgAdmin', 'official', 'committee'], [agreements.foreign![0]]: ['staffJl', 'committee'] };
    for (const r of results) {
      if (r.response.status >= 300 || typeof r.response.body !== 'object' || Buffer.isBuffer(r.response.body)) continue;
      const text = JSON.stringify(r.response.body);
      const where = `${r.method} ${r.path} as ${r.persona}`;
      const ownData = r.path === '/api/me/data';
      const agreementSide = Object.entries(agreementSides).some(([id, sides]) => r.path.startsWith(`/api/agreements/${id}`) && sides.includes(r.persona));
      const walk = (value: unknown, key = ''): void => {
        if (FORBIDDEN_KEYS.test(key) && !(ownData && OWN_DATA.test(key))) leaks.push(`${where}: field ${key}`);
        if (Array.isArray(value)) value.forEach((v) => walk(v));
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
      };
      walk(r.response.body);
      for (const side of ['own', 'foreign'] as const) {
        const onWish = r.path.startsWith(`/api/wishes/${(side === 'own' ? wishIds.own : wishIds.foreign!)[0]}`) || r.path.startsWith('/api/me/');
        const breakGlass = r.path.endsWith('/contact') && r.method === 'POST';
        const secret = SECRET[side];
        const contactOk = breakGlass || (onWish && mayContact[side].includes(r.persona));
        const hardshipOk = breakGlass || (onWish && mayHardship[side].includes(r.persona));
        if (!contactOk && (text.includes(secret.name) || text.includes(secret.phone))) leaks.push(`${where}: ${side} wish's name or phone`);
        if (!hardshipOk && (text.includes(secret.hardship) || text.includes(secret.guardian))) leaks.push(`${where}: ${side} wish's hardship or guardian`);
      }
      for (const phone of text.match(new RegExp(FULL_PHONE.source, 'g')) ?? []) {
        if (Object.values(SECRET).some((s) => s.phone === phone)) continue;
        if (ownData && phone === ownPhone(r.persona)) continue;
        if (agreementSide && text.includes(`"contact":{"name":`) && text.includes(`"phone":"${phone}"`)) continue;
        // The claimant's phone on a wish page is for the staff of the wish's community (who may call or revoke).
        const staffOfWish = (r.persona === 'staff' && r.path === `/api/wishes/${wishIds.own[0]}`) || (r.persona === 'staffJl' && r.path === `/api/wishes/${wishIds.foreign![0]}`);
        if (staffOfWish && text.includes('"claimantContact":{') && text.includes(`"phone":"${phone}"`)) continue;
        leaks.push(`${where}: full phone ${phone}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('should not put an object a persona may not open into any list that persona reads', () => {
    const leaks: string[] = [];
    // Objects whose very existence is private to their relations (ids of regions, units or public wishes are not).
    // (A holding is not: a post's page lists its holders, masked, for everyone — docs/security.md.)
    const PRIVATE: Fixture[] = ['agreement', 'report', 'registration', 'shift', 'notification', 'dispatch'];
    // Lists that name an object to someone who may not open it, by design: a street's staff see the reports of
    // members who served there (to assess them: name, branch, unit, minutes — not the report's text).
    const BY_DESIGN: Array<{ path: RegExp; fixture: Fixture; personas: Persona[] }> = [{ path: /^\/api\/reports\/served/, fixture: 'report', personas: ['staff', 'staffJl', 'official'] }];
    for (const row of MATRIX.filter((r) => r.fixture && PRIVATE.includes(r.fixture) && /^GET \/api\/[a-z-]+\/:[a-zA-Z]+$/.test(r.route) && r.foreign)) {
      const foreignId = fixtures.get(row.fixture!)!.foreign?.[0];
      if (!foreignId) continue;
      for (const persona of PERSONAS) {
        if (!denies(expectedFor(row.foreign!, persona))) continue;
        for (const r of results) {
          if (r.persona !== persona || r.method !== 'GET' || r.response.status >= 300) continue;
          if (BY_DESIGN.some((b) => b.fixture === row.fixture && b.personas.includes(persona) && b.path.test(r.path))) continue;
          if (JSON.stringify(r.response.body ?? '').includes(foreignId)) leaks.push(`${r.path} as ${persona} lists ${row.fixture} ${foreignId} (denied on ${row.route})`);
        }
      }
    }
    expect([...new Set(leaks)]).toEqual([]);
  });

  it('should answer 404 or 405 to a method a path does not serve', async () => {
    const served = servedRoutes(t);
    const byPath = new Map<string, Set<string>>();
    for (const route of served) {
      const [method, path] = route.split(' ');
      if (path.includes('*') || path.startsWith('/api/docs')) continue;
      byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
    }
    // A path such as /api/reports/late under PATCH is the served PATCH /api/reports/:id: not a method swap.
    const patterns = served.map((route) => {
      const [method, path] = route.split(' ');
      return { method, regex: new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+').replace('*', '.*')}$`) };
    });
    const wrong: string[] = [];
    // The cells signed the personas out at the end: a fresh session.
    const committee = await t.signIn('dev:committee');
    for (const [path, methods] of byPath) {
      const concrete = path.replace(/:[^/]+/g, 'matrix-id');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !methods.has(m) && !patterns.some((p) => p.method === m && p.regex.test(path)))) {
        const response = await t.request(method, concrete, { token: committee, body: method === 'GET' || method === 'DELETE' ? undefined : {} });
        if (response.status !== 404 && response.status !== 405) wrong.push(`${method} ${path}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
