import { AuditLogEntity } from '../../src/modules/audit/audit-log.entity';
import { AuditService } from '../../src/modules/audit/audit.service';
import { DispatchesService } from '../../src/modules/wishes/dispatches.service';
import { WishClaimEntity } from '../../src/modules/wishes/entities/wish-claim.entity';
import { WishEntity } from '../../src/modules/wishes/entities/wish.entity';
import { WishQueriesService } from '../../src/modules/wishes/wish-queries.service';
import { WishesService } from '../../src/modules/wishes/wishes.service';
import type { TestApp } from '../support/test-app';
import { refusal } from '../support/refusal';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';

/** Service-level tests of the wish workflow on the kernel, each on rows made for it (no demo city). */
describe(`wish kernel, service level (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let wishes: WishesService;
  let queries: WishQueriesService;
  let tree: City;
  let orgs: Organisations;

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    wishes = t.app.get(WishesService);
    queries = t.app.get(WishQueriesService);
  });
  afterAll(() => t?.close());

  describe('relations', () => {
    it('should let an org admin above the claiming unit claim, fulfil and release: one claimant relation everywhere', async () => {
      const admin = await f.holder('org_admin', orgs.partyCommittee);
      const wish = await f.wish({ community: tree.community });
      const principal = await f.principal(admin);
      // The party committee's admin claims for its branch, then acts as its claimant.
      const claimed = await wishes.claim(principal, wish.id, { onBehalfOf: orgs.branch.id });
      expect(claimed).toMatchObject({ status: 'claimed', claimant: { kind: 'organisation', name: orgs.branch.name }, actions: ['fulfil', 'release'] });
      const released = await wishes.release(principal, wish.id, '单位另有安排');
      expect(released.status).toBe('published');
      // An admin of a sibling unit is not its claimant.
      await wishes.claim(principal, wish.id, { onBehalfOf: orgs.branch.id });
      const stranger = await f.principal(await f.holder('org_admin', orgs.otherUnit));
      expect(await refusal(wishes.release(stranger, wish.id, '不是我的'))).toMatchObject({ status: 403, message: '只有认领人可以放弃认领' });
    });

    it('should refuse a unit claim by an admin of another unit', async () => {
      const wish = await f.wish({ community: tree.community });
      const admin = await f.principal(await f.holder('org_admin', orgs.otherUnit));
      expect(await refusal(wishes.claim(admin, wish.id, { onBehalfOf: orgs.branch.id }))).toMatchObject({ status: 403 });
    });

    it('should tell staff of another community that the wish is not in their area', async () => {
      const wish = await f.wish({ community: tree.community, status: 'submitted' });
      const neighbourStaff = await f.principal(await f.holder('community_staff', tree.neighbour));
      expect(await refusal(wishes.review(neighbourStaff, wish.id, { decision: 'approve' }))).toMatchObject({ status: 403, message: '该心愿不在您负责的社区' });
      expect(await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id: wish.id })).toMatchObject({ status: 'submitted' });
    });

    it('should word a refusal for the real state: approving a published wish', async () => {
      const wish = await f.wish({ community: tree.community, status: 'published' });
      const staff = await f.principal(await f.holder('community_staff', tree.community));
      expect(await refusal(wishes.review(staff, wish.id, { decision: 'approve' }))).toEqual({
        status: 409,
        statusCode: 409,
        code: 'WRONG_STATE',
        message: '该心愿已发布，正在等待认领，不能审核通过',
        details: undefined,
      });
    });

    it('should offer the committee the dispatch it may make, and let it dispatch', async () => {
      const wish = await f.wish({ community: tree.community });
      const committee = await f.principal(await f.holder('committee_admin', tree.city));
      const seen = await queries.detail(wish.id, committee);
      expect(seen.actions).toContain('dispatch');
      const dispatched = await t.app.get(DispatchesService).dispatch(committee, wish.id, {
        organisationId: orgs.unit.id,
        deadline: new Date(Date.now() + 7 * 86400_000).toISOString(),
      });
      // Once dispatched, nobody is offered a second dispatch.
      expect(dispatched.actions).not.toContain('dispatch');
    });
  });

  describe('personal data (PIPL, least privilege)', () => {
    it('should show the beneficiary to the resident, the live claimant and the community’s staff only', async () => {
      const resident = await f.user();
      const { user, member } = await f.member(orgs.branch);
      const wish = await f.wish({ community: tree.community, status: 'claimed', resident, claimant: { member, user } });
      const look = async (u: Parameters<Factory['principal']>[0]) => queries.detail(wish.id, await f.principal(u));
      expect((await look(resident)).beneficiary).toEqual({ name: '李桂兰', phone: '13912345678', relation: null, address: null });
      expect((await look(resident)).hardshipCategory).toBe('低保');
      expect((await look(user)).beneficiary).toEqual({ name: '李桂兰', phone: '13912345678', relation: null, address: null });
      // The one delivering needs a name and a phone, not the household's hardship.
      expect((await look(user)).hardshipCategory).toBeNull();
      const staff = await f.holder('community_staff', tree.community);
      expect((await look(staff)).hardshipCategory).toBe('低保');
      for (const above of [await f.holder('street_official', tree.street), await f.holder('committee_admin', tree.city), await f.holder('community_staff', tree.neighbour)]) {
        const seen = await look(above);
        expect(seen.beneficiary).toBeNull();
        expect(seen.hardshipCategory).toBeNull();
      }
      const street = await look(await f.holder('street_official', tree.street));
      expect(street.actions).toContain('view_contact');
    });

    it('should open one wish’s contact to an official above with a stated reason, and record the reason', async () => {
      const wish = await f.wish({ community: tree.community });
      const official = await f.holder('street_official', tree.street);
      const contact = await queries.contact(await f.principal(official), wish.id, '核实督办进展，需电话联系');
      expect(contact).toEqual({ name: '李桂兰', phone: '13912345678', relation: null, address: null, hardshipCategory: '低保', recorded: true, notice: '本次查看及原因已记入审计日志' });
      const audit = await t.dataSource.getRepository(AuditLogEntity).findOneByOrFail({ action: 'wish.contact.break_glass', subjectId: wish.id });
      expect(audit.actorId).toBe(official.id);
      expect(JSON.parse(audit.detail!)).toEqual({ fields: ['name', 'phone', 'hardship'], reason: '核实督办进展，需电话联系' });
    });

    it('should refuse the break-glass read outside the official’s street, and to those who already see the contact', async () => {
      const wish = await f.wish({ community: tree.community });
      const elsewhere = await f.principal(await f.holder('street_official', tree.otherStreet));
      expect(await refusal(queries.contact(elsewhere, wish.id, '看看而已，无具体原因'))).toMatchObject({ status: 403, message: '该心愿不在您负责的街道' });
      const staff = await f.principal(await f.holder('community_staff', tree.community));
      expect(await refusal(queries.contact(staff, wish.id, '本社区工作需要'))).toMatchObject({ status: 400 });
      expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'wish.contact.break_glass', subjectId: wish.id })).toBe(0);
    });
  });

  describe('defects', () => {
    it('should answer 409, not 500, when a resident disputes a wish nobody has claimed', async () => {
      const resident = await f.user();
      const wish = await f.wish({ community: tree.community, resident });
      expect(await refusal(wishes.dispute(await f.principal(resident), wish.id, '没有收到'))).toMatchObject({
        status: 409,
        code: 'WRONG_STATE',
        message: '该心愿已发布，正在等待认领，不能反映没有收到',
      });
    });

    it('should not commit a claim whose answer could not be built: the contact read and its audit row are in the claim’s transaction', async () => {
      const { user } = await f.member(orgs.branch);
      const wish = await f.wish({ community: tree.community });
      const audit = t.app.get(AuditService);
      const spy = jest.spyOn(audit, 'record').mockImplementation(async () => {
        throw new Error('audit store unavailable');
      });
      try {
        await expect(wishes.claim(await f.principal(user), wish.id, {})).rejects.toThrow('audit store unavailable');
      } finally {
        spy.mockRestore();
      }
      // Nothing half-written: no claim, the wish still on the wall; the member may claim again.
      expect(await t.dataSource.getRepository(WishClaimEntity).countBy({ wishId: wish.id })).toBe(0);
      expect(await t.dataSource.getRepository(WishEntity).findOneByOrFail({ id: wish.id })).toMatchObject({ status: 'published', currentClaimId: null });
      const claimed = await wishes.claim(await f.principal(user), wish.id, {});
      expect(claimed.beneficiary).toEqual({ name: '李桂兰', phone: '13912345678', relation: null, address: null });
      expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'wish.contact.read', subjectId: wish.id, actorId: user.id })).toBe(1);
    });
  });
});
