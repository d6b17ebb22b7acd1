import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import type { DatabaseConfig } from '../src/config/app-config';
import { UnitOfWork } from '../src/database/unit-of-work';

/**
 * Holds every commit of readings until the returned function is first called: on PostgreSQL a
 * lock on their table, which other writes do not need; on SQLite the writer's turn, which every
 * write waits for.
 */
export async function holdReadingsCommits(
  app: INestApplication,
  config: DatabaseConfig,
): Promise<() => Promise<void>> {
  if (config.type === 'postgres') {
    const client = new Client({ connectionString: config.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('LOCK TABLE vital_sample IN SHARE MODE');
    let released: Promise<void> | null = null;
    return () => (released ??= client.query('COMMIT').then(() => client.end()));
  }
  let open = () => {};
  const held = new Promise<void>((resolve) => (open = resolve));
  let taken = () => {};
  const turnTaken = new Promise<void>((resolve) => (taken = resolve));
  const turn = app.get(UnitOfWork).run(async () => {
    taken();
    await held;
  });
  await turnTaken;
  return async () => {
    open();
    await turn;
  };
}
