import { AsyncLocalStorage } from 'node:async_hooks';
import { type Mutex, type MutexInterface, withTimeout } from 'async-mutex';
import type { DataSource, QueryRunner } from 'typeorm';

/** Set while a caller holds the SQLite writer's turn: its statements must not ask for it again. */
const inTurn = new AsyncLocalStorage<true>();

/**
 * How long a write outside a turn waits for one. Turns last milliseconds, seconds when a server
 * far past its capacity commits thousands of readings at once; a write still waiting after this is
 * caught in a cycle (it was made for a caller that holds the turn, outside its async context), and
 * failing it says so where waiting for ever would not.
 */
const OUTSIDE_TURN_WAIT_MS = 30_000;

/**
 * An alarm's write (its raise, acknowledgement, escalation) waits for the turn ahead of routine
 * ones, the readings' next group commit among them (hazard H-F26): a group holds the turn for
 * tens of milliseconds at thousands of chairs, and the alarm is published only once committed.
 */
export type TurnPriority = 'alarm' | 'routine';
const TURN_PRIORITY: Record<TurnPriority, number> = { alarm: 1, routine: 0 };

/** A statement that changes nothing and takes no lock a writer waits for. */
const READ_ONLY = /^\s*select\b/i;

/**
 * Writes on a SQLite file take turns (one mutex) between the server's connection and the writer
 * thread's. A statement of the server's connection that meets the writer thread's open transaction
 * waits for it in SQLite's busy handler, which sleeps the event loop; that transaction's next
 * statement is sent from the same event loop, so both wait until the busy timeout fails the
 * server's statement (seen: a login answered 500 while the demo's readings were committing).
 * So every write of the server's connection takes the turn: a caller's own transaction through
 * `runInTurn`; any other statement or transaction (a repository's, a plain query) here.
 */
export class WriterTurns {
  private readonly outsideTurn: MutexInterface;

  constructor(
    private readonly turn: Mutex,
    waitMs = OUTSIDE_TURN_WAIT_MS,
  ) {
    this.outsideTurn = withTimeout(
      turn,
      waitMs,
      new Error(`a write waited over ${waitMs / 1000} s for the SQLite writer's turn`),
    );
  }

  /**
   * Runs work holding the turn; the statements it makes are not made to wait for it again. Of the
   * writes waiting, an alarm's has the next turn, then the rest in the order they asked.
   */
  runInTurn<T>(work: () => Promise<T>, priority: TurnPriority = 'routine'): Promise<T> {
    return this.turn.runExclusive(() => inTurn.run(true, work), TURN_PRIORITY[priority]);
  }

  /** Makes the data source's one SQLite connection take the turn for every write outside one. */
  guard(dataSource: DataSource): void {
    const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
    const query = runner.query.bind(runner);
    const startTransaction = runner.startTransaction.bind(runner);
    const commitTransaction = runner.commitTransaction.bind(runner);
    const rollbackTransaction = runner.rollbackTransaction.bind(runner);
    let release: (() => void) | null = null;
    const releaseIfEnded = () => {
      if (runner.isTransactionActive || !release) return;
      release();
      release = null;
    };
    runner.startTransaction = async (isolationLevel) => {
      if (!runner.isTransactionActive && !inTurn.getStore())
        release = await this.outsideTurn.acquire();
      try {
        await startTransaction(isolationLevel);
      } catch (error) {
        releaseIfEnded();
        throw error;
      }
    };
    runner.commitTransaction = async () => {
      try {
        await commitTransaction();
      } finally {
        releaseIfEnded();
      }
    };
    runner.rollbackTransaction = async () => {
      try {
        await rollbackTransaction();
      } finally {
        releaseIfEnded();
      }
    };
    runner.query = ((sql: string, parameters?: unknown[], structured?: boolean) => {
      if (inTurn.getStore() || runner.isTransactionActive || READ_ONLY.test(sql)) {
        return query(sql, parameters, structured as true);
      }
      return this.outsideTurn.runExclusive(() => query(sql, parameters, structured as true));
    }) as QueryRunner['query'];
  }
}
