import { REGISTRATION_END_REASONS, REGISTRATION_STATUSES, type RegistrationEndReason, type RegistrationStatus } from '@nuancheng/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MemberEntity } from '../members/member.entity';
import { UserEntity } from '../users/user.entity';
import { CommunityPlacedColumns } from '../regions/placed-row.entity';

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
  @Column({ type: 'varchar', length: 36 })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'memberId' })
  member?: MemberEntity;

  @Column({ type: 'simple-enum', enum: REGISTRATION_STATUSES })
  status: RegistrationStatus;

  @Index('UQ_registrations_activeMemberId', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  activeMemberId: string | null;

  @Index('UQ_registrations_pendingMemberId', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  pendingMemberId: string | null;

  @Column({ type: 'varchar', length: 36 })
  requestedByUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'requestedByUserId' })
  requestedBy?: UserEntity;

  @Column({ type: 'varchar', length: 36, nullable: true })
  decidedByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'decidedByUserId' })
  decidedBy?: UserEntity | null;

  /** The deciding staff as the timeline names them (their community). */
  @Column({ type: 'varchar', length: 60, nullable: true })
  decidedByName: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'simple-enum', enum: REGISTRATION_END_REASONS, nullable: true })
  endReason: RegistrationEndReason | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  endNote: string | null;

  /** The registration whose confirmation ended this one (a change of community). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  supersededById: string | null;

  @ManyToOne(() => RegistrationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'supersededById' })
  supersededBy?: RegistrationEntity | null;
}
