import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../src/config/app-config';
import { POSTGRES_ADMIN_URL, serviceAvailable } from './services';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database for one test file. */
  create(): Promise<DatabaseConfig>;
  drop(): Promise<void>;
}

function sqliteDatabase(): TestDatabase {
  let dir: string | null = null;
  return {
    name: 'sqlite',
    create() {
      dir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
      return Promise.resolve({ type: 'sqlite', path: join(dir, 'vigil.sqlite') });
    },
    drop() {
      if (dir) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(): Promise<{ url: string; name: string }> {
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

function postgresDatabase(): TestDatabase {
  let name: string | null = null;
  return {
    name: 'postgres',
    async create() {
      const created = await createPostgresDatabase();
      name = created.name;
      return { type: 'postgres', url: created.url };
    },
    async drop() {
      if (name) await dropPostgresDatabase(name);
    },
  };
}

/** SQLite always; PostgreSQL when it answers (and always in CI, where it is required). */
export function testDatabases(): [TestDatabase, ...TestDatabase[]] {
  return serviceAvailable('postgres') ? [sqliteDatabase(), postgresDatabase()] : [sqliteDatabase()];
}
