import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Every multi-statement write goes through here. PostgreSQL gives each transaction its own pooled
 * connection; SQLite has one connection, on which two interleaved transactions fail ("cannot start
 * a transaction within a transaction"), so there they take turns.
 */
@Injectable()
export class UnitOfWork {
  private readonly sqliteWriter: Mutex | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sqliteWriter = dataSource.options.type === 'postgres' ? null : new Mutex();
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.sqliteWriter) return this.dataSource.transaction(work);
    return this.sqliteWriter.runExclusive(() => this.dataSource.transaction(work));
  }

  /**
   * A transaction that no other instance runs at the same time under the same key (a
   * transaction-scoped PostgreSQL advisory lock); on SQLite every write is exclusive already.
   */
  runExclusive<T>(lockKey: number, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run(async (manager) => {
      if (!this.sqliteWriter) await manager.query('SELECT pg_advisory_xact_lock($1)', [lockKey]);
      return work(manager);
    });
  }
}
