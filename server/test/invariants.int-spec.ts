import { checkInvariants } from '../src/database/invariants';
import { LedgerEntryEntity } from '../src/modules/ledger/ledger-entry.entity';
import { WishEntity } from '../src/modules/wishes/entities/wish.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

/** `cli.js check` (database/invariants.ts): holds on the demo city, and names each kind of break. */
describe(`database invariants check (${TEST_DB})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('should find nothing wrong in the seeded demo city', async () => {
    expect(await checkInvariants(t.dataSource, null)).toEqual([]);
  });

  it('should name a confirmed wish without its credit, and a wish marked claimed by hand: without a claim, a timeline entry or its rollup', async () => {
    const wishes = t.dataSource.getRepository(WishEntity);
    const confirmed = await wishes.findOneByOrFail({ status: 'confirmed' });
    const published = await wishes.findOneByOrFail({ status: 'published' });
    await t.dataSource.getRepository(LedgerEntryEntity).delete({ sourceType: 'wish', sourceId: confirmed.id });
    await wishes.update({ id: published.id }, { status: 'claimed' });

    const problems = await checkInvariants(t.dataSource, null);
    // The wishes' rollup still counts it published in its street and Beijing month of creation.
    const local = new Date(published.createdAt.getTime() + 8 * 3600_000);
    const month = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
    const rolled = async (status: string) =>
      Number(
        ((await t.dataSource.query('SELECT `wishes` FROM `wish_state_months` WHERE `streetId` = ? AND `status` = ? AND `month` = ?', [published.streetId, status, month])) as { wishes: number }[])[0]
          ?.wishes ?? 0,
      );
    const [asPublished, asClaimed] = [await rolled('published'), await rolled('claimed')];
    expect(problems).toEqual(
      expect.arrayContaining([
        `wish ${confirmed.id} (confirmed): 0 ledger credits, expected 1`,
        `wish ${published.id} (claimed): current claim null is not its live claim`,
        `wish ${published.id} (claimed): its timeline ends at published`,
        `wish_state_months ${published.streetId} published ${month}: wishes ${asPublished}, the wishes say ${asPublished - 1}`,
        `wish_state_months ${published.streetId} claimed ${month}: wishes ${asClaimed}, the wishes say ${asClaimed + 1}`,
      ]),
    );
    expect(problems).toHaveLength(5);
  });
});
