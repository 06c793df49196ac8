import { ROLES, Role } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UserEntity } from './user.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * A role held inside one subtree: a region node (community staff, street official, committee admin of a city)
 * or an organisation node (member, branch secretary, org admin). system_admin has neither.
 */
@Entity('role_assignments')
@Index('IDX_role_assignments_user', ['userId'])
export class RoleAssignmentEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  userId: string;

  @RefersTo(() => UserEntity, 'userId', 'CASCADE')
  user?: UserEntity;

  @Column({ type: 'simple-enum', enum: ROLES })
  role: Role;

  @UuidColumn({ nullable: true })
  regionId: string | null;

  @RefersTo(() => RegionEntity, 'regionId')
  region?: RegionEntity | null;

  @UuidColumn({ nullable: true })
  organisationId: string | null;

  @RefersTo(() => OrganisationEntity, 'organisationId')
  organisation?: OrganisationEntity | null;

  @UuidColumn({ nullable: true })
  grantedBy: string | null;

  @DateTimeColumn()
  createdAt: Date;
}
