import type { Agreement, CommitmentCategory } from '@nuancheng/shared';
import { inTransaction } from '../../src/common/database/transaction';
import { checkInvariants } from '../../src/database/invariants';
import { agreementDeliveriesFromEntries } from '../../src/database/migrations/agreement-deliveries-backfill';
import { AgreementDeliveriesService, deliveryWindow, rebuildAgreementDeliveries } from '../../src/modules/agreements/agreement-deliveries';
import { AgreementEntity } from '../../src/modules/agreements/agreement.entity';
import { AgreementQueriesService } from '../../src/modules/agreements/agreement-queries.service';
import { addDays, cstDate } from '../../src/modules/agreements/agreements.rules';
import { AgreementsService } from '../../src/modules/agreements/agreements.service';
import { AgreementCommitmentEntity } from '../../src/modules/agreements/agreement-commitment.entity';
import { LedgerService } from '../../src/modules/ledger/ledger.service';
import { OrganisationEntity } from '../../src/modules/organisations/organisation.entity';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { Factory } from './factories';

const DAY = 86_400_000;

/**
 * agreement_deliveries stays equal to the agreements' delivery counted from the ledger's entries (the ledger's own
 * delivery query and the backfill's computation): credits in and out of the window, the subtree and the community,
 * corrections, entries credited before the countersignature, an early end, a rolled-back transaction, a credit
 * racing a countersignature; and the dashboard's delivered equals the direct count.
 */
describe(`agreement deliveries (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let ledger: LedgerService;
  let agreements: AgreementsService;
  let deliveries: AgreementDeliveriesService;
  let tree: Awaited<ReturnType<Factory['city']>>;
  let orgs: Awaited<ReturnType<Factory['organisations']>>;
  let seq = 0;
  const now = new Date();
  const today = cstDate(now);

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    f = new Factory(t);
    ledger = t.app.get(LedgerService);
    agreements = t.app.get(AgreementsService);
    deliveries = t.app.get(AgreementDeliveriesService);
    tree = await f.city();
    orgs = await f.organisations();
  });
  afterAll(() => t?.close());

  const source = () => `00000000-0000-4000-9100-${String(++seq).padStart(12, '0')}`;
  const credit = (
    memberId: string | null,
    at: Date,
    options: { category?: CommitmentCategory | null; communityId?: string; streetId?: string; organisationId?: string; minutes?: number; valueYuan?: number } = {},
  ) => ({
    memberId,
    organisationId: memberId ? null : (options.organisationId ?? orgs.unit.id),
    kind: (memberId ? 'activity_attendance' : 'project_update') as 'activity_attendance' | 'project_update',
    sourceType: memberId ? 'activity_attendance' : 'project_update',
    sourceId: source(),
    minutes: options.minutes ?? 60,
    valueYuan: options.valueYuan ?? 0,
    description: '普法宣传进社区',
    occurredAt: at,
    communityId: options.communityId ?? tree.community.id,
    streetId: options.streetId ?? tree.street.id,
    category: options.category === undefined ? '普法宣传' : options.category,
  });
  const creditNow = (input: ReturnType<typeof credit>) => inTransaction(t.dataSource, (m) => ledger.credit(m, input));

  const propose = async (regionId: string, startDate: string, endDate: string, quantity = 3): Promise<Agreement> => {
    const admin = await f.holder('org_admin', orgs.unit);
    return agreements.propose(await f.principal(admin), {
      organisationId: orgs.unit.id,
      regionId,
      startDate,
      endDate,
      contactName: '联络员',
      contactPhone: '13700001111',
      commitments: [
        { category: '普法宣传', description: '普法讲座', quantity, unit: '次' },
        { category: '健康义诊', description: '义诊', quantity: 2, unit: '次' },
      ],
    });
  };
  const countersign = async (a: Agreement, regionId: string) => {
    const street = regionId === tree.street.id;
    const signer = await f.holder(street ? 'street_official' : 'community_staff', street ? tree.street : tree.community);
    return agreements.countersign(await f.principal(signer), a.id);
  };

  type Row = { agreementId: string; category: string; services: number; minutes: number; valueYuan: number };
  const norm = (rows: Array<Record<string, unknown>>): Row[] =>
    rows
      .map((r) => ({ agreementId: String(r.agreementId), category: String(r.category), services: Number(r.services), minutes: Number(r.minutes), valueYuan: Number(r.valueYuan) }))
      .filter((r) => r.services !== 0 || r.minutes !== 0 || r.valueYuan !== 0)
      .sort((a, b) => (a.agreementId + a.category < b.agreementId + b.category ? -1 : 1));
  const kept = async () => norm(await t.dataSource.query('SELECT `agreementId`, `category`, `services`, `minutes`, `valueYuan` FROM `agreement_deliveries`'));
  const dialect = () => (TEST_DB === 'sqlite' ? 'sqlite' : 'mysql');
  /** Delivery from the entries: the backfill's per-street passes, and the ledger's delivery query (today's definition) per agreement. */
  const counted = async () => norm((await agreementDeliveriesFromEntries((sql, params) => t.dataSource.query(sql, params), dialect())) as unknown as Array<Record<string, unknown>>);
  const direct = async () => {
    const rows = await t.dataSource.getRepository(AgreementEntity).find();
    const paths = new Map((await t.dataSource.getRepository(OrganisationEntity).find()).map((o) => [o.id, o.path]));
    const targets = rows.flatMap((a) => {
      const window = deliveryWindow(a);
      return window ? [{ key: a.id, path: paths.get(a.organisationId)!, streetId: a.streetId, communityId: a.communityId, ...window }] : [];
    });
    return norm((await ledger.deliveryAgainst(targets)).map((r) => ({ ...r, agreementId: r.key })));
  };
  const expectExact = async () => {
    const table = await kept();
    expect(table).toEqual(await counted());
    expect(table).toEqual(await direct());
    expect(await checkInvariants(t.dataSource, null)).toEqual([]);
    return table;
  };
  const of = async (id: string) => (await kept()).filter((r) => r.agreementId === id).map(({ agreementId: _id, ...r }) => r);

  it('should count credits in the window, street, community and subtree, corrections less, from before the countersignature on', async () => {
    const { member } = await f.member(orgs.branch);
    const { member: outsider } = await f.member(orgs.otherBranch);
    const start = addDays(today, -30);
    const a = await propose(tree.street.id, start, addDays(today, 300));
    const c = await propose(tree.community.id, start, addDays(today, 300));
    const inTerm = new Date(now.getTime() - 10 * DAY);
    // Before the countersignature: counted once it is in force.
    const early = await creditNow(credit(member.id, inTerm));
    await creditNow(credit(null, inTerm, { category: '健康义诊', minutes: 0, valueYuan: 500 }));
    expect(await kept()).toEqual([]);
    await countersign(a, tree.street.id);
    expect(await of(a.id)).toEqual([
      { category: '健康义诊', services: 1, minutes: 0, valueYuan: 500 },
      { category: '普法宣传', services: 1, minutes: 60, valueYuan: 0 },
    ]);
    await countersign(c, tree.community.id);
    // In force: each counting credit is added as it is written, several in one transaction.
    await inTransaction(t.dataSource, async (m) => {
      await ledger.credit(m, credit(member.id, new Date(now.getTime() - DAY), { minutes: 30 }));
      await ledger.credit(m, credit(member.id, new Date(now.getTime() - DAY), { communityId: tree.neighbour.id, minutes: 15 }));
      // Not counted: another unit's member, another street, no category, before the term, a day after it.
      await ledger.credit(m, credit(outsider.id, inTerm));
      await ledger.credit(m, credit(member.id, inTerm, { streetId: tree.otherStreet.id, communityId: tree.farCommunity.id }));
      await ledger.credit(m, credit(member.id, inTerm, { category: null }));
      await ledger.credit(m, credit(member.id, new Date(Date.parse(`${start}T00:00:00+08:00`) - 1)));
      await ledger.credit(m, credit(member.id, new Date(Date.parse(`${addDays(today, 301)}T00:00:00+08:00`))));
    });
    // The term's first instant and last millisecond count (Beijing days, both included).
    await creditNow(credit(member.id, new Date(Date.parse(`${start}T00:00:00+08:00`)), { minutes: 1 }));
    await creditNow(credit(member.id, new Date(Date.parse(`${addDays(today, 301)}T00:00:00+08:00`) - 1), { minutes: 2 }));
    // A correction subtracts.
    const secretary = await f.holder('branch_secretary', orgs.branch);
    await ledger.correct(await f.principal(secretary), early!, '重复登记');
    expect(await of(a.id)).toEqual([
      { category: '健康义诊', services: 1, minutes: 0, valueYuan: 500 },
      { category: '普法宣传', services: 1 - 1 + 2 + 2, minutes: 60 - 60 + 30 + 15 + 1 + 2, valueYuan: 0 },
    ]);
    // The community agreement: its community only (not the neighbour's 15 minutes).
    expect(await of(c.id)).toEqual([
      { category: '健康义诊', services: 1, minutes: 0, valueYuan: 500 },
      { category: '普法宣传', services: 3, minutes: 30 + 1 + 2, valueYuan: 0 },
    ]);
    await expectExact();
    // The detail page reads the same rows.
    const official = await f.holder('street_official', tree.street);
    const detail = await t.app.get(AgreementQueriesService).detail(a.id, await f.principal(official));
    expect(detail.commitments.map((x) => [x.category, x.delivered.services])).toEqual([
      ['普法宣传', 4],
      ['健康义诊', 1],
    ]);
  });

  it('should stop counting after an early end, and leave nothing of a rolled-back transaction', async () => {
    const otherUnitAdmin = await f.holder('org_admin', orgs.otherUnit);
    const { member } = await f.member(orgs.otherBranch);
    const a = await agreements.propose(await f.principal(otherUnitAdmin), {
      organisationId: orgs.otherUnit.id,
      regionId: tree.otherStreet.id,
      startDate: addDays(today, -5),
      endDate: addDays(today, 100),
      contactName: '联络员',
      contactPhone: '13700002222',
      commitments: [{ category: '助学', description: '助学', quantity: 5, unit: '次' }],
    });
    const official = await f.holder('street_official', tree.otherStreet);
    await agreements.countersign(await f.principal(official), a.id);
    const at = (days: number) => new Date(now.getTime() + days * DAY);
    const input = (days: number) => credit(member.id, at(days), { category: '助学', streetId: tree.otherStreet.id, communityId: tree.farCommunity.id });
    await creditNow(input(-1));
    // Dated ahead (inside the term): counted while the term runs to its end date …
    await creditNow(input(10));
    expect(await of(a.id)).toEqual([{ category: '助学', services: 2, minutes: 120, valueYuan: 0 }]);
    const before = await kept();
    await expect(
      inTransaction(t.dataSource, async (m) => {
        await ledger.credit(m, input(-2));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      t.dataSource.transaction(async (m) => {
        await ledger.credit(m, input(-2));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await kept()).toEqual(before);
    // … and no longer once it ended early (its term ends now).
    await agreements.endEarly(await f.principal(official), a.id, '单位撤并');
    expect(await of(a.id)).toEqual([{ category: '助学', services: 1, minutes: 60, valueYuan: 0 }]);
    await creditNow(input(20));
    await creditNow(input(-3));
    expect(await of(a.id)).toEqual([{ category: '助学', services: 2, minutes: 120, valueYuan: 0 }]);
    await expectExact();
  });

  it('should count a credit racing the countersignature once, whichever commits first', async () => {
    const { member } = await f.member(orgs.branch);
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const inTerm = new Date(now.getTime() - DAY);
    const input = () => credit(member.id, inTerm, { category: '健康义诊', streetId: tree.otherStreet.id, communityId: tree.farCommunity.id });
    const fresh = async () => {
      const admin = await f.holder('org_admin', orgs.unit);
      return agreements.propose(await f.principal(admin), {
        organisationId: orgs.unit.id,
        regionId: tree.farCommunity.id,
        startDate: addDays(today, -3),
        endDate: addDays(today, 30),
        contactName: '联络员',
        contactPhone: '13700003333',
        commitments: [{ category: '健康义诊', description: '义诊', quantity: 4, unit: '次' }],
      });
    };
    const staff = await f.principal(await f.holder('community_staff', tree.farCommunity));
    // The credit holds its transaction open while the countersignature starts …
    const first = await fresh();
    const credited = inTransaction(t.dataSource, async (m) => {
      await ledger.credit(m, input());
      await sleep(400);
    });
    await sleep(100);
    await Promise.all([credited, agreements.countersign(staff, first.id)]);
    expect(await of(first.id)).toEqual([{ category: '健康义诊', services: 1, minutes: 60, valueYuan: 0 }]);
    // … and the countersignature holds its open while the credit comes in (a slow recompute).
    await agreements.endEarly(staff, first.id, '重签');
    const second = await fresh();
    const recompute = deliveries.recompute.bind(deliveries);
    const spy = jest.spyOn(deliveries, 'recompute').mockImplementation(async (...args) => {
      await recompute(...args);
      await sleep(400);
    });
    try {
      const signing = agreements.countersign(staff, second.id);
      await sleep(200);
      await Promise.all([signing, creditNow(input())]);
    } finally {
      spy.mockRestore();
    }
    expect(await of(second.id)).toEqual([{ category: '健康义诊', services: 2, minutes: 120, valueYuan: 0 }]);
    await expectExact();
  });

  it('should give the dashboard the direct count, capped per commitment, and rebuild to the same rows', async () => {
    const rows = await t.dataSource.getRepository(AgreementEntity).find({ where: { status: 'in_force' } });
    const commitments = await t.dataSource.getRepository(AgreementCommitmentEntity).find();
    const delivery = await direct();
    const streetIds = [tree.street.id, tree.otherStreet.id];
    let delivered = 0;
    let committed = 0;
    let count = 0;
    for (const a of rows.filter((x) => streetIds.includes(x.streetId))) {
      for (const c of commitments.filter((x) => x.agreementId === a.id)) {
        count += 1;
        committed += c.quantity;
        delivered += Math.min(c.quantity, Math.max(0, delivery.find((d) => d.agreementId === a.id && d.category === c.category)?.services ?? 0));
      }
    }
    expect(delivered).toBeGreaterThan(0);
    const scope = { streetIds, from: new Date(0), to: now, months: [], now };
    expect(await agreements.dashboard(scope)).toEqual({ inForce: rows.filter((x) => streetIds.includes(x.streetId)).length, commitments: count, committed, delivered });
    // The bulk writers' rebuild gives the maintained rows.
    const table = await kept();
    let rebuilt: Row[] = [];
    await t.dataSource
      .transaction(async (m) => {
        await rebuildAgreementDeliveries(m);
        rebuilt = norm(await m.query('SELECT `agreementId`, `category`, `services`, `minutes`, `valueYuan` FROM `agreement_deliveries`'));
        throw new Error('roll back');
      })
      .catch((e: Error) => {
        if (e.message !== 'roll back') throw e;
      });
    expect(rebuilt).toEqual(table);
  });

  it('should report a row that differs from the entries', async () => {
    const [row] = await kept();
    await t.dataSource.query('UPDATE `agreement_deliveries` SET `services` = `services` + 1 WHERE `agreementId` = ? AND `category` = ?', [row.agreementId, row.category]);
    try {
      expect((await checkInvariants(t.dataSource, null)).filter((p) => p.startsWith('agreement delivery'))).toEqual([
        `agreement delivery ${row.agreementId} ${row.category}: kept ${row.services + 1}/${row.minutes}/${row.valueYuan}, counted from the entries ${row.services}/${row.minutes}/${row.valueYuan} (services/minutes/value)`,
      ]);
    } finally {
      await t.dataSource.query('UPDATE `agreement_deliveries` SET `services` = `services` - 1 WHERE `agreementId` = ? AND `category` = ?', [row.agreementId, row.category]);
    }
  });
});
