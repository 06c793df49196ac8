import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Rate limits: the daily claim cap counts a person's claims (an index for it), and the counters of rate-limiter-flexible's database stores (modules/rate-limits), in the schema that library uses
 * for each driver; no entity maps it (the library reads and writes it).
 */
export class RateLimits1764410000000 implements MigrationInterface {
  name = 'RateLimits1764410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'better-sqlite3') {
      await queryRunner.query('CREATE TABLE `rate_limits` (`key` TEXT PRIMARY KEY, `points` INTEGER NOT NULL DEFAULT 0, `expire` INTEGER)');
    } else {
      await queryRunner.query(
        'CREATE TABLE `rate_limits` (`key` VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, `points` INT NOT NULL DEFAULT 0, `expire` BIGINT UNSIGNED, PRIMARY KEY (`key`)) ENGINE = InnoDB',
      );
    }
    await queryRunner.createIndex('wish_claims', new TableIndex({ name: 'IDX_wish_claims_claimer', columnNames: ['claimedByUserId', 'createdAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // MariaDB lets the foreign key on claimedByUserId use this index (and drops its own): take the key off and put
    // it back around the drop.
    const claims = (await queryRunner.getTable('wish_claims'))!;
    const fk = claims.foreignKeys.find((k) => k.columnNames.length === 1 && k.columnNames[0] === 'claimedByUserId');
    if (fk && queryRunner.connection.options.type !== 'better-sqlite3') await queryRunner.dropForeignKey('wish_claims', fk);
    await queryRunner.dropIndex('wish_claims', 'IDX_wish_claims_claimer');
    if (fk && queryRunner.connection.options.type !== 'better-sqlite3') await queryRunner.createForeignKey('wish_claims', fk);
    await queryRunner.query('DROP TABLE `rate_limits`');
  }
}
