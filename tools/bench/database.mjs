import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { onCleanup } from './cleanup.mjs';

/** @typedef {'sqlite' | 'postgres'} DatabaseKind */
/** @typedef {{ kind: DatabaseKind, label: string, url: string, drop: () => Promise<void> }} BenchDatabase */

const PG_ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

/** @param {(client: pg.Client) => Promise<void>} work */
async function asPostgresAdmin(work) {
  const client = new pg.Client(PG_ADMIN);
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database; `drop` removes it (and is also registered as a cleanup).
 * @param {DatabaseKind} kind
 * @returns {Promise<BenchDatabase>}
 */
export async function createDatabase(kind) {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-'));
    const drop = onCleanup(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
    return { kind, label: 'SQLite', url: `sqlite:${join(dir, 'vigil.sqlite')}`, drop };
  }
  const name = `vigil_bench_${randomBytes(4).toString('hex')}`;
  await asPostgresAdmin((client) => client.query(`CREATE DATABASE ${name}`).then(() => undefined));
  const drop = onCleanup(`drop database ${name}`, () =>
    asPostgresAdmin((client) =>
      client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined),
    ),
  );
  return { kind, label: 'PostgreSQL', url: `postgres://postgres@127.0.0.1:5432/${name}`, drop };
}
