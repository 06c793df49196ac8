import { In } from 'typeorm';
import { AuditLogEntity } from '../../src/modules/audit/audit-log.entity';
import { JobRegistry } from '../../src/modules/jobs/job-registry.service';
import { JobSchedulerService } from '../../src/modules/jobs/job-scheduler.service';
import { WishClaimEntity } from '../../src/modules/wishes/entities/wish-claim.entity';
import { WishEntity } from '../../src/modules/wishes/entities/wish.entity';
import { WishPrivacyService } from '../../src/modules/wishes/wish-privacy.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { Factory } from './factories';

const DAY = 86400_000;

describe(`beneficiary retention: closed wishes' identities are anonymised after the period (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let tree: Awaited<ReturnType<Factory['city']>>;
  let orgs: Awaited<ReturnType<Factory['organisations']>>;

  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { BENEFICIARY_RETENTION_DAYS: '365' } });
    f = new Factory(t);
    tree = await f.city();
    orgs = await f.organisations();
  });
  afterAll(() => t?.close());

  const wishes = () => t.dataSource.getRepository(WishEntity);
  const closedDaysAgo = async (wish: WishEntity, days: number) => {
    await wishes().update({ id: wish.id }, { updatedAt: new Date(Date.now() - days * DAY) });
    return wishes().findOneByOrFail({ id: wish.id });
  };

  it('should be a registered job that the scheduler runs', () => {
    expect(
      t.app
        .get(JobRegistry)
        .list()
        .map((j) => j.name),
    ).toContain('beneficiary-retention');
  });

  it('should seal identity of wishes closed longer than the period only, keep their history, and be idempotent', async () => {
    const { member, user } = await f.member(orgs.branch);
    const resident = await f.user();
    const oldConfirmed = await closedDaysAgo(await f.wish({ community: tree.community, status: 'confirmed', resident, claimant: { member, user } }), 400);
    const oldWithdrawn = await closedDaysAgo(await f.wish({ community: tree.community, status: 'withdrawn', resident }), 366);
    const oldRejected = await closedDaysAgo(await f.wish({ community: tree.neighbour, status: 'rejected' }), 500);
    await wishes().update({ id: oldRejected.id }, { guardianNameCipher: t.cipher.encrypt('王监护') });
    const recentConfirmed = await closedDaysAgo(await f.wish({ community: tree.community, status: 'confirmed', resident, claimant: { member, user } }), 300);
    // Old but still moving: a claimant may still need to call the beneficiary.
    const oldClaimed = await closedDaysAgo(await f.wish({ community: tree.community, status: 'claimed', resident, claimant: { member, user } }), 400);
    const oldDisputed = await closedDaysAgo(await f.wish({ community: tree.community, status: 'disputed', resident, claimant: { member, user } }), 400);
    const oldPublished = await closedDaysAgo(await f.wish({ community: tree.community, status: 'published', resident }), 400);

    const expired = [oldConfirmed, oldWithdrawn, oldRejected];
    const kept = [recentConfirmed, oldClaimed, oldDisputed, oldPublished];
    const byStatusBefore = await countsByStatus();
    const claimsBefore = await t.dataSource.getRepository(WishClaimEntity).find({ order: { id: 'ASC' } });

    await t.app.get(JobSchedulerService).tick();

    for (const before of expired) {
      const after = await wishes().findOneByOrFail({ id: before.id });
      expect(after.anonymisedAt).toBeInstanceOf(Date);
      expect(after.beneficiaryMasked).toBe('某**');
      for (const cipher of [after.beneficiaryNameCipher, after.contactPhoneCipher, after.hardshipCipher]) expect(t.cipher.decrypt(cipher)).toBe('已匿名');
      expect(after.guardianNameCipher).toBeNull();
      // History and what the aggregates read stay as they were.
      expect(withoutIdentity(after)).toEqual(withoutIdentity(before));
    }
    for (const before of kept) {
      const after = await wishes().findOneByOrFail({ id: before.id });
      expect(after).toEqual(before);
      expect(t.cipher.decrypt(after.beneficiaryNameCipher)).toBe('李桂兰');
    }
    expect(await countsByStatus()).toEqual(byStatusBefore);
    expect(await t.dataSource.getRepository(WishClaimEntity).find({ order: { id: 'ASC' } })).toEqual(claimsBefore);

    const entries = await t.dataSource.getRepository(AuditLogEntity).findBy({ action: 'wishes.beneficiary.anonymise' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: null, subjectType: 'wish', result: 'ok' });
    expect(JSON.parse(entries[0].detail!)).toMatchObject({ anonymised: 3, retentionDays: 365 });

    // Idempotent: a second run seals nothing, changes nothing and writes no entry.
    const sealed = await wishes().findBy({ id: In(expired.map((w) => w.id)) });
    expect(await t.app.get(WishPrivacyService).anonymiseExpired()).toMatchObject({ anonymised: 0 });
    expect(await wishes().findBy({ id: In(expired.map((w) => w.id)) })).toEqual(sealed);
    expect(await t.dataSource.getRepository(AuditLogEntity).countBy({ action: 'wishes.beneficiary.anonymise' })).toBe(1);

    // Once the recent one passes the period too, the next run takes it (and only it).
    t.clock.advance(70 * DAY);
    expect(await t.app.get(WishPrivacyService).anonymiseExpired()).toMatchObject({ anonymised: 1 });
    expect((await wishes().findOneByOrFail({ id: recentConfirmed.id })).anonymisedAt).toBeInstanceOf(Date);
    expect((await wishes().findOneByOrFail({ id: oldClaimed.id })).anonymisedAt).toBeNull();
  });

  it('should work through more than one batch', async () => {
    const made: WishEntity[] = [];
    for (let i = 0; i < 230; i++) made.push(await f.wish({ community: tree.farCommunity, status: 'withdrawn' }));
    await wishes().update({ id: In(made.map((w) => w.id)) }, { updatedAt: new Date(t.clock.now().getTime() - 400 * DAY) });
    expect(await t.app.get(WishPrivacyService).anonymiseExpired()).toMatchObject({ anonymised: 230 });
    expect((await wishes().findBy({ id: In(made.map((w) => w.id)) })).every((w) => w.anonymisedAt)).toBe(true);
    expect(await wishes().count({ where: { communityId: tree.farCommunity.id, beneficiaryMasked: '某**' } })).toBe(230);
  });

  function withoutIdentity(wish: WishEntity): Partial<WishEntity> {
    const copy: Partial<WishEntity> = { ...wish };
    for (const key of ['beneficiaryMasked', 'beneficiaryNameCipher', 'contactPhoneCipher', 'hardshipCipher', 'guardianNameCipher', 'anonymisedAt'] as const) delete copy[key];
    return copy;
  }

  async function countsByStatus(): Promise<Record<string, number>> {
    const rows: { status: string; n: string | number }[] = await wishes().createQueryBuilder('w').select('w.status', 'status').addSelect('COUNT(*)', 'n').groupBy('w.status').getRawMany();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
});
