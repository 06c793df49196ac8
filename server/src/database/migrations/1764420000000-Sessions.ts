import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { schemaKit } from './schema-kit';

/** Sessions with rotating refresh tokens, and disabling a user. */
export class Sessions1764420000000 implements MigrationInterface {
  name = 'Sessions1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.addColumn('users', new TableColumn(k.datetime('disabledAt', true)));
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          k.id(),
          k.uuid('userId'),
          k.varchar('refreshHash', 64),
          k.varchar('previousRefreshHash', 64, true),
          k.datetime('expiresAt'),
          k.datetime('revokedAt', true),
          k.varchar('revokeReason', 16, true),
          k.varchar('userAgent', 200, true),
          k.varchar('ip', 64, true),
          k.datetime('lastUsedAt'),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('userId', 'users', 'CASCADE')],
        indices: [k.index('UQ_sessions_refreshHash', ['refreshHash'], true), k.index('IDX_sessions_user', ['userId', 'createdAt'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sessions');
    await queryRunner.dropColumn('users', 'disabledAt');
  }
}
