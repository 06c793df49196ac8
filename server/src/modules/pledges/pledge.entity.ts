import { PLEDGE_NAME_DISPLAYS, PLEDGE_STATUSES, type CommitmentCategory, type PledgeNameDisplay, type PledgeStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UserEntity } from '../users/user.entity';
import { CommunityPlacedColumns } from '../regions/placed-row.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * 一党员一践诺: one pledge per member per year (the unique index is the referee). The branch and the residence
 * community are the member's when they (re)submitted it: who approves and assesses it, and where it is public.
 */
@Entity('pledges')
@Index('UQ_pledges_member_year', ['memberId', 'year'], { unique: true })
@Index('IDX_pledges_branch', ['branchId', 'year', 'status'])
@Index('IDX_pledges_community', ['communityId', 'year', 'status'])
@Index('IDX_pledges_due', ['status', 'dueDate'])
export class PledgeEntity extends CommunityPlacedColumns {
  @UuidColumn()
  memberId: string;

  @RefersTo(() => MemberEntity, 'memberId')
  member?: MemberEntity;

  @Column({ type: 'int' })
  year: number;

  @UuidColumn()
  branchId: string;

  @RefersTo(() => OrganisationEntity, 'branchId')
  branch?: OrganisationEntity;

  @Column({ type: 'varchar', length: 300 })
  content: string;

  @Column({ type: 'varchar', length: 200 })
  target: string;

  /** A calendar date in Beijing, `YYYY-MM-DD`, within `year` (compared as text). */
  @Column({ type: 'varchar', length: 10 })
  dueDate: string;

  /** The resource-list category it delivers (COMMITMENT_CATEGORIES, as the ledger entry it earns records it). */
  @Column({ type: 'varchar', length: 8 })
  category: CommitmentCategory;

  @Column({ type: 'simple-enum', enum: PLEDGE_NAME_DISPLAYS })
  nameDisplay: PledgeNameDisplay;

  /** The name as shown publicly (王** or in full), fixed when (re)submitted. */
  @Column({ type: 'varchar', length: 20 })
  publicName: string;

  @Column({ type: 'simple-enum', enum: PLEDGE_STATUSES })
  status: PledgeStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  returnReason: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  evidenceNote: string | null;

  @UuidColumn({ nullable: true })
  approvedByUserId: string | null;

  @RefersTo(() => UserEntity, 'approvedByUserId')
  approvedBy?: UserEntity | null;

  @DateTimeColumn()
  submittedAt: Date;

  @DateTimeColumn({ nullable: true })
  approvedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  doneAt: Date | null;

  @DateTimeColumn({ nullable: true })
  assessedAt: Date | null;
}
