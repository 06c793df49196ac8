import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { WISH_DURATIONS_BACKFILL } from './wish-durations-backfill';
import { schemaKit } from './schema-kit';

/**
 * The supervision dashboard's two medians at city scale (issue 10; see modules/wishes/wish-durations.ts): each
 * wish's seconds to claim and to fulfil, stored with indexes by (street, duration, time), and their histogram per
 * (kind, Beijing year, street, bucket), filled from the existing wishes so a kept database is exact once migrated.
 */
export class WishDurations1764820000000 implements MigrationInterface {
  name = 'WishDurations1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.addColumns('wishes', [new TableColumn(k.int('secondsToClaim', true)), new TableColumn(k.int('secondsToFulfil', true))]);
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_to_claim', ['streetId', 'secondsToClaim', 'claimedAt'])));
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_to_fulfil', ['streetId', 'secondsToFulfil', 'fulfilledAt'])));
    const key = (options: ReturnType<typeof k.int>) => ({ ...options, isPrimary: true });
    await queryRunner.createTable(new Table({ name: 'wish_duration_buckets', columns: [key(k.varchar('kind', 6)), key(k.int('year')), key(k.uuid('streetId')), key(k.int('bucket')), k.int('n')] }));
    for (const sql of WISH_DURATIONS_BACKFILL(queryRunner.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('wish_duration_buckets');
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_to_fulfil');
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_to_claim');
    await queryRunner.dropColumns('wishes', ['secondsToFulfil', 'secondsToClaim']);
  }
}
