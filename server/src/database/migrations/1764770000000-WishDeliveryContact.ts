import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * 代录 for a resident without a mobile: who answers the contact number (a family member's relation, e.g. 女儿;
 * null: the beneficiary or a landline at home) and the delivery address, encrypted like the phone.
 */
export class WishDeliveryContact1764770000000 implements MigrationInterface {
  name = 'WishDeliveryContact1764770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const kit = schemaKit(queryRunner);
    await queryRunner.addColumns('wishes', [new TableColumn(kit.varchar('contactRelation', 16, true)), new TableColumn(kit.varchar('deliveryAddressCipher', 512, true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('wishes', 'deliveryAddressCipher');
    await queryRunner.dropColumn('wishes', 'contactRelation');
  }
}
