import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/** The in-app inbox (我的消息): always written, whatever else is delivered. */
@Entity('notifications')
@Index('IDX_notifications_user', ['userId', 'createdAt'])
export class NotificationEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  userId: string;

  @RefersTo(() => UserEntity, 'userId', 'CASCADE')
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

  @UuidColumn({ nullable: true })
  linkId: string | null;

  @DateTimeColumn({ nullable: true })
  readAt: Date | null;

  @DateTimeColumn()
  createdAt: Date;
}
