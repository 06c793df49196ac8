import { CreateWishSchema, type CreateWish } from '@nuancheng/shared';
import { AuditLogEntity } from '../../src/modules/audit/audit-log.entity';
import { UploadsService } from '../../src/modules/uploads/uploads.service';
import { WishEntity } from '../../src/modules/wishes/entities/wish.entity';
import { WishQueriesService } from '../../src/modules/wishes/wish-queries.service';
import { WishesService } from '../../src/modules/wishes/wishes.service';
import { photoBytes } from '../support/wish-fixtures';
import type { TestApp } from '../support/test-app';
import { refusal } from '../support/refusal';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';

/**
 * Who sees whom on a wish (PIPL, least privilege): the claimant's contact for the community's staff, the 代录
 * landline / family number and delivery address, private notes, and the photos of a wish that is not public.
 */
describe(`wish contacts, private notes and photos (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let wishes: WishesService;
  let queries: WishQueriesService;
  let uploads: UploadsService;
  let tree: City;
  let orgs: Organisations;

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    wishes = t.app.get(WishesService);
    queries = t.app.get(WishQueriesService);
    uploads = t.app.get(UploadsService);
  });
  afterAll(() => t?.close());

  const audits = (action: string, subjectId: string) => t.dataSource.getRepository(AuditLogEntity).findBy({ action, subjectId });

  describe('the claimant on the wish page', () => {
    it('should show the community staff the claimant member’s name, unit and phone, and audit the read', async () => {
      const resident = await f.user();
      const claimant = await f.member(orgs.branch, { name: '孙建国' });
      const wish = await f.wish({ community: tree.community, status: 'claimed', resident, claimant });
      const staff = await f.holder('community_staff', tree.community);

      const seen = await queries.detail(wish.id, await f.principal(staff));
      expect(seen.claimant).toEqual({ kind: 'member', name: '孙**' });
      expect(seen.claimantContact).toEqual({ name: '孙建国', unit: '甲单位', phone: expect.stringMatching(/^139\d{8}$/), masked: false });
      expect(seen.actions).toContain('revoke');
      const [row] = await audits('wish.claimant_contact.read', wish.id);
      expect(row).toMatchObject({ actorId: staff.id, fields: 'name,unit,phone', reason: '本社区工作者（核实或撤销认领）' });
    });

    it('should show the resident the masked name and the unit only, without an audit row', async () => {
      const resident = await f.user();
      const claimant = await f.member(orgs.branch, { name: '孙建国' });
      const wish = await f.wish({ community: tree.community, status: 'claimed', resident, claimant });

      const seen = await queries.detail(wish.id, await f.principal(resident));
      expect(seen.claimantContact).toEqual({ name: '孙**', unit: '甲单位', phone: null, masked: true });
      expect(await audits('wish.claimant_contact.read', wish.id)).toHaveLength(0);
    });

    it('should show nobody else the claimant’s contact: another member, staff of the neighbour community, the street official', async () => {
      const claimant = await f.member(orgs.branch, { name: '孙建国' });
      const wish = await f.wish({ community: tree.community, status: 'claimed', resident: await f.user(), claimant });
      const others = [
        (await f.member(orgs.otherBranch)).user,
        await f.holder('community_staff', tree.neighbour),
        await f.holder('street_official', tree.street),
        await f.holder('committee_admin', tree.city),
      ];
      for (const other of others) expect((await queries.detail(wish.id, await f.principal(other))).claimantContact).toBeNull();
      expect((await queries.detail(wish.id, undefined)).claimantContact).toBeNull();
      expect(await audits('wish.claimant_contact.read', wish.id)).toHaveLength(0);
    });

    it('should show the community staff a unit’s claim with the unit and the admin who claimed, with their bound phone', async () => {
      const admin = await f.user({ phone: '13700001111' });
      await f.grant(admin, 'org_admin', orgs.unit);
      const wish = await f.wish({ community: tree.community, status: 'claimed', resident: await f.user(), claimant: { unit: orgs.unit, user: admin } });
      const staff = await f.holder('community_staff', tree.community);

      expect((await queries.detail(wish.id, await f.principal(staff))).claimantContact).toEqual({ name: '甲单位', unit: '甲单位', phone: '13700001111', masked: false });
      expect((await audits('wish.claimant_contact.read', wish.id))[0]).toMatchObject({ fields: 'name,unit,phone' });
    });
  });

  describe('代录 with a landline or a family member’s number and a delivery address', () => {
    const input = (over: Partial<Record<keyof CreateWish, unknown>> = {}) => ({
      communityId: tree.community.id,
      title: '需要一台电暖器',
      description: '独居老人家中没有取暖设备，冬天很冷。',
      category: '生活用品',
      estimatedValueYuan: 200,
      photoIds: [],
      beneficiaryName: '王秀英',
      hardshipCategory: '低保',
      sensitiveConsent: { agreed: true, version: '2026-11-v1' },
      onBehalf: true,
      contactPhone: '0931-8123456',
      deliveryAddress: '幸福小区 3 号楼 2 单元 401',
      ...over,
    });
    const messages = (value: unknown) => {
      const parsed = CreateWishSchema.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };

    it('should accept a landline with its area code, or a family member’s mobile with the relation', () => {
      expect(messages(input())).toEqual([]);
      expect(messages(input({ contactPhone: '09318123456' }))).toEqual([]);
      expect(messages(input({ contactPhone: '13912340000', contactRelation: '女儿' }))).toEqual([]);
    });

    it('should refuse a malformed number, a landline for a resident’s own post, a short address and an empty relation, in Chinese', () => {
      expect(messages(input({ contactPhone: '8123456' }))).toEqual(['contactPhone: 联系电话请填写 11 位手机号，或带区号的固定电话（如 0931-8123456）']);
      expect(messages(input({ onBehalf: false, deliveryAddress: undefined }))).toEqual(['contactPhone: 手机号应为 11 位中国大陆手机号']);
      expect(messages(input({ deliveryAddress: '3号楼' }))).toEqual(['deliveryAddress: 送达地址至少 5 个字（如：幸福小区 3 号楼 2 单元 401）']);
      expect(messages(input({ contactPhone: '13912340000', contactRelation: ' ' }))).toEqual(['contactRelation: 请填写家属与受助人的关系（如：女儿）']);
      expect(messages(input({ onBehalf: false, contactPhone: '13912340000', contactRelation: '女儿', deliveryAddress: undefined }))).toEqual(['contactRelation: 只有社区代录时可以填写家属电话']);
      expect(messages(input({ deliveryAddress: '很'.repeat(101) }))).toEqual(['deliveryAddress: 送达地址最多 100 个字']);
    });

    it('should store the address encrypted, show it to the claimant and the staff (audited), and only masked to another member', async () => {
      const staff = await f.holder('community_staff', tree.community);
      const staffPrincipal = await f.principal(staff);
      const posted = await wishes.post(staffPrincipal, CreateWishSchema.parse(input({ contactPhone: '13912340000', contactRelation: '女儿' })));
      expect(posted.beneficiary).toEqual({ name: '王秀英', phone: '13912340000', relation: '女儿', address: '幸福小区 3 号楼 2 单元 401' });
      const row = await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id: posted.id });
      expect(row.deliveryAddressCipher).not.toContain('幸福');
      expect(t.cipher.decrypt(row.deliveryAddressCipher!)).toBe('幸福小区 3 号楼 2 单元 401');

      await wishes.review(staffPrincipal, posted.id, { decision: 'approve' });
      const claimant = await f.member(orgs.branch, { residence: tree.community });
      const claimantPrincipal = await f.principal(claimant.user);
      const claimed = await wishes.claim(claimantPrincipal, posted.id, {});
      expect(claimed.beneficiary).toMatchObject({ phone: '13912340000', relation: '女儿', address: '幸福小区 3 号楼 2 单元 401' });
      expect(claimed.deliveryAddressMasked).toBeNull();
      const claimantRead = (await audits('wish.contact.read', posted.id)).find((a) => a.actorId === claimant.user.id);
      expect(claimantRead).toMatchObject({ fields: 'name,phone,address', reason: '心愿认领人' });

      const other = await f.member(orgs.otherBranch);
      const seen = await queries.detail(posted.id, await f.principal(other.user));
      expect(seen.beneficiary).toBeNull();
      expect(seen.deliveryAddressMasked).toBe('幸福小****');
      expect(JSON.stringify(seen)).not.toContain('3 号楼');
      expect(JSON.stringify(seen)).not.toContain('13912340000');
      expect((await audits('wish.contact.read', posted.id)).filter((a) => a.actorId === other.user.id)).toHaveLength(0);
    });

    it('should give the break-glass reader the address too, with the field on record', async () => {
      const staff = await f.principal(await f.holder('community_staff', tree.community));
      const posted = await wishes.post(staff, CreateWishSchema.parse(input()));
      const official = await f.holder('street_official', tree.street);
      const contact = await queries.contact(await f.principal(official), posted.id, '核实督办进展，需上门');
      expect(contact).toMatchObject({ phone: '0931-8123456', relation: null, address: '幸福小区 3 号楼 2 单元 401' });
      expect((await audits('wish.contact.break_glass', posted.id))[0]).toMatchObject({ fields: 'name,phone,hardship,address' });
    });

    it('should refuse 代录 by someone who is not the community’s staff', async () => {
      const member = await f.member(orgs.branch);
      expect(await refusal(wishes.post(await f.principal(member.user), CreateWishSchema.parse(input())))).toMatchObject({
        status: 403,
        message: '只有本社区工作人员可以代录心愿',
      });
    });
  });

  describe('private notes', () => {
    it('should show the dispute reason and the fulfilment note to the resident, the claimant and the staff only', async () => {
      const resident = await f.user();
      const claimant = await f.member(orgs.branch);
      const wish = await f.wish({ community: tree.community, status: 'fulfilled', resident, claimant });
      await wishes.dispute(await f.principal(resident), wish.id, '至今没有收到，家里电话是 0931-8123456');

      const staff = await f.holder('community_staff', tree.community);
      for (const who of [resident, claimant.user, staff]) {
        const principal = await f.principal(who);
        const { items } = await queries.timeline(wish.id, principal);
        expect(items.find((e) => e.action === 'dispute')?.note).toBe('至今没有收到，家里电话是 0931-8123456');
        expect((await queries.detail(wish.id, principal)).fulfilment?.note).toBe('已送到');
      }
      const others = [undefined, await f.principal((await f.member(orgs.otherBranch)).user), await f.principal(await f.holder('street_official', tree.street))];
      for (const principal of others) {
        const { items } = await queries.timeline(wish.id, principal);
        const dispute = items.find((e) => e.action === 'dispute');
        expect(dispute).toBeDefined();
        expect(dispute!.note).toBeNull();
        const detail = await queries.detail(wish.id, principal);
        expect(detail.fulfilment).toMatchObject({ note: null, photos: [] });
        expect(JSON.stringify({ items, detail })).not.toContain('0931-8123456');
      }
    });
  });

  describe('photos', () => {
    const get = (path: string, headers: Record<string, string> = {}) => fetch(t.baseUrl + path, { headers });

    it('should serve a submitted wish’s photo only by the signed link its viewers get, then publicly while published, and not after withdrawal', async () => {
      const resident = await f.user({ phone: '13800002222' });
      const principal = await f.principal(resident);
      const photo = await uploads.upload(resident.id, await photoBytes(7));
      const posted = await wishes.post(
        principal,
        CreateWishSchema.parse({
          communityId: tree.community.id,
          title: '想要一个书包',
          description: '孩子上学需要一个新书包。',
          category: '学习用品',
          estimatedValueYuan: 80,
          photoIds: [photo.id],
          beneficiaryName: '张小明',
          hardshipCategory: '低保',
          sensitiveConsent: { agreed: true, version: '2026-11-v1' },
        }),
      );
      const plain = `/api/uploads/${photo.id}`;
      // Submitted: not public; the resident's own detail carries a signed link that works, and no cache keeps it.
      expect((await get(plain)).status).toBe(404);
      expect((await get(`${plain}/thumbnail`)).status).toBe(404);
      const signed = posted.photos[0];
      expect(signed.url).toMatch(/\?e=\d+&s=[0-9a-f]{32}$/);
      const ok = await get(signed.url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('cache-control')).toBe('private, no-store');
      expect((await get(signed.thumbnailUrl)).status).toBe(200);
      expect((await get(signed.url.replace(/s=[0-9a-f]+/, 's=' + '0'.repeat(32)))).status).toBe(404);
      // A stranger cannot see the wish at all, so never gets a link.
      expect(await refusal(queries.detail(posted.id, await f.principal(await f.user())))).toMatchObject({ status: 404 });
      // The resident's list carries signed links too.
      expect((await queries.mine(principal, 1, 20)).items.find((w) => w.id === posted.id)?.photos[0].url).toMatch(/\?e=\d+&s=/);

      // Published: public to anyone, revalidated every time (no year-long immutable), 304 on a matching ETag.
      const staff = await f.principal(await f.holder('community_staff', tree.community));
      const published = await wishes.review(staff, posted.id, { decision: 'approve' });
      expect(published.photos[0].url).toBe(plain);
      const pub = await get(plain);
      expect(pub.status).toBe(200);
      expect(pub.headers.get('cache-control')).toBe('public, no-cache');
      const etag = pub.headers.get('etag')!;
      expect((await get(plain, { 'if-none-match': etag })).status).toBe(304);

      // Withdrawn: no longer served, not even by the link handed out before (a withdrawn photo stops being served publicly).
      await wishes.withdraw(principal, posted.id);
      expect((await get(plain)).status).toBe(404);
      expect((await get(plain, { 'if-none-match': etag })).status).toBe(404);
      const own = await queries.detail(posted.id, principal);
      expect((await get(own.photos[0].url)).status).toBe(200);
    });

    it('should refuse an expired signed link', async () => {
      const owner = await f.user();
      const photo = await uploads.upload(owner.id, await photoBytes(9));
      const past = Math.floor(Date.now() / 1000) - 10;
      const forged = photo.url.replace(/e=\d+/, `e=${past}`);
      expect((await get(forged)).status).toBe(404);
      expect((await get(photo.url)).status).toBe(200);
    });
  });
});
