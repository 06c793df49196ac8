import { CLAIM_STATUSES, DISPATCH_STATUSES, PROJECT_STATUSES, WISH_STATUSES } from '@nuancheng/shared';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaKit } from './schema-kit';

export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;

/** Micro-wishes with claims and timeline, dispatches, livelihood projects, notifications, the ledger, job leases. */
export class Wishes1764300000000 implements MigrationInterface {
  name = 'Wishes1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'wishes',
        columns: [
          k.id(),
          k.uuid('communityId'),
          k.uuid('streetId'),
          k.uuid('residentUserId', true),
          k.uuid('enteredByUserId'),
          k.varchar('title', 30),
          k.text('description'),
          k.varchar('category', 8),
          k.int('estimatedValueYuan'),
          k.varchar('beneficiaryMasked', 24),
          k.varchar('beneficiaryNameCipher', 255),
          k.varchar('contactPhoneCipher', 255),
          k.varchar('hardshipCipher', 255),
          k.varchar('guardianNameCipher', 255, true),
          k.varchar('consentVersion', 20),
          k.datetime('consentAt'),
          k.enumOf('status', WISH_STATUSES),
          k.varchar('holdReason', 120, true),
          k.varchar('rejectReason', 200, true),
          k.uuid('currentClaimId', true),
          k.varchar('claimantKind', 12, true),
          k.varchar('claimantName', 60, true),
          k.datetime('claimDeadline', true),
          k.varchar('fulfilmentNote', 300, true),
          k.int('rating', true),
          k.varchar('thanks', 200, true),
          k.datetime('publishedAt', true),
          k.datetime('claimedAt', true),
          k.datetime('fulfilledAt', true),
          k.datetime('confirmedAt', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('communityId', 'regions'), k.fk('streetId', 'regions'), k.fk('residentUserId', 'users'), k.fk('enteredByUserId', 'users')],
        indices: [
          k.index('IDX_wishes_community_wall', ['communityId', 'status', 'publishedAt']),
          k.index('IDX_wishes_street_wall', ['streetId', 'status', 'publishedAt']),
          k.index('IDX_wishes_wall', ['status', 'publishedAt']),
          k.index('IDX_wishes_resident', ['residentUserId', 'createdAt']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'wish_claims',
        columns: [
          k.id(),
          k.uuid('wishId'),
          // Equals wishId while the claim is live, NULL once it ends: the unique index allows one live claim per
          // wish (NULLs do not collide on MySQL, MariaDB or SQLite), enforced by the database under any race.
          k.uuid('liveWishId', true),
          k.varchar('claimantKind', 12),
          k.uuid('memberId', true),
          k.uuid('organisationId', true),
          k.uuid('claimedByUserId'),
          k.enumOf('status', CLAIM_STATUSES),
          k.datetime('deadline'),
          k.datetime('remindedAt', true),
          k.datetime('endedAt', true),
          k.varchar('endReason', 200, true),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('wishId', 'wishes'), k.fk('memberId', 'members'), k.fk('organisationId', 'organisations'), k.fk('claimedByUserId', 'users')],
        indices: [
          k.index('UQ_wish_claims_liveWishId', ['liveWishId'], true),
          k.index('IDX_wish_claims_wish', ['wishId', 'createdAt']),
          k.index('IDX_wish_claims_member', ['memberId', 'status', 'createdAt']),
          k.index('IDX_wish_claims_organisation', ['organisationId', 'status']),
          k.index('IDX_wish_claims_deadline', ['status', 'deadline']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'wish_events',
        columns: [
          k.id(),
          k.uuid('wishId'),
          k.varchar('action', 24),
          k.varchar('fromStatus', 12, true),
          k.varchar('toStatus', 12),
          k.uuid('actorUserId', true),
          k.varchar('actorRole', 24),
          k.varchar('actorName', 60),
          k.varchar('note', 300, true),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('wishId', 'wishes'), k.fk('actorUserId', 'users')],
        indices: [k.index('IDX_wish_events_wish', ['wishId', 'createdAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'wish_dispatches',
        columns: [
          k.id(),
          k.uuid('wishId'),
          k.uuid('organisationId'),
          k.uuid('dispatchedByUserId'),
          k.enumOf('status', DISPATCH_STATUSES),
          k.datetime('deadline'),
          k.datetime('answerBy'),
          k.varchar('note', 200, true),
          k.varchar('declineReason', 200, true),
          k.uuid('answeredByUserId', true),
          k.datetime('answeredAt', true),
          k.datetime('escalatedAt', true),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('wishId', 'wishes'), k.fk('organisationId', 'organisations'), k.fk('dispatchedByUserId', 'users'), k.fk('answeredByUserId', 'users')],
        indices: [
          k.index('IDX_wish_dispatches_wish', ['wishId', 'createdAt']),
          k.index('IDX_wish_dispatches_organisation', ['organisationId', 'status']),
          k.index('IDX_wish_dispatches_due', ['status', 'answerBy']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'livelihood_projects',
        columns: [
          k.id(),
          k.uuid('regionId'),
          k.uuid('streetId'),
          k.uuid('communityId', true),
          k.varchar('title', 40),
          k.text('description'),
          k.varchar('location', 100),
          k.varchar('estimatedScale', 100, true),
          k.enumOf('status', PROJECT_STATUSES),
          k.uuid('organisationId', true),
          k.int('percent'),
          k.uuid('postedByUserId'),
          k.uuid('claimedByUserId', true),
          k.uuid('verifiedByUserId', true),
          k.datetime('claimedAt', true),
          k.datetime('completedAt', true),
          k.datetime('verifiedAt', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [
          k.fk('regionId', 'regions'),
          k.fk('streetId', 'regions'),
          k.fk('communityId', 'regions'),
          k.fk('organisationId', 'organisations'),
          k.fk('postedByUserId', 'users'),
          k.fk('claimedByUserId', 'users'),
          k.fk('verifiedByUserId', 'users'),
        ],
        indices: [
          k.index('IDX_livelihood_projects_street', ['streetId', 'createdAt']),
          k.index('IDX_livelihood_projects_community', ['communityId', 'createdAt']),
          k.index('IDX_livelihood_projects_organisation', ['organisationId', 'status']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'project_updates',
        columns: [k.id(), k.uuid('projectId'), k.int('percent'), k.varchar('note', 500), k.uuid('authorUserId'), k.datetime('createdAt')],
        foreignKeys: [k.fk('projectId', 'livelihood_projects'), k.fk('authorUserId', 'users')],
        indices: [k.index('IDX_project_updates_project', ['projectId', 'createdAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [k.id(), k.uuid('userId'), k.varchar('kind', 40), k.varchar('title', 60), k.varchar('body', 300), k.varchar('link', 200, true), k.datetime('readAt', true), k.datetime('createdAt')],
        foreignKeys: [k.fk('userId', 'users', 'CASCADE')],
        indices: [k.index('IDX_notifications_user', ['userId', 'createdAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          k.id(),
          k.varchar('channel', 24),
          k.varchar('kind', 40),
          k.uuid('userId', true),
          k.text('payload'),
          k.enumOf('status', OUTBOX_STATUSES),
          k.int('attempts'),
          k.datetime('nextAttemptAt'),
          k.varchar('lastError', 255, true),
          k.datetime('deliveredAt', true),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('userId', 'users', 'SET NULL')],
        indices: [k.index('IDX_outbox_due', ['status', 'nextAttemptAt'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_entries',
        columns: [
          k.id(),
          k.uuid('memberId', true),
          k.uuid('organisationId', true),
          k.varchar('kind', 24),
          k.varchar('sourceType', 24),
          k.uuid('sourceId'),
          k.int('valueYuan'),
          k.int('serviceMinutes'),
          k.varchar('description', 120),
          k.uuid('correctsEntryId', true),
          k.datetime('occurredAt'),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('memberId', 'members'), k.fk('organisationId', 'organisations'), k.fk('correctsEntryId', 'ledger_entries')],
        indices: [
          // One credit per source event: a retried transition cannot credit twice.
          k.index('UQ_ledger_entries_source', ['sourceType', 'sourceId', 'kind'], true),
          k.index('IDX_ledger_entries_member', ['memberId', 'occurredAt']),
          k.index('IDX_ledger_entries_organisation', ['organisationId', 'occurredAt']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'job_leases',
        columns: [{ ...k.varchar('name', 40), isPrimary: true }, k.datetime('leasedUntil'), k.varchar('holder', 64, true), k.datetime('lastRunAt', true)],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['job_leases', 'ledger_entries', 'outbox', 'notifications', 'project_updates', 'livelihood_projects', 'wish_dispatches', 'wish_events', 'wish_claims', 'wishes']) {
      await queryRunner.dropTable(table);
    }
  }
}
