import { PLEDGE_ASSESSOR_KINDS, PLEDGE_GRADES, PLEDGE_NAME_DISPLAYS, PLEDGE_STATUSES } from '@nuancheng/shared';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaKit } from './schema-kit';

/** 一党员一践诺: pledges (one per member and year), their progress notes and their two assessments. */
export class Pledges1764530000000 implements MigrationInterface {
  name = 'Pledges1764530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'pledges',
        columns: [
          k.id(),
          k.uuid('memberId'),
          k.int('year'),
          k.uuid('branchId'),
          k.uuid('communityId'),
          k.uuid('streetId'),
          k.varchar('content', 300),
          k.varchar('target', 200),
          k.varchar('dueDate', 10),
          k.varchar('category', 8),
          k.enumOf('nameDisplay', PLEDGE_NAME_DISPLAYS),
          k.varchar('publicName', 20),
          k.enumOf('status', PLEDGE_STATUSES),
          k.varchar('returnReason', 200, true),
          k.varchar('evidenceNote', 500, true),
          k.uuid('approvedByUserId', true),
          k.datetime('submittedAt'),
          k.datetime('approvedAt', true),
          k.datetime('doneAt', true),
          k.datetime('assessedAt', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('memberId', 'members'), k.fk('branchId', 'organisations'), k.fk('communityId', 'regions'), k.fk('streetId', 'regions'), k.fk('approvedByUserId', 'users')],
        indices: [
          // 一党员一践诺: the database decides when two pledges for one year race.
          k.index('UQ_pledges_member_year', ['memberId', 'year'], true),
          k.index('IDX_pledges_branch', ['branchId', 'year', 'status']),
          k.index('IDX_pledges_community', ['communityId', 'year', 'status']),
          k.index('IDX_pledges_due', ['status', 'dueDate']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'pledge_progress',
        columns: [k.id(), k.uuid('pledgeId'), k.varchar('note', 500), k.uuid('authorUserId'), k.datetime('createdAt')],
        foreignKeys: [k.fk('pledgeId', 'pledges'), k.fk('authorUserId', 'users')],
        indices: [k.index('IDX_pledge_progress_pledge', ['pledgeId', 'createdAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'pledge_assessments',
        columns: [
          k.id(),
          k.uuid('pledgeId'),
          k.enumOf('kind', PLEDGE_ASSESSOR_KINDS),
          k.enumOf('grade', PLEDGE_GRADES),
          k.varchar('comment', 300),
          k.uuid('assessorUserId'),
          k.varchar('assessorName', 60),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('pledgeId', 'pledges'), k.fk('assessorUserId', 'users')],
        // Each assessor kind once per pledge.
        indices: [k.index('UQ_pledge_assessments_kind', ['pledgeId', 'kind'], true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['pledge_assessments', 'pledge_progress', 'pledges']) await queryRunner.dropTable(table);
  }
}
