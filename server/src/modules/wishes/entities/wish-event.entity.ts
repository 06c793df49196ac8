import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../../users/user.entity';
import { WishEntity } from './wish.entity';

/** One timeline entry: written in the same transaction as the state change it records; never updated. */
@Entity('wish_events')
@Index('IDX_wish_events_wish', ['wishId', 'createdAt'])
export class WishEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  wishId: string;

  @ManyToOne(() => WishEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'wishId' })
  wish?: WishEntity;

  @Column({ type: 'varchar', length: 24 })
  action: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 12 })
  toStatus: string;

  /** Null for the system (scheduled jobs). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'actorUserId' })
  actor?: UserEntity | null;

  @Column({ type: 'varchar', length: 24 })
  actorRole: string;

  /** As shown publicly: a masked name, a unit name, or 系统. */
  @Column({ type: 'varchar', length: 60 })
  actorName: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
