import { WISH_STATUSES } from '@nuancheng/shared';
import { AuditLogEntity } from '../src/modules/audit/audit-log.entity';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { WishClaimEntity } from '../src/modules/wishes/entities/wish-claim.entity';
import { TimelineEventEntity } from '../src/modules/workflow/timeline-event.entity';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, publishedWish, uploadPhoto, wishInput } from './support/wish-fixtures';

const CHINESE = /[\u4e00-\u9fa5]/;
// A mainland mobile number standing alone (not digits inside a UUID such as …-139091382964).
const PHONE = /(?<![\w-])1[3-9]\d{9}(?!\w)/;

describe(`micro-wishes (${TEST_DB})`, () => {
  let t: TestApp;
  let resident: string;
  let staff: string;
  let staffJl: string;
  let member1: string;
  let member2: string;
  let kangdu: string;
  let jianglin: string;
  const wishCount = () => t.dataSource.getRepository(WishEntity).count();

  beforeAll(async () => {
    t = await startTestApp();
    [resident, staff, staffJl, member1, member2] = await Promise.all(['dev:resident', 'dev:staff', 'dev:staff-jl', 'dev:member-01', 'dev:member-02'].map((c) => t.signIn(c)));
    kangdu = await communityId(t, 'KDSQ01');
    jianglin = await communityId(t, 'JLSQ01');
  });
  afterAll(() => t?.close());

  describe('posting and vetting', () => {
    it('should keep a new wish off the wall until staff of its community approve it', async () => {
      const photo = await uploadPhoto(t, resident);
      const posted = await t.request('POST', '/api/wishes', { token: resident, body: wishInput(kangdu, { photoIds: [photo] }) });
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({
        status: 'submitted',
        beneficiaryMasked: '王**',
        community: { name: '康都社区' },
        street: { name: '汇丰街道' },
        hardshipCategory: '独居老人',
        actions: ['withdraw'],
      });
      expect(posted.body.beneficiary).toEqual({ name: '王秀英', phone: '13800001234', relation: null, address: null }); // the resident sees their own
      expect(posted.body.photos).toHaveLength(1);
      const id = posted.body.id;

      const wall = await t.request('GET', `/api/wishes?communityId=${kangdu}`);
      expect(wall.body.items.map((w: { id: string }) => w.id)).not.toContain(id);
      expect((await t.request('GET', `/api/wishes/${id}`)).status).toBe(404);

      const queue = await t.request('GET', '/api/wishes/review-queue', { token: staff });
      expect(queue.status).toBe(200);
      expect(queue.body.items.map((w: { id: string }) => w.id)).toContain(id);
      expect((await t.request('GET', '/api/wishes/review-queue', { token: staffJl })).body.items.map((w: { id: string }) => w.id)).not.toContain(id);

      const approved = await t.request('POST', `/api/wishes/${id}/review`, { token: staff, body: { decision: 'approve' } });
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('published');
      expect(approved.body.publishedAt).not.toBeNull();
      const after = await t.request('GET', `/api/wishes?communityId=${kangdu}`);
      expect(after.body.items.map((w: { id: string }) => w.id)).toContain(id);
      // The same wall asked by the community's QR code, as the community page does beside the community itself.
      const byCode = await t.request('GET', '/api/wishes?communityCode=KDSQ01');
      expect(byCode.body).toEqual(after.body);
      expect(await t.request('GET', '/api/wishes?communityCode=NOSUCH')).toMatchObject({ status: 200, body: { items: [], total: 0 } });
      // Past the last page: no rows, the total still counted.
      expect((await t.request('GET', '/api/wishes?communityCode=KDSQ01&page=99')).body).toEqual({ items: [], total: after.body.total, page: 99, pageSize: 20 });

      const inbox = await t.request('GET', '/api/me/notifications', { token: resident });
      expect(inbox.body.items[0]).toMatchObject({ title: '心愿已发布', readAt: null });
      expect(inbox.body.unread).toBeGreaterThan(0);
      expect((await t.request('POST', `/api/me/notifications/${inbox.body.items[0].id}/read`, { token: resident, body: {} })).status).toBe(204);
      expect((await t.request('POST', `/api/me/notifications/${inbox.body.items[0].id}/read`, { token: staff, body: {} })).status).toBe(404);
      expect((await t.request('POST', '/api/me/notifications/read-all', { token: resident, body: {} })).status).toBe(204);
      expect((await t.request('GET', '/api/me/notifications', { token: resident })).body.unread).toBe(0);
    });

    it('should refuse bad input with Chinese messages and store nothing', async () => {
      const before = await wishCount();
      const cases: Array<[Record<string, unknown>, string]> = [
        [wishInput(kangdu, { title: '电'.repeat(31) }), 'title'],
        [wishInput(kangdu, { estimatedValueYuan: 2001 }), 'estimatedValueYuan'],
        [wishInput(kangdu, { category: '汽车' as never }), 'category'],
        [{ ...wishInput(kangdu), sensitiveConsent: { agreed: false, version: 'x' } }, 'sensitiveConsent.agreed'],
        [wishInput(kangdu, { beneficiaryUnder14: true }), 'guardianName'],
        [wishInput(kangdu, { photoIds: ['a', 'b', 'c', 'd'] }), 'photoIds'],
      ];
      for (const [body, field] of cases) {
        const response = await t.request('POST', '/api/wishes', { token: resident, body });
        expect(response.status).toBe(400);
        expect(response.body.message).toMatch(CHINESE);
        expect(response.body.details.map((d: { path: string }) => d.path)).toContain(field);
      }
      const foreignPhoto = await uploadPhoto(t, member1);
      expect((await t.request('POST', '/api/wishes', { token: resident, body: wishInput(kangdu, { photoIds: [foreignPhoto] }) })).status).toBe(400);
      expect((await t.request('POST', '/api/wishes', { token: resident, body: wishInput('00000000-0000-4000-8000-000000000000') })).status).toBe(404);
      expect((await t.request('POST', '/api/wishes', { body: wishInput(kangdu) })).status).toBe(401);
      const noPhone = await t.signIn('dev:no-phone-resident');
      const phoneless = await t.request('POST', '/api/wishes', { token: noPhone, body: wishInput(kangdu) });
      expect(phoneless.status).toBe(400);
      expect(phoneless.body.message).toContain('手机号');
      expect(await wishCount()).toBe(before);
    });

    it('should take a guardian for a child and let staff enter a wish on someone’s behalf, only in their own community', async () => {
      const child = await t.request('POST', '/api/wishes', {
        token: resident,
        body: wishInput(kangdu, {
          title: '一个新书包',
          category: '学习用品',
          beneficiaryName: '李小明',
          beneficiaryUnder14: true,
          guardianName: '李建军',
          guardianConsent: true,
          hardshipCategory: '困难学生',
        }),
      });
      expect(child.status).toBe(201);

      const foreign = await t.request('POST', '/api/wishes', { token: staffJl, body: wishInput(kangdu, { onBehalf: true, contactPhone: '13912345678' }) });
      expect(foreign.status).toBe(403);
      const noContact = await t.request('POST', '/api/wishes', { token: staff, body: wishInput(kangdu, { onBehalf: true }) });
      expect(noContact.status).toBe(400);
      const entered = await t.request('POST', '/api/wishes', { token: staff, body: wishInput(kangdu, { onBehalf: true, contactPhone: '13912345678', title: '一个血压计', category: '医疗健康' }) });
      expect(entered.status).toBe(201);
      expect(entered.body).toMatchObject({ enteredByStaff: true, beneficiary: { phone: '13912345678' } });
      const timeline = await t.request('GET', `/api/wishes/${entered.body.id}/timeline`, { token: staff });
      expect(timeline.body.items[0]).toMatchObject({ action: 'submit', actor: { role: 'community_staff', name: '康都社区' }, note: '社区代录' });
    });

    it('should keep vetting to staff of the wish’s community', async () => {
      const posted = await t.request('POST', '/api/wishes', { token: resident, body: wishInput(kangdu) });
      const id = posted.body.id;
      expect((await t.request('POST', `/api/wishes/${id}/review`, { token: staffJl, body: { decision: 'approve' } })).status).toBe(403);
      expect((await t.request('POST', `/api/wishes/${id}/review`, { token: resident, body: { decision: 'approve' } })).status).toBe(403);
      expect((await t.request('POST', `/api/wishes/${id}/review`, { token: staff, body: { decision: 'reject' } })).status).toBe(400);
      const rejected = await t.request('POST', `/api/wishes/${id}/review`, { token: staff, body: { decision: 'reject', reason: '请补充具体型号' } });
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '请补充具体型号' });
      const again = await t.request('POST', `/api/wishes/${id}/review`, { token: staff, body: { decision: 'approve' } });
      expect(again.status).toBe(409);
      expect(again.body.message).toBe('该心愿未通过审核，不能审核通过');
      const mine = await t.request('GET', '/api/me/wishes', { token: resident });
      expect(mine.body.items.find((w: { id: string }) => w.id === id)).toMatchObject({ status: 'rejected', rejectReason: '请补充具体型号' });
    });

    it('should count my wishes by state for 我的, each state once in progress order, and only mine', async () => {
      const counts = async (token: string) => (await t.request('GET', '/api/me/wishes/counts', { token })).body;
      const before = await counts(resident);
      const all = (await t.request('GET', '/api/me/wishes?pageSize=50', { token: resident })).body.items as Array<{ status: string }>;
      const tally = (status: string) => all.filter((w) => w.status === status).length;
      expect(before.total).toBe(all.length);
      expect(before.byStatus).toEqual(WISH_STATUSES.filter((s) => tally(s) > 0).map((status) => ({ status, count: tally(status) })));
      await publishedWish(t, resident, staff, kangdu);
      const after = await counts(resident);
      expect(after.total).toBe(before.total + 1);
      const published = (c: { byStatus: Array<{ status: string; count: number }> }) => c.byStatus.find((s) => s.status === 'published')?.count ?? 0;
      expect(published(after)).toBe(published(before) + 1);
      expect((await counts(await t.signIn('dev:counts-stranger'))).total).toBe(0);
      expect((await t.request('GET', '/api/me/wishes/counts')).status).toBe(401);
    });

    it('should let the resident withdraw until the wish is claimed', async () => {
      const first = await publishedWish(t, resident, staff, kangdu);
      expect((await t.request('POST', `/api/wishes/${first}/withdraw`, { token: member1, body: {} })).status).toBe(403);
      expect((await t.request('POST', `/api/wishes/${first}/withdraw`, { token: resident, body: {} })).body.status).toBe('withdrawn');
      const second = await publishedWish(t, resident, staff, kangdu);
      await t.request('POST', `/api/wishes/${second}/claim`, { token: member1, body: {} });
      const late = await t.request('POST', `/api/wishes/${second}/withdraw`, { token: resident, body: {} });
      expect(late.status).toBe(409);
      expect(late.body.message).toBe('该心愿已被认领，不能撤回');
      await t.request('POST', `/api/wishes/${second}/release`, { token: member1, body: { reason: '测试释放' } });
    });
  });

  describe('the public wall', () => {
    it('should never show phones, full names, hardship or who posted', async () => {
      await publishedWish(t, resident, staff, kangdu, { beneficiaryName: '赵志刚', contactPhone: '13712345678' });
      const wall = await t.request('GET', '/api/wishes?pageSize=50');
      expect(wall.status).toBe(200);
      const text = JSON.stringify(wall.body);
      expect(text).not.toMatch(PHONE);
      expect(text).not.toContain('赵志刚');
      expect(text).not.toContain('王秀英');
      expect(text).not.toContain('独居老人');
      expect(text).not.toMatch(/residentUserId|enteredBy|hardship|beneficiaryName|Cipher/);
      for (const item of wall.body.items) expect(['published', 'claimed', 'fulfilled', 'disputed', 'confirmed']).toContain(item.status);
    });

    it('should filter by community, street, status and category and page newest first', async () => {
      const street = (await t.request('GET', `/api/communities/KDSQ01`)).body.street.id;
      const byStreet = await t.request('GET', `/api/wishes?streetId=${street}&status=published&category=${encodeURIComponent('家用电器')}&pageSize=2`);
      expect(byStreet.status).toBe(200);
      expect(byStreet.body.pageSize).toBe(2);
      expect(byStreet.body.items.length).toBeLessThanOrEqual(2);
      for (const item of byStreet.body.items) expect(item).toMatchObject({ street: { id: street }, status: 'published', category: '家用电器' });
      const dates = byStreet.body.items.map((w: { publishedAt: string }) => w.publishedAt);
      expect([...dates].sort().reverse()).toEqual(dates);
      const other = await t.request('GET', `/api/wishes?communityId=${jianglin}`);
      for (const item of other.body.items) expect(item.community.name).toBe('江林社区');
      expect((await t.request('GET', '/api/wishes?pageSize=51')).status).toBe(400);
      expect((await t.request('GET', '/api/wishes?status=submitted')).status).toBe(400);
    });
  });

  describe('claiming', () => {
    it('should give the claimant the contact, audit the read, and refuse a second claimant', async () => {
      const id = await publishedWish(t, resident, staff, kangdu);
      const claimed = await t.request('POST', `/api/wishes/${id}/claim`, { token: member1, body: {} });
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ status: 'claimed', claimant: { kind: 'member', name: '王**' }, beneficiary: { name: '王秀英', phone: '13800001234' }, actions: ['fulfil', 'release'] });
      expect(claimed.body.hardshipCategory).toBeNull();
      // Built from the rows the claim read and wrote: the same as the wish read afresh afterwards.
      expect((await t.request('GET', `/api/wishes/${id}`, { token: member1 })).body).toEqual(claimed.body);
      const audits = await t.dataSource.getRepository(AuditLogEntity).findBy({ action: 'wish.contact.read', subjectId: id });
      expect(audits.length).toBeGreaterThan(0);

      const second = await t.request('POST', `/api/wishes/${id}/claim`, { token: member2, body: {} });
      expect(second.status).toBe(409);
      expect(second.body.message).toBe('该心愿已被认领，不能认领');
      const other = await t.request('GET', `/api/wishes/${id}`, { token: member2 });
      expect(other.body.beneficiary).toBeNull();
      expect((await t.request('GET', `/api/wishes/${id}`)).body.beneficiary).toBeNull();
      expect((await t.request('POST', `/api/wishes/${id}/claim`, { body: {} })).status).toBe(401);
    });

    it('should refuse claims by the poster and by residents who are not members', async () => {
      const id = await publishedWish(t, resident, staff, kangdu);
      const own = await t.request('POST', `/api/wishes/${id}/claim`, { token: resident, body: {} });
      expect(own.status).toBe(403);
      const stranger = await t.signIn('dev:someone-else');
      const notMember = await t.request('POST', `/api/wishes/${id}/claim`, { token: stranger, body: {} });
      expect(notMember.status).toBe(403);
      expect(notMember.body.message).toContain('在职党员');
    });

    it('should cap a member’s open claims and say why', async () => {
      const member = await t.signIn('dev:member-03');
      for (let i = 0; i < 3; i++) {
        const id = await publishedWish(t, resident, staff, kangdu);
        expect((await t.request('POST', `/api/wishes/${id}/claim`, { token: member, body: {} })).status).toBe(200);
      }
      const fourth = await publishedWish(t, resident, staff, kangdu);
      const refused = await t.request('POST', `/api/wishes/${fourth}/claim`, { token: member, body: {} });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'CLAIM_LIMIT_REACHED' });
      expect(refused.body.message).toContain('上限 3 个');
      expect((await t.request('GET', `/api/wishes/${fourth}`)).body.status).toBe('published');
      const claims = await t.request('GET', '/api/me/claims', { token: member });
      expect(claims.body.total).toBe(3);
    });

    it('should let exactly one of 200 simultaneous claims win', async () => {
      const id = await publishedWish(t, resident, staff, kangdu);
      const codes = Array.from({ length: 40 }, (_, i) => `dev:member-${String(i + 1).padStart(2, '0')}`);
      const tokens = await Promise.all(codes.map((c) => t.signIn(c)));
      const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => t.request('POST', `/api/wishes/${id}/claim`, { token: tokens[i % tokens.length], body: {} })));
      const statuses = responses.map((r) => r.status);
      const count = (s: number) => statuses.filter((x) => x === s).length;
      // Members at their cap (from earlier tests) get 409 for that reason; nobody gets a 5xx.
      expect(count(200)).toBe(1);
      expect(count(200) + count(409)).toBe(200);
      for (const r of responses.filter((r) => r.status === 409)) expect(r.body.message).toMatch(CHINESE);
      const live = await t.dataSource.getRepository(WishClaimEntity).countBy({ wishId: id, liveWishId: id });
      expect(live).toBe(1);
      expect(await t.dataSource.getRepository(TimelineEventEntity).countBy({ subjectType: 'wish', subjectId: id, action: 'claim' })).toBe(1);
    });

    it('should let a unit claim through its org admin only', async () => {
      const linCao = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局' });
      const diZhen = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市地震局' });
      const orgAdmin = await t.signIn('dev:org-admin');
      const id = await publishedWish(t, resident, staff, kangdu);
      expect((await t.request('POST', `/api/wishes/${id}/claim`, { token: orgAdmin, body: { onBehalfOf: diZhen.id } })).status).toBe(403);
      expect((await t.request('POST', `/api/wishes/${id}/claim`, { token: member1, body: { onBehalfOf: linCao.id } })).status).toBe(403);
      const claimed = await t.request('POST', `/api/wishes/${id}/claim`, { token: orgAdmin, body: { onBehalfOf: linCao.id } });
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ status: 'claimed', claimant: { kind: 'organisation', name: '市林草局' }, actions: ['fulfil', 'release'] });
      expect((await t.request('GET', `/api/wishes/${id}`, { token: orgAdmin })).body).toEqual(claimed.body);
    });
  });

  describe('fulfilment and confirmation', () => {
    it('should walk post → vet → claim → fulfil → dispute → reopen → fulfil → confirm, with a timeline and a ledger credit', async () => {
      const member = await t.signIn('dev:member-04');
      const id = await publishedWish(t, resident, staff, kangdu, { estimatedValueYuan: 320 });
      await t.request('POST', `/api/wishes/${id}/claim`, { token: member, body: {} });

      const photo = await uploadPhoto(t, member);
      expect((await t.request('POST', `/api/wishes/${id}/fulfil`, { token: member2, body: { photoIds: [photo], note: '已送到' } })).status).toBe(403);
      expect((await t.request('POST', `/api/wishes/${id}/fulfil`, { token: member, body: { photoIds: [], note: '已送到' } })).status).toBe(400);
      const notMine = await uploadPhoto(t, member2);
      expect((await t.request('POST', `/api/wishes/${id}/fulfil`, { token: member, body: { photoIds: [notMine], note: '已送到' } })).status).toBe(400);
      expect((await t.request('POST', `/api/wishes/${id}/confirm`, { token: resident, body: {} })).status).toBe(409);

      const fulfilled = await t.request('POST', `/api/wishes/${id}/fulfil`, { token: member, body: { photoIds: [photo], note: '电风扇已送到老人家中' } });
      expect(fulfilled.status).toBe(200);
      expect(fulfilled.body).toMatchObject({ status: 'fulfilled', fulfilment: { note: '电风扇已送到老人家中' } });
      expect(fulfilled.body.fulfilment.photos).toHaveLength(1);
      const photoBytes = await fetch(t.baseUrl + fulfilled.body.fulfilment.photos[0].url);
      expect(photoBytes.status).toBe(200);

      const disputed = await t.request('POST', `/api/wishes/${id}/dispute`, { token: resident, body: { reason: '没有收到' } });
      expect(disputed.body.status).toBe('disputed');
      expect((await t.request('GET', '/api/wishes/review-queue', { token: staff })).body.items.map((w: { id: string }) => w.id)).toContain(id);
      expect((await t.request('POST', `/api/wishes/${id}/reopen`, { token: staffJl, body: { reason: '请核实' } })).status).toBe(403);
      const reopened = await t.request('POST', `/api/wishes/${id}/reopen`, { token: staff, body: { reason: '请与居民核实送达地址' } });
      expect(reopened.body.status).toBe('claimed');
      const again = await uploadPhoto(t, member);
      expect((await t.request('POST', `/api/wishes/${id}/fulfil`, { token: member, body: { photoIds: [again], note: '已重新送达并当面交付' } })).body.status).toBe('fulfilled');

      const confirmed = await t.request('POST', `/api/wishes/${id}/confirm`, { token: resident, body: { rating: 5, thanks: '谢谢党员同志！' } });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmation: { rating: 5, thanks: '谢谢党员同志！' }, actions: [] });

      const timeline = await t.request('GET', `/api/wishes/${id}/timeline`);
      expect(timeline.status).toBe(200);
      expect(timeline.body.items.map((e: { actionLabel: string }) => e.actionLabel)).toEqual(['提交', '审核通过', '认领', '圆梦', '异议', '退回重办', '圆梦', '确认']);
      expect(timeline.body.items[2]).toMatchObject({ fromStatus: 'published', toStatus: 'claimed', actor: { role: 'member', roleLabel: '在职党员' } });
      expect(JSON.stringify(timeline.body)).not.toMatch(PHONE);

      const ledger = await t.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceType: 'wish', sourceId: id });
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({ kind: 'wish_fulfilled', valueYuan: 320 });
      expect(ledger[0].memberId).not.toBeNull();

      const claimantInbox = await t.request('GET', '/api/me/notifications', { token: member });
      expect(claimantInbox.body.items.map((n: { title: string }) => n.title)).toContain('心愿已确认');
      expect((await t.request('POST', `/api/wishes/${id}/confirm`, { token: resident, body: {} })).status).toBe(409);
    });

    it('should let staff confirm on the resident’s behalf only with a note', async () => {
      const id = await publishedWish(t, resident, staff, kangdu);
      await t.request('POST', `/api/wishes/${id}/claim`, { token: member2, body: {} });
      await t.request('POST', `/api/wishes/${id}/fulfil`, { token: member2, body: { photoIds: [await uploadPhoto(t, member2)], note: '已送达' } });
      const noNote = await t.request('POST', `/api/wishes/${id}/confirm`, { token: staff, body: {} });
      expect(noNote.status).toBe(400);
      expect(noNote.body.message).toContain('说明');
      const ok = await t.request('POST', `/api/wishes/${id}/confirm`, { token: staff, body: { note: '已电话回访，居民确认收到' } });
      expect(ok.body.status).toBe('confirmed');
    });

    it('should put released and revoked wishes back on the wall and tell the claimant', async () => {
      const id = await publishedWish(t, resident, staff, kangdu);
      await t.request('POST', `/api/wishes/${id}/claim`, { token: member2, body: {} });
      expect((await t.request('POST', `/api/wishes/${id}/release`, { token: member1, body: { reason: '不是我的' } })).status).toBe(403);
      const released = await t.request('POST', `/api/wishes/${id}/release`, { token: member2, body: { reason: '近期出差无法送达' } });
      expect(released.body).toMatchObject({ status: 'published', claimant: null });

      await t.request('POST', `/api/wishes/${id}/claim`, { token: member2, body: {} });
      expect((await t.request('POST', `/api/wishes/${id}/revoke`, { token: staffJl, body: { reason: '越权' } })).status).toBe(403);
      expect((await t.request('POST', `/api/wishes/${id}/revoke`, { token: staff, body: {} })).status).toBe(400);
      const revoked = await t.request('POST', `/api/wishes/${id}/revoke`, { token: staff, body: { reason: '长时间未联系居民' } });
      expect(revoked.body.status).toBe('published');
      const inbox = await t.request('GET', '/api/me/notifications', { token: member2 });
      expect(inbox.body.items[0]).toMatchObject({ title: '认领已被撤销' });
      expect(inbox.body.items[0].body).toContain('长时间未联系居民');
      const claims = await t.dataSource.getRepository(WishClaimEntity).find({ where: { wishId: id }, order: { createdAt: 'ASC' } });
      expect(claims.map((c) => c.status)).toEqual(['released', 'revoked']);
      const mine = await t.request('GET', '/api/me/claims?pageSize=50', { token: member2 });
      expect(mine.body.items.find((w: { id: string }) => w.id === id)).toMatchObject({ status: 'published', myClaimStatus: 'revoked' });
      // Claimed twice, listed once (with the latest claim), and the total counts wishes, not claims.
      expect(mine.body.items.filter((w: { id: string }) => w.id === id)).toHaveLength(1);
      expect(mine.body.total).toBe(mine.body.items.length);
      const pastTheEnd = await t.request('GET', '/api/me/claims?page=99&pageSize=50', { token: member2 });
      expect(pastTheEnd.body).toMatchObject({ items: [], total: mine.body.total, page: 99 });
    });
  });
});
