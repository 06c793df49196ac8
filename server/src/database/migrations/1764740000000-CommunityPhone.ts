import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { schemaKit } from './schema-kit';

/** 社区服务电话: the public number residents call for help (长辈版 shows it large, with a call button). */
export class CommunityPhone1764740000000 implements MigrationInterface {
  name = 'CommunityPhone1764740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('regions', new TableColumn(schemaKit(queryRunner).varchar('servicePhone', 20, true)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('regions', 'servicePhone');
  }
}
