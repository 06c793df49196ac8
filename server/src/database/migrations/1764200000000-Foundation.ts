import { ORGANISATION_LEVELS, REGION_LEVELS, ROLES } from '@nuancheng/shared';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { schemaKit } from './schema-kit';

/** Region and organisation trees, users with scoped roles, the member roster and the audit log. */
export class Foundation1764200000000 implements MigrationInterface {
  name = 'Foundation1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'regions',
        columns: [
          k.id(),
          k.uuid('parentId', true),
          k.enumOf('level', REGION_LEVELS),
          k.varchar('name', 40),
          k.varchar('path', 255),
          k.varchar('code', 12, true),
          k.varchar('address', 120, true),
          k.double('lat', true),
          k.double('lng', true),
          k.int('checkinRadiusM', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('parentId', 'regions')],
        indices: [k.index('IDX_regions_path', ['path']), k.index('UQ_regions_code', ['code'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'organisations',
        columns: [k.id(), k.uuid('parentId', true), k.enumOf('level', ORGANISATION_LEVELS), k.varchar('name', 60), k.varchar('path', 255), k.datetime('createdAt'), k.datetime('updatedAt')],
        foreignKeys: [k.fk('parentId', 'organisations')],
        indices: [k.index('IDX_organisations_path', ['path'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          k.id(),
          k.varchar('openid', 64),
          k.varchar('unionid', 64, true),
          k.varchar('nickname', 40, true),
          k.varchar('phoneCipher', 255, true),
          k.varchar('phoneHash', 64, true),
          k.datetime('phoneBoundAt', true),
          k.datetime('lastSignInAt', true),
          k.datetime('createdAt'),
        ],
        indices: [k.index('UQ_users_openid', ['openid'], true), k.index('UQ_users_phoneHash', ['phoneHash'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'role_assignments',
        columns: [k.id(), k.uuid('userId'), k.enumOf('role', ROLES), k.uuid('regionId', true), k.uuid('organisationId', true), k.uuid('grantedBy', true), k.datetime('createdAt')],
        foreignKeys: [k.fk('userId', 'users', 'CASCADE'), k.fk('regionId', 'regions'), k.fk('organisationId', 'organisations')],
        indices: [k.index('IDX_role_assignments_user', ['userId'])],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'members',
        columns: [
          k.id(),
          k.varchar('name', 20),
          k.varchar('phoneCipher', 255),
          k.varchar('phoneHash', 64),
          k.uuid('branchId'),
          k.uuid('residenceCommunityId', true),
          k.uuid('userId', true),
          k.uuid('importedBy', true),
          k.datetime('createdAt'),
          k.datetime('updatedAt'),
        ],
        foreignKeys: [k.fk('branchId', 'organisations'), k.fk('residenceCommunityId', 'regions'), k.fk('userId', 'users', 'SET NULL')],
        indices: [k.index('IDX_members_branch', ['branchId']), k.index('UQ_members_phoneHash', ['phoneHash'], true), k.index('UQ_members_userId', ['userId'], true)],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_logs',
        columns: [
          k.id(),
          k.uuid('actorId', true),
          k.varchar('action', 64),
          k.varchar('subjectType', 32),
          k.uuid('subjectId', true),
          k.text('detail', true),
          k.varchar('ip', 64, true),
          k.datetime('createdAt'),
        ],
        indices: [k.index('IDX_audit_logs_subject', ['subjectType', 'subjectId']), k.index('IDX_audit_logs_actor', ['actorId', 'createdAt'])],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_logs', 'members', 'role_assignments', 'users', 'organisations', 'regions']) {
      await queryRunner.dropTable(table);
    }
  }
}
