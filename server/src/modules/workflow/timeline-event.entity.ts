import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/**
 * Every state change of every workflow object (a wish, a project, a dispatch …): who, when, from → to, note.
 * One table for all workflows, written by WorkflowService.transition in the change's own transaction.
 */
@Entity('timeline_events')
@Index('IDX_timeline_events_subject', ['subjectType', 'subjectId', 'createdAt'])
export class TimelineEventEntity {
  @UuidPrimaryColumn()
  id: string;

  /** wish | project | dispatch … (the workflow's name). */
  @Column({ type: 'varchar', length: 24 })
  subjectType: string;

  @UuidColumn()
  subjectId: string;

  @Column({ type: 'varchar', length: 24 })
  action: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus: string;

  @UuidColumn({ nullable: true })
  actorUserId: string | null;

  @RefersTo(() => UserEntity, 'actorUserId')
  actor?: UserEntity | null;

  /** The role the actor acted in, or `system` for scheduled work. */
  @Column({ type: 'varchar', length: 24 })
  actorRole: string;

  /** As the timeline shows it: a masked person (王**) or a unit's or community's name. */
  @Column({ type: 'varchar', length: 60 })
  actorName: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @DateTimeColumn()
  createdAt: Date;
}
