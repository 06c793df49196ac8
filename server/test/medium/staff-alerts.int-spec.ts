import type { CreateWish } from '@nuancheng/shared';
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import type { UserEntity } from '../../src/modules/users/user.entity';
import { WishDispatchEntity } from '../../src/modules/wishes/entities/wish-dispatch.entity';
import { DispatchesService } from '../../src/modules/wishes/dispatches.service';
import { WishesService } from '../../src/modules/wishes/wishes.service';
import type { TestApp } from '../support/test-app';
import { TEST_DB } from '../support/test-database';
import { wishInput } from '../support/wish-fixtures';
import { type City, Factory, type Organisations, startWithOwnCity } from './factories';

describe(`alerts to staff and officials (${TEST_DB})`, () => {
  let t: TestApp;
  let f: Factory;
  let tree: City;
  let orgs: Organisations;
  let staff: UserEntity[];
  let neighbourStaff: UserEntity;
  let officials: UserEntity[];
  let farOfficial: UserEntity;
  let admin: UserEntity;

  /** Each user's messages about one wish, as [title, kind, link] so a wrong recipient or a double shows. */
  const about = async (users: UserEntity[], wishId: string) =>
    Promise.all(users.map(async (u) => (await t.dataSource.getRepository(NotificationEntity).findBy({ userId: u.id, linkId: wishId })).map((n) => [n.title, n.kind, n.linkKind])));
  const everyone = () => [...staff, neighbourStaff, ...officials, farOfficial, admin];
  const deadline = () => new Date(Date.now() + 10 * 86400_000).toISOString();

  beforeAll(async () => {
    ({ t, f, tree, orgs } = await startWithOwnCity());
    staff = [await f.holder('community_staff', tree.community), await f.holder('community_staff', tree.community)];
    neighbourStaff = await f.holder('community_staff', tree.neighbour);
    officials = [await f.holder('street_official', tree.street), await f.holder('street_official', tree.street)];
    farOfficial = await f.holder('street_official', tree.otherStreet);
    admin = await f.holder('org_admin', orgs.unit);
  });
  afterAll(() => t?.close());

  it("should tell each of the community's staff once of a wish submitted for review, and no one else", async () => {
    const resident = await f.user({ phone: '13800001111' });
    const posted = await t.app.get(WishesService).post(await f.principal(resident), wishInput(tree.community.id, { photoIds: [] }) as CreateWish);
    expect(posted.status).toBe('submitted');
    const todo = ['新心愿待审核', 'wish_todo', 'wish'];
    expect(await about([...everyone(), resident], posted.id)).toEqual([[todo], [todo], [], [], [], [], [], []]);
    // The inbox API answers it with its typed link and counts it unread.
    const inbox = await t.app.get(NotificationsService).list(staff[0].id, 1, 20);
    expect(inbox.items[0]).toMatchObject({ title: '新心愿待审核', link: { kind: 'wish', id: posted.id }, readAt: null });
    expect(inbox.unread).toBe(1);
  });

  it('should not tell the staff member who entered a wish for a resident (代录), only the others', async () => {
    const posted = await t.app.get(WishesService).post(await f.principal(staff[0]), wishInput(tree.community.id, { photoIds: [], onBehalf: true, contactPhone: '13800002222' }) as CreateWish);
    expect(await about(everyone(), posted.id)).toEqual([[], [['新心愿待审核', 'wish_todo', 'wish']], [], [], [], [], []]);
  });

  it("should tell the community's staff when the resident says a fulfilled wish never arrived", async () => {
    const resident = await f.user();
    const claimant = await f.member(orgs.branch);
    const wish = await f.wish({ community: tree.community, status: 'fulfilled', resident, claimant });
    await t.app.get(WishesService).dispute(await f.principal(resident), wish.id, '东西没有送到');
    const disputed = ['居民反映没有收到', 'wish_todo', 'wish'];
    expect(await about(everyone(), wish.id)).toEqual([[disputed], [disputed], [], [], [], [], []]);
  });

  it.each([
    ['accept', '派单已承接'],
    ['decline', '派单被拒绝'],
  ] as const)("should tell the street's officials once when a unit answers a dispatch (%s)", async (decision, title) => {
    const wish = await f.wish({ community: tree.community });
    await t.app.get(DispatchesService).dispatch(await f.principal(officials[0]), wish.id, { organisationId: orgs.unit.id, deadline: deadline() });
    const dispatch = await t.dataSource.getRepository(WishDispatchEntity).findOneByOrFail({ wishId: wish.id });
    await t.app.get(DispatchesService).answer(await f.principal(admin), dispatch.id, decision === 'accept' ? { decision } : { decision, reason: '本月物资已用完' });
    const answered = [title, 'dispatch', 'wish'];
    const answers = (await about(everyone(), wish.id)).map((told) => told.filter(([t]) => t === title));
    expect(answers).toEqual([[], [], [], [answered], [answered], [], []]);
  });

  it("should tell the street's other officials and the community's staff once of a dispatch into their area, not the dispatcher", async () => {
    const wish = await f.wish({ community: tree.community });
    await t.app.get(DispatchesService).dispatch(await f.principal(officials[0]), wish.id, { organisationId: orgs.unit.id, deadline: deadline() });
    const told = ['心愿已派单', 'dispatch', 'wish'];
    expect(await about(everyone(), wish.id)).toEqual([[told], [told], [], [], [told], [], []]);
    const [message] = await t.dataSource.getRepository(NotificationEntity).findBy({ userId: staff[0].id, linkId: wish.id });
    expect(message.body).toContain(orgs.unit.name);
  });
});
