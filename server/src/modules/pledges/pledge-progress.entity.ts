import { Column, Entity, Index } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { PledgeEntity } from './pledge.entity';
import { UuidPrimaryColumn, UuidColumn, DateTimeColumn, RefersTo } from '../../common/database/columns';

/** A progress note on an approved pledge; photos are uploads attached to `pledge-progress:<id>`. */
@Entity('pledge_progress')
@Index('IDX_pledge_progress_pledge', ['pledgeId', 'createdAt'])
export class PledgeProgressEntity {
  @UuidPrimaryColumn()
  id: string;

  @UuidColumn()
  pledgeId: string;

  @RefersTo(() => PledgeEntity, 'pledgeId')
  pledge?: PledgeEntity;

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @UuidColumn()
  authorUserId: string;

  @RefersTo(() => UserEntity, 'authorUserId')
  author?: UserEntity;

  @DateTimeColumn()
  createdAt: Date;
}
