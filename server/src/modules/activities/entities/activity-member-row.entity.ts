import { MemberEntity } from '../../members/member.entity';
import { ActivityEntity } from './activity.entity';
import { UuidColumn, RefersTo } from '../../../common/database/columns';
import { StampedRowColumns } from '../../../common/database/stamped-row';

/**
 * A row about one member at one activity (their attendance, the hours it earned). Not an entity: each table's
 * entity extends it with its own state and indexes.
 */
export abstract class ActivityMemberColumns extends StampedRowColumns {
  @UuidColumn()
  activityId: string;

  @RefersTo(() => ActivityEntity, 'activityId')
  activity?: ActivityEntity;

  @UuidColumn()
  memberId: string;

  @RefersTo(() => MemberEntity, 'memberId')
  member?: MemberEntity;
}
