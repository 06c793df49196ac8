import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';
import { schemaKit } from './schema-kit';

/**
 * Indexes that give the wish lists their page in order instead of sorting every matching row (docs/benchmarks.md,
 * part 3: the street wall and the overdue board sorted ~6,000 and ~1,000 rows for a page of 20 at city scale):
 * - the walls, newest first: (streetId | communityId, publishedAt, id), read backwards, the status checked per row;
 * - the street index gains `id` and `claimDeadline`, so the overdue board's two halves (unclaimed too long,
 *   claims past their deadline) are each read in publishedAt order and counted from the index alone;
 * - my claims, newest first: (memberId, createdAt, wishId).
 */
export class WishListIndexes1764460000000 implements MigrationInterface {
  name = 'WishListIndexes1764460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    // The new street index first: MariaDB keeps an index for the streetId foreign key and will not drop the
    // street wall index while it is the only one.
    await queryRunner.createIndices('wishes', [
      new TableIndex(k.index('IDX_wishes_street_published', ['streetId', 'publishedAt', 'id'])),
      new TableIndex(k.index('IDX_wishes_community_published', ['communityId', 'publishedAt', 'id'])),
    ]);
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_wall');
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_wall', ['streetId', 'status', 'publishedAt', 'id', 'claimDeadline'])));
    await queryRunner.createIndex('wish_claims', new TableIndex(k.index('IDX_wish_claims_member_recent', ['memberId', 'createdAt', 'wishId'])));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const k = schemaKit(queryRunner);
    await queryRunner.dropIndex('wish_claims', 'IDX_wish_claims_member_recent');
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_wall');
    await queryRunner.createIndex('wishes', new TableIndex(k.index('IDX_wishes_street_wall', ['streetId', 'status', 'publishedAt'])));
    await queryRunner.dropIndex('wishes', 'IDX_wishes_community_published');
    await queryRunner.dropIndex('wishes', 'IDX_wishes_street_published');
  }
}
