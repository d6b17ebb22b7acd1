import { availableParallelism, cpus, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import pg from 'pg';
import { probeCpu } from './cpu-probe.mjs';

// Not named `require`: checked JavaScript would take the call for an import and check nothing.
const requireCommonJs = createRequire(import.meta.url);

/** What the numbers were measured on. */
export async function describeMachine() {
  const cores = availableParallelism();
  let postgres = 'unknown';
  try {
    const client = new pg.Client({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    });
    await client.connect();
    postgres = (await client.query('SHOW server_version')).rows[0].server_version;
    await client.end();
  } catch {
    // reported as unknown
  }
  let sqlite = 'unknown';
  try {
    const Database = requireCommonJs('better-sqlite3');
    const db = new Database(':memory:');
    sqlite = /** @type {{ v: string }} */ (db.prepare('select sqlite_version() as v').get()).v;
    db.close();
  } catch {
    // reported as unknown
  }
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memoryGb = totalmem() / 2 ** 30;
  const probeMs = probeCpu().ms;
  return {
    cores,
    cpu,
    memoryGb,
    node: process.version,
    postgres,
    sqlite,
    probeMs,
    summary: `nproc ${cores} (${cpu}), ${memoryGb.toFixed(1)} GB RAM, Node ${process.version}, PostgreSQL ${postgres}, SQLite ${sqlite}; CPU probe ${probeMs.toFixed(0)} ms`,
  };
}

/** How busy the machine is before we add anything: % of all cores, over `ms`. */
export async function backgroundBusyPct(ms = 2_000) {
  const { machineCpuSeconds } = await import('./proc-stats.mjs');
  const before = machineCpuSeconds();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineCpuSeconds();
  return (100 * (after.busy - before.busy)) / (after.total - before.total);
}

/**
 * Other jobs on a shared machine spoil the figures: wait (up to `maxMs`) until it is quiet.
 * @returns {Promise<number>} the busy share (% of all cores) it settled at
 */
export async function waitForQuiet(maxMs = 30_000, quietPct = 15) {
  const deadline = Date.now() + maxMs;
  let busy = await backgroundBusyPct(1_000);
  if (busy <= quietPct) return busy;
  console.log(
    `  machine ${busy.toFixed(0)} % busy with other work: waiting up to ${maxMs / 1000} s for it to settle`,
  );
  while (busy > quietPct && Date.now() < deadline) busy = await backgroundBusyPct(1_000);
  if (busy > quietPct)
    console.warn(`  still ${busy.toFixed(0)} % busy: going ahead, the figures will suffer`);
  return busy;
}

/**
 * Before a run: a quiet machine, then its speed now (on a shared host it changes from one run to
 * the next, and the probe says by how much).
 */
export async function readyToMeasure() {
  const quietPct = await waitForQuiet();
  return { quietPct, probeMs: probeCpu().ms };
}
