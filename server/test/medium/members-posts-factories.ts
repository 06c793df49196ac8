import type { RegionEntity } from '../../src/modules/regions/region.entity';
import { inTransaction } from '../../src/common/database/transaction';
import type { MemberEntity } from '../../src/modules/members/member.entity';
import type { UserEntity } from '../../src/modules/users/user.entity';
import { PostsService } from '../../src/modules/posts/posts.service';
import { RegistrationsService } from '../../src/modules/registrations/registrations.service';
import type { TestApp } from '../support/test-app';
import { type City, type Factory, type Organisations, startWithOwnCity } from './factories';

/**
 * Builders for the registration and service-post tests, on top of Factory: they go through the services (a
 * registration confirmed by the community's staff, a post published by them), so each test starts from rows the
 * app itself wrote.
 */
export class MembersPostsFactory {
  constructor(
    private readonly t: TestApp,
    private readonly f: Factory,
  ) {}

  get registrations(): RegistrationsService {
    return this.t.app.get(RegistrationsService);
  }

  get posts(): PostsService {
    return this.t.app.get(PostsService);
  }

  /** A member registered (confirmed) with `community` by one of its staff. */
  async registered(member: { user: UserEntity; member: MemberEntity }, community: RegionEntity, staff: UserEntity): Promise<string> {
    const registration = await this.registrations.request(await this.f.principal(member.user), community.id);
    await this.registrations.confirm(await this.f.principal(staff), registration.id);
    return registration.id;
  }

  /** A post published by the community's staff. */
  async post(community: RegionEntity, staff: UserEntity, options: { type?: '政策宣传岗' | '助老服务岗' | '邻里调解岗'; places?: number } = {}) {
    return this.posts.publish(await this.f.principal(staff), {
      communityId: community.id,
      type: options.type ?? '政策宣传岗',
      description: '在小区宣传栏和楼道张贴政策宣传材料，解答居民疑问。',
      places: options.places ?? 3,
    });
  }

  /** Sets a holding's term (to test expiry) straight in the table. */
  async backdateHolding(holdingId: string, startsOn: string, endsOn: string): Promise<void> {
    await inTransaction(this.t.dataSource, (manager) => manager.query('UPDATE `post_holdings` SET `startsOn` = ?, `endsOn` = ? WHERE `id` = ?', [startsOn, endsOn, holdingId]));
  }
}

/** startWithOwnCity, with these builders and a staff member of the first community and one of its neighbour's. */
export async function startWithOwnCityAndStaff(): Promise<{
  t: TestApp;
  f: Factory;
  mp: MembersPostsFactory;
  tree: City;
  orgs: Organisations;
  staff: UserEntity;
  neighbourStaff: UserEntity;
}> {
  const { t, f, tree, orgs } = await startWithOwnCity();
  const staff = await f.holder('community_staff', tree.community);
  const neighbourStaff = await f.holder('community_staff', tree.neighbour);
  return { t, f, mp: new MembersPostsFactory(t, f), tree, orgs, staff, neighbourStaff };
}

/** What a service call was refused with (status, code, message), or null when it succeeded. */
export const refusalOrNull = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { status?: number; getStatus?: () => number; code?: string; message?: string }) => ({ status: e.getStatus?.() ?? e.status, code: e.code, message: e.message }),
  );
