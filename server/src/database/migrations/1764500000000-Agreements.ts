import { AGREEMENT_STATUSES } from '@nuancheng/shared';
import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * 共建协议: agreements between a unit (or party committee) and a street or community, with both signatures and the
 * unit's resource list (agreement_commitments); and a commitment category on livelihood projects, so the 1+N view
 * can match them to partners and their progress credits count against a commitment.
 */
export class Agreements1764500000000 implements MigrationInterface {
  name = 'Agreements1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'agreements',
        columns: [
          k.id(),
          k.uuid('organisationId'),
          k.uuid('unitId'),
          k.uuid('regionId'),
          k.uuid('streetId'),
          k.uuid('communityId', true),
          k.enumOf('status', AGREEMENT_STATUSES),
          k.varchar('startDate', 10),
          k.varchar('endDate', 10),
          k.varchar('contactName', 20),
          k.varchar('contactPhoneCipher', 255),
          k.varchar('note', 300, true),
          k.uuid('proposerUserId'),
          k.varchar('proposerRole', 24),
          k.varchar('proposerName', 60),
          k.datetime('proposedAt'),
          k.uuid('countersignerUserId', true),
          k.varchar('countersignerRole', 24, true),
          k.varchar('countersignerName', 60, true),
          k.datetime('countersignedAt', true),
          k.varchar('returnReason', 200, true),
          k.varchar('endReason', 200, true),
          k.datetime('endedAt', true),
          k.datetime('remindedAt', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [
          k.fk('organisationId', 'organisations'),
          k.fk('unitId', 'organisations'),
          k.fk('regionId', 'regions'),
          k.fk('streetId', 'regions'),
          k.fk('communityId', 'regions'),
          k.fk('proposerUserId', 'users'),
          k.fk('countersignerUserId', 'users'),
        ],
        indices: [
          k.index('IDX_agreements_organisation', ['organisationId', 'status']),
          k.index('IDX_agreements_unit', ['unitId', 'status']),
          k.index('IDX_agreements_region', ['regionId', 'status']),
          k.index('IDX_agreements_street', ['streetId', 'status']),
          k.index('IDX_agreements_due', ['status', 'endDate']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'agreement_commitments',
        columns: [k.id(), k.uuid('agreementId'), k.int('position'), k.varchar('category', 8), k.varchar('description', 100), k.int('quantity'), k.varchar('unit', 10)],
        foreignKeys: [k.fk('agreementId', 'agreements')],
        indices: [k.index('IDX_agreement_commitments_agreement', ['agreementId', 'position'])],
      }),
    );
    await queryRunner.addColumn('livelihood_projects', new TableColumn(k.varchar('category', 8, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('livelihood_projects', 'category');
    await queryRunner.dropTable('agreement_commitments');
    await queryRunner.dropTable('agreements');
  }
}
