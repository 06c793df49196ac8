/**
 * The authorization matrix (issue 11): every served route × persona × relation → the expected answer. Read by
 * `test/authz.int-spec.ts` (in `npm test` on SQLite and MariaDB; docs/security.md), which calls every cell over HTTP against the real app and fails for a served route
 * with no row here.
 *
 * Personas (the demo city, docs/security.md): the relation each holds to a row's `own` and `foreign` object —
 *   anon       nobody signed in
 *   resident   dev:resident, the resident of the own wish (a stranger to the foreign one)
 *   stranger   a signed-in user with no role and no relation to anything (resident of nothing here)
 *   member     dev:member-01 (市地震局 branch, lives in 康都社区), the live claimant of the own wish, the author of
 *              the own member objects (pledge, report, registration, ledger entry…)
 *   secretary  dev:secretary, branch secretary of 市地震局机关党支部 (member-01's branch), a member themself
 *   orgAdmin   dev:org-admin, org admin of 市林草局 (own unit objects: 市林草局's agreements, branches)
 *   staff      dev:staff, community staff of 康都社区 (own community)
 *   staffJl    dev:staff-jl, community staff of 江林社区 (the foreign community, in another street)
 *   official   dev:official, street official of 汇丰街道 (康都社区's street; not 江林社区's)
 *   committee  dev:committee, committee admin of the city and of the work committee (above everything)
 * `own` objects sit in 康都社区 / 汇丰街道 / 市地震局 (or 市林草局 for unit objects); `foreign` ones in 江林社区 /
 * 金川街道 / another branch or unit. A route without an object has one set of cells (`cells`).
 *
 * Answers: a status, a list of statuses, or
 *   OK    2xx
 *   PASS  the route and every access check let the caller through: 2xx, or 400/409 about the body or the
 *         object's state (a write whose state no longer allows it), never 401/403/404
 *   DENY  refused as not yours: 403, or 404 where the object's existence is itself private
 */
export const PERSONAS = ['anon', 'stranger', 'resident', 'member', 'secretary', 'orgAdmin', 'staffJl', 'staff', 'official', 'committee'] as const;
export type Persona = (typeof PERSONAS)[number];

export const OK = 'ok' as const;
export const PASS = 'pass' as const;
export const DENY = 'deny' as const;
export type Expected = number | readonly number[] | typeof OK | typeof PASS | typeof DENY;
/** `_` is every persona not named. */
export type Cells = Partial<Record<Persona, Expected>> & { _: Expected };

/** Which fixture fills the route's first path parameter (the test resolves them from the demo city and factories). */
export type Fixture =
  | 'wish'
  | 'activity'
  | 'attendance'
  | 'agreement'
  | 'pledge'
  | 'report'
  | 'orgReport'
  | 'registration'
  | 'post'
  | 'holding'
  | 'shift'
  | 'project'
  | 'ledgerEntry'
  | 'member'
  | 'notification'
  | 'upload'
  | 'dispatch'
  | 'roleAssignment'
  | 'emptyRegion'
  | 'emptyOrganisation'
  | 'region'
  | 'street'
  | 'communityCode'
  | 'unit'
  | 'branch'
  | 'certificate'
  | 'user'
  | 'qrToken';

export interface Row {
  /** `METHOD /path/:param`, as Fastify serves it (param names are not compared). */
  route: string;
  fixture?: Fixture;
  /** Query string (after `?`), or a function of the fixture ids; the body, or a function of the fixture ids (`community`, `street`, `unit`, `member`, `foreignCommunity`, `foreignUnit`, `granteePhone`). */
  query?: string | ((ids: Record<string, string>) => string);
  body?: Record<string, unknown> | ((ids: Record<string, string>) => Record<string, unknown>);
  /** Cells for a route without a path object. */
  cells?: Cells;
  own?: Cells;
  foreign?: Cells;
  /** Callers, when not every persona (a public image that takes seconds to render: anonymous and one signed-in caller). */
  personas?: readonly Persona[];
  /** Seconds the answer may take (default 30): the QR poster renders with a CJK font, slow on a loaded machine. */
  timeoutS?: number;
  /** Writes that change what later rows read run after every read, in this order; `last` ones at the very end. */
  last?: boolean;
}

const signedIn = (expected: Expected): Cells => ({ anon: 401, _: expected });
const only = (personas: Persona[], expected: Expected, others: Expected = 403): Cells => ({
  anon: 401,
  ...Object.fromEntries(personas.map((p) => [p, expected])),
  _: others,
});
const pub = (expected: Expected = OK): Cells => ({ _: expected });
const STAFF: Persona[] = ['staff', 'staffJl', 'official', 'committee'];
const SIGNERS: Persona[] = ['orgAdmin', 'staff', 'staffJl', 'official', 'committee'];
const MEMBERS: Persona[] = ['member', 'secretary'];
const REASON = { reason: '授权矩阵测试' };
/** A member's record (registration, holding, shift): the member, the community's staff and those above read it. */
const MEMBERS_RECORD = {
  own: { ...signedIn(DENY), member: OK, staff: OK, official: OK, committee: OK },
  foreign: { ...signedIn(DENY), staffJl: OK, committee: OK },
};
// Valid bodies, so a refusal cell proves the relation check rather than validation (which runs first).
const PLEDGE = { content: '每周为社区老人测量血压', target: '全年测量不少于 40 次', dueDate: '2099-12-31', category: '健康义诊', nameDisplay: 'masked' };
const TERMS = {
  startDate: '2099-01-01',
  endDate: '2099-12-31',
  contactName: '林草联络员',
  contactPhone: '13700009999',
  commitments: [{ category: '绿化美化', description: '小区补植苗木', quantity: 500, unit: '株' }],
};

export const MATRIX: Row[] = [
  // ── health, docs, dev, auth, me
  { route: 'GET /api/health', cells: pub() },
  { route: 'GET /api/docs-json', cells: pub() },
  { route: 'GET /api/docs', cells: pub() },
  { route: 'GET /api/docs/', cells: pub() },
  { route: 'GET /api/docs/index.html', cells: pub() },
  { route: 'GET /api/docs/swagger-ui-init.js', cells: pub() },
  { route: 'GET /api/docs/docs/swagger-ui-init.js', cells: pub([200, 404]) },
  // Served by @nestjs/swagger from swagger-ui-dist, which ships no LICENSE file in this version: 404 for everyone.
  { route: 'GET /api/docs/LICENSE', cells: pub([200, 404]) },
  { route: 'GET /api/docs/*', cells: pub([200, 404]) },
  { route: 'GET /api/docs-yaml', cells: pub() },
  { route: 'GET /api/dev/personas', cells: pub() },
  { route: 'POST /api/auth/wechat', body: { code: 'not a code' }, cells: pub(400) },
  { route: 'POST /api/auth/refresh', body: { refreshToken: 'x'.repeat(43) }, cells: pub(401) },
  { route: 'GET /api/me', cells: signedIn(OK) },
  { route: 'POST /api/me/phone', body: { code: 'bogus' }, cells: signedIn([400, 502]) },
  { route: 'GET /api/me/notifications', cells: signedIn(OK) },
  { route: 'POST /api/me/notifications/read-all', body: {}, cells: signedIn(OK) },
  { route: 'POST /api/me/notifications/:id/read', fixture: 'notification', body: {}, own: { ...signedIn(404), member: OK }, foreign: signedIn(404) },
  { route: 'GET /api/me/wishes', cells: signedIn(OK) },
  { route: 'GET /api/me/wishes/counts', cells: signedIn(OK) },
  { route: 'GET /api/me/claims', cells: signedIn(OK) },
  { route: 'GET /api/me/dispatches', cells: only(['orgAdmin'], OK) },
  { route: 'GET /api/me/ledger', cells: only(MEMBERS, OK) },
  { route: 'GET /api/me/activities', cells: only(MEMBERS, OK) },
  { route: 'GET /api/me/reports', cells: signedIn(OK) },
  { route: 'GET /api/me/reports/due', cells: signedIn(OK) },
  { route: 'POST /api/me/reports', body: { period: '2099H1' }, cells: only(MEMBERS, 400) },
  { route: 'GET /api/me/certificates', cells: signedIn(OK) },
  { route: 'POST /api/me/certificates', body: { period: '2099H1' }, cells: only(MEMBERS, 400) },
  { route: 'GET /api/me/data', cells: signedIn(OK) },
  { route: 'GET /api/privacy/notice', cells: pub() },
  { route: 'GET /api/me/consents', cells: signedIn(OK) },
  // An outdated notice version is refused before anything is recorded.
  { route: 'POST /api/me/consents', body: { noticeVersion: '2000-01-v0', scopes: ['phone'], decision: 'granted' }, cells: signedIn(409) },
  // A wrong confirmation word is refused before anything else, so no cell deletes the fixture's accounts.
  { route: 'POST /api/me/delete', body: { confirm: 'no' }, cells: signedIn(400) },
  // Both sign-out rows run last, each with a fresh session per persona (the first ends the personas' sessions).
  { route: 'POST /api/auth/sign-out', body: {}, cells: signedIn(PASS), last: true },
  { route: 'POST /api/auth/sign-out-all', body: {}, cells: signedIn(PASS), last: true },

  // ── regions, communities, organisations, users, roles, members
  { route: 'GET /api/regions', cells: pub() },
  { route: 'GET /api/regions/:id', fixture: 'region', own: pub(), foreign: pub() },
  // The region tree is the committee's: a street official cannot add a community to their own street.
  { route: 'POST /api/regions', body: (ids) => ({ parentId: ids.street, level: 'community', name: '矩阵社区', code: 'MTRX01' }), cells: only(['committee'], PASS, 403) },
  { route: 'PATCH /api/regions/:id', fixture: 'emptyRegion', body: { name: '矩阵改名社区' }, own: only(['committee'], PASS), foreign: only(['committee'], PASS) },
  { route: 'DELETE /api/regions/:id', fixture: 'emptyRegion', own: only(['committee'], PASS), foreign: only(['committee'], PASS), last: true },
  { route: 'GET /api/regions/:id/one-plus-n', fixture: 'street', own: only(['official', 'committee'], OK), foreign: only(['committee'], OK) },
  { route: 'GET /api/communities/:code', fixture: 'communityCode', own: pub(), foreign: pub() },
  {
    route: 'PATCH /api/communities/:code',
    fixture: 'communityCode',
    body: { checkinRadiusM: 500 },
    own: only(['staff', 'official', 'committee'], PASS),
    foreign: only(['staffJl', 'committee'], PASS),
  },
  { route: 'GET /api/communities/:code/qrcode.png', fixture: 'communityCode', own: pub(), foreign: pub(), personas: ['anon'], timeoutS: 180 },
  { route: 'GET /api/communities/:code/qrcode.svg', fixture: 'communityCode', own: pub(), foreign: pub() },
  { route: 'GET /qr/c/:code', fixture: 'communityCode', own: pub(302), foreign: pub(302) },
  { route: 'GET /api/organisations', cells: signedIn(OK) },
  { route: 'GET /api/organisations/:id', fixture: 'unit', own: signedIn(OK), foreign: signedIn(OK) },
  { route: 'POST /api/organisations', body: (ids) => ({ parentId: ids.unit, level: 'branch', name: '矩阵支部' }), cells: only(['committee'], PASS) },
  { route: 'PATCH /api/organisations/:id', fixture: 'emptyOrganisation', body: { name: '矩阵改名支部' }, own: only(['orgAdmin', 'committee'], PASS), foreign: only(['committee'], PASS) },
  { route: 'DELETE /api/organisations/:id', fixture: 'emptyOrganisation', own: only(['committee'], PASS), foreign: only(['committee'], PASS), last: true },
  { route: 'GET /api/organisations/:id/members', fixture: 'unit', own: only(['orgAdmin', 'committee'], OK), foreign: only(['committee'], OK) },
  { route: 'POST /api/organisations/:id/members/import', fixture: 'unit', body: {}, own: only(['orgAdmin', 'committee'], [400, 415]), foreign: only(['committee'], [400, 415]) },
  // Role holders of one node: the own community (dev:official's street), the foreign one, dev:org-admin's unit.
  { route: 'GET /api/role-assignments', query: (ids) => `regionId=${ids.community}`, cells: only(['official', 'committee'], OK) },
  { route: 'GET /api/role-assignments', query: (ids) => `regionId=${ids.foreignCommunity}`, cells: only(['committee'], OK) },
  { route: 'GET /api/role-assignments', query: (ids) => `organisationId=${ids.unit}`, cells: only(['orgAdmin', 'committee'], OK) },
  { route: 'GET /api/role-assignments', query: (ids) => `organisationId=${ids.foreignUnit}`, cells: only(['committee'], OK) },
  { route: 'GET /api/role-assignments', cells: only(['orgAdmin', 'official', 'committee'], 400) },
  { route: 'POST /api/role-assignments', body: (ids) => ({ phone: ids.granteePhone, role: 'community_staff', regionId: ids.community }), cells: only(['official', 'committee'], PASS) },
  { route: 'POST /api/role-assignments', body: (ids) => ({ phone: ids.granteePhone, role: 'community_staff', regionId: ids.foreignCommunity }), cells: only(['committee'], PASS) },
  // The official revokes the own grant first; the committee then finds it gone (404).
  { route: 'DELETE /api/role-assignments/:id', fixture: 'roleAssignment', own: { ...only(['official'], PASS), committee: [200, 204, 404] }, foreign: only(['committee'], PASS), last: true },
  { route: 'POST /api/users/:id/disable', fixture: 'user', body: REASON, cells: only([], PASS), own: only([], PASS), last: true },
  { route: 'GET /api/members/:id/ledger', fixture: 'member', own: only(['secretary', 'official'], OK), foreign: only([], OK) },
  // Corrections: the member's branch secretary (or the entry's organiser, or the unit's admin) — not any staff.
  { route: 'POST /api/ledger/:id/corrections', fixture: 'ledgerEntry', body: { minutes: -1, reason: '授权矩阵测试' }, own: only(['secretary'], PASS), foreign: only([], PASS) },

  // ── wishes
  { route: 'GET /api/wishes', cells: pub() },
  { route: 'POST /api/wishes', body: (ids) => ({ communityId: ids.community, title: '矩阵' }), cells: signedIn(400) },
  { route: 'GET /api/wishes/review-queue', cells: only(STAFF, OK) },
  { route: 'GET /api/wishes/overdue', cells: only(['official', 'committee'], OK) },
  { route: 'GET /api/wishes/:id', fixture: 'wish', own: pub(), foreign: pub() },
  { route: 'GET /api/wishes/:id/timeline', fixture: 'wish', own: pub(), foreign: pub() },
  {
    route: 'POST /api/wishes/:id/resubmit',
    fixture: 'wish',
    body: { title: '授权矩阵测试心愿', description: '授权矩阵测试心愿的说明文字', category: '生活用品', estimatedValueYuan: 100 },
    own: { ...signedIn(DENY), resident: PASS },
    foreign: signedIn(DENY),
  },
  { route: 'GET /api/wishes/:id/dispatch-candidates', fixture: 'wish', own: only(['official', 'committee'], OK), foreign: only(['committee'], OK) },
  { route: 'POST /api/wishes/:id/review', fixture: 'wish', body: { decision: 'approve' }, own: only(['staff', 'official', 'committee'], PASS), foreign: only(['staffJl', 'committee'], PASS) },
  { route: 'POST /api/wishes/:id/withdraw', fixture: 'wish', body: {}, own: { ...signedIn(DENY), resident: PASS }, foreign: signedIn(DENY) },
  // Only members claim (both wishes are claimed already: 409); a unit claims through its admin with organisationId.
  { route: 'POST /api/wishes/:id/claim', fixture: 'wish', body: {}, own: only(MEMBERS, PASS), foreign: only(MEMBERS, PASS) },
  { route: 'POST /api/wishes/:id/release', fixture: 'wish', body: REASON, own: { ...signedIn(DENY), member: PASS }, foreign: signedIn(DENY), last: true },
  { route: 'POST /api/wishes/:id/revoke', fixture: 'wish', body: REASON, own: only(['staff', 'official', 'committee'], PASS), foreign: only(['staffJl', 'committee'], PASS), last: true },
  { route: 'POST /api/wishes/:id/fulfil', fixture: 'wish', body: { photoIds: ['x'], note: '已送到家' }, own: { ...signedIn(DENY), member: PASS }, foreign: signedIn(DENY) },
  // Confirming on behalf is the community's 'staff' relation: its staff, the street's officials, the committee.
  {
    route: 'POST /api/wishes/:id/confirm',
    fixture: 'wish',
    body: {},
    own: { ...signedIn(DENY), resident: PASS, staff: PASS, official: PASS, committee: PASS },
    foreign: { ...signedIn(DENY), staffJl: PASS, committee: PASS },
  },
  { route: 'POST /api/wishes/:id/dispute', fixture: 'wish', body: REASON, own: { ...signedIn(DENY), resident: PASS }, foreign: signedIn(DENY) },
  { route: 'POST /api/wishes/:id/reopen', fixture: 'wish', body: REASON, own: only(['staff', 'official', 'committee'], PASS), foreign: only(['staffJl', 'committee'], PASS) },
  { route: 'POST /api/wishes/:id/contact', fixture: 'wish', body: REASON, own: only(['official', 'committee'], PASS), foreign: only(['committee'], PASS) },
  {
    route: 'POST /api/wishes/:id/dispatch',
    fixture: 'wish',
    body: (ids) => ({ organisationId: ids.unit, deadline: '2099-01-01T00:00:00.000Z' }),
    own: only(['official', 'committee'], PASS),
    foreign: only(['committee'], PASS),
  },
  { route: 'POST /api/dispatches/:id/answer', fixture: 'dispatch', body: { decision: 'decline', reason: '授权矩阵测试' }, own: only(['orgAdmin'], PASS), foreign: only([], PASS) },

  // ── projects
  { route: 'GET /api/projects', cells: pub() },
  { route: 'GET /api/projects/:id', fixture: 'project', own: pub(), foreign: pub() },
  { route: 'GET /api/projects/:id/timeline', fixture: 'project', own: pub(), foreign: pub() },
  { route: 'POST /api/projects', body: (ids) => ({ regionId: ids.community }), cells: only(STAFF, PASS) },
  { route: 'POST /api/projects/:id/claim', fixture: 'project', body: {}, own: only(['secretary', 'orgAdmin'], PASS), foreign: only(['secretary', 'orgAdmin'], PASS) },
  {
    route: 'POST /api/projects/:id/updates',
    fixture: 'project',
    body: { note: '授权矩阵测试进展', photoIds: [] },
    own: only(['secretary', 'orgAdmin'], PASS),
    foreign: only(['secretary', 'orgAdmin'], PASS),
  },
  { route: 'POST /api/projects/:id/complete', fixture: 'project', body: {}, own: only(['secretary', 'orgAdmin'], PASS), foreign: only(['secretary', 'orgAdmin'], PASS) },
  { route: 'POST /api/projects/:id/verify', fixture: 'project', body: {}, own: only(['official', 'committee'], PASS), foreign: only(['committee'], PASS) },

  // ── activities
  { route: 'GET /api/activities', cells: pub() },
  { route: 'GET /api/activities/places', cells: only(['orgAdmin', 'staff', 'staffJl'], OK) },
  // Organisers: community staff and org admins (for communities their unit's agreements cover).
  { route: 'POST /api/activities', body: (ids) => ({ communityId: ids.community }), cells: only(['staff', 'staffJl', 'orgAdmin'], PASS) },
  { route: 'GET /api/activities/:id', fixture: 'activity', own: pub(), foreign: pub() },
  { route: 'GET /api/activities/:id/timeline', fixture: 'activity', own: pub(), foreign: pub() },
  { route: 'GET /api/activities/:id/checkin-code', fixture: 'activity', own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY) },
  { route: 'GET /api/activities/:id/attendances', fixture: 'activity', own: only(['staff'], OK, DENY), foreign: only(['staffJl'], OK, DENY) },
  { route: 'POST /api/activities/:id/signup', fixture: 'activity', body: {}, own: only(MEMBERS, PASS), foreign: only(MEMBERS, PASS) },
  // Cancelling a sign-up one does not have is refused as not yours (您没有报名这个活动).
  { route: 'POST /api/activities/:id/signup/cancel', fixture: 'activity', body: {}, own: only(['member'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/activities/:id/checkin', fixture: 'activity', body: { token: 'x.1.y', lat: 40, lng: 107, accuracy: 10 }, own: only(MEMBERS, PASS), foreign: only(MEMBERS, PASS) },
  { route: 'POST /api/activities/:id/checkout', fixture: 'activity', body: { token: 'x.1.y', lat: 40, lng: 107, accuracy: 10 }, own: only(MEMBERS, PASS), foreign: only(MEMBERS, PASS) },
  {
    route: 'POST /api/activities/:id/attendances/manual',
    fixture: 'activity',
    body: (ids) => ({ memberId: ids.member, reason: '授权矩阵测试' }),
    own: only(['staff'], PASS, DENY),
    foreign: only(['staffJl'], PASS, DENY),
  },
  { route: 'POST /api/activities/:id/hours/approve-all', fixture: 'activity', body: {}, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY) },
  { route: 'POST /api/activities/:id/hours/:attendanceId', fixture: 'attendance', body: { decision: 'approve' }, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY) },
  { route: 'POST /api/activities/:id/end', fixture: 'activity', body: {}, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY), last: true },
  { route: 'POST /api/activities/:id/cancel', fixture: 'activity', body: REASON, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY), last: true },
  { route: 'GET /qr/a/:token', fixture: 'qrToken', own: pub(302) },

  // ── agreements
  { route: 'GET /api/agreements', cells: only(SIGNERS, OK) },
  { route: 'POST /api/agreements', body: (ids) => ({ organisationId: ids.unit, regionId: ids.street }), cells: only(['orgAdmin'], PASS) },
  { route: 'GET /api/agreements/:id', fixture: 'agreement', own: only(['orgAdmin', 'official', 'staff', 'committee'], OK, DENY), foreign: only(['staffJl', 'committee'], OK, DENY) },
  { route: 'GET /api/agreements/:id/timeline', fixture: 'agreement', own: only(['orgAdmin', 'official', 'staff', 'committee'], OK, DENY), foreign: only(['staffJl', 'committee'], OK, DENY) },
  { route: 'POST /api/agreements/:id/countersign', fixture: 'agreement', body: {}, own: only(['official', 'committee'], PASS, DENY), foreign: only(['staffJl', 'committee'], PASS, DENY) },
  { route: 'POST /api/agreements/:id/return', fixture: 'agreement', body: REASON, own: only(['official', 'committee'], PASS, DENY), foreign: only(['staffJl', 'committee'], PASS, DENY) },
  { route: 'POST /api/agreements/:id/repropose', fixture: 'agreement', body: TERMS, own: only(['orgAdmin'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/agreements/:id/withdraw', fixture: 'agreement', body: {}, own: only(['orgAdmin'], PASS, DENY), foreign: only([], PASS, DENY), last: true },
  {
    route: 'POST /api/agreements/:id/end',
    fixture: 'agreement',
    body: REASON,
    own: only(['orgAdmin', 'official', 'committee'], PASS, DENY),
    foreign: only(['staffJl', 'committee'], PASS, DENY),
    last: true,
  },

  // ── pledges and branches
  { route: 'POST /api/pledges', body: PLEDGE, cells: only(MEMBERS, PASS) },
  { route: 'GET /api/pledges/mine', cells: only(MEMBERS, OK) },
  { route: 'GET /api/pledges/public', query: 'communityCode=KDSQ01', cells: pub() },
  { route: 'GET /api/pledges', cells: only(['secretary', 'staff', 'staffJl', 'committee'], OK) },
  // The own pledge is approved (public); the foreign one, just submitted, only for its member, their branch's
  // secretary, their residence community's staff and the committee.
  { route: 'GET /api/pledges/:id', fixture: 'pledge', own: pub(), foreign: { _: DENY, staffJl: OK, committee: OK } },
  { route: 'GET /api/pledges/:id/timeline', fixture: 'pledge', own: only(['member', 'secretary', 'staff', 'committee'], OK, DENY), foreign: only(['staffJl', 'committee'], OK, DENY) },
  { route: 'PUT /api/pledges/:id', fixture: 'pledge', body: PLEDGE, own: only(['member'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/pledges/:id/review', fixture: 'pledge', body: { decision: 'approve' }, own: only(['secretary'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/pledges/:id/progress', fixture: 'pledge', body: { note: '授权矩阵测试进展' }, own: only(['member'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/pledges/:id/complete', fixture: 'pledge', body: { evidence: '授权矩阵测试完成情况' }, own: only(['member'], PASS, DENY), foreign: only([], PASS, DENY) },
  {
    route: 'POST /api/pledges/:id/assessments',
    fixture: 'pledge',
    body: { grade: 'good', comment: '授权矩阵测试' },
    own: only(['secretary', 'staff'], PASS, DENY),
    foreign: only(['staffJl'], PASS, DENY),
  },
  { route: 'GET /api/branches/without-project', cells: only(['committee'], OK) },
  { route: 'GET /api/supervision/board', cells: only(['official', 'committee'], OK) },
  { route: 'GET /api/supervision/board.xlsx', cells: only(['official', 'committee'], OK) },
  { route: 'GET /api/supervision/dashboard', cells: only(['official', 'committee'], OK) },
  { route: 'GET /api/me/todo-counts', cells: signedIn(OK) },
  // Exports for the caller's own region (officials, the committee) or organisation (secretaries, org admins).
  { route: 'GET /api/exports/reports.xlsx', query: 'from=2026-01-01&to=2026-01-31', cells: only(['secretary', 'orgAdmin', 'official', 'committee'], OK) },
  { route: 'GET /api/exports/ledger.xlsx', query: 'from=2026-01-01&to=2026-01-31', cells: only(['secretary', 'orgAdmin', 'official', 'committee'], OK) },
  { route: 'GET /api/exports/wishes.xlsx', query: 'from=2026-01-01&to=2026-01-31', cells: only(['official', 'committee'], OK) },
  { route: 'GET /api/exports/activities.xlsx', query: 'from=2026-01-01&to=2026-01-31', cells: only(['secretary', 'orgAdmin', 'official', 'committee'], OK) },
  { route: 'GET /api/audit', cells: only(['committee'], OK) },
  { route: 'GET /api/branches/:id', fixture: 'branch', own: only(['secretary', 'committee'], OK, DENY), foreign: only(['committee'], OK, DENY) },

  // ── reports and certificates
  { route: 'GET /api/reports', cells: only(['secretary', 'orgAdmin', 'committee'], OK) },
  { route: 'GET /api/reports/late', cells: only(['secretary', 'orgAdmin', 'committee'], PASS) },
  { route: 'GET /api/reports/served', cells: only(['staff', 'staffJl', 'official'], OK) },
  // member-01 served in 康都社区 (汇丰街道), not in 江林社区: dev:staff-jl may assess only those who served there.
  { route: 'PUT /api/reports/assessments', body: (ids) => ({ memberId: ids.member, period: '2026H1', grade: 'good', comment: '授权矩阵测试' }), cells: only(['staff', 'official'], PASS) },
  { route: 'GET /api/reports/:id', fixture: 'report', own: { ...signedIn(DENY), member: OK, secretary: OK, committee: OK }, foreign: { ...signedIn(DENY), committee: OK } },
  { route: 'PATCH /api/reports/:id', fixture: 'report', body: { summary: '授权矩阵测试小结' }, own: only(['member'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/reports/:id/refresh', fixture: 'report', body: {}, own: only(['member'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/reports/:id/submit', fixture: 'report', body: {}, own: only(['member'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/reports/:id/approve', fixture: 'report', body: {}, own: only(['secretary'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/reports/:id/return', fixture: 'report', body: { comment: '授权矩阵测试' }, own: only(['secretary'], PASS, DENY), foreign: only([], PASS, DENY) },
  // Organisation annual reports: the unit's org admins write, the committee reviews; the foreign one is another unit's.
  { route: 'GET /api/org-reports', cells: only(['orgAdmin', 'committee'], OK) },
  { route: 'POST /api/org-reports', body: { year: 2000 }, cells: only(['orgAdmin'], 400) },
  { route: 'GET /api/org-reports/:id', fixture: 'orgReport', own: only(['orgAdmin', 'committee'], OK, DENY), foreign: only(['committee'], OK, DENY) },
  { route: 'PATCH /api/org-reports/:id', fixture: 'orgReport', body: { summary: '授权矩阵测试年度报告' }, own: only(['orgAdmin'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/org-reports/:id/refresh', fixture: 'orgReport', body: {}, own: only(['orgAdmin'], PASS, DENY), foreign: only([], PASS, DENY) },
  { route: 'POST /api/org-reports/:id/submit', fixture: 'orgReport', body: {}, own: only(['orgAdmin'], PASS, DENY), foreign: only([], PASS, DENY), last: true },
  { route: 'POST /api/org-reports/:id/approve', fixture: 'orgReport', body: {}, own: only(['committee'], PASS, DENY), foreign: only(['committee'], PASS, DENY) },
  { route: 'POST /api/org-reports/:id/return', fixture: 'orgReport', body: { comment: '授权矩阵测试退回意见' }, own: only(['committee'], PASS, DENY), foreign: only(['committee'], PASS, DENY) },
  // The paired street's officials assess an agreement; its unit and the committee read the assessments.
  { route: 'GET /api/agreements/:id/assessments', fixture: 'agreement', own: only(['orgAdmin', 'official', 'committee'], OK, DENY), foreign: only(['committee'], OK, DENY) },
  {
    route: 'PUT /api/agreements/:id/assessment',
    fixture: 'agreement',
    body: { year: 2026, grade: 'good', comment: '授权矩阵测试' },
    own: only(['official'], PASS, DENY),
    foreign: only([], PASS, DENY),
  },
  { route: 'GET /api/certificates/verify/:number', fixture: 'certificate', own: pub() },
  { route: 'GET /api/certificates/:number/pdf', fixture: 'certificate', own: pub(400) },
  { route: 'GET /api/certificates/:number/pdf', fixture: 'certificate', query: `expires=4102444800&token=${'0'.repeat(32)}`, own: pub(403) },
  { route: 'GET /verify/:number', fixture: 'certificate', own: pub(302) },

  // ── registrations
  { route: 'GET /api/registrations/mine', cells: only(MEMBERS, OK) },
  { route: 'GET /api/registrations', cells: only(['staff', 'staffJl', 'official', 'committee'], OK) },
  { route: 'POST /api/registrations', body: (ids) => ({ communityId: ids.community }), cells: only(MEMBERS, PASS) },
  { route: 'GET /api/registrations/:id', fixture: 'registration', ...MEMBERS_RECORD },
  { route: 'GET /api/registrations/:id/timeline', fixture: 'registration', ...MEMBERS_RECORD },
  { route: 'POST /api/registrations/:id/confirm', fixture: 'registration', body: {}, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY) },
  { route: 'POST /api/registrations/:id/reject', fixture: 'registration', body: REASON, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY) },
  { route: 'POST /api/registrations/:id/cancel', fixture: 'registration', body: {}, own: { ...signedIn(DENY), member: PASS }, foreign: signedIn(DENY) },
  { route: 'POST /api/registrations/:id/withdraw', fixture: 'registration', body: {}, own: { ...signedIn(DENY), member: PASS }, foreign: signedIn(DENY), last: true },

  // ── service posts
  { route: 'GET /api/posts', query: 'communityCode=KDSQ01', cells: pub() },
  { route: 'POST /api/posts', body: (ids) => ({ communityId: ids.community, type: '邻里调解岗', description: '授权矩阵测试岗位说明', places: 2 }), cells: only(['staff'], PASS) },
  { route: 'GET /api/posts/:id', fixture: 'post', own: pub(), foreign: pub() },
  { route: 'PATCH /api/posts/:id', fixture: 'post', body: { description: '授权矩阵测试岗位说明' }, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY) },
  // Taking a post needs a confirmed registration with its community (member-01: 康都社区; already holding one: 409).
  { route: 'POST /api/posts/:id/take', fixture: 'post', body: {}, own: only(['member'], PASS, 403), foreign: only([], PASS, 403) },
  { route: 'GET /api/post-holdings/mine', cells: only(MEMBERS, OK) },
  // A holding: the holder, their unit's admins, the community's staff, and those above who may list it.
  { route: 'GET /api/post-holdings/:id', fixture: 'holding', ...MEMBERS_RECORD },
  {
    route: 'POST /api/post-holdings/:id/shifts',
    fixture: 'holding',
    body: { date: '2026-01-01', minutes: 60, content: '授权矩阵测试值守', photoIds: [] },
    own: { ...signedIn(DENY), member: PASS },
    foreign: signedIn(DENY),
  },
  { route: 'POST /api/post-holdings/:id/release', fixture: 'holding', body: {}, own: { ...signedIn(DENY), member: PASS }, foreign: signedIn(DENY), last: true },
  { route: 'GET /api/post-shifts/mine', cells: only(MEMBERS, OK) },
  { route: 'GET /api/post-shifts', cells: only(['staff', 'staffJl', 'official', 'committee'], OK) },
  { route: 'GET /api/post-shifts/:id', fixture: 'shift', ...MEMBERS_RECORD },
  { route: 'POST /api/post-shifts/:id/confirm', fixture: 'shift', body: {}, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY) },
  { route: 'POST /api/post-shifts/:id/reject', fixture: 'shift', body: REASON, own: only(['staff'], PASS, DENY), foreign: only(['staffJl'], PASS, DENY) },

  // ── uploads
  { route: 'POST /api/uploads', body: {}, cells: signedIn([400, 406, 415]) },
  // The fixture is an upload not attached to anything, so not public: without its signed link it is 404 to all.
  { route: 'GET /api/uploads/:id', fixture: 'upload', own: pub(404), foreign: pub(404) },
  { route: 'GET /api/uploads/:id/thumbnail', fixture: 'upload', own: pub(404), foreign: pub(404) },
];
