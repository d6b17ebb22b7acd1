import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';
import { type SqlRunner, SqliteThread } from './sqlite-thread';
import { type TurnPriority, WriterTurns } from './writer-turns';

export interface OffTheEventLoop {
  /** Whose turn comes first on SQLite's one writer: an alarm's write before routine ones. */
  priority?: TurnPriority;
  /** Once committed: how long it waited to start (its turn, on SQLite) and its transaction took. */
  timed?: (turnMs: number, transactionMs: number) => void;
}

/**
 * Every multi-statement write goes through here. PostgreSQL gives each transaction its own pooled
 * connection; SQLite has one connection, on which two interleaved transactions fail ("cannot start
 * a transaction within a transaction"), so there they take turns; on a SQLite file the server's
 * connection's other writes take the same turn (`WriterTurns`), and so does the readings' thread.
 */
@Injectable()
export class UnitOfWork implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly writerTurns: WriterTurns | null;
  private readonly writerThread: SqliteThread | null;
  /** Reads that are not the event loop's to wait for; WAL lets them go on while others write. */
  private readonly readerThread: SqliteThread | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const { options } = dataSource;
    this.writerTurns = options.type === 'postgres' ? null : new WriterTurns(new Mutex());
    // A database in memory is one connection's alone: its statements stay on the event loop.
    const file =
      options.type === 'better-sqlite3' && options.database !== ':memory:'
        ? options.database
        : null;
    this.writerThread = file ? new SqliteThread(file) : null;
    this.readerThread = file ? new SqliteThread(file) : null;
    if (file) this.writerTurns?.guard(dataSource);
  }

  /**
   * A read of what is committed, off the event loop where it can be: on a SQLite file, on a thread
   * of its own (taking no turn with the writers); elsewhere as a plain query. For a read that comes
   * back every second and grows with the ward: the alarm sweep's live sessions.
   */
  readOffTheEventLoop<T>(sql: string, parameters?: unknown[]): Promise<T> {
    if (!this.readerThread) return this.dataSource.query<T>(sql, parameters);
    return this.readerThread.read<T>(sql, parameters);
  }

  run<T>(
    work: (manager: EntityManager) => Promise<T>,
    priority: TurnPriority = 'routine',
  ): Promise<T> {
    if (!this.writerTurns) return this.dataSource.transaction(work);
    return this.writerTurns.runInTurn(() => this.dataSource.transaction(work), priority);
  }

  /**
   * A transaction whose statements are not the event loop's to wait for: on a SQLite file they run
   * on the writer thread (still taking turns with every other transaction, an alarm's first),
   * elsewhere as `run`. For the write that happens every second for every chair, the readings'
   * group commit, and for the alarms' writes, whose commits must not hold every reading up.
   */
  async runOffTheEventLoop<T>(
    work: (runner: SqlRunner) => Promise<T>,
    { priority = 'routine', timed }: OffTheEventLoop = {},
  ): Promise<T> {
    const { writerTurns, writerThread } = this;
    const askedAt = performance.now();
    let runsAt = askedAt;
    const started = (runner: SqlRunner) => {
      runsAt = performance.now();
      return work(runner);
    };
    const result =
      writerTurns && writerThread
        ? await writerTurns.runInTurn(() => writerThread.transaction(started), priority)
        : await this.run(started, priority);
    timed?.(runsAt - askedAt, performance.now() - runsAt);
    return result;
  }

  /**
   * A transaction that no other instance runs at the same time under the same key (a
   * transaction-scoped PostgreSQL advisory lock); on SQLite every write is exclusive already.
   */
  runExclusive<T>(lockKey: number, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run(async (manager) => {
      if (!this.writerTurns) await manager.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
      return work(manager);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.writerThread?.open();
    await this.readerThread?.open();
  }

  /**
   * After the readings' group commit has drained (beforeApplicationShutdown); a transaction still
   * waiting for its turn has it first.
   */
  async onApplicationShutdown(): Promise<void> {
    const { writerTurns, writerThread } = this;
    await this.readerThread?.close();
    if (writerTurns && writerThread) await writerTurns.runInTurn(() => writerThread.close());
  }
}
