import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { LEDGER_UNIT_MONTHS_BACKFILL, LEDGER_UNIT_MONTHS_BACKFILL_1764790000000 } from './ledger-totals-backfill';
import { schemaKit } from './schema-kit';

/**
 * ledger_unit_months keyed by region instead of street (issue 10; see modules/ledger/ledger-totals.ts): an entry
 * counts in its street and in each region above it, as ledger_member_periods already does, so a district's or the
 * city's minutes and unit ranking read that region's rows (~1,500 a city year) instead of every street's. The table
 * is recreated and refilled from the entries, so a kept database is exact once migrated.
 */
export class LedgerUnitRegions1764810000000 implements MigrationInterface {
  name = 'LedgerUnitRegions1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.recreate(queryRunner, 'regionId', LEDGER_UNIT_MONTHS_BACKFILL);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.recreate(queryRunner, 'streetId', LEDGER_UNIT_MONTHS_BACKFILL_1764790000000);
  }

  private async recreate(queryRunner: QueryRunner, placeColumn: string, backfill: (dialect: 'sqlite' | 'mysql') => string[]): Promise<void> {
    const k = schemaKit(queryRunner);
    const key = (name: string, length: number) => ({ ...k.varchar(name, length), isPrimary: true });
    await queryRunner.dropTable('ledger_unit_months');
    await queryRunner.createTable(
      new Table({ name: 'ledger_unit_months', columns: [key(placeColumn, 36), key('month', 7), key('unitId', 36), k.int('minutes'), k.int('services'), k.int('entries')] }),
    );
    for (const sql of backfill(queryRunner.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql')) await queryRunner.query(sql);
  }
}
