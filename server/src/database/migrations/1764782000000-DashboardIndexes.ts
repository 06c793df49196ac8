import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * The supervision dashboard at city scale (issue 10) read tens of thousands of rows per street one by one through
 * narrow indexes: the ledger's figures (minutes, members served, the monthly series, the unit ranking, the report
 * rates, the agreements' delivery) and the wishes' (by state, the two medians, the monthly series). These indexes
 * cover those reads, so they are answered from the index alone:
 * - the ledger's street index grows the columns those reads sum, group and filter on (it keeps its (streetId,
 *   occurredAt) prefix, so every read that used it still does; one index instead of two on an append-only table);
 * - the wishes' street-by-publication index grows the claim and fulfilment times (prefix kept likewise);
 * - wishes by (streetId, createdAt, status): the year's wishes by state.
 */
// What the ledger's street reads touch (the entity's @Index repeats it).
const LEDGER_COVER = ['streetId', 'occurredAt', 'memberId', 'unitId', 'correctsEntryId', 'serviceMinutes', 'category', 'communityId', 'branchId', 'organisationId', 'valueYuan'];

export class DashboardIndexes1764782000000 implements MigrationInterface {
  name = 'DashboardIndexes1764782000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    // Created before the old one is dropped: on MariaDB the street's foreign key needs an index on streetId throughout.
    await queryRunner.createIndex('ledger_entries', new TableIndex(k.index('IDX_ledger_entries_street_cover', LEDGER_COVER)));
    await queryRunner.dropIndex('ledger_entries', 'IDX_ledger_entries_street');
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_times', ['streetId', 'publishedAt', 'id', 'claimedAt', 'fulfilledAt'])));
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_published');
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_created', ['streetId', 'createdAt', 'status'])));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_created');
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_published', ['streetId', 'publishedAt', 'id'])));
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_times');
    await queryRunner.createIndex('ledger_entries', new TableIndex(k.index('IDX_ledger_entries_street', ['streetId', 'occurredAt'])));
    await queryRunner.dropIndex('ledger_entries', 'IDX_ledger_entries_street_cover');
  }
}
