import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * The readable, hash-chained audit log: who in which role and scope, the result, the client, the fields and reason
 * of unmasked reads; the chain's head (the lock every append takes) and the purge checkpoints. Entries written
 * before this migration keep seq NULL: they are outside the chain (the check counts them).
 */
export class AuditChain1764720000000 implements MigrationInterface {
  name = 'AuditChain1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.addColumns('audit_logs', [
      new TableColumn(k.int('seq', true)),
      new TableColumn(k.varchar('role', 64, true)),
      new TableColumn(k.uuid('scopeId', true)),
      new TableColumn(k.varchar('scopeName', 64, true)),
      new TableColumn(k.varchar('result', 16, true)),
      new TableColumn(k.varchar('fields', 200, true)),
      new TableColumn(k.varchar('reason', 500, true)),
      new TableColumn(k.varchar('userAgent', 200, true)),
      new TableColumn(k.varchar('prevHash', 64, true)),
      new TableColumn(k.varchar('hash', 64, true)),
    ]);
    await queryRunner.createIndices('audit_logs', [
      new TableIndex(k.index('UQ_audit_logs_seq', ['seq'], true)),
      new TableIndex(k.index('IDX_audit_logs_action', ['action', 'createdAt'])),
      new TableIndex(k.index('IDX_audit_logs_created', ['createdAt'])),
    ]);
    await queryRunner.createTable(new Table({ name: 'audit_chain_heads', columns: [{ ...k.int('id'), isPrimary: true }, k.int('seq'), k.varchar('hash', 64)] }));
    await queryRunner.query('INSERT INTO audit_chain_heads (id, seq, hash) VALUES (1, 0, ?)', ['0'.repeat(64)]);
    await queryRunner.createTable(
      new Table({
        name: 'audit_checkpoints',
        columns: [k.id(), k.int('seq'), k.varchar('hash', 64), k.datetime('purgedBefore'), k.int('purged'), k.datetime('createdAt')],
        indices: [k.index('IDX_audit_checkpoints_seq', ['seq'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_checkpoints');
    await queryRunner.dropTable('audit_chain_heads');
    for (const index of ['IDX_audit_logs_created', 'IDX_audit_logs_action', 'UQ_audit_logs_seq']) await queryRunner.dropIndex('audit_logs', index);
    for (const column of ['hash', 'prevHash', 'userAgent', 'reason', 'fields', 'result', 'scopeName', 'scopeId', 'role', 'seq']) await queryRunner.dropColumn('audit_logs', column);
  }
}
