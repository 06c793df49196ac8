import { REGISTRATION_END_REASONS, REGISTRATION_STATUSES, type RegistrationEndReason, type RegistrationStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { UserEntity } from '../users/user.entity';
import { CommunityPlacedColumns } from '../regions/placed-row.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * 党员报到: a member's request to register with a community, and its outcome. History is kept: a rejected,
 * cancelled or ended registration stays with its reason.
 *
 * Two live columns carry the "one at a time" rules into the database (NULLs never collide on MySQL, MariaDB or
 * SQLite): `activeMemberId` = memberId while confirmed, `pendingMemberId` = memberId while pending. A member
 * therefore has at most one active registration and at most one request waiting, under any race.
 */
@Entity('registrations')
@Index('IDX_registrations_member', ['memberId', 'createdAt'])
@Index('IDX_registrations_community', ['communityId', 'status', 'createdAt'])
export class RegistrationEntity extends CommunityPlacedColumns {
  @UuidColumn()
  memberId: string;

  @RefersTo(() => MemberEntity, 'memberId')
  member?: MemberEntity;

  @Column({ type: 'simple-enum', enum: REGISTRATION_STATUSES })
  status: RegistrationStatus;

  @Index('UQ_registrations_activeMemberId', { unique: true })
  @UuidColumn({ nullable: true })
  activeMemberId: string | null;

  @Index('UQ_registrations_pendingMemberId', { unique: true })
  @UuidColumn({ nullable: true })
  pendingMemberId: string | null;

  @UuidColumn()
  requestedByUserId: string;

  @RefersTo(() => UserEntity, 'requestedByUserId')
  requestedBy?: UserEntity;

  @UuidColumn({ nullable: true })
  decidedByUserId: string | null;

  @RefersTo(() => UserEntity, 'decidedByUserId')
  decidedBy?: UserEntity | null;

  /** The deciding staff as the timeline names them (their community). */
  @Column({ type: 'varchar', length: 60, nullable: true })
  decidedByName: string | null;

  @DateTimeColumn({ nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @DateTimeColumn({ nullable: true })
  endedAt: Date | null;

  @Column({ type: 'simple-enum', enum: REGISTRATION_END_REASONS, nullable: true })
  endReason: RegistrationEndReason | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  endNote: string | null;

  /** The registration whose confirmation ended this one (a change of community). */
  @UuidColumn({ nullable: true })
  supersededById: string | null;

  @RefersTo(() => RegistrationEntity, 'supersededById')
  supersededBy?: RegistrationEntity | null;
}
