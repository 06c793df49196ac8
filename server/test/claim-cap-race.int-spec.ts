import { WishClaimEntity } from '../src/modules/wishes/entities/wish-claim.entity';
import { MemberEntity } from '../src/modules/members/member.entity';
import { UserEntity } from '../src/modules/users/user.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { communityId, publishedWish } from './support/wish-fixtures';

/**
 * The claim cap under a race (found by `npm run bench`, part 2): one member's claims on different wishes
 * arriving at once must not all pass the "fewer than 3 open claims" check together.
 */
describe(`claim cap when one member's claims race (${TEST_DB})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('should let exactly WISH_MAX_OPEN_CLAIMS of eight simultaneous claims by one member win', async () => {
    const [resident, staff, member] = await Promise.all(['dev:resident', 'dev:staff', 'dev:member-06'].map((c) => t.signIn(c)));
    const kangdu = await communityId(t, 'KDSQ01');
    const wishes: string[] = [];
    for (let i = 0; i < 8; i++) wishes.push(await publishedWish(t, resident, staff, kangdu, { title: `心愿 ${i + 1}` }));

    const responses = await Promise.all(wishes.map((id) => t.request('POST', `/api/wishes/${id}/claim`, { token: member, body: {} })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(5).fill('CLAIM_LIMIT_REACHED'));

    const user = await t.dataSource.getRepository(UserEntity).findOneByOrFail({ openid: 'dev-member-06' });
    const row = await t.dataSource.getRepository(MemberEntity).findOneByOrFail({ userId: user.id });
    expect(await t.dataSource.getRepository(WishClaimEntity).count({ where: { memberId: row.id, status: 'open' } })).toBe(3);
  });
});
