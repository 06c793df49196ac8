import { AGREEMENT_STATUSES, type AgreementStatus } from '@nuancheng/shared';
import { Column, Entity, Index } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { StreetOrCommunityPlacedColumns } from '../regions/placed-row.entity';
import { UserEntity } from '../users/user.entity';
import { UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * 共建协议 between a unit (or a party committee: `organisationId`; `unitId` is the unit it belongs to) and a street
 * or a community (`regionId`; `streetId` always, `communityId` for a community agreement). The term is two
 * calendar days in Beijing time, both included, stored as written (YYYY-MM-DD compares as text). Both signatures
 * are kept: who, in which role, for which unit or region, when.
 */
@Entity('agreements')
@Index('IDX_agreements_organisation', ['organisationId', 'status'])
@Index('IDX_agreements_unit', ['unitId', 'status'])
@Index('IDX_agreements_region', ['regionId', 'status'])
@Index('IDX_agreements_street', ['streetId', 'status'])
@Index('IDX_agreements_due', ['status', 'endDate'])
export class AgreementEntity extends StreetOrCommunityPlacedColumns {
  @UuidColumn()
  organisationId: string;

  @RefersTo(() => OrganisationEntity, 'organisationId')
  organisation?: OrganisationEntity;

  @UuidColumn()
  unitId: string;

  @RefersTo(() => OrganisationEntity, 'unitId')
  unit?: OrganisationEntity;

  @Column({ type: 'simple-enum', enum: AGREEMENT_STATUSES })
  status: AgreementStatus;

  @Column({ type: 'varchar', length: 10 })
  startDate: string;

  @Column({ type: 'varchar', length: 10 })
  endDate: string;

  @Column({ type: 'varchar', length: 20 })
  contactName: string;

  /** The unit's contact person's phone, encrypted (DataCipher); the two signing sides see it. */
  @Column({ type: 'varchar', length: 255 })
  contactPhoneCipher: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @UuidColumn()
  proposerUserId: string;

  @RefersTo(() => UserEntity, 'proposerUserId')
  proposer?: UserEntity;

  @Column({ type: 'varchar', length: 24 })
  proposerRole: string;

  /** The unit the proposer signed for, as the signature shows it. */
  @Column({ type: 'varchar', length: 60 })
  proposerName: string;

  @DateTimeColumn()
  proposedAt: Date;

  @UuidColumn({ nullable: true })
  countersignerUserId: string | null;

  @RefersTo(() => UserEntity, 'countersignerUserId')
  countersigner?: UserEntity | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  countersignerRole: string | null;

  /** The street, community or committee the countersigner signed for. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  countersignerName: string | null;

  @DateTimeColumn({ nullable: true })
  countersignedAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  returnReason: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  endReason: string | null;

  @DateTimeColumn({ nullable: true })
  endedAt: Date | null;

  /** When both sides were told it expires soon (once per agreement). */
  @DateTimeColumn({ nullable: true })
  remindedAt: Date | null;
}
