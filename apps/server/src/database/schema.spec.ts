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

  it("keeps one B-tree per reading: the samples' key leads with session and time", async () => {
    await runMigrations(dataSource);
    if (database.name === 'postgres') {
      const indexes: Array<{ indexdef: string }> = await dataSource.query(
        "SELECT indexdef FROM pg_indexes WHERE tablename = 'vital_sample'",
      );
      expect(indexes.map(({ indexdef }) => indexdef.replace(/^.* USING /, ''))).toEqual([
        'btree (session_id, at, source, dedupe_key)',
      ]);
    } else {
      const [table]: Array<{ sql: string }> = await dataSource.query(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'vital_sample'",
      );
      expect(table?.sql).toMatch(
        /PRIMARY KEY \("session_id", "at", "source", "dedupe_key"\)\) WITHOUT ROWID$/,
      );
      const plan: Array<{ detail: string }> = await dataSource.query(
        "EXPLAIN QUERY PLAN SELECT * FROM vital_sample WHERE session_id = 'x' AND at >= 'y' ORDER BY at",
      );
      expect(plan.map(({ detail }) => detail)).toEqual([
        'SEARCH vital_sample USING PRIMARY KEY (session_id=? AND at>?)',
      ]);
    }
  });

  it('is idempotent: a second start runs no migration', async () => {
    await runMigrations(dataSource);
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
