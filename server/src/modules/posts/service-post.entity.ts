import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { CommunityPlacedColumns } from '../regions/placed-row.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';

/**
 * 党员服务岗位: a community's standing post with a number of places. `taken` counts the active holdings and only
 * moves by conditional updates (`taken < places` to take one), so places are never exceeded under any race.
 */
@Entity('service_posts')
@Index('IDX_service_posts_community', ['communityId', 'createdAt'])
@Index('IDX_service_posts_street', ['streetId', 'createdAt'])
export class ServicePostEntity extends CommunityPlacedColumns {
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

  @UuidColumn()
  createdByUserId: string;

  @RefersTo(() => UserEntity, 'createdByUserId')
  createdBy?: UserEntity;
}
