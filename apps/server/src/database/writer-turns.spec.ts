import { Mutex } from 'async-mutex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { WriterTurns } from './writer-turns';

describe('the SQLite writer’s turns on the server’s connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-turns-'));
  const dataSource = new DataSource(
    dataSourceOptions({ type: 'sqlite', path: join(dir, 'vigil.sqlite') }),
  );
  const turns = new WriterTurns(new Mutex(), 500);

  beforeAll(async () => {
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE note (id INTEGER PRIMARY KEY)');
    turns.guard(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('let a turn’s own statements and transactions through, and others wait for it', async () => {
    const order: string[] = [];
    let finish = () => {};
    const holding = new Promise<void>((resolve) => (finish = resolve));
    let wrote = () => {};
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const held = turns.runInTurn(async () => {
      await dataSource.query('INSERT INTO note (id) VALUES (1)');
      wrote();
      await holding;
      order.push('turn ends');
    });
    await written;
    const outside = dataSource
      .transaction((manager) => manager.query('INSERT INTO note (id) VALUES (2)'))
      .then(() => order.push('outside wrote'));
    // A read needs no turn.
    const count = await dataSource.query('SELECT COUNT(*) AS n FROM note');
    finish();
    await Promise.all([held, outside]);
    expect(count).toEqual([{ n: 1 }]);
    expect(order).toEqual(['turn ends', 'outside wrote']);
  });

  it('fail a write that waits for the turn past its limit instead of hanging', async () => {
    // Made outside the turn, awaited inside it: the cycle a caller must never build.
    let start = () => {};
    const started = new Promise<void>((resolve) => (start = resolve));
    const outside = started.then(() => dataSource.query('INSERT INTO note (id) VALUES (3)'));
    const inside = turns.runInTurn(async () => {
      start();
      await outside;
    });
    await expect(inside).rejects.toThrow("a write waited over 0.5 s for the SQLite writer's turn");
    await expect(dataSource.query('SELECT id FROM note WHERE id = 3')).resolves.toEqual([]);
  });

  it('give the next turn to an alarm’s write, then the others in the order they asked', async () => {
    const order: string[] = [];
    let finish = () => {};
    const holding = new Promise<void>((resolve) => (finish = resolve));
    const held = turns.runInTurn(() => holding);
    const write = (name: string) => () => Promise.resolve(void order.push(name));
    const waiting = [
      turns.runInTurn(write('readings 1')),
      turns.runInTurn(write('readings 2'), 'routine'),
      turns.runInTurn(write('alarm 1'), 'alarm'),
      turns.runInTurn(write('alarm 2'), 'alarm'),
    ];
    finish();
    await Promise.all([held, ...waiting]);
    expect(order).toEqual(['alarm 1', 'alarm 2', 'readings 1', 'readings 2']);
  });
});
