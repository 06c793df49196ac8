import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaKit } from './schema-kit';

// Copied, not imported: a migration keeps the values it was written with.
const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
const REPORT_DECISIONS = ['approved', 'returned'] as const;
const ASSESSMENT_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;

/** 双报告: members' half-year reports with their versions, the streets' assessments, deadline reminders; service-record certificates. */
export class Reports1764600000000 implements MigrationInterface {
  name = 'Reports1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'member_reports',
        columns: [
          k.id(),
          k.uuid('memberId'),
          k.varchar('period', 7),
          k.uuid('branchId'),
          k.uuid('unitId', true),
          k.enumOf('status', REPORT_STATUSES),
          k.text('summary'),
          k.varchar('photoIds', 400),
          k.text('figures'),
          k.datetime('figuresAt'),
          { ...k.int('version'), default: 0 },
          k.datetime('firstSubmittedAt', true),
          k.datetime('submittedAt', true),
          k.datetime('decidedAt', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('memberId', 'members'), k.fk('branchId', 'organisations'), k.fk('unitId', 'organisations')],
        indices: [
          k.index('UQ_member_reports_member_period', ['memberId', 'period'], true),
          k.index('IDX_member_reports_branch', ['branchId', 'period', 'status']),
          k.index('IDX_member_reports_period', ['period', 'status']),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_versions',
        columns: [
          k.id(),
          k.uuid('reportId'),
          k.int('version'),
          k.text('summary'),
          k.varchar('photoIds', 400),
          k.text('figures'),
          k.datetime('submittedAt'),
          k.uuid('submittedByUserId'),
          k.enumOf('decision', REPORT_DECISIONS, true),
          k.varchar('comment', 500, true),
          k.uuid('reviewerUserId', true),
          k.varchar('reviewerName', 60, true),
          k.datetime('decidedAt', true),
        ],
        foreignKeys: [k.fk('reportId', 'member_reports'), k.fk('submittedByUserId', 'users'), k.fk('reviewerUserId', 'users')],
        indices: [k.index('UQ_report_versions_report_version', ['reportId', 'version'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_assessments',
        columns: [
          k.id(),
          k.uuid('memberId'),
          k.varchar('period', 7),
          k.uuid('scopeRegionId'),
          k.uuid('streetId'),
          k.enumOf('grade', ASSESSMENT_GRADES),
          k.varchar('comment', 300),
          k.uuid('assessorUserId'),
          k.varchar('assessorRole', 24),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('memberId', 'members'), k.fk('scopeRegionId', 'regions'), k.fk('streetId', 'regions'), k.fk('assessorUserId', 'users')],
        indices: [k.index('UQ_report_assessments_scope', ['memberId', 'period', 'scopeRegionId'], true), k.index('IDX_report_assessments_street', ['streetId', 'period'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'report_reminders',
        columns: [k.id(), k.varchar('period', 7), k.int('daysBefore'), k.datetime('deadline'), k.datetime('sentAt', true), { ...k.int('recipients'), default: 0 }, k.datetime('createdAt')],
        indices: [k.index('UQ_report_reminders_period_days', ['period', 'daysBefore'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'service_certificates',
        columns: [k.id(), k.varchar('number', 24), k.uuid('memberId'), k.varchar('period', 7), k.text('content'), k.varchar('signature', 64), k.uuid('issuedByUserId'), k.datetime('issuedAt')],
        foreignKeys: [k.fk('memberId', 'members'), k.fk('issuedByUserId', 'users')],
        indices: [k.index('UQ_service_certificates_number', ['number'], true), k.index('IDX_service_certificates_member', ['memberId', 'issuedAt'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['service_certificates', 'report_reminders', 'report_assessments', 'report_versions', 'member_reports']) await queryRunner.dropTable(table);
  }
}
