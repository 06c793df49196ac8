import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { LEDGER_TOTALS_BACKFILL_1764790000000 as LEDGER_TOTALS_BACKFILL } from './ledger-totals-backfill';
import { schemaKit } from './schema-kit';

/**
 * The ledger's rollups for the supervision dashboard (issue 10; see modules/ledger/ledger-totals.ts): minutes and
 * net entries per (street, Beijing month, unit) and per (Beijing year or half year, region (the street and each region above it), member), filled from
 * the existing entries so a kept database is exact once migrated. '' stands for a null street, unit or member.
 */
export class LedgerTotals1764790000000 implements MigrationInterface {
  name = 'LedgerTotals1764790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    const key = (name: string, length: number) => ({ ...k.varchar(name, length), isPrimary: true });
    await queryRunner.createTable(new Table({ name: 'ledger_unit_months', columns: [key('streetId', 36), key('month', 7), key('unitId', 36), k.int('minutes'), k.int('services'), k.int('entries')] }));
    await queryRunner.createTable(new Table({ name: 'ledger_member_periods', columns: [key('period', 6), key('regionId', 36), key('memberId', 36), k.int('minutes'), k.int('services')] }));
    for (const sql of LEDGER_TOTALS_BACKFILL(queryRunner.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql')) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('ledger_member_periods');
    await queryRunner.dropTable('ledger_unit_months');
  }
}
