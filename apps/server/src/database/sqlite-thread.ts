import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type DataSourceOptions, type EntityManager, QueryFailedError } from 'typeorm';
import { SQLITE_PRAGMAS } from './data-source-options';

/** One statement and its bound parameters. */
export interface Statement {
  sql: string;
  parameters?: unknown[];
  /**
   * On a runner that `checksChanges`: the rows this write must change. Any other count fails it
   * (code ROWS_NOT_AS_EXPECTED) and with it the transaction, so a write sent on an assumption,
   * without waiting to learn what it did, commits only if the assumption held.
   */
  expectChanges?: number;
}

/** The driver's code of a write that changed other than the rows it expected. */
export const ROWS_NOT_AS_EXPECTED = 'VIGIL_ROWS_NOT_AS_EXPECTED';

export function isRowsNotAsExpected(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === ROWS_NOT_AS_EXPECTED
  );
}

/**
 * What a write path needs of a transaction: its statements, and which database runs them. A
 * runner that can take several statements at once (the writer thread: one message, not one round
 * trip each) says so with `queryEach`, one that can hold a statement whose result nobody reads
 * until its next message (the transaction's COMMIT at the latest) with `defer`, and one that
 * honours a statement's `expectChanges` with `checksChanges`.
 */
export type SqlRunner = Pick<EntityManager, 'query'> & {
  connection: { options: Pick<DataSourceOptions, 'type'> };
  queryEach?: (statements: readonly Statement[]) => Promise<unknown[]>;
  defer?: (statements: readonly Statement[]) => void;
  checksChanges?: true;
};

/**
 * Statements whose results nobody reads. Where the runner can, they travel with its next message:
 * they run before that message's own statements, and if one fails, that message (or the COMMIT)
 * fails with its error and the transaction is rolled back.
 */
export async function execute(runner: SqlRunner, statements: readonly Statement[]): Promise<void> {
  if (runner.defer) return runner.defer(statements);
  await queryEach(runner, statements);
}

/**
 * Writes sent along with the transaction's next message (its COMMIT at the latest), each failing
 * the transaction (`isRowsNotAsExpected`) unless it changed its `expectChanges` rows, where the
 * runner can hold them and check that (the SQLite writer thread). False, with nothing sent, where
 * it cannot (nor are they built): the caller writes them the way that reads the outcome back.
 */
export function deferChecked(runner: SqlRunner, statements: () => readonly Statement[]): boolean {
  if (!runner.checksChanges || !runner.defer) return false;
  runner.defer(statements());
  return true;
}

/** The statements' results in order, in as few round trips as the runner allows. */
export async function queryEach<T>(
  runner: SqlRunner,
  statements: readonly Statement[],
): Promise<T[]> {
  if (runner.queryEach) return (await runner.queryEach(statements)) as T[];
  const results: T[] = [];
  for (const { sql, parameters } of statements)
    results.push(await runner.query<T>(sql, parameters));
  return results;
}

interface Waiting {
  statements: readonly Statement[];
  resolve: (results: unknown[]) => void;
  reject: (error: unknown) => void;
}

/** The thread's answer: each statement's result, or the error's message, SQLite code and statement. */
interface Answer {
  id: number;
  results?: unknown[];
  error?: { message: string; code?: string; index: number };
}

/**
 * Another connection to the SQLite file, on a worker thread. better-sqlite3 runs a statement on
 * the thread that calls it, so the readings' group commit (at a thousand chairs a second, most of
 * what the database does, and a commit that writes a few hundred kB of log) and the alarm sweep's
 * read of every live session would otherwise hold up the event loop that parses requests,
 * evaluates alarms and feeds the screens. Statements keep TypeORM's shapes and errors, so the same
 * code runs here and on PostgreSQL.
 *
 * The writer's thread writes only in UnitOfWork's writer turn (the connections never write at
 * once, so none meets another's lock or a stale snapshot) and each transaction begins IMMEDIATE.
 * Waking the thread and being woken by its answer cost both threads CPU (tens of µs a round trip
 * on a virtual machine), so a transaction's BEGIN travels with its first statements, a
 * statement split in chunks travels in one message, and statements whose results nobody reads
 * wait for the next message (the COMMIT at the latest).
 * A thread that dies fails what it was given (nothing of an unfinished transaction is kept) and
 * the next statement starts a new one.
 */
export class SqliteThread {
  private worker: Worker | null = null;
  private closed = false;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  /** The next message begins the transaction: BEGIN costs no round trip of its own. */
  private beginWithNext = false;
  /** The transaction's statements that go with its next message. */
  private deferred: Statement[] = [];
  private readonly runner: SqlRunner = {
    query: (sql, parameters) => this.read(sql, parameters),
    queryEach: (statements) => this.send(statements),
    defer: (statements) => {
      this.deferred.push(...statements);
    },
    checksChanges: true,
    connection: { options: { type: 'better-sqlite3' } },
  };

  constructor(private readonly path: string) {}

  /**
   * Starts the thread and waits for its connection: at the server's start, so that a thread that
   * cannot open the database stops the start instead of the first reading, and that reading does
   * not wait for the thread.
   */
  async open(): Promise<void> {
    await this.send([{ sql: 'SELECT 1' }]);
  }

  async transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> {
    this.beginWithNext = true;
    try {
      const result = await work(this.runner);
      await this.send([{ sql: 'COMMIT' }]);
      return result;
    } catch (error) {
      this.deferred = [];
      // A transaction whose BEGIN never went out has nothing to roll back.
      if (!this.beginWithNext) await this.send([{ sql: 'ROLLBACK' }]).catch(() => undefined);
      throw error;
    } finally {
      this.beginWithNext = false;
    }
  }

  /**
   * One statement on its own: within the writer's transaction, its next statement; on a reader's
   * thread, outside any transaction, it sees the database as last committed (never the writer's
   * unfinished transaction).
   */
  async read<T>(sql: string, parameters?: unknown[]): Promise<T> {
    return (await this.send([{ sql, parameters }]))[0] as T;
  }

  /** Closes the connection (which checkpoints its log) and ends the thread; nothing runs after. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage({ close: true });
    await exited;
  }

  /** Runs the deferred statements, then these: resolves with these statements' results. */
  private send(statements: readonly Statement[]): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new Error('the SQLite thread is closed'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const begin = this.beginWithNext;
    this.beginWithNext = false;
    const deferred = this.deferred.length;
    const all = deferred > 0 ? [...this.deferred, ...statements] : statements;
    this.deferred = [];
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        statements: all,
        resolve: (results) => resolve(results.slice(deferred)),
        reject,
      });
      worker.postMessage({
        id,
        statements: all.map(({ sql, parameters, expectChanges }) => ({
          sql,
          parameters: parameters ?? [],
          expectChanges,
        })),
        begin,
      });
    });
  }

  private start(): Worker {
    const worker = new Worker(join(__dirname, 'sqlite-thread.worker.cjs'), {
      workerData: { path: this.path, pragmas: SQLITE_PRAGMAS },
    });
    // The server's own handles keep the process alive; this thread alone must not.
    worker.unref();
    worker.on('message', (answer: Answer) => this.answer(answer));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`the SQLite thread ended (${code})`)));
    this.worker = worker;
    return worker;
  }

  private answer({ id, results, error }: Answer): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (!error) return waiting.resolve(results ?? []);
    const failed = waiting.statements[error.index] ?? { sql: 'BEGIN IMMEDIATE' };
    const driverError = Object.assign(new Error(error.message), { code: error.code });
    waiting.reject(new QueryFailedError(failed.sql, failed.parameters ?? [], driverError));
  }

  private fail(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = null;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
