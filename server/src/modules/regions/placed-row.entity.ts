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
