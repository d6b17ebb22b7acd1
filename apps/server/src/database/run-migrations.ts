import type { DataSource } from 'typeorm';

/** Any fixed number: every Vigil instance takes the same PostgreSQL advisory lock. */
const MIGRATION_LOCK_KEY = 704_211_903;

/**
 * Replicas start together; without a lock two of them would race to create the same tables.
 * SQLite needs none: a single file is owned by one process.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lockHolder
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await lockHolder.release();
  }
}
