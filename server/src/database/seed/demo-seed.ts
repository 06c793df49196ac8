import { rebuildAgreementDeliveries } from '../../modules/agreements/agreement-deliveries';
import { rebuildLedgerTotals } from '../../modules/ledger/ledger-totals';
import { rebuildWishRollups } from '../../modules/wishes/wish-rollups';
import { rebuildWishDurations } from '../../modules/wishes/wish-durations';
import { DataSource, EntityManager } from 'typeorm';
import { DataCipher } from '../../common/crypto/data-cipher';
import { inTransaction } from '../../common/database/transaction';
import { newId } from '../../common/ids';
import { childPath } from '../../common/tree/materialised-path';
import { MemberEntity } from '../../modules/members/member.entity';
import { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import { newRegion, RegionEntity } from '../../modules/regions/region.entity';
import { RoleAssignmentEntity } from '../../modules/users/role-assignment.entity';
import { UserEntity } from '../../modules/users/user.entity';
import { seedDemoPledges } from './demo-pledges';
import { seedDemoAgreements } from './demo-agreements';
import { seedDemoReports } from './demo-reports';
import { seedDemoOrgReports } from './demo-org-reports';
import { seedDemoActivities } from './demo-activities';
import { SeededPerson, seedDemoWishes } from './demo-wishes';
import { seedDemoMembersPosts } from './demo-members-posts';
import { DEMO_CITY, DEMO_PERSONAS, DEMO_STREETS, DEMO_UNITS, DEMO_WORK_COMMITTEE, branchName } from './demo-data';

export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(RegionEntity).count()) === 0;
}

/** Fills an empty database with the demo city, units and personas, in one transaction (`certKey` signs the demo certificate). */
export async function seedDemo(dataSource: DataSource, cipher: DataCipher, now = new Date(), certKey?: string): Promise<void> {
  await inTransaction(dataSource, async (manager) => {
    const regions = await seedRegions(manager, now);
    const organisations = await seedOrganisations(manager, now);
    const people = await seedPersonas(manager, cipher, now, regions, organisations);
    await seedDemoWishes(manager, cipher, now, regions, organisations, people);
    await seedDemoPledges(manager, now, regions, organisations, people);
    await seedDemoAgreements(manager, cipher, now, regions, organisations, people);
    await seedDemoMembersPosts(manager, now, regions, organisations, people);
    await seedDemoReports(manager, now, regions, organisations, people, certKey);
    await seedDemoOrgReports(manager, now, regions, organisations, people);
    await seedDemoActivities(manager, now, regions, organisations, people);
    // The demo's entries and wishes are inserted directly: the ledger's and the wishes' rollups are computed from them once.
    await rebuildLedgerTotals(manager);
    await rebuildWishRollups(manager);
    // Likewise the wishes' durations and their histogram (the dashboard's medians).
    await rebuildWishDurations(manager);
    await rebuildAgreementDeliveries(manager);
  });
}

async function seedRegions(manager: EntityManager, now: Date): Promise<Map<string, RegionEntity>> {
  const byKey = new Map<string, RegionEntity>();
  const add = async (parent: RegionEntity | null, level: RegionEntity['level'], name: string, place: Parameters<typeof newRegion>[4] = {}) => {
    const region = newRegion(parent, level, name, now, place);
    await manager.insert(RegionEntity, region);
    byKey.set(region.code ?? name, region);
    return region;
  };
  const city = await add(null, 'city', DEMO_CITY.name);
  const district = await add(city, 'district', DEMO_CITY.district);
  for (const street of DEMO_STREETS) {
    const streetNode = await add(district, 'street', street.name);
    for (const c of street.communities) {
      await add(streetNode, 'community', c.name, { code: c.code, address: c.address, servicePhone: c.servicePhone, lat: c.lat, lng: c.lng, checkinRadiusM: 500 });
    }
  }
  return byKey;
}

async function seedOrganisations(manager: EntityManager, now: Date): Promise<Map<string, OrganisationEntity>> {
  const byName = new Map<string, OrganisationEntity>();
  const add = async (parent: OrganisationEntity | null, level: OrganisationEntity['level'], name: string) => {
    const id = newId();
    const organisation: OrganisationEntity = { id, parentId: parent?.id ?? null, level, name, path: childPath(parent?.path ?? null, id), createdAt: now, updatedAt: now };
    await manager.insert(OrganisationEntity, organisation);
    byName.set(name, organisation);
    return organisation;
  };
  const committee = await add(null, 'work_committee', DEMO_WORK_COMMITTEE);
  for (const unitName of DEMO_UNITS) {
    const unit = await add(committee, 'unit', unitName);
    // The 人大 office has a party committee above its branch, as larger units do.
    const parent = unitName === '市人大常委会办公室' ? await add(unit, 'party_committee', `${unitName}机关党委`) : unit;
    await add(parent, 'branch', branchName(unitName));
  }
  return byName;
}

async function seedPersonas(
  manager: EntityManager,
  cipher: DataCipher,
  now: Date,
  regions: Map<string, RegionEntity>,
  organisations: Map<string, OrganisationEntity>,
): Promise<Map<string, SeededPerson>> {
  const people = new Map<string, SeededPerson>();
  for (const persona of DEMO_PERSONAS) {
    const userId = newId();
    const openid = `dev-${persona.code.slice('dev:'.length)}`;
    await manager.insert(UserEntity, {
      id: userId,
      openid,
      unionid: null,
      nickname: null,
      phoneCipher: persona.phone ? cipher.encrypt(persona.phone) : null,
      phoneHash: persona.phone ? cipher.hash(persona.phone) : null,
      phoneBoundAt: persona.phone ? now : null,
      lastSignInAt: null,
      createdAt: now,
    });
    let memberId: string | null = null;
    let branchId: string | null = null;
    let unitId: string | null = null;
    if (persona.member && persona.phone) {
      const branch = organisations.get(branchName(persona.member.unit))!;
      branchId = branch.id;
      unitId = organisations.get(persona.member.unit)!.id;
      memberId = newId();
      await manager.insert(MemberEntity, {
        id: memberId,
        name: persona.member.name,
        phoneCipher: cipher.encrypt(persona.phone),
        phoneHash: cipher.hash(persona.phone),
        branchId: branch.id,
        residenceCommunityId: regions.get(persona.member.homeCode)!.id,
        userId,
        importedBy: null,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(RoleAssignmentEntity, { id: newId(), userId, role: 'member', regionId: null, organisationId: branch.id, grantedBy: null, createdAt: now });
    }
    for (const grant of persona.roles ?? []) {
      await manager.insert(RoleAssignmentEntity, {
        id: newId(),
        userId,
        role: grant.role,
        regionId: grant.region ? regions.get(grant.region)!.id : null,
        organisationId: grant.organisation ? organisations.get(grant.organisation)!.id : null,
        grantedBy: null,
        createdAt: now,
      });
    }
    people.set(persona.code, { userId, memberId, branchId, unitId, name: persona.member?.name ?? null });
  }
  return people;
}
