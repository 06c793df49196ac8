import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { backfillAgreementDeliveries } from './agreement-deliveries-backfill';
import { schemaKit } from './schema-kit';

/**
 * What partners delivered against each agreement, by category (issue 10; see modules/agreements/agreement-deliveries.ts),
 * filled from the existing entries so a kept database is exact once migrated.
 */
export class AgreementDeliveries1764830000000 implements MigrationInterface {
  name = 'AgreementDeliveries1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    const key = (name: string, length: number) => ({ ...k.varchar(name, length), isPrimary: true });
    await queryRunner.createTable(new Table({ name: 'agreement_deliveries', columns: [key('agreementId', 36), key('category', 8), k.int('services'), k.int('minutes'), k.int('valueYuan')] }));
    await backfillAgreementDeliveries((sql, params) => queryRunner.query(sql, params), queryRunner.connection.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('agreement_deliveries');
  }
}
