import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';
import { WISH_ROLLUPS_BACKFILL } from './wish-rollups-backfill';

/**
 * The wishes' rollups for the supervision dashboard (issue 10; see modules/wishes/wish-rollups.ts): wishes per
 * (street, current status, Beijing month of creation), and publications and fulfilments per (street, Beijing
 * month), filled from the existing wishes so a kept database is exact once migrated. And wishes by (streetId,
 * status, claimDeadline), so the claims not yet due are one short index range (the overdue claims are the
 * street's claimed wishes, from the rollup, less those). Write cost: one more index entry per wish, moved when its
 * status or deadline changes.
 */
export class WishRollups1764800000000 implements MigrationInterface {
  name = 'WishRollups1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    const key = (name: string, length: number) => ({ ...k.varchar(name, length), isPrimary: true });
    await queryRunner.createTable(new Table({ name: 'wish_state_months', columns: [key('streetId', 36), key('status', 12), key('month', 7), k.int('wishes')] }));
    await queryRunner.createTable(new Table({ name: 'wish_event_months', columns: [key('streetId', 36), key('month', 7), k.int('posted'), k.int('fulfilled')] }));
    for (const sql of WISH_ROLLUPS_BACKFILL(queryRunner.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql')) await queryRunner.query(sql);
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_deadline', ['streetId', 'status', 'claimDeadline'])));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_deadline');
    await queryRunner.dropTable('wish_event_months');
    await queryRunner.dropTable('wish_state_months');
  }
}
