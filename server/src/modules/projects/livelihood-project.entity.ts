import { PROJECT_STATUSES, type CommitmentCategory, type ProjectStatus } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RegionEntity } from '../regions/region.entity';
import { UserEntity } from '../users/user.entity';

/** 民生实事: posted for a community or a whole street, claimed by one organisation. */
@Entity('livelihood_projects')
@Index('IDX_livelihood_projects_street', ['streetId', 'createdAt'])
@Index('IDX_livelihood_projects_community', ['communityId', 'createdAt'])
@Index('IDX_livelihood_projects_organisation', ['organisationId', 'status'])
export class LivelihoodProjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  regionId: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'regionId' })
  region?: RegionEntity;

  @Column({ type: 'varchar', length: 36 })
  streetId: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'streetId' })
  street?: RegionEntity;

  @Column({ type: 'varchar', length: 36, nullable: true })
  communityId: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'communityId' })
  community?: RegionEntity | null;

  @Column({ type: 'varchar', length: 40 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 100 })
  location: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  estimatedScale: string | null;

  /** The resource-list category it needs (COMMITMENT_CATEGORIES): matched to partners' commitments, carried by its ledger credits. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  category: CommitmentCategory | null;

  @Column({ type: 'simple-enum', enum: PROJECT_STATUSES })
  status: ProjectStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: OrganisationEntity | null;

  @Column({ type: 'int' })
  percent: number;

  @Column({ type: 'varchar', length: 36 })
  postedByUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'postedByUserId' })
  postedBy?: UserEntity;

  @Column({ type: 'varchar', length: 36, nullable: true })
  claimedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'claimedByUserId' })
  claimedBy?: UserEntity | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  verifiedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'verifiedByUserId' })
  verifiedBy?: UserEntity | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
