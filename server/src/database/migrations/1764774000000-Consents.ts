import { CONSENT_DECISIONS, CONSENT_SCOPES } from '@nuancheng/shared';
import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * Residents' consents to the privacy notice, one row per scope and decision (append-only), and the moment a
 * wish's beneficiary fields were anonymised (account deletion or the retention job), so that is done once.
 */
export class Consents1764774000000 implements MigrationInterface {
  name = 'Consents1764774000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'consents',
        columns: [
          k.id(),
          k.uuid('userId'),
          k.enumOf('scope', CONSENT_SCOPES),
          k.varchar('noticeVersion', 20),
          k.varchar('noticeHash', 64),
          k.enumOf('decision', CONSENT_DECISIONS),
          k.varchar('ip', 64, true),
          k.varchar('userAgent', 200, true),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('userId', 'users')],
        indices: [k.index('IDX_consents_user', ['userId', 'scope', 'createdAt'])],
      }),
    );
    await queryRunner.addColumn('wishes', new TableColumn(k.datetime('anonymisedAt', true)));
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_retention', ['status', 'updatedAt'])));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('wishes', 'IDX_wishes_retention');
    await queryRunner.dropColumn('wishes', 'anonymisedAt');
    await queryRunner.dropTable('consents');
  }
}
