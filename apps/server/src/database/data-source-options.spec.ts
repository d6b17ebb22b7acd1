import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

describe('the SQLite connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pragmas-'));
  const dataSource = new DataSource(
    dataSourceOptions({ type: 'sqlite', path: join(dir, 'vigil.sqlite') }),
  );

  beforeAll(() => dataSource.initialize());
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs every commit to disk, so a reading answered 202 survives a power loss', async () => {
    // 2 is FULL; NORMAL (1) in WAL mode may lose the last commits when the power fails.
    expect(await dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
    expect(await dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });
});
