import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * Audit entries are written unlinked (`hash = 'pending'`) and chained by a job: the job finds them, in id order,
 * through this index.
 */
export class AuditPendingChain1764781000000 implements MigrationInterface {
  name = 'AuditPendingChain1764781000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createIndex('audit_logs', new TableIndex(k.index('IDX_audit_logs_pending', ['hash', 'id'])));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('audit_logs', 'IDX_audit_logs_pending');
  }
}
