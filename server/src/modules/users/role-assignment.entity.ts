import { ROLES, Role } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UserEntity } from './user.entity';

/**
 * A role held inside one subtree: a region node (community staff, street official, committee admin of a city)
 * or an organisation node (member, branch secretary, org admin). system_admin has neither.
 */
@Entity('role_assignments')
@Index('IDX_role_assignments_user', ['userId'])
export class RoleAssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'userId' })
  user?: UserEntity;

  @Column({ type: 'simple-enum', enum: ROLES })
  role: Role;

  @Column({ type: 'varchar', length: 36, nullable: true })
  regionId: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'regionId' })
  region?: RegionEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: OrganisationEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  grantedBy: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
