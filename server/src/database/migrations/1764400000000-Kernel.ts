import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * The workflow kernel: one timeline for every workflow (wish_events moves into timeline_events), ledger v2 (where
 * and for whom an entry counted, re-credit after a correction) and typed notification links.
 */
export class Kernel1764400000000 implements MigrationInterface {
  name = 'Kernel1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'timeline_events',
        columns: [
          k.id(),
          k.varchar('subjectType', 24),
          k.uuid('subjectId'),
          k.varchar('action', 24),
          k.varchar('fromStatus', 16, true),
          k.varchar('toStatus', 16),
          k.uuid('actorUserId', true),
          k.varchar('actorRole', 24),
          k.varchar('actorName', 60),
          k.varchar('note', 300, true),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('actorUserId', 'users')],
        indices: [k.index('IDX_timeline_events_subject', ['subjectType', 'subjectId', 'createdAt'])],
      }),
    );
    await queryRunner.query(
      'INSERT INTO `timeline_events` (`id`, `subjectType`, `subjectId`, `action`, `fromStatus`, `toStatus`, `actorUserId`, `actorRole`, `actorName`, `note`, `createdAt`) ' +
        "SELECT `id`, 'wish', `wishId`, `action`, `fromStatus`, `toStatus`, `actorUserId`, `actorRole`, `actorName`, `note`, `createdAt` FROM `wish_events`",
    );
    await queryRunner.dropTable('wish_events');

    await queryRunner.dropIndex('ledger_entries', 'UQ_ledger_entries_source');
    await queryRunner.addColumns('ledger_entries', [
      new TableColumn({ ...k.int('sequence'), default: 0 }),
      new TableColumn(k.uuid('communityId', true)),
      new TableColumn(k.uuid('streetId', true)),
      new TableColumn(k.uuid('branchId', true)),
      new TableColumn(k.uuid('unitId', true)),
      new TableColumn(k.varchar('reason', 200, true)),
      new TableColumn(k.uuid('createdByUserId', true)),
      new TableColumn(k.varchar('category', 8, true)),
    ]);
    await queryRunner.createForeignKeys('ledger_entries', [
      new TableForeignKey(k.fk('communityId', 'regions')),
      new TableForeignKey(k.fk('streetId', 'regions')),
      new TableForeignKey(k.fk('branchId', 'organisations')),
      new TableForeignKey(k.fk('unitId', 'organisations')),
      new TableForeignKey(k.fk('createdByUserId', 'users')),
    ]);
    await queryRunner.createIndices('ledger_entries', [
      new TableIndex(k.index('UQ_ledger_entries_source', ['sourceType', 'sourceId', 'kind', 'sequence'], true)),
      new TableIndex(k.index('IDX_ledger_entries_street', ['streetId', 'occurredAt'])),
      new TableIndex(k.index('IDX_ledger_entries_branch', ['branchId', 'occurredAt'])),
    ]);
    // Entries written before v2: where a confirmed wish was served, and the member's branch (the unit follows from it).
    await queryRunner.query(
      'UPDATE `ledger_entries` SET `communityId` = (SELECT `w`.`communityId` FROM `wishes` `w` WHERE `w`.`id` = `ledger_entries`.`sourceId`), ' +
        "`streetId` = (SELECT `w`.`streetId` FROM `wishes` `w` WHERE `w`.`id` = `ledger_entries`.`sourceId`) WHERE `sourceType` = 'wish'",
    );
    await queryRunner.query('UPDATE `ledger_entries` SET `branchId` = (SELECT `m`.`branchId` FROM `members` `m` WHERE `m`.`id` = `ledger_entries`.`memberId`) WHERE `memberId` IS NOT NULL');
    await queryRunner.query(
      'UPDATE `ledger_entries` SET `unitId` = (SELECT `u`.`id` FROM `organisations` `u`, `organisations` `b` WHERE `b`.`id` = COALESCE(`ledger_entries`.`branchId`, `ledger_entries`.`organisationId`) ' +
        "AND `u`.`level` = 'unit' AND `b`.`path` LIKE CONCAT(`u`.`path`, '%'))",
    );

    await queryRunner.addColumns('notifications', [new TableColumn(k.varchar('linkKind', 16, true)), new TableColumn(k.uuid('linkId', true))]);
    // Page paths of the first release → typed links.
    await queryRunner.query(
      "UPDATE `notifications` SET `linkKind` = 'wish', `linkId` = SUBSTR(`link`, LENGTH('/packages/wish/pages/detail/index?id=') + 1) WHERE `link` LIKE '/packages/wish/pages/detail/index?id=%'",
    );
    await queryRunner.query("UPDATE `notifications` SET `linkKind` = 'dispatches' WHERE `link` = '/packages/admin/pages/dispatches/index'");
    await queryRunner.query("UPDATE `notifications` SET `linkKind` = 'overdue' WHERE `link` = '/packages/admin/pages/overdue/index'");
    await queryRunner.dropColumn('notifications', 'link');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.addColumn('notifications', new TableColumn(k.varchar('link', 200, true)));
    await queryRunner.query("UPDATE `notifications` SET `link` = CONCAT('/packages/wish/pages/detail/index?id=', `linkId`) WHERE `linkKind` = 'wish'");
    await queryRunner.query("UPDATE `notifications` SET `link` = '/packages/admin/pages/dispatches/index' WHERE `linkKind` = 'dispatches'");
    await queryRunner.query("UPDATE `notifications` SET `link` = '/packages/admin/pages/overdue/index' WHERE `linkKind` = 'overdue'");
    await queryRunner.dropColumn('notifications', 'linkId');
    await queryRunner.dropColumn('notifications', 'linkKind');

    // Re-credits after corrections cannot be kept under the old one-per-source index.
    await queryRunner.query('DELETE FROM `ledger_entries` WHERE `sequence` > 0');
    // Foreign keys first: MariaDB keeps an index for each and refuses to drop it while the key is there.
    const table = (await queryRunner.getTable('ledger_entries'))!;
    const added = ['communityId', 'streetId', 'branchId', 'unitId', 'createdByUserId'];
    await queryRunner.dropForeignKeys(
      'ledger_entries',
      table.foreignKeys.filter((fk) => added.includes(fk.columnNames[0])),
    );
    for (const index of ['UQ_ledger_entries_source', 'IDX_ledger_entries_street', 'IDX_ledger_entries_branch']) await queryRunner.dropIndex('ledger_entries', index);
    await queryRunner.dropColumns('ledger_entries', [...added, 'reason', 'sequence', 'category']);
    await queryRunner.createIndex('ledger_entries', new TableIndex(k.index('UQ_ledger_entries_source', ['sourceType', 'sourceId', 'kind'], true)));

    await queryRunner.createTable(
      new Table({
        name: 'wish_events',
        columns: [
          k.id(),
          k.uuid('wishId'),
          k.varchar('action', 24),
          k.varchar('fromStatus', 12, true),
          k.varchar('toStatus', 12),
          k.uuid('actorUserId', true),
          k.varchar('actorRole', 24),
          k.varchar('actorName', 60),
          k.varchar('note', 300, true),
          k.datetime('createdAt'),
        ],
        foreignKeys: [k.fk('wishId', 'wishes'), k.fk('actorUserId', 'users')],
        indices: [k.index('IDX_wish_events_wish', ['wishId', 'createdAt'])],
      }),
    );
    await queryRunner.query(
      'INSERT INTO `wish_events` (`id`, `wishId`, `action`, `fromStatus`, `toStatus`, `actorUserId`, `actorRole`, `actorName`, `note`, `createdAt`) ' +
        "SELECT `id`, `subjectId`, `action`, `fromStatus`, `toStatus`, `actorUserId`, `actorRole`, `actorName`, `note`, `createdAt` FROM `timeline_events` WHERE `subjectType` = 'wish'",
    );
    await queryRunner.dropTable('timeline_events');
  }
}
