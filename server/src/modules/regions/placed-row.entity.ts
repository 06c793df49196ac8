import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { StampedRowColumns } from '../../common/database/stamped-row';
import { RegionEntity } from './region.entity';

/**
 * A row that belongs to one community (wishes, activities, service posts, shifts, registrations, pledges …), with
 * its street denormalised so a street's list is one index range. Not an entity: each table's entity extends it.
 */
export abstract class CommunityPlacedColumns extends StampedRowColumns {
  @Column({ type: 'varchar', length: 36 })
  communityId: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'communityId' })
  community?: RegionEntity;

  @Column({ type: 'varchar', length: 36 })
  streetId: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'streetId' })
  street?: RegionEntity;
}
