import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OUTBOX_STATUSES, type OutboxStatus } from '@nuancheng/shared';
import { UserEntity } from '../users/user.entity';

export type { OutboxStatus };

/**
 * A message to deliver outside the database (a WeChat subscribe message), written in the same transaction as
 * the change it reports; the outbox worker delivers it with retries so a slow WeChat never blocks a request.
 */
@Entity('outbox')
@Index('IDX_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  channel: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'userId' })
  user?: UserEntity | null;

  /** JSON of what the channel needs. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'simple-enum', enum: OUTBOX_STATUSES })
  status: OutboxStatus;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ type: 'datetime', precision: 3 })
  nextAttemptAt: Date;

  @Column({ type: 'varchar', length: 255, nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
