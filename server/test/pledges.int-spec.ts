import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { cstYear } from '../src/modules/pledges/pledges.rules';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { uploadPhoto } from './support/wish-fixtures';

/** The pledge routes over HTTP on the demo city (dev:member-02 has no pledge yet; dev:secretary is their branch's). */
describe(`pledges and branch pages over HTTP (${TEST_DB})`, () => {
  let t: TestApp;
  let member: string;
  let secretary: string;
  let staff: string;
  let staffJl: string;
  let committee: string;
  let orgAdmin: string;
  let diZhenBranch: OrganisationEntity;
  const year = cstYear(new Date());
  const pledge = { content: '每周为江林社区老人测量血压', target: '全年测量不少于 40 次', dueDate: `${year}-12-31`, category: '健康义诊', nameDisplay: 'masked' };

  beforeAll(async () => {
    t = await startTestApp();
    [member, secretary, staff, staffJl, committee, orgAdmin] = await Promise.all(
      ['dev:member-02', 'dev:secretary', 'dev:staff', 'dev:staff-jl', 'dev:committee', 'dev:org-admin'].map((c) => t.signIn(c)),
    );
    diZhenBranch = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市地震局机关党支部' });
  });
  afterAll(() => t?.close());

  it('should show the demo pledges: public ones on 康都社区’s page, every state on the secretary’s list', async () => {
    const wall = await t.request('GET', '/api/pledges/public?communityCode=kdsq01');
    expect(wall.status).toBe(200);
    expect(wall.body.total).toBeGreaterThanOrEqual(5);
    expect(wall.body.items.every((p: { status: string }) => ['approved', 'done', 'assessed'].includes(p.status))).toBe(true);
    // Only what the public may see.
    expect(Object.keys(wall.body.items[0]).sort()).toEqual(['approvedAt', 'branchName', 'content', 'doneAt', 'dueDate', 'id', 'name', 'status', 'target']);
    expect(wall.body.items.some((p: { name: string }) => /^.\*+$/.test(p.name))).toBe(true);
    expect((await t.request('GET', '/api/pledges/public?communityCode=NOPE99')).status).toBe(404);

    const list = await t.request('GET', '/api/pledges?role=branch_secretary&pageSize=50', { token: secretary });
    expect(list.status).toBe(200);
    expect(new Set(list.body.items.map((p: { status: string }) => p.status))).toEqual(new Set(['submitted', 'returned', 'approved', 'done', 'assessed']));
    expect(list.body.items.every((p: { branch: { id: string } }) => p.branch.id === diZhenBranch.id)).toBe(true);
    const overdue = await t.request('GET', '/api/pledges?overdue=true', { token: secretary });
    expect(overdue.body.items.length).toBeGreaterThanOrEqual(1);
    expect(overdue.body.items.every((p: { overdue: boolean }) => p.overdue)).toBe(true);
    expect((await t.request('GET', '/api/pledges?overdue=maybe', { token: secretary })).status).toBe(400);
    expect((await t.request('GET', '/api/pledges', { token: member })).status).toBe(403);
    expect((await t.request('GET', '/api/pledges/mine', { token: staff })).status).toBe(403);
  });

  let id = '';

  it('should take dev:member-02’s pledge, one a year, and validate it in Chinese', async () => {
    const mine = await t.request('GET', '/api/pledges/mine', { token: member });
    expect(mine.body).toMatchObject({ year, items: [], residenceCommunity: { name: '江林社区' } });
    const bad = await t.request('POST', '/api/pledges', { token: member, body: { ...pledge, target: '', dueDate: `${year}-02-30` } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await t.request('POST', '/api/pledges', { token: staff, body: pledge })).status).toBe(403);

    const made = await t.request('POST', '/api/pledges', { token: member, body: pledge });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'submitted', community: { name: '江林社区' }, branch: { name: '市地震局机关党支部' }, actions: ['revise'] });
    id = made.body.id;
    const again = await t.request('POST', '/api/pledges', { token: member, body: pledge });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PLEDGE_EXISTS');
    // Not public yet: strangers are refused, the secretary sees it waiting.
    expect((await t.request('GET', `/api/pledges/${id}`)).status).toBe(403);
    const todo = await t.request('GET', '/api/pledges?todo=true&role=branch_secretary&pageSize=50', { token: secretary });
    expect(todo.body.items.map((p: { id: string }) => p.id)).toContain(id);
    const inbox = await t.request('GET', '/api/me/notifications', { token: secretary });
    expect(inbox.body.items[0]).toMatchObject({ kind: 'pledge', link: { kind: 'pledge', id } });
  });

  it('should go through return, revision, 亮诺, progress with a photo, 践诺 and both assessments', async () => {
    expect((await t.request('POST', `/api/pledges/${id}/review`, { token: secretary, body: { decision: 'return' } })).status).toBe(400);
    expect((await t.request('POST', `/api/pledges/${id}/review`, { token: secretary, body: { decision: 'return', reason: '请写明测量的次数' } })).body.status).toBe('returned');
    const revised = await t.request('PUT', `/api/pledges/${id}`, { token: member, body: { ...pledge, target: '全年测量 48 次', nameDisplay: 'full' } });
    expect(revised.body).toMatchObject({ status: 'submitted', target: '全年测量 48 次' });
    expect((await t.request('POST', `/api/pledges/${id}/review`, { token: staffJl, body: { decision: 'approve' } })).status).toBe(403);
    expect((await t.request('POST', `/api/pledges/${id}/review`, { token: secretary, body: { decision: 'approve' } })).body.status).toBe('approved');

    const wall = await t.request('GET', '/api/pledges/public?communityCode=JLSQ01');
    const shown = wall.body.items.find((p: { id: string }) => p.id === id);
    expect(shown).toMatchObject({ status: 'approved', content: pledge.content, branchName: '市地震局机关党支部' });
    expect(shown.name.length).toBeGreaterThanOrEqual(2);
    expect(shown.name).not.toContain('*');

    const photo = await uploadPhoto(t, member);
    const progress = await t.request('POST', `/api/pledges/${id}/progress`, { token: member, body: { note: '本月测量血压 4 次', photoIds: [photo] } });
    expect(progress.status).toBe(201);
    expect(progress.body.progress[0].photos).toHaveLength(1);
    const done = await t.request('POST', `/api/pledges/${id}/complete`, { token: member, body: { evidence: '全年测量 50 次', photoIds: [] } });
    expect(done.body).toMatchObject({ status: 'done', evidence: { note: '全年测量 50 次' } });

    // Staff of another community (康都社区) may not assess a member living in 江林社区.
    const wrong = await t.request('POST', `/api/pledges/${id}/assessments`, { token: staff, body: { grade: 'good', comment: '不是本社区的' } });
    expect(wrong.status).toBe(403);
    expect(wrong.body.message).toBe('该党员不住在您负责的社区，不能评诺');
    expect((await t.request('POST', `/api/pledges/${id}/assessments`, { token: secretary, body: { grade: 'best', comment: '好' } })).status).toBe(400);
    expect((await t.request('POST', `/api/pledges/${id}/assessments`, { token: secretary, body: { grade: 'excellent', comment: '坚持得好' } })).body).toMatchObject({
      status: 'done',
      assessed: ['branch'],
    });
    expect((await t.request('POST', `/api/pledges/${id}/assessments`, { token: secretary, body: { grade: 'excellent', comment: '再评' } })).status).toBe(409);
    const last = await t.request('POST', `/api/pledges/${id}/assessments`, { token: staffJl, body: { grade: 'good', comment: '居民反映好' } });
    expect(last.status).toBe(201);
    expect(last.body).toMatchObject({ status: 'assessed', assessed: ['branch', 'community'] });

    const timeline = await t.request('GET', `/api/pledges/${id}/timeline`, { token: member });
    expect(timeline.body.items.map((e: { actionLabel: string }) => e.actionLabel)).toEqual(['承诺', '退回修改', '修改后提交', '亮诺', '进展', '践诺', '党支部评诺', '社区评诺']);
    expect((await t.request('GET', `/api/pledges/${id}/timeline`, { token: staff })).status).toBe(403);
    expect(await t.dataSource.getRepository(LedgerEntryEntity).countBy({ sourceType: 'pledge', sourceId: id, kind: 'pledge_done' })).toBe(1);
    const ledger = await t.request('GET', `/api/me/ledger?period=${year}`, { token: member });
    expect(ledger.body.items.some((e: { kind: string; source: { id: string } }) => e.kind === 'pledge_done' && e.source.id === id)).toBe(true);
  });

  it('should show a branch its project of the year and the committee the branches without one', async () => {
    const page = await t.request('GET', `/api/branches/${diZhenBranch.id}`, { token: secretary });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ branch: { name: '市地震局机关党支部' }, unit: { name: '市地震局' }, year });
    expect(page.body.projects.map((p: { title: string }) => p.title)).toContain('康都小区健身器材维修更换');
    expect(page.body.pledges.total).toBeGreaterThanOrEqual(8);
    expect(page.body.pledges.overdue).toBeGreaterThanOrEqual(1);
    expect((await t.request('GET', `/api/branches/${diZhenBranch.id}`, { token: committee })).status).toBe(200);
    const linCao = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局机关党支部' });
    expect((await t.request('GET', `/api/branches/${linCao.id}`, { token: secretary })).status).toBe(403);
    // The org admin of 市林草局 sees their own branch's page.
    expect((await t.request('GET', `/api/branches/${linCao.id}`, { token: orgAdmin })).body.projects).toEqual([]);
    expect((await t.request('GET', `/api/branches/${diZhenBranch.id}`, { token: member })).status).toBe(403);

    const without = await t.request('GET', '/api/branches/without-project', { token: committee });
    expect(without.status).toBe(200);
    expect(without.body).toMatchObject({ year, branches: 15, total: 14 });
    expect(without.body.items.map((b: { name: string }) => b.name)).not.toContain('市地震局机关党支部');
    expect(without.body.items.map((b: { name: string }) => b.name)).toContain('市林草局机关党支部');
    expect((await t.request('GET', '/api/branches/without-project', { token: secretary })).status).toBe(403);
    expect((await t.request('GET', `/api/branches/without-project?year=${year - 1}`, { token: committee })).body.total).toBe(15);
  });
});
