// `npm run bench`: the built server, as a real process, on SQLite and on PostgreSQL, under a ward
// of bedside monitors at 1 Hz. A benchmark, never a test: it reports, it does not judge the build.
// Environment: BENCH_BEDS ("100,1000"), BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (5),
// BENCH_DATABASES ("sqlite,postgres"), BENCH_DASHBOARDS (2), BENCH_WARD_SIZE (24),
// BENCH_SETUP_CONCURRENCY (20), BENCH_FANOUT_INSTANCES ("1,2"), BENCH_FANOUT_CLIENTS (100),
// BENCH_FANOUT_BEDS (100), BENCH_REDIS_URL (redis://127.0.0.1:6379),
// BENCH_PROFILE_DIR (unset; when set, the server runs under --cpu-prof and writes its profile there).
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installSignalHandlers, runCleanups } from './cleanup.mjs';
import { backgroundBusyPct, describeMachine } from './machine.mjs';
import { renderDocument } from './document.mjs';
import { budgetVerdict } from './report.mjs';
import { runFanout } from './run-fanout.mjs';
import { runOne } from './run-one.mjs';

/** @param {number | null | undefined} value @param {number} [digits] */
const fmt = (value, digits = 0) =>
  value === null || value === undefined ? '-' : value.toFixed(digits);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {string} name @param {string} fallback */
const list = (name, fallback) =>
  (process.env[name] || fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
/** @param {string} name @param {number} fallback */
const positive = (name, fallback) => {
  const value = Number(process.env[name] || fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const config = {
  beds: list('BENCH_BEDS', '100,1000').map((value) => {
    const beds = Number(value);
    if (!Number.isInteger(beds) || beds < 1)
      throw new Error(`BENCH_BEDS: ${value} is not a bed count`);
    return beds;
  }),
  measureS: positive('BENCH_SECONDS', 30),
  warmupS: positive('BENCH_WARMUP_SECONDS', 5),
  databases: /** @type {Array<'sqlite' | 'postgres'>} */ (
    list('BENCH_DATABASES', 'sqlite,postgres').map((value) => {
      if (value !== 'sqlite' && value !== 'postgres')
        throw new Error(`BENCH_DATABASES: unknown ${value}`);
      return value;
    })
  ),
  dashboards: positive('BENCH_DASHBOARDS', 2),
  wardSize: positive('BENCH_WARD_SIZE', 24),
  setupConcurrency: positive('BENCH_SETUP_CONCURRENCY', 20),
  /** Fan-out runs: instance counts (PostgreSQL + Redis), clients spread over them, beds. */
  fanoutInstances: list('BENCH_FANOUT_INSTANCES', '1,2')
    .map(Number)
    .filter((count) => count > 0),
  fanoutClients: positive('BENCH_FANOUT_CLIENTS', 100),
  fanoutBeds: positive('BENCH_FANOUT_BEDS', 100),
  redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  /** A diagnosis aid, not for the published figures: the server runs under --cpu-prof. */
  profileDir: process.env.BENCH_PROFILE_DIR ? resolve(process.env.BENCH_PROFILE_DIR) : undefined,
};

async function main() {
  if (!existsSync(join(repoRoot, 'dist/server/apps/server/src/main.js'))) {
    throw new Error('dist/server is missing: run `npm run build` first (npm run bench does)');
  }
  installSignalHandlers();
  const started = Date.now();
  const machine = await describeMachine();
  console.log(`Vigil benchmark: ${machine.summary}`);
  const backgroundPct = await backgroundBusyPct();
  console.log(`machine ${backgroundPct.toFixed(0)} % busy before the benchmark starts`);
  if (backgroundPct > 15)
    console.warn('warning: something else is using the CPU; the figures will suffer');
  console.log(
    `beds ${config.beds.join(', ')}; ${config.warmupS} s warm-up + ${config.measureS} s measured; ` +
      `a ward screen per ${config.wardSize} beds and ${config.dashboards} whole-ward dashboards; ` +
      `databases ${config.databases.join(', ')}\n`,
  );
  /** @type {Array<import('./run-one.mjs').RunResult | { database: string, beds: number, failed: string }>} */
  const runs = [];
  /** @type {Array<import('./run-fanout.mjs').FanoutResult | { instances: number, failed: string }>} */
  const fanout = [];
  try {
    for (const database of config.databases) {
      for (const beds of config.beds) {
        console.log(`${database}, ${beds} beds`);
        try {
          const run = await runOne({ ...config, repoRoot, database, beds });
          runs.push(run);
          const verdict = budgetVerdict(run);
          console.log(
            `  accepted ${fmt(run.load.samplesPerSecond)} samples/s; POST p99 ${fmt(run.load.post.p99, 1)} ms; ` +
              `alert p99 ${fmt(run.load.alert.p99, 1)} ms (${run.load.alert.count}/${run.load.alertsProbed}); ` +
              `peak RSS ${fmt(run.rss.peakMb)} MB; server CPU ${fmt(run.cpu?.serverPct)} %` +
              (verdict.met ? '' : `; ${verdict.reasons.join('; ')}`),
          );
          console.log(
            `  server RSS every 5 s (MB): ${run.rss.timelineMb.join(' ')}; JS heap used ` +
              `${run.rss.heapUsedMb.map((mb) => fmt(mb)).join(' → ')} MB, external ` +
              `${run.rss.externalMb.map((mb) => fmt(mb)).join(' → ')} MB over the window`,
          );
          if (config.profileDir)
            console.log(
              `  profile: node tools/bench/profile-summary.mjs ${config.profileDir}/CPU.*.${run.server.pid}.*.cpuprofile ${run.server.windowUs.join(' ')}`,
            );
          if (run.server.logLines > 0)
            console.log(
              `  server logged ${run.server.logLines} warn/error lines; last:\n    ${run.server.lastLog.join('\n    ')}`,
            );
          console.log('');
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.error(`  failed: ${message}\n`);
          runs.push({
            database: database === 'sqlite' ? 'SQLite' : 'PostgreSQL',
            beds,
            failed: message.split('\n')[0] ?? message,
          });
        }
      }
    }
    for (const instances of config.fanoutInstances) {
      console.log(
        `fan-out: ${instances} instance(s), ${config.fanoutClients} clients, ${config.fanoutBeds} beds`,
      );
      try {
        const run = await runFanout({
          repoRoot,
          instances,
          clients: config.fanoutClients,
          beds: config.fanoutBeds,
          warmupS: config.warmupS,
          measureS: config.measureS,
          setupConcurrency: config.setupConcurrency,
          redisUrl: config.redisUrl,
        });
        fanout.push(run);
        console.log(
          `  alert at every client p99 ${fmt(run.delivery.p99, 1)} ms ` +
            `(${run.delivery.count}/${run.expectedDeliveries}); ` +
            `${fmt(run.vitalsPerSecond)} vitals messages/s delivered\n`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.error(`  failed: ${message}\n`);
        fanout.push({ instances, failed: message.split('\n')[0] ?? message });
      }
    }
  } finally {
    await runCleanups();
  }
  const document = renderDocument({
    machine,
    config,
    runs,
    fanout,
    backgroundPct,
    elapsedS: (Date.now() - started) / 1000,
  });
  console.log(`\n${document}`);
  await writeFile(join(repoRoot, 'docs/benchmarks.md'), document);
  console.log(
    `written to docs/benchmarks.md (${((Date.now() - started) / 1000).toFixed(0)} s in all)`,
  );
  if ([...runs, ...fanout].some((run) => 'failed' in run)) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await runCleanups();
  process.exit(1);
});
