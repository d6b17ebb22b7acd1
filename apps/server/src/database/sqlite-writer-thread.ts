import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type DataSourceOptions, type EntityManager, QueryFailedError } from 'typeorm';
import { SQLITE_PRAGMAS } from './data-source-options';

/** What a write path needs of a transaction: its statements, and which database runs them. */
export type SqlRunner = Pick<EntityManager, 'query'> & {
  connection: { options: Pick<DataSourceOptions, 'type'> };
};

interface Waiting {
  sql: string;
  parameters: unknown[];
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** The thread's answer: the statement's result, or its error's message and SQLite code. */
interface Answer {
  id: number;
  result?: unknown;
  error?: { message: string; code?: string };
}

/**
 * A second connection to the SQLite file, on a worker thread. better-sqlite3 runs a statement on
 * the thread that calls it, so the readings' group commit (at a thousand chairs a second, most of
 * what the database does, and a commit that writes a few hundred kB of log) would otherwise hold
 * up the event loop that parses requests, evaluates alarms and feeds the screens. Statements keep
 * TypeORM's shapes and errors, so the same write path runs here and on PostgreSQL.
 *
 * It writes only while UnitOfWork's writer lock is held (the two connections never write at once,
 * so neither meets the other's lock or a stale snapshot) and each transaction begins IMMEDIATE.
 * A thread that dies fails what it was given (nothing of an unfinished transaction is kept) and
 * the next statement starts a new one.
 */
export class SqliteWriterThread {
  private worker: Worker | null = null;
  private closed = false;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private readonly runner: SqlRunner = {
    query: <T>(sql: string, parameters?: unknown[]) => this.query<T>(sql, parameters),
    connection: { options: { type: 'better-sqlite3' } },
  };

  constructor(private readonly path: string) {}

  /**
   * Starts the thread and waits for its connection: at the server's start, so that a thread that
   * cannot open the database stops the start instead of the first reading, and that reading does
   * not wait for the thread.
   */
  async open(): Promise<void> {
    await this.query('SELECT 1');
  }

  async transaction<T>(work: (runner: SqlRunner) => Promise<T>): Promise<T> {
    await this.query('BEGIN IMMEDIATE');
    try {
      const result = await work(this.runner);
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
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

  private query<T>(sql: string, parameters: unknown[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the SQLite writer thread is closed'));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        sql,
        parameters,
        resolve: resolve as (result: unknown) => void,
        reject,
      });
      worker.postMessage({ id, sql, parameters });
    });
  }

  private start(): Worker {
    const worker = new Worker(join(__dirname, 'sqlite-writer.worker.cjs'), {
      workerData: { path: this.path, pragmas: SQLITE_PRAGMAS },
    });
    // The server's own handles keep the process alive; this thread alone must not.
    worker.unref();
    worker.on('message', (answer: Answer) => this.answer(answer));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) =>
      this.fail(worker, new Error(`the SQLite writer thread ended (${code})`)),
    );
    this.worker = worker;
    return worker;
  }

  private answer({ id, result, error }: Answer): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    if (!error) return waiting.resolve(result);
    const driverError = Object.assign(new Error(error.message), { code: error.code });
    waiting.reject(new QueryFailedError(waiting.sql, waiting.parameters, driverError));
  }

  private fail(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = null;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
