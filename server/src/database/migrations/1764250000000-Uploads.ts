import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaKit } from './schema-kit';

/** Uploaded photos (wishes, fulfilment, project progress) with their storage keys and owner. */
export class Uploads1764250000000 implements MigrationInterface {
  name = 'Uploads1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'uploads',
        columns: [
          k.id(),
          k.uuid('ownerId'),
          k.varchar('storageKey', 255),
          k.varchar('thumbnailKey', 255),
          k.varchar('contentType', 32),
          k.int('bytes'),
          k.int('width'),
          k.int('height'),
          k.varchar('sha256', 64),
          k.varchar('attachedTo', 80, true),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('ownerId', 'users')],
        indices: [k.index('IDX_uploads_owner', ['ownerId', 'createdAt']), k.index('IDX_uploads_attachedTo', ['attachedTo'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('uploads');
  }
}
