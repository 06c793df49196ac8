import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A roster row: an in-service Party member as their organisation registered them. The row becomes a signed-in
 * member when a user binds the same phone (matched by keyed hash).
 */
@Entity('members')
@Index('IDX_members_branch', ['branchId'])
export class MemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  phoneCipher: string;

  /** One roster row per phone: a member belongs to exactly one branch. */
  @Index('UQ_members_phoneHash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  phoneHash: string;

  @Column({ type: 'varchar', length: 36 })
  branchId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'branchId' })
  branch?: OrganisationEntity;

  @Column({ type: 'varchar', length: 36, nullable: true })
  residenceCommunityId: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'residenceCommunityId' })
  residenceCommunity?: RegionEntity | null;

  @Index('UQ_members_userId', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'userId' })
  user?: UserEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  importedBy: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
