import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaKit } from './schema-kit';

// Frozen copies of the values at the time of writing (shared may grow; a later migration follows it).
const STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled', 'ended'] as const;
const END_REASONS = ['superseded', 'withdrawn'] as const;

/** 党员报到: members' registrations with the community where they live. */
export class Registrations1764510000000 implements MigrationInterface {
  name = 'Registrations1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'registrations',
        columns: [
          k.id(),
          k.uuid('memberId'),
          k.uuid('communityId'),
          k.uuid('streetId'),
          k.enumOf('status', STATUSES),
          // memberId while confirmed / while pending, NULL otherwise: one active and one waiting per member.
          k.uuid('activeMemberId', true),
          k.uuid('pendingMemberId', true),
          k.uuid('requestedByUserId'),
          k.uuid('decidedByUserId', true),
          k.varchar('decidedByName', 60, true),
          k.datetime('decidedAt', true),
          k.varchar('rejectReason', 200, true),
          k.datetime('endedAt', true),
          k.enumOf('endReason', END_REASONS, true),
          k.varchar('endNote', 200, true),
          k.uuid('supersededById', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [
          k.fk('memberId', 'members'),
          k.fk('communityId', 'regions'),
          k.fk('streetId', 'regions'),
          k.fk('requestedByUserId', 'users'),
          k.fk('decidedByUserId', 'users'),
          k.fk('supersededById', 'registrations'),
        ],
        indices: [
          k.index('UQ_registrations_activeMemberId', ['activeMemberId'], true),
          k.index('UQ_registrations_pendingMemberId', ['pendingMemberId'], true),
          k.index('IDX_registrations_member', ['memberId', 'createdAt']),
          k.index('IDX_registrations_community', ['communityId', 'status', 'createdAt']),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('registrations');
  }
}
