import { inTransaction } from '../../src/common/database/transaction';
import { AuditLogEntity } from '../../src/modules/audit/audit-log.entity';
import { LedgerEntryEntity } from '../../src/modules/ledger/ledger-entry.entity';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { MemberEntity } from '../../src/modules/members/member.entity';
import { WishesService } from '../../src/modules/wishes/wishes.service';
import type { TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';

describe(`ledger v2 (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let ledger: LedgerService;
  let tree: City;
  let orgs: Organisations;

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    ledger = t.app.get(LedgerService);
  });
  afterAll(() => t?.close());

  const credit = (memberId: string, sourceId: string, minutes: number, occurredAt = new Date()) =>
    inTransaction(t.dataSource, (manager) =>
      ledger.credit(manager, {
        memberId,
        organisationId: null,
        kind: 'activity_attendance',
        sourceType: 'activity_attendance',
        sourceId,
        minutes,
        description: '普法宣传进社区',
        occurredAt,
        communityId: tree.community.id,
        streetId: tree.street.id,
      }),
    );

  it('should credit a source event exactly once, recording where and for whom at the time', async () => {
    const { member } = await f.member(orgs.branch);
    const source = '00000000-0000-4000-8000-000000000001';
    const first = await credit(member.id, source, 90);
    expect(first).not.toBeNull();
    expect(await credit(member.id, source, 90)).toBeNull();
    const [entry] = await t.dataSource.getRepository(LedgerEntryEntity).findBy({ sourceId: source });
    expect(entry).toMatchObject({ memberId: member.id, serviceMinutes: 90, communityId: tree.community.id, streetId: tree.street.id, branchId: orgs.branch.id, unitId: orgs.unit.id, sequence: 0 });
    // A roster move does not rewrite history.
    await t.dataSource.getRepository(MemberEntity).update({ id: member.id }, { branchId: orgs.otherBranch.id });
    expect(await t.dataSource.getRepository(LedgerEntryEntity).findOneByOrFail({ id: entry.id })).toMatchObject({ branchId: orgs.branch.id, unitId: orgs.unit.id });
  });

  it('should let the branch secretary correct an entry, audited, and the source be credited again', async () => {
    const { member, user } = await f.member(orgs.branch);
    const source = '00000000-0000-4000-8000-000000000002';
    const entryId = (await credit(member.id, source, 120))!;
    const secretary = await f.holder('branch_secretary', orgs.branch);
    const correctionId = await ledger.correct(await f.principal(secretary), entryId, '签退时间有误，重新核定');
    const correction = await t.dataSource.getRepository(LedgerEntryEntity).findOneByOrFail({ id: correctionId });
    expect(correction).toMatchObject({ kind: 'correction', serviceMinutes: -120, correctsEntryId: entryId, reason: '签退时间有误，重新核定', createdByUserId: secretary.id });
    const audit = await t.dataSource.getRepository(AuditLogEntity).findOneByOrFail({ action: 'ledger.correct', subjectId: entryId });
    expect(audit.actorId).toBe(secretary.id);

    // Re-credit after the correction (the corrected minutes), and still only once.
    const again = await credit(member.id, source, 100);
    expect(again).not.toBeNull();
    expect(await credit(member.id, source, 100)).toBeNull();
    expect((await t.dataSource.getRepository(LedgerEntryEntity).findOneByOrFail({ id: again! })).sequence).toBe(1);

    // Totals are the sums of the entries: 120 − 120 + 100.
    const page = await ledger.mine(await f.principal(user), { page: 1, pageSize: 20 });
    expect(page.totals).toMatchObject({ minutes: 100, entries: 1 });
    expect(page.totals.byKind).toEqual([{ kind: 'activity_attendance', label: '志愿服务活动', minutes: 100, valueYuan: 0, entries: 1 }]);
    expect(page.items.find((e) => e.id === entryId)).toMatchObject({ corrected: true });
    expect(page.items.find((e) => e.id === correctionId)).toMatchObject({ kind: 'correction', reason: '签退时间有误，重新核定' });
  });

  it('should refuse a second correction, a correction of a correction, and a secretary of another branch', async () => {
    const { member } = await f.member(orgs.branch);
    const entryId = (await credit(member.id, '00000000-0000-4000-8000-000000000003', 60))!;
    const secretary = await f.principal(await f.holder('branch_secretary', orgs.branch));
    const correctionId = await ledger.correct(secretary, entryId, '重复登记，冲正');
    await expect(ledger.correct(secretary, entryId, '再冲一次试试')).rejects.toMatchObject({ status: 409 });
    await expect(ledger.correct(secretary, correctionId, '冲正的冲正')).rejects.toMatchObject({ status: 400 });
    const other = await f.principal(await f.holder('branch_secretary', orgs.otherBranch));
    const fresh = (await credit(member.id, '00000000-0000-4000-8000-000000000004', 60))!;
    await expect(ledger.correct(other, fresh, '不是我支部的')).rejects.toMatchObject({ status: 403 });
    expect(await t.dataSource.getRepository(LedgerEntryEntity).countBy({ correctsEntryId: fresh })).toBe(0);
  });

  it('should show a member’s ledger to their secretary, and to a street official only for that street', async () => {
    const { member } = await f.member(orgs.branch);
    await credit(member.id, '00000000-0000-4000-8000-000000000005', 30);
    const secretary = await f.principal(await f.holder('branch_secretary', orgs.branch));
    expect((await ledger.ofMember(secretary, member.id, { page: 1, pageSize: 20 })).totals.minutes).toBe(30);
    const official = await f.principal(await f.holder('street_official', tree.street));
    expect((await ledger.ofMember(official, member.id, { page: 1, pageSize: 20 })).items).toHaveLength(1);
    const elsewhere = await f.principal(await f.holder('street_official', tree.otherStreet));
    await expect(ledger.ofMember(elsewhere, member.id, { page: 1, pageSize: 20 })).rejects.toMatchObject({ status: 403 });
    const otherSecretary = await f.principal(await f.holder('branch_secretary', orgs.otherBranch));
    await expect(ledger.ofMember(otherSecretary, member.id, { page: 1, pageSize: 20 })).rejects.toMatchObject({ status: 403 });
  });

  it('should credit a confirmed wish to its claimant with the wish’s community and street (event subscriber)', async () => {
    const resident = await f.user();
    const { member, user } = await f.member(orgs.branch);
    const wish = await f.wish({ community: tree.community, status: 'fulfilled', resident, claimant: { member, user } });
    await t.app.get(WishesService).confirm(await f.principal(resident), wish.id, { rating: 5 });
    expect(await t.dataSource.getRepository(LedgerEntryEntity).findOneByOrFail({ sourceType: 'wish', sourceId: wish.id })).toMatchObject({
      kind: 'wish_fulfilled',
      memberId: member.id,
      valueYuan: 120,
      communityId: tree.community.id,
      streetId: tree.street.id,
      branchId: orgs.branch.id,
    });
  });
});
