import { Column, Entity, Index } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UserEntity } from '../users/user.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';
import { StampedRowColumns } from '../../common/database/stamped-row';

/**
 * A roster row: an in-service Party member as their organisation registered them. The row becomes a signed-in
 * member when a user binds the same phone (matched by keyed hash).
 */
@Entity('members')
@Index('IDX_members_branch', ['branchId'])
export class MemberEntity extends StampedRowColumns {
  @Column({ type: 'varchar', length: 20 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  phoneCipher: string;

  /** One roster row per phone: a member belongs to exactly one branch. */
  @Index('UQ_members_phoneHash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  phoneHash: string;

  @UuidColumn()
  branchId: string;

  @RefersTo(() => OrganisationEntity, 'branchId')
  branch?: OrganisationEntity;

  @UuidColumn({ nullable: true })
  residenceCommunityId: string | null;

  @RefersTo(() => RegionEntity, 'residenceCommunityId')
  residenceCommunity?: RegionEntity | null;

  @Index('UQ_members_userId', { unique: true })
  @UuidColumn({ nullable: true })
  userId: string | null;

  @RefersTo(() => UserEntity, 'userId', 'SET NULL')
  user?: UserEntity | null;

  @UuidColumn({ nullable: true })
  importedBy: string | null;
}
