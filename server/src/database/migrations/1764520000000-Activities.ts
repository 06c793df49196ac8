import { ACTIVITY_STATUSES, ATTENDANCE_STATUSES, HOURS_STATUSES } from '@nuancheng/shared';
import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { schemaKit } from './schema-kit';

/** 志愿服务活动: activities, each member's attendance (sign-up, check-in, check-out) and its service hours. */
export class Activities1764520000000 implements MigrationInterface {
  name = 'Activities1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    const bool = (name: string): TableColumnOptions => ({ name, type: queryRunner.connection.driver.normalizeType({ type: 'boolean' }) });

    await queryRunner.createTable(
      new Table({
        name: 'activities',
        columns: [
          k.id(),
          k.uuid('communityId'),
          k.uuid('streetId'),
          k.varchar('title', 40),
          k.varchar('type', 8),
          k.varchar('description', 1000, true),
          k.varchar('placeName', 100),
          k.double('lat'),
          k.double('lng'),
          k.int('radiusM'),
          k.datetime('startAt'),
          k.datetime('endAt'),
          k.datetime('signupDeadline'),
          k.int('capacity'),
          k.int('taken'),
          bool('walkInsAllowed'),
          k.enumOf('status', ACTIVITY_STATUSES),
          k.uuid('organiserUserId'),
          k.varchar('organiserName', 60),
          k.varchar('cancelReason', 200, true),
          k.datetime('endedAt', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('communityId', 'regions'), k.fk('streetId', 'regions'), k.fk('organiserUserId', 'users')],
        indices: [
          k.index('IDX_activities_community', ['communityId', 'startAt']),
          k.index('IDX_activities_street', ['streetId', 'startAt']),
          k.index('IDX_activities_status_end', ['status', 'endAt']),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'activity_attendances',
        columns: [
          k.id(),
          k.uuid('activityId'),
          k.uuid('memberId'),
          k.enumOf('status', ATTENDANCE_STATUSES),
          bool('walkIn'),
          k.datetime('signedUpAt', true),
          k.datetime('checkedInAt', true),
          k.double('checkinLat', true),
          k.double('checkinLng', true),
          k.double('checkinAccuracyM', true),
          k.int('checkinDistanceM', true),
          k.datetime('checkedOutAt', true),
          k.double('checkoutLat', true),
          k.double('checkoutLng', true),
          k.double('checkoutAccuracyM', true),
          k.int('checkoutDistanceM', true),
          k.varchar('manualReason', 200, true),
          k.uuid('recordedByUserId', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('activityId', 'activities'), k.fk('memberId', 'members'), k.fk('recordedByUserId', 'users')],
        indices: [k.index('UQ_activity_attendances_member', ['activityId', 'memberId'], true), k.index('IDX_activity_attendances_member', ['memberId', 'createdAt'])],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'activity_hours',
        columns: [
          k.id(),
          k.uuid('activityId'),
          k.uuid('memberId'),
          k.enumOf('status', HOURS_STATUSES),
          k.int('computedMinutes'),
          k.int('minutes'),
          bool('missingCheckout'),
          k.varchar('reason', 200, true),
          k.uuid('reviewedByUserId', true),
          k.datetime('reviewedAt', true),
          k.datetime('dueAt'),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('id', 'activity_attendances'), k.fk('activityId', 'activities'), k.fk('memberId', 'members'), k.fk('reviewedByUserId', 'users')],
        indices: [k.index('IDX_activity_hours_activity', ['activityId', 'status']), k.index('IDX_activity_hours_due', ['status', 'dueAt'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM `timeline_events` WHERE `subjectType` IN ('activity', 'attendance', 'activity_hours')");
    await queryRunner.dropTable('activity_hours');
    await queryRunner.dropTable('activity_attendances');
    await queryRunner.dropTable('activities');
  }
}
