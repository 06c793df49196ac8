import { Column, Entity, Index } from 'typeorm';
import { OUTBOX_STATUSES, type OutboxStatus } from '@nuancheng/shared';
import { UserEntity } from '../users/user.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

export type { OutboxStatus };

/**
 * A message to deliver outside the database (a WeChat subscribe message), written in the same transaction as
 * the change it reports; the outbox worker delivers it with retries so a slow WeChat never blocks a request.
 */
@Entity('outbox')
@Index('IDX_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxEntity {
  @UuidPrimaryColumn()
  id: string;

  @Column({ type: 'varchar', length: 24 })
  channel: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @UuidColumn({ nullable: true })
  userId: string | null;

  @RefersTo(() => UserEntity, 'userId', 'SET NULL')
  user?: UserEntity | null;

  /** JSON of what the channel needs. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'simple-enum', enum: OUTBOX_STATUSES })
  status: OutboxStatus;

  @Column({ type: 'int' })
  attempts: number;

  @DateTimeColumn()
  nextAttemptAt: Date;

  @Column({ type: 'varchar', length: 255, nullable: true })
  lastError: string | null;

  @DateTimeColumn({ nullable: true })
  deliveredAt: Date | null;

  @DateTimeColumn()
  createdAt: Date;
}
