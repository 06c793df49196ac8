import { DataSource } from 'typeorm';
import { migratedDataSource, TEST_DB } from './support/test-database';

describe(`schema (${TEST_DB})`, () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await migratedDataSource('drift');
  });
  afterAll(() => dataSource?.destroy());

  it('should match the entities exactly after all migrations (no pending schema change)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('should undo every migration cleanly', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    const tables = await dataSource.createQueryRunner().getTables(['regions', 'users', 'members']);
    expect(tables).toEqual([]);
    await dataSource.runMigrations();
  });
});
