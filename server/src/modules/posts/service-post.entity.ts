import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RegionEntity } from '../regions/region.entity';
import { UserEntity } from '../users/user.entity';

/**
 * 党员服务岗位: a community's standing post with a number of places. `taken` counts the active holdings and only
 * moves by conditional updates (`taken < places` to take one), so places are never exceeded under any race.
 */
@Entity('service_posts')
@Index('IDX_service_posts_community', ['communityId', 'createdAt'])
@Index('IDX_service_posts_street', ['streetId', 'createdAt'])
export class ServicePostEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

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

  /** One of SERVICE_POST_TYPES (政策宣传岗 …); varchar so the list can grow without a migration. */
  @Column({ type: 'varchar', length: 12 })
  type: string;

  @Column({ type: 'varchar', length: 20 })
  name: string;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'int' })
  places: number;

  @Column({ type: 'int', default: 0 })
  taken: number;

  @Column({ type: 'varchar', length: 36 })
  createdByUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'createdByUserId' })
  createdBy?: UserEntity;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
