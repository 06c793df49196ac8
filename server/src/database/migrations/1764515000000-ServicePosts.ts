import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { schemaKit } from './schema-kit';

// Frozen copies of the values at the time of writing.
const HOLDING_STATUSES = ['active', 'released', 'expired'] as const;
const SHIFT_STATUSES = ['pending', 'confirmed', 'rejected'] as const;

/** 党员服务岗位: communities' standing posts, members' holdings (认岗) and the shifts they log. */
export class ServicePosts1764515000000 implements MigrationInterface {
  name = 'ServicePosts1764515000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'service_posts',
        columns: [
          k.id(),
          k.uuid('communityId'),
          k.uuid('streetId'),
          k.varchar('type', 12),
          k.varchar('name', 20),
          k.varchar('description', 500),
          k.int('places'),
          // Active holdings; moved only by conditional updates (taken < places), so places are never exceeded.
          new TableColumn({ ...k.int('taken'), default: 0 }),
          k.uuid('createdByUserId'),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('communityId', 'regions'), k.fk('streetId', 'regions'), k.fk('createdByUserId', 'users')],
        indices: [k.index('IDX_service_posts_community', ['communityId', 'createdAt']), k.index('IDX_service_posts_street', ['streetId', 'createdAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'post_holdings',
        columns: [
          k.id(),
          k.uuid('postId'),
          k.uuid('memberId'),
          // memberId while active, NULL after: one post at a time per member.
          k.uuid('liveMemberId', true),
          k.uuid('communityId'),
          k.uuid('streetId'),
          k.uuid('organisationId', true),
          k.uuid('takenByUserId'),
          k.enumOf('status', HOLDING_STATUSES),
          k.varchar('startsOn', 10),
          k.varchar('endsOn', 10),
          k.datetime('endedAt', true),
          k.varchar('endNote', 200, true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [
          k.fk('postId', 'service_posts'),
          k.fk('memberId', 'members'),
          k.fk('communityId', 'regions'),
          k.fk('streetId', 'regions'),
          k.fk('organisationId', 'organisations'),
          k.fk('takenByUserId', 'users'),
        ],
        indices: [
          k.index('UQ_post_holdings_liveMemberId', ['liveMemberId'], true),
          k.index('IDX_post_holdings_post', ['postId', 'status']),
          k.index('IDX_post_holdings_member', ['memberId', 'createdAt']),
          k.index('IDX_post_holdings_expiry', ['status', 'endsOn']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'post_shifts',
        columns: [
          k.id(),
          k.uuid('holdingId'),
          k.uuid('postId'),
          k.uuid('memberId'),
          k.uuid('communityId'),
          k.uuid('streetId'),
          k.varchar('serviceDate', 10),
          k.int('minutes'),
          k.varchar('content', 300),
          k.enumOf('status', SHIFT_STATUSES),
          k.uuid('decidedByUserId', true),
          k.datetime('decidedAt', true),
          k.varchar('rejectReason', 200, true),
          k.uuid('createdByUserId'),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [
          k.fk('holdingId', 'post_holdings'),
          k.fk('postId', 'service_posts'),
          k.fk('memberId', 'members'),
          k.fk('communityId', 'regions'),
          k.fk('streetId', 'regions'),
          k.fk('decidedByUserId', 'users'),
          k.fk('createdByUserId', 'users'),
        ],
        indices: [
          k.index('IDX_post_shifts_community', ['communityId', 'status', 'createdAt']),
          k.index('IDX_post_shifts_member', ['memberId', 'serviceDate']),
          k.index('IDX_post_shifts_holding', ['holdingId', 'createdAt']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('post_shifts');
    await queryRunner.dropTable('post_holdings');
    await queryRunner.dropTable('service_posts');
  }
}
