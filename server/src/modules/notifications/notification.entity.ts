import { Column, Entity, Index } from 'typeorm';
import { UuidColumn, DateTimeColumn } from '../../common/database/columns';
import { UserOwnedColumns } from '../users/user-owned-row.entity';

/** The in-app inbox (我的消息): always written, whatever else is delivered. */
@Entity('notifications')
@Index('IDX_notifications_user', ['userId', 'createdAt'])
export class NotificationEntity extends UserOwnedColumns {
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'varchar', length: 300 })
  body: string;

  /** The typed link (LinkKind) and its object's id; the mini-program maps it to a page. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  linkKind: string | null;

  @UuidColumn({ nullable: true })
  linkId: string | null;

  @DateTimeColumn({ nullable: true })
  readAt: Date | null;

  @DateTimeColumn()
  createdAt: Date;
}
