import { WishClaimEntity } from '../../src/modules/wishes/entities/wish-claim.entity';
import { WishesService } from '../../src/modules/wishes/wishes.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { Factory } from './factories';

/** Bulk claiming is a sensitive business flow (OWASP API6): a person's claims per 24 hours are capped. */
describe(`daily claim cap (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;

  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { WISH_MAX_DAILY_CLAIMS: '2', WISH_MAX_OPEN_CLAIMS: '10' } });
    f = new Factory(t);
  });
  afterAll(() => t?.close());

  it('should refuse a member’s third claim within 24 hours with 429, counting released claims too, and allow it the next day', async () => {
    const tree = await f.city();
    const orgs = await f.organisations();
    const { user } = await f.member(orgs.branch);
    const wishes = t.app.get(WishesService);
    const principal = await f.principal(user);
    const [w1, w2, w3] = [await f.wish({ community: tree.community }), await f.wish({ community: tree.community }), await f.wish({ community: tree.community })];
    await wishes.claim(principal, w1.id, {});
    await wishes.release(principal, w1.id, '临时有事');
    await wishes.claim(principal, w2.id, {});
    await expect(wishes.claim(principal, w3.id, {})).rejects.toMatchObject({ status: 429, response: { code: 'RATE_LIMITED', message: '24 小时内已认领 2 次（上限 2 次），请明天再来认领' } });
    expect(await t.dataSource.getRepository(WishClaimEntity).countBy({ wishId: w3.id })).toBe(0);
    t.clock.advance(25 * 3600 * 1000);
    expect((await wishes.claim(principal, w3.id, {})).status).toBe('claimed');
  });
});
