import { RefersTo, UuidColumn, UuidPrimaryColumn } from '../../common/database/columns';
import { UserEntity } from './user.entity';

/**
 * A row that belongs to one user and goes with them (deleting the user deletes it: ON DELETE CASCADE): their
 * sessions, role assignments and inbox. Not an entity: each table's entity extends it.
 */
export abstract class UserOwnedColumns {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  userId: string;

  @RefersTo(() => UserEntity, 'userId', 'CASCADE')
  user?: UserEntity;
}
