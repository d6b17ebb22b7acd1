#!/usr/bin/env node
'use strict';
/**
 * `npm run backup`: an online backup of Vigil's SQLite database to a timestamped file, taken with
 * SQLite's backup API while the server keeps running and writing (every page is copied from one
 * consistent state; a commit made meanwhile restarts the copy rather than tearing it).
 *
 * DATABASE_URL as the server reads it (unset: ./data/vigil.sqlite; sqlite:<path>); BACKUP_DIR
 * (default ./backups). PostgreSQL is backed up with pg_dump: see docs/deployment.md.
 */
const Database = require('better-sqlite3');
const { mkdirSync } = require('node:fs');
const { join, resolve } = require('node:path');

/**
 * `vigil-2026-11-25T13-05-00-000Z.sqlite`: sorts in time order, valid on every file system.
 * @param {number} now
 */
function backupFileName(now) {
  return `vigil-${new Date(now).toISOString().replace(/[:.]/g, '-')}.sqlite`;
}

/**
 * Copies the database at `databasePath` into `outDir`; resolves with the new file's path once
 * the copy is complete and checked (`PRAGMA integrity_check`).
 * @param {{ databasePath: string, outDir: string, now?: number }} options
 * @returns {Promise<string>}
 */
async function backupSqlite({ databasePath, outDir, now = Date.now() }) {
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, backupFileName(now));
  const source = new Database(databasePath, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(target);
  } finally {
    source.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    // SQLite answers the pragma with one row per problem found, or a single row reading "ok".
    const [check] = /** @type {Array<{ integrity_check: string }>} */ (
      copy.pragma('integrity_check')
    );
    if (check?.integrity_check !== 'ok') {
      throw new Error(`backup ${target} failed its integrity check: ${JSON.stringify(check)}`);
    }
  } finally {
    copy.close();
  }
  return target;
}

/** @param {string | undefined} databaseUrl */
function sqlitePathFrom(databaseUrl) {
  if (!databaseUrl) return resolve('./data/vigil.sqlite');
  if (databaseUrl.startsWith('sqlite:')) return resolve(databaseUrl.slice('sqlite:'.length));
  return null;
}

async function main() {
  const databasePath = sqlitePathFrom(process.env.DATABASE_URL?.trim());
  if (!databasePath) {
    process.stderr.write(
      'DATABASE_URL names PostgreSQL: back it up with pg_dump (docs/deployment.md, Backups).\n',
    );
    process.exit(2);
  }
  const outDir = resolve(process.env.BACKUP_DIR?.trim() || './backups');
  const target = await backupSqlite({ databasePath, outDir });
  process.stdout.write(`${target}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`backup failed: ${error.stack ?? String(error)}\n`);
    process.exit(1);
  });
}

module.exports = { backupSqlite, backupFileName };
