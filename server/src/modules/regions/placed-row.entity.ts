import { StampedRowColumns } from '../../common/database/stamped-row';
import { RegionEntity } from './region.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';

/**
 * A row that belongs to one community (wishes, activities, service posts, shifts, registrations, pledges …), with
 * its street denormalised so a street's list is one index range. Not an entity: each table's entity extends it.
 */
export abstract class CommunityPlacedColumns extends StampedRowColumns {
  @UuidColumn()
  communityId: string;

  @RefersTo(() => RegionEntity, 'communityId')
  community?: RegionEntity;

  @UuidColumn()
  streetId: string;

  @RefersTo(() => RegionEntity, 'streetId')
  street?: RegionEntity;
}

/**
 * A row placed on a street or on one of its communities (agreements, livelihood projects): `regionId` is that
 * street or community, `streetId` always its street, `communityId` the community when it is one. Not an entity:
 * each table's entity extends it.
 */
export abstract class StreetOrCommunityPlacedColumns extends StampedRowColumns {
  @UuidColumn()
  regionId: string;

  @RefersTo(() => RegionEntity, 'regionId')
  region?: RegionEntity;

  @UuidColumn()
  streetId: string;

  @RefersTo(() => RegionEntity, 'streetId')
  street?: RegionEntity;

  @UuidColumn({ nullable: true })
  communityId: string | null;

  @RefersTo(() => RegionEntity, 'communityId')
  community?: RegionEntity | null;
}
