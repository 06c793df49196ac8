import { Column } from 'typeorm';
import { UserEntity } from './user.entity';
import { DateTimeColumn, RefersTo, UuidColumn, UuidPrimaryColumn } from '../../common/database/columns';

/**
 * A progress note someone wrote on a thing under way (a pledge, a livelihood project), photos attached to it as
 * uploads. Not an entity: each table's entity extends it with what the note is on and its index.
 */
export abstract class AuthoredNoteColumns {
  @UuidPrimaryColumn()
  id: string;

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @UuidColumn()
  authorUserId: string;

  @RefersTo(() => UserEntity, 'authorUserId')
  author?: UserEntity;

  @DateTimeColumn()
  createdAt: Date;
}
