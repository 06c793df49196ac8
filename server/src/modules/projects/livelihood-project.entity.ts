import { PROJECT_STATUSES, type CommitmentCategory, type ProjectStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { StreetOrCommunityPlacedColumns } from '../regions/placed-row.entity';
import { UserEntity } from '../users/user.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/** 民生实事: posted for a community or a whole street, claimed by one organisation. */
@Entity('livelihood_projects')
@Index('IDX_livelihood_projects_street', ['streetId', 'createdAt'])
@Index('IDX_livelihood_projects_community', ['communityId', 'createdAt'])
@Index('IDX_livelihood_projects_organisation', ['organisationId', 'status'])
export class LivelihoodProjectEntity extends StreetOrCommunityPlacedColumns {
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

  @UuidColumn({ nullable: true })
  organisationId: string | null;

  @RefersTo(() => OrganisationEntity, 'organisationId')
  organisation?: OrganisationEntity | null;

  @Column({ type: 'int' })
  percent: number;

  @UuidColumn()
  postedByUserId: string;

  @RefersTo(() => UserEntity, 'postedByUserId')
  postedBy?: UserEntity;

  @UuidColumn({ nullable: true })
  claimedByUserId: string | null;

  @RefersTo(() => UserEntity, 'claimedByUserId')
  claimedBy?: UserEntity | null;

  @UuidColumn({ nullable: true })
  verifiedByUserId: string | null;

  @RefersTo(() => UserEntity, 'verifiedByUserId')
  verifiedBy?: UserEntity | null;

  @DateTimeColumn({ nullable: true })
  claimedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  completedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  verifiedAt: Date | null;
}
