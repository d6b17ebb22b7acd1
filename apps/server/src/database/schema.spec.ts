import { DataSource } from 'typeorm';
import { testDatabases } from '../../test/test-databases';
import { dataSourceOptions } from './data-source-options';
import { runMigrations } from './run-migrations';

describe.each(testDatabases())('schema on $name', (database) => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(await database.create())).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  it('migrates an empty database to exactly what the entities describe', async () => {
    await runMigrations(dataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('is idempotent: a second start runs no migration', async () => {
    await runMigrations(dataSource);
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
