import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DISPATCH_STATUSES, type DispatchStatus } from '@nuancheng/shared';
import { OrganisationEntity } from '../../organisations/organisation.entity';
import { UserEntity } from '../../users/user.entity';
import { WishEntity } from './wish.entity';

/** 督办: a street official hands an overdue wish to an organisation, which must answer by `answerBy`. */
@Entity('wish_dispatches')
@Index('IDX_wish_dispatches_wish', ['wishId', 'createdAt'])
@Index('IDX_wish_dispatches_organisation', ['organisationId', 'status'])
@Index('IDX_wish_dispatches_due', ['status', 'answerBy'])
export class WishDispatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  wishId: string;

  @ManyToOne(() => WishEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'wishId' })
  wish?: WishEntity;

  @Column({ type: 'varchar', length: 36 })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'organisationId' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 36 })
  dispatchedByUserId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'dispatchedByUserId' })
  dispatchedBy?: UserEntity;

  @Column({ type: 'simple-enum', enum: DISPATCH_STATUSES })
  status: DispatchStatus;

  /** By when the wish should be fulfilled (becomes the claim deadline on accept). */
  @Column({ type: 'datetime', precision: 3 })
  deadline: Date;

  /** Unanswered by then → escalated to the committee board. */
  @Column({ type: 'datetime', precision: 3 })
  answerBy: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  declineReason: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  answeredByUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'answeredByUserId' })
  answeredBy?: UserEntity | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  answeredAt: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  escalatedAt: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
