import { MemberEntity } from '../members/member.entity';
import { ServicePostEntity } from './service-post.entity';
import { CommunityPlacedColumns } from '../regions/placed-row.entity';
import { UuidColumn, RefersTo } from '../../common/database/columns';

/**
 * A row about one member at one service post of a community (their holding of it, the shifts they log there).
 * Not an entity: each table's entity extends it with its own state and indexes.
 */
export abstract class PostMemberColumns extends CommunityPlacedColumns {
  @UuidColumn()
  postId: string;

  @RefersTo(() => ServicePostEntity, 'postId')
  post?: ServicePostEntity;

  @UuidColumn()
  memberId: string;

  @RefersTo(() => MemberEntity, 'memberId')
  member?: MemberEntity;
}
