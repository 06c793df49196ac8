import type { OrganisationLevel, RegionLevel, Role, WishStatus } from '@nuancheng/shared';
import { maskName } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import type { Principal } from '../../src/common/access/principal';
import { DataCipher } from '../../src/common/crypto/data-cipher';
import { newId } from '../../src/common/ids';
import { childPath } from '../../src/common/tree/materialised-path';
import { MemberEntity } from '../../src/modules/members/member.entity';
import { OrganisationEntity } from '../../src/modules/organisations/organisation.entity';
import { newRegion, RegionEntity } from '../../src/modules/regions/region.entity';
import { RoleAssignmentEntity } from '../../src/modules/users/role-assignment.entity';
import { UserEntity } from '../../src/modules/users/user.entity';
import { SessionsService } from '../../src/modules/users/sessions.service';
import { UsersService } from '../../src/modules/users/users.service';
import { WishClaimEntity } from '../../src/modules/wishes/entities/wish-claim.entity';
import { WishEntity } from '../../src/modules/wishes/entities/wish.entity';
import { addWishToRollups } from '../../src/modules/wishes/wish-rollups';
import { startTestApp, type TestApp } from '../support/test-app';
import { recordWishDurations } from '../../src/modules/wishes/wish-durations';

/**
 * Small builders for service-level ("medium") tests on a real database without the demo city: each test makes
 * exactly the rows it is about. Model: immich's test/medium factories.
 */
export class Factory {
  private readonly dataSource: DataSource;
  private readonly cipher: DataCipher;
  private seq = 0;

  constructor(private readonly t: TestApp) {
    this.dataSource = t.dataSource;
    this.cipher = t.cipher;
  }

  private next(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq}`;
  }

  async region(parent: RegionEntity | null, level: RegionLevel, name = this.next(level)): Promise<RegionEntity> {
    const region = newRegion(parent, level, name, new Date(), level === 'community' ? { code: `MC${String(++this.seq).padStart(4, '0')}`, lat: 40.75, lng: 107.39, checkinRadiusM: 500 } : {});
    await this.dataSource.getRepository(RegionEntity).insert(region);
    return region;
  }

  /** A city with one district, two streets and two communities in the first street, one in the second. */
  async city() {
    const city = await this.region(null, 'city', '测试市');
    const district = await this.region(city, 'district', '测试区');
    const street = await this.region(district, 'street', '甲街道');
    const otherStreet = await this.region(district, 'street', '乙街道');
    const community = await this.region(street, 'community', '甲一社区');
    const neighbour = await this.region(street, 'community', '甲二社区');
    const farCommunity = await this.region(otherStreet, 'community', '乙一社区');
    return { city, district, street, otherStreet, community, neighbour, farCommunity };
  }

  async organisation(parent: OrganisationEntity | null, level: OrganisationLevel, name = this.next(level)): Promise<OrganisationEntity> {
    const id = newId();
    const now = new Date();
    const organisation: OrganisationEntity = { id, parentId: parent?.id ?? null, level, name, path: childPath(parent?.path ?? null, id), createdAt: now, updatedAt: now };
    await this.dataSource.getRepository(OrganisationEntity).insert(organisation);
    return organisation;
  }

  /** A work committee with two units; the first has a party committee above its branch. */
  async organisations() {
    const committee = await this.organisation(null, 'work_committee', '测试工委');
    const unit = await this.organisation(committee, 'unit', '甲单位');
    const partyCommittee = await this.organisation(unit, 'party_committee', '甲单位机关党委');
    const branch = await this.organisation(partyCommittee, 'branch', '甲单位第一党支部');
    const otherUnit = await this.organisation(committee, 'unit', '乙单位');
    const otherBranch = await this.organisation(otherUnit, 'branch', '乙单位党支部');
    return { committee, unit, partyCommittee, branch, otherUnit, otherBranch };
  }

  async user(options: { phone?: string } = {}): Promise<UserEntity> {
    const now = new Date();
    const user: UserEntity = {
      id: newId(),
      openid: this.next('openid-'),
      unionid: null,
      nickname: null,
      phoneCipher: options.phone ? this.cipher.encrypt(options.phone) : null,
      phoneHash: options.phone ? this.cipher.hash(options.phone) : null,
      phoneBoundAt: options.phone ? now : null,
      lastSignInAt: null,
      disabledAt: null,
      createdAt: now,
    };
    await this.dataSource.getRepository(UserEntity).insert(user);
    return user;
  }

  async grant(user: UserEntity, role: Role, node: RegionEntity | OrganisationEntity | null): Promise<void> {
    const isRegion = node !== null && 'checkinRadiusM' in node;
    await this.dataSource.getRepository(RoleAssignmentEntity).insert({
      id: newId(),
      userId: user.id,
      role,
      regionId: isRegion ? node.id : null,
      organisationId: node && !isRegion ? node.id : null,
      grantedBy: null,
      createdAt: new Date(),
    });
  }

  /** A user holding one role on one node. */
  async holder(role: Role, node: RegionEntity | OrganisationEntity | null): Promise<UserEntity> {
    const user = await this.user();
    await this.grant(user, role, node);
    return user;
  }

  /** A signed-up member of a branch (roster row linked, member role granted). */
  async member(branch: OrganisationEntity, options: { name?: string; residence?: RegionEntity } = {}): Promise<{ user: UserEntity; member: MemberEntity }> {
    const phone = `139${String(10000000 + this.seq * 7919).slice(-8)}`;
    const user = await this.user({ phone });
    const now = new Date();
    const member: MemberEntity = {
      id: newId(),
      name: options.name ?? `党员${this.next('')}`,
      phoneCipher: this.cipher.encrypt(phone),
      phoneHash: this.cipher.hash(phone),
      branchId: branch.id,
      residenceCommunityId: options.residence?.id ?? null,
      userId: user.id,
      importedBy: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.dataSource.getRepository(MemberEntity).insert(member);
    await this.grant(user, 'member', branch);
    return { user, member };
  }

  /** The user signed in (a live session), as the guard would load them. */
  async principal(user: UserEntity): Promise<Principal> {
    const session = await this.t.app.get(SessionsService).open(user.id, { userAgent: 'medium-test', ip: '127.0.0.1' });
    return (await this.t.app.get(UsersService).principalOf(user.id, session.sessionId))!;
  }

  /**
   * A wish in the given state, written directly (its timeline is not the point of the tests that use this). A
   * claimed/fulfilled/disputed wish needs a claimant: a member, or a unit (with the user who claimed for it).
   */
  async wish(options: {
    community: RegionEntity;
    status?: WishStatus;
    resident?: UserEntity | null;
    claimant?: { member: MemberEntity; user: UserEntity } | { unit: OrganisationEntity; user: UserEntity };
    title?: string;
  }): Promise<WishEntity> {
    const status = options.status ?? 'published';
    const now = new Date();
    const live = ['claimed', 'fulfilled', 'disputed'].includes(status);
    const claimId = live || status === 'confirmed' ? newId() : null;
    const claimant = options.claimant;
    const wish: WishEntity = {
      id: newId(),
      communityId: options.community.id,
      streetId: options.community.parentId!,
      residentUserId: options.resident === undefined ? null : (options.resident?.id ?? null),
      enteredByUserId: options.resident?.id ?? (await this.user()).id,
      title: options.title ?? '我需要一个血压计',
      description: '老人有高血压，想在家里测量血压。',
      category: '医疗健康',
      estimatedValueYuan: 120,
      beneficiaryMasked: maskName('李桂兰'),
      beneficiaryNameCipher: this.cipher.encrypt('李桂兰'),
      contactPhoneCipher: this.cipher.encrypt('13912345678'),
      hardshipCipher: this.cipher.encrypt('低保'),
      guardianNameCipher: null,
      contactRelation: null,
      deliveryAddressCipher: null,
      consentVersion: '2026-11-v1',
      consentAt: now,
      status,
      holdReason: null,
      rejectReason: status === 'rejected' ? '信息不完整' : null,
      currentClaimId: live ? claimId : null,
      claimantKind: claimant ? ('member' in claimant ? 'member' : 'organisation') : null,
      claimantName: claimant ? ('member' in claimant ? claimant.member.name : claimant.unit.name) : null,
      claimDeadline: live ? new Date(now.getTime() + 14 * 86400_000) : null,
      fulfilmentNote: ['fulfilled', 'disputed', 'confirmed'].includes(status) ? '已送到' : null,
      rating: null,
      thanks: null,
      publishedAt: ['submitted', 'held', 'rejected'].includes(status) ? null : now,
      claimedAt: claimId ? now : null,
      fulfilledAt: ['fulfilled', 'disputed', 'confirmed'].includes(status) ? now : null,
      confirmedAt: status === 'confirmed' ? now : null,
      anonymisedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    // Written directly, so its stored durations and their histogram are recorded here (the transitions keep them).
    await recordWishDurations(this.dataSource.manager, { streetId: wish.streetId, publishedAt: null, claimedAt: null, fulfilledAt: null }, wish);
    await this.dataSource.getRepository(WishEntity).insert(wish);
    // Inserted here, not through WishesRepository.insertWish: counted in the wishes' rollups the same way.
    await addWishToRollups(this.dataSource.manager, wish);
    if (claimId) {
      if (!claimant) throw new Error(`a ${status} wish needs a claimant`);
      await this.dataSource.getRepository(WishClaimEntity).insert({
        id: claimId,
        wishId: wish.id,
        liveWishId: live ? wish.id : null,
        claimantKind: 'member' in claimant ? 'member' : 'organisation',
        memberId: 'member' in claimant ? claimant.member.id : null,
        organisationId: 'unit' in claimant ? claimant.unit.id : null,
        claimedByUserId: claimant.user.id,
        status: status === 'confirmed' ? 'completed' : status === 'claimed' || status === 'disputed' ? 'open' : 'fulfilled',
        deadline: new Date(now.getTime() + 14 * 86400_000),
        remindedAt: null,
        endedAt: status === 'confirmed' ? now : null,
        endReason: null,
        createdAt: now,
      });
    }
    return wish;
  }
}

export type City = Awaited<ReturnType<Factory['city']>>;
export type Organisations = Awaited<ReturnType<Factory['organisations']>>;

/**
 * The start of a medium suite: a fresh app without the demo city (startTestApp's other options as given), its
 * Factory, and a small city and organisations of its own (Factory.city, Factory.organisations).
 */
export async function startWithOwnCity(options: Omit<Parameters<typeof startTestApp>[0], 'seed'> = {}): Promise<{ t: TestApp; f: Factory; tree: City; orgs: Organisations }> {
  const t = await startTestApp({ ...options, seed: false });
  try {
    const f = new Factory(t);
    return { t, f, tree: await f.city(), orgs: await f.organisations() };
  } catch (error) {
    await t.close();
    throw error;
  }
}
