import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * The supervision board (issue 10): a street's shifts waiting for confirmation, oldest first, read as a range of
 * (streetId, status, createdAt, id) instead of every shift of the street (~10,000 at city scale) filtered and
 * sorted. Write cost: one more entry per shift, moved once when it is confirmed or rejected.
 */
export class BoardShiftsIndex1764783700000 implements MigrationInterface {
  name = 'BoardShiftsIndex1764783700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createIndex('post_shifts', new TableIndex(k.index('IDX_post_shifts_street_status', ['streetId', 'status', 'createdAt', 'id'])));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // MariaDB dropped the street foreign key's implicit index when this one came: the key needs one throughout.
    await queryRunner.createIndex('post_shifts', new TableIndex(schemaKit(queryRunner).index('IDX_post_shifts_street', ['streetId'])));
    await queryRunner.dropIndex('post_shifts', 'IDX_post_shifts_street_status');
  }
}
