import { Entity, Index } from 'typeorm';
import { AuthoredNoteColumns } from '../users/authored-note.entity';
import { PledgeEntity } from './pledge.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';

/** A progress note on an approved pledge; photos are uploads attached to `pledge-progress:<id>`. */
@Entity('pledge_progress')
@Index('IDX_pledge_progress_pledge', ['pledgeId', 'createdAt'])
export class PledgeProgressEntity extends AuthoredNoteColumns {
  @UuidColumn()
  pledgeId: string;

  @RefersTo(() => PledgeEntity, 'pledgeId')
  pledge?: PledgeEntity;
}
