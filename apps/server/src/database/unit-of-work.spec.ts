import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { execute, isRowsNotAsExpected, queryEach, ROWS_NOT_AS_EXPECTED } from './sqlite-thread';
import { UnitOfWork } from './unit-of-work';

describe('the readings’ transactions on a SQLite file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-writer-'));
  const dataSource = new DataSource(
    dataSourceOptions({ type: 'sqlite', path: join(dir, 'vigil.sqlite') }),
  );
  let unitOfWork: UnitOfWork;

  const countOf = async (table: string) =>
    Number(
      (await dataSource.query<Array<{ n: number }>>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n,
    );

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE reading (id INTEGER PRIMARY KEY, value REAL NOT NULL)');
    await dataSource.query('CREATE TABLE chain (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL)');
    unitOfWork = new UnitOfWork(dataSource);
  });
  afterAll(async () => {
    await unitOfWork.onApplicationShutdown();
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('run on a connection of their own, with the same durability, seen by the server once committed', async () => {
    await unitOfWork.runOffTheEventLoop(async (runner) => {
      expect(await runner.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
      expect(await runner.query('INSERT INTO reading (id, value) VALUES (1, 97)')).toBe(1);
      expect(await runner.query('SELECT value FROM reading WHERE id = 1')).toEqual([{ value: 97 }]);
      // Another connection: the server's does not see the row before the commit.
      expect(await countOf('reading')).toBe(0);
    });
    expect(await countOf('reading')).toBe(1);
  });

  it('keep nothing of a transaction that fails, and name the database’s error', async () => {
    const failed = unitOfWork.runOffTheEventLoop(async (runner) => {
      await runner.query('INSERT INTO reading (id, value) VALUES (2, 98)');
      await runner.query('INSERT INTO reading (id, value) VALUES (2, 99)');
    });
    await expect(failed).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failed).rejects.toMatchObject({
      driverError: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
    });
    expect(await dataSource.query('SELECT id FROM reading ORDER BY id')).toEqual([{ id: 1 }]);
    // The thread goes on: the next transaction commits.
    await unitOfWork.runOffTheEventLoop((runner) =>
      runner.query('INSERT INTO reading (id, value) VALUES (3, 96)'),
    );
    expect(await countOf('reading')).toBe(2);
  });

  it('take statements sent together in order, and keep none of them when one fails', async () => {
    const results = await unitOfWork.runOffTheEventLoop((runner) =>
      queryEach(runner, [
        { sql: 'INSERT INTO reading (id, value) VALUES (?, ?)', parameters: [10, 90] },
        { sql: 'SELECT value FROM reading WHERE id = ?', parameters: [10] },
      ]),
    );
    expect(results).toEqual([10, [{ value: 90 }]]);
    const failed = unitOfWork.runOffTheEventLoop((runner) =>
      queryEach(runner, [
        { sql: 'INSERT INTO reading (id, value) VALUES (11, 91)' },
        { sql: 'INSERT INTO reading (id, value) VALUES (10, 92)' },
        { sql: 'INSERT INTO reading (id, value) VALUES (12, 93)' },
      ]),
    );
    // The error names the statement that failed, not the first of the message.
    await expect(failed).rejects.toMatchObject({
      query: 'INSERT INTO reading (id, value) VALUES (10, 92)',
      driverError: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
    });
    expect(await dataSource.query('SELECT id FROM reading WHERE id >= 10')).toEqual([{ id: 10 }]);
  });

  it('send statements whose results nobody reads with the next message, failing the transaction if one fails', async () => {
    await unitOfWork.runOffTheEventLoop(async (runner) => {
      await execute(runner, [{ sql: 'INSERT INTO reading (id, value) VALUES (30, 89)' }]);
      // The next statement runs after it, in the same message.
      expect(await runner.query('SELECT value FROM reading WHERE id = 30')).toEqual([
        { value: 89 },
      ]);
      await execute(runner, [{ sql: 'INSERT INTO reading (id, value) VALUES (31, 88)' }]);
    });
    // The last one went with the COMMIT.
    expect(await dataSource.query('SELECT id FROM reading WHERE id IN (30, 31)')).toEqual([
      { id: 30 },
      { id: 31 },
    ]);
    const failed = unitOfWork.runOffTheEventLoop(async (runner) => {
      await execute(runner, [{ sql: 'INSERT INTO reading (id, value) VALUES (32, 87)' }]);
      await execute(runner, [{ sql: 'INSERT INTO reading (id, value) VALUES (30, 86)' }]);
    });
    await expect(failed).rejects.toMatchObject({
      query: 'INSERT INTO reading (id, value) VALUES (30, 86)',
      driverError: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' },
    });
    expect(await dataSource.query('SELECT id FROM reading WHERE id = 32')).toEqual([]);
  });

  it('commit a write sent on an assumption only if it changed the rows it expected', async () => {
    const insertIgnoring = (id: number, value: number) => ({
      sql: 'INSERT INTO reading (id, value) VALUES (?, ?) ON CONFLICT DO NOTHING',
      parameters: [id, value],
      expectChanges: 1,
    });
    await unitOfWork.runOffTheEventLoop(async (runner) => {
      expect(runner.checksChanges).toBe(true);
      await execute(runner, [insertIgnoring(25, 85)]);
    });
    expect(await dataSource.query('SELECT value FROM reading WHERE id = 25')).toEqual([
      { value: 85 },
    ]);

    // Row 25 is stored already: the insert changes nothing, so nothing of the transaction stays.
    const failed = unitOfWork.runOffTheEventLoop(async (runner) => {
      await execute(runner, [insertIgnoring(26, 84), insertIgnoring(25, 83)]);
    });
    await expect(failed).rejects.toMatchObject({
      driverError: { code: ROWS_NOT_AS_EXPECTED },
    });
    expect(isRowsNotAsExpected(await failed.catch((error: unknown) => error))).toBe(true);
    expect(await dataSource.query('SELECT id, value FROM reading WHERE id IN (25, 26)')).toEqual([
      { id: 25, value: 85 },
    ]);
  });

  it('make a write of the server’s connection outside a turn wait for the writer thread’s transaction, not fail', async () => {
    let finish = () => {};
    const holding = new Promise<void>((resolve) => (finish = resolve));
    let inserted = () => {};
    const insertedFirst = new Promise<void>((resolve) => (inserted = resolve));
    const writer = unitOfWork.runOffTheEventLoop(async (runner) => {
      await runner.query('INSERT INTO reading (id, value) VALUES (40, 85)');
      inserted();
      // The thread's transaction holds SQLite's write lock until the event loop sends its COMMIT.
      await holding;
    });
    await insertedFirst;
    // A plain statement and a repository-style transaction, as a login or a duty change makes.
    const plain = dataSource.query('INSERT INTO reading (id, value) VALUES (41, 84)');
    const transaction = dataSource.transaction((manager) =>
      manager.query('INSERT INTO reading (id, value) VALUES (42, 83)'),
    );
    // Without the turn, the statement above sleeps the event loop in SQLite's busy handler and
    // this timer cannot fire before the busy timeout fails it with SQLITE_BUSY.
    setTimeout(finish, 50);
    await Promise.all([writer, plain, transaction]);
    expect(await dataSource.query('SELECT id FROM reading WHERE id >= 40 ORDER BY id')).toEqual([
      { id: 40 },
      { id: 41 },
      { id: 42 },
    ]);
  });

  it('leave reads to a thread of their own, which sees what is committed and nothing unfinished', async () => {
    const count = () =>
      unitOfWork.readOffTheEventLoop<Array<{ n: number }>>(
        'SELECT COUNT(*) AS n FROM reading WHERE id = ?',
        [20],
      );
    await unitOfWork.runOffTheEventLoop(async (runner) => {
      await runner.query('INSERT INTO reading (id, value) VALUES (20, 94)');
      // The reader is not held up by the open transaction, and does not see its row.
      expect(await count()).toEqual([{ n: 0 }]);
    });
    expect(await count()).toEqual([{ n: 1 }]);
  });

  it('take turns with the server’s own transactions: a chain both append to has no gap or clash', async () => {
    // Each reads the chain's head and appends after it, as the audit trail does.
    const append = async (
      runner: Pick<DataSource, 'query'>,
      writer: 'thread' | 'server',
    ): Promise<void> => {
      const [head] = await runner.query<Array<{ seq: number }>>(
        'SELECT seq FROM chain ORDER BY seq DESC LIMIT 1',
      );
      await new Promise((resolve) => setImmediate(resolve));
      await runner.query('INSERT INTO chain (seq, writer) VALUES (?, ?)', [
        (head?.seq ?? 0) + 1,
        writer,
      ]);
    };
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        index % 2 === 0
          ? unitOfWork.runOffTheEventLoop((runner) => append(runner, 'thread'))
          : unitOfWork.run((manager) => append(manager, 'server')),
      ),
    );
    const chain = await dataSource.query<Array<{ seq: number; writer: string }>>(
      'SELECT seq, writer FROM chain ORDER BY seq',
    );
    expect(chain.map(({ seq }) => seq)).toEqual(
      Array.from({ length: 40 }, (_, index) => index + 1),
    );
    expect(chain.filter(({ writer }) => writer === 'thread')).toHaveLength(20);
  });

  it('stop the server’s start when the thread cannot open the database', async () => {
    const unopenable = new UnitOfWork(
      Object.assign(Object.create(DataSource.prototype) as DataSource, {
        options: { type: 'better-sqlite3', database: join(dir, 'no-such-dir', 'vigil.sqlite') },
        // The server's own connection, which the writer's turns guard; never opened here.
        driver: {
          createQueryRunner: () => ({
            query: () => Promise.resolve([]),
            startTransaction: () => Promise.resolve(),
            commitTransaction: () => Promise.resolve(),
            rollbackTransaction: () => Promise.resolve(),
            isTransactionActive: false,
          }),
        },
      }),
    );
    await expect(unopenable.onApplicationBootstrap()).rejects.toThrow(/directory does not exist/);
  });

  it('refuse new work once closed, after finishing what was sent', async () => {
    const pending = unitOfWork.runOffTheEventLoop((runner) =>
      runner.query('INSERT INTO reading (id, value) VALUES (4, 95)'),
    );
    const closed = unitOfWork.onApplicationShutdown();
    await pending;
    await closed;
    expect(await dataSource.query('SELECT id FROM reading WHERE id = 4')).toEqual([{ id: 4 }]);
    await expect(
      unitOfWork.runOffTheEventLoop((runner) => runner.query('SELECT 1')),
    ).rejects.toThrow('the SQLite thread is closed');
  });
});
