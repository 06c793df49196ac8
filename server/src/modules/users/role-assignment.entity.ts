import { ROLES, Role } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';
import { UserOwnedColumns } from './user-owned-row.entity';

/**
 * A role held inside one subtree: a region node (community staff, street official, committee admin of a city)
 * or an organisation node (member, branch secretary, org admin). system_admin has neither.
 */
@Entity('role_assignments')
@Index('IDX_role_assignments_user', ['userId'])
export class RoleAssignmentEntity extends UserOwnedColumns {
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
