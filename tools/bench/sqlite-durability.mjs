// What `synchronous=FULL` costs a commit, against the `NORMAL` it replaced: the same group commit
// (one transaction of a group of readings) timed in each mode on a temporary SQLite file in WAL
// mode, on this machine's disk. `npm run bench:durability`; BENCH_COMMITS, BENCH_ROWS vary it.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const COMMITS = Number(process.env.BENCH_COMMITS ?? 2_000);
const ROWS_PER_COMMIT = Number(process.env.BENCH_ROWS ?? 10);

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** @param {'NORMAL' | 'FULL'} mode */
function measure(mode) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-durability-'));
  const db = new Database(join(dir, 'bench.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${mode}`);
    db.exec(
      'CREATE TABLE vital_sample (session_id TEXT, source TEXT, dedupe_key TEXT, at TEXT, spo2 REAL, heart_rate REAL, PRIMARY KEY (session_id, source, dedupe_key, at))',
    );
    const insert = db.prepare('INSERT INTO vital_sample VALUES (?, ?, ?, ?, ?, ?)');
    const group = db.transaction((/** @type {number} */ commit) => {
      for (let row = 0; row < ROWS_PER_COMMIT; row += 1) {
        insert.run(`session-${row}`, 'monitor', `seq:${commit}`, new Date().toISOString(), 97, 72);
      }
    });
    /** @type {number[]} */
    const latencies = [];
    const started = performance.now();
    for (let commit = 0; commit < COMMITS; commit += 1) {
      const before = performance.now();
      group(commit);
      latencies.push(performance.now() - before);
    }
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      mode,
      commitsPerSecond: Math.round(COMMITS / seconds),
      p50Ms: quantile(latencies, 0.5).toFixed(3),
      p99Ms: quantile(latencies, 0.99).toFixed(3),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [measure('NORMAL'), measure('FULL')];
console.log(`${COMMITS} commits of ${ROWS_PER_COMMIT} readings each, WAL mode, ${tmpdir()}`);
console.table(results);
