import { Column, Entity, Index } from 'typeorm';
import { DISPATCH_STATUSES, type DispatchStatus } from '@nuancheng/shared';
import { OrganisationEntity } from '../../organisations/organisation.entity';
import { UserEntity } from '../../users/user.entity';
import { WishEntity } from './wish.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../../common/database/columns';

/** 督办: a street official hands an overdue wish to an organisation, which must answer by `answerBy`. */
@Entity('wish_dispatches')
@Index('IDX_wish_dispatches_wish', ['wishId', 'createdAt'])
@Index('IDX_wish_dispatches_organisation', ['organisationId', 'status'])
@Index('IDX_wish_dispatches_due', ['status', 'answerBy'])
export class WishDispatchEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  wishId: string;

  @RefersTo(() => WishEntity, 'wishId')
  wish?: WishEntity;

  @UuidColumn()
  organisationId: string;

  @RefersTo(() => OrganisationEntity, 'organisationId')
  organisation?: OrganisationEntity;

  @UuidColumn()
  dispatchedByUserId: string;

  @RefersTo(() => UserEntity, 'dispatchedByUserId')
  dispatchedBy?: UserEntity;

  @Column({ type: 'simple-enum', enum: DISPATCH_STATUSES })
  status: DispatchStatus;

  /** By when the wish should be fulfilled (becomes the claim deadline on accept). */
  @DateTimeColumn()
  deadline: Date;

  /** Unanswered by then → escalated to the committee board. */
  @DateTimeColumn()
  answerBy: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  declineReason: string | null;

  @UuidColumn({ nullable: true })
  answeredByUserId: string | null;

  @RefersTo(() => UserEntity, 'answeredByUserId')
  answeredBy?: UserEntity | null;

  @DateTimeColumn({ nullable: true })
  answeredAt: Date | null;

  @DateTimeColumn({ nullable: true })
  escalatedAt: Date | null;

  @DateTimeColumn()
  createdAt: Date;
}
