import { ACTIVITY_STATUSES, type ActivityStatus, type ActivityType } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { AgreementCommitmentEntity } from '../../agreements/agreement-commitment.entity';
import { OrganisationEntity } from '../../organisations/organisation.entity';
import { UserEntity } from '../../users/user.entity';
import { CommunityPlacedColumns } from '../../regions/placed-row.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../../common/database/columns';

/**
 * 志愿服务活动: a community's volunteer activity with its place (a GCJ-02 point and a check-in radius), its time
 * window and its places. `taken` counts the places held by live sign-ups and walk-ins; it only moves by a
 * conditional `UPDATE … SET taken = taken + 1 WHERE taken < capacity`, so concurrent sign-ups never exceed capacity.
 * `attended` counts its checked-in and checked-out attendances, moved in the transaction that moves one, so the
 * dashboard sums it from an index instead of joining every attendance of the city's year.
 */
@Entity('activities')
@Index('IDX_activities_community', ['communityId', 'startAt'])
@Index('IDX_activities_street_held', ['streetId', 'startAt', 'status', 'attended'])
@Index('IDX_activities_status_end', ['status', 'endAt'])
@Index('IDX_activities_organisation', ['organisationId', 'startAt'])
export class ActivityEntity extends CommunityPlacedColumns {
  @Column({ type: 'varchar', length: 40 })
  title: string;

  /** ACTIVITY_TYPES (Chinese words, like ledger categories). */
  @Column({ type: 'varchar', length: 8 })
  type: ActivityType;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 100 })
  placeName: string;

  /** GCJ-02. */
  @Column({ type: 'double' })
  lat: number;

  @Column({ type: 'double' })
  lng: number;

  @Column({ type: 'int' })
  radiusM: number;

  @DateTimeColumn()
  startAt: Date;

  @DateTimeColumn()
  endAt: Date;

  @DateTimeColumn()
  signupDeadline: Date;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'int' })
  taken: number;

  /** Attendances checked in or out (ATTENDED_STATUSES); see the class comment. */
  @Column({ type: 'int', default: 0 })
  attended: number;

  @Column({ type: 'boolean' })
  walkInsAllowed: boolean;

  @Column({ type: 'simple-enum', enum: ACTIVITY_STATUSES })
  status: ActivityStatus;

  @UuidColumn()
  organiserUserId: string;

  @RefersTo(() => UserEntity, 'organiserUserId')
  organiser?: UserEntity;

  /** As the public sees the organiser: the community's name. */
  @Column({ type: 'varchar', length: 60 })
  organiserName: string;

  /** The partner unit that organises it (an org admin published it there under an agreement in force); null: the community's own. */
  @UuidColumn({ nullable: true })
  organisationId: string | null;

  @RefersTo(() => OrganisationEntity, 'organisationId')
  organisation?: OrganisationEntity;

  /** The agreement commitment (资源清单 item) it delivers: counted against it when the activity ends. */
  @UuidColumn({ nullable: true })
  commitmentId: string | null;

  @RefersTo(() => AgreementCommitmentEntity, 'commitmentId')
  commitment?: AgreementCommitmentEntity;

  @Column({ type: 'varchar', length: 200, nullable: true })
  cancelReason: string | null;

  @DateTimeColumn({ nullable: true })
  endedAt: Date | null;
}
