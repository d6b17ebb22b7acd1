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

/**
 * What the server's PostgreSQL connections are doing, sampled every second: how many run a
 * statement, wait for a lock (and which), or sit idle inside a transaction.
 * @param {string} url the benchmark database
 */
export function postgresActivitySampler(url) {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client(PG_ADMIN);
  /** @type {Record<string, number>} */
  const totals = {};
  let samples = 0;
  let timer = /** @type {NodeJS.Timeout | null} */ (null);
  const sample = async () => {
    const { rows } = await client.query(
      `SELECT state, wait_event_type, wait_event, count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1, 2, 3`,
      [name],
    );
    samples += 1;
    for (const row of rows) {
      const key =
        row.state === 'active'
          ? row.wait_event_type
            ? `waiting on ${row.wait_event_type}:${row.wait_event}`
            : 'running'
          : (row.state ?? 'unknown');
      totals[key] = (totals[key] ?? 0) + row.n;
    }
  };
  /** @type {Promise<void> | null} */
  let started = null;
  return {
    start() {
      started = client.connect().then(() => {
        timer = setInterval(() => void sample().catch(() => undefined), 1_000);
      });
      return started;
    },
    /** @returns {Promise<Record<string, number>>} mean connections in each state */
    async stop() {
      await started?.catch(() => undefined);
      if (timer) clearInterval(timer);
      await client.end().catch(() => undefined);
      return Object.fromEntries(
        Object.entries(totals).map(([key, total]) => [key, total / Math.max(1, samples)]),
      );
    },
  };
}
