import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaKit } from './schema-kit';

// Copied, not imported: a migration keeps the values it was written with.
const ORG_REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
const REPORT_DECISIONS = ['approved', 'returned'] as const;
const ASSESSMENT_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;

/** 机关党组织年度报告: units' annual reports with their versions, and the paired streets' assessments of agreements. */
export class OrgReports1764762000000 implements MigrationInterface {
  name = 'OrgReports1764762000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'org_reports',
        columns: [
          k.id(),
          k.uuid('unitId'),
          k.int('year'),
          k.enumOf('status', ORG_REPORT_STATUSES),
          k.text('summary'),
          k.text('figures'),
          k.datetime('figuresAt'),
          { ...k.int('version'), default: 0 },
          k.datetime('submittedAt', true),
          k.datetime('decidedAt', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('unitId', 'organisations')],
        indices: [k.index('UQ_org_reports_unit_year', ['unitId', 'year'], true), k.index('IDX_org_reports_year', ['year', 'status'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'org_report_versions',
        columns: [
          k.id(),
          k.uuid('reportId'),
          k.int('version'),
          k.text('summary'),
          k.text('figures'),
          k.datetime('submittedAt'),
          k.uuid('submittedByUserId'),
          k.enumOf('decision', REPORT_DECISIONS, true),
          k.varchar('comment', 500, true),
          k.uuid('reviewerUserId', true),
          k.varchar('reviewerName', 60, true),
          k.datetime('decidedAt', true),
        ],
        foreignKeys: [k.fk('reportId', 'org_reports'), k.fk('submittedByUserId', 'users'), k.fk('reviewerUserId', 'users')],
        indices: [k.index('UQ_org_report_versions_report_version', ['reportId', 'version'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'agreement_assessments',
        columns: [
          k.id(),
          k.uuid('agreementId'),
          k.uuid('unitId'),
          k.int('year'),
          k.uuid('streetId'),
          k.enumOf('grade', ASSESSMENT_GRADES),
          k.varchar('comment', 300),
          k.uuid('assessorUserId'),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('agreementId', 'agreements'), k.fk('unitId', 'organisations'), k.fk('streetId', 'regions'), k.fk('assessorUserId', 'users')],
        indices: [k.index('UQ_agreement_assessments_scope', ['agreementId', 'year', 'streetId'], true), k.index('IDX_agreement_assessments_unit', ['unitId', 'year'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('agreement_assessments');
    await queryRunner.dropTable('org_report_versions');
    await queryRunner.dropTable('org_reports');
  }
}
