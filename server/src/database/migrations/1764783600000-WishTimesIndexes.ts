import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * The supervision dashboard's wishes at city scale (issue 10): wishes by (streetId, claimedAt, publishedAt) and
 * (streetId, fulfilledAt, claimedAt), so the two medians and the monthly fulfilled series range over the year's
 * claims / fulfilments from the index alone instead of every wish of the streets. Write cost: two more entries per
 * wish inserted, each moved once when the wish is claimed or fulfilled.
 */
export class WishTimesIndexes1764783600000 implements MigrationInterface {
  name = 'WishTimesIndexes1764783600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_claimed', ['streetId', 'claimedAt', 'publishedAt'])));
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_fulfilled', ['streetId', 'fulfilledAt', 'claimedAt'])));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_fulfilled');
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_claimed');
  }
}
