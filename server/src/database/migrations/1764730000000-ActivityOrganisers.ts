import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * Activities a partner unit organises (组织报到 → 服务): the organising unit (null: the community's own activity) and
 * the agreement commitment the activity delivers (资源清单 → 共建项目), counted against that commitment when it ends.
 */
export class ActivityOrganisers1764730000000 implements MigrationInterface {
  name = 'ActivityOrganisers1764730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.addColumns('activities', [new TableColumn(k.uuid('organisationId', true)), new TableColumn(k.uuid('commitmentId', true))]);
    await queryRunner.createForeignKeys('activities', [new TableForeignKey(k.fk('organisationId', 'organisations')), new TableForeignKey(k.fk('commitmentId', 'agreement_commitments'))]);
    await queryRunner.createIndex('activities', new TableIndex(k.index('IDX_activities_organisation', ['organisationId', 'startAt'])));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The keys first: MariaDB keeps the organisation index for its foreign key.
    const table = await queryRunner.getTable('activities');
    for (const fk of table!.foreignKeys.filter((f) => f.columnNames[0] === 'organisationId' || f.columnNames[0] === 'commitmentId')) await queryRunner.dropForeignKey('activities', fk);
    await queryRunner.dropIndex('activities', 'IDX_activities_organisation');
    await queryRunner.dropColumns('activities', ['organisationId', 'commitmentId']);
  }
}
