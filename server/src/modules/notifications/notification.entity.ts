import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';

/** The in-app inbox (我的消息): always written, whatever else is delivered. */
@Entity('notifications')
@Index('IDX_notifications_user', ['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', onUpdate: 'NO ACTION' })
  @JoinColumn({ name: 'userId' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'varchar', length: 300 })
  body: string;

  /** The typed link (LinkKind) and its object's id; the mini-program maps it to a page. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  linkKind: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  linkId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
