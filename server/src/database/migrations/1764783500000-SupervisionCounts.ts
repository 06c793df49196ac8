import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * The supervision dashboard's activities at city scale (issue 10):
 * - activities.attended: each activity's attendances checked in or out, moved in the transaction that moves an
 *   attendance (one more UPDATE by primary key on a check-in, a walk-in or a recorded attendance). The city's year
 *   is ~29,000 activities with ~580,000 attendances: joining them took ~1 s; the street index now carries
 *   (status, attended), so held and attendances are summed from the index alone. Backfilled here from the rows.
 */
export class SupervisionCounts1764783500000 implements MigrationInterface {
  name = 'SupervisionCounts1764783500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.addColumn('activities', new TableColumn({ ...k.int('attended'), default: 0 }));
    await queryRunner.query(
      "UPDATE `activities` SET `attended` = (SELECT COUNT(*) FROM `activity_attendances` `t` WHERE `t`.`activityId` = `activities`.`id` AND `t`.`status` IN ('checked_in', 'checked_out'))",
    );
    // Created before the old one is dropped: on MariaDB the street's foreign key needs an index on streetId throughout.
    await queryRunner.createIndex('activities', new TableIndex(k.index('IDX_activities_street_held', ['streetId', 'startAt', 'status', 'attended'])));
    await queryRunner.dropIndex('activities', 'IDX_activities_street');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createIndex('activities', new TableIndex(k.index('IDX_activities_street', ['streetId', 'startAt'])));
    await queryRunner.dropIndex('activities', 'IDX_activities_street_held');
    await queryRunner.dropColumn('activities', 'attended');
  }
}
