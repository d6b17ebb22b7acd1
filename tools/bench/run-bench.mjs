// `npm run bench`: the bare Socket.IO relay, then the built server as a real process on SQLite and
// on PostgreSQL, each under the same ward of bedside monitors at 1 Hz and the same screens. A
// benchmark, never a test: it reports, it does not judge the build.
// Environment: BENCH_BEDS ("100,1000"), BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (5),
// BENCH_DATABASES ("sqlite,postgres"), BENCH_SCREENS ("2"; BENCH_DASHBOARDS, its old name, too),
// BENCH_RELAY (1; 0 skips the relay), BENCH_WARD_SIZE (24), BENCH_SETUP_CONCURRENCY (20),
// BENCH_FANOUT_INSTANCES ("1,2"), BENCH_FANOUT_CLIENTS (100), BENCH_FANOUT_BEDS ("100"; a list,
// e.g. "100,10000"), BENCH_FANOUT_CONNECTIONS (unset: one per bed, as far as open files allow),
// BENCH_REDIS_URL (redis://127.0.0.1:6379), BENCH_OUTPUT (docs/benchmarks.md),
// BENCH_PROFILE_DIR (unset; when set, the server runs under --cpu-prof and writes its profile there),
// BENCH_ALERT_EVERY_MS (150: how often a chair sends a desaturation probe), BENCH_TRANSPORT (http;
// socket: each reading a `vitals` event on the bed's /devices socket, and no relay).
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installSignalHandlers, runCleanups } from './cleanup.mjs';
import { backgroundBusyPct, describeMachine } from './machine.mjs';
import { probeCpu } from './cpu-probe.mjs';
import { keptSections, renderDocument } from './document.mjs';
import {
  budgetVerdict,
  cpuUsPerSample,
  fanoutCpuUsPerSample,
  fanoutVerdict,
  limitsOf,
  rssPerChairKb,
} from './report.mjs';
import { runFanout } from './run-fanout.mjs';
import { runOne } from './run-one.mjs';
import { runRelay } from './run-relay.mjs';
import { TRANSPORT } from './drive.mjs';

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

/** @param {string} name @param {string} fallback */
const counts = (name, fallback) =>
  list(name, fallback).map((value) => {
    const count = Number(value);
    if (!Number.isInteger(count) || count < 1) throw new Error(`${name}: ${value} is not a count`);
    return count;
  });

/** The relay answers POSTs only: with readings over the devices socket there is no baseline. */
function relayTakesTheTransport() {
  if (TRANSPORT === 'http') return true;
  console.warn('BENCH_TRANSPORT=socket: the bare relay has no /devices namespace; it is skipped');
  return false;
}

const config = {
  beds: counts('BENCH_BEDS', '100,1000'),
  measureS: positive('BENCH_SECONDS', 30),
  warmupS: positive('BENCH_WARMUP_SECONDS', 5),
  databases: /** @type {Array<'sqlite' | 'postgres'>} */ (
    list('BENCH_DATABASES', 'sqlite,postgres').map((value) => {
      if (value !== 'sqlite' && value !== 'postgres')
        throw new Error(`BENCH_DATABASES: unknown ${value}`);
      return value;
    })
  ),
  /** Whole-ward screens, one set of runs each (BENCH_DASHBOARDS: the name it had before). */
  screens: process.env['BENCH_SCREENS']
    ? counts('BENCH_SCREENS', '2')
    : counts('BENCH_DASHBOARDS', '2'),
  /** The bare relay runs first at each ward size, as the baseline Vigil is compared with. */
  relay: process.env['BENCH_RELAY'] !== '0' && relayTakesTheTransport(),
  wardSize: positive('BENCH_WARD_SIZE', 24),
  setupConcurrency: positive('BENCH_SETUP_CONCURRENCY', 20),
  /** Fan-out runs: instance counts (PostgreSQL + Redis) behind the proxy, clients, ward sizes. */
  fanoutInstances: list('BENCH_FANOUT_INSTANCES', '1,2')
    .map(Number)
    .filter((count) => count > 0),
  fanoutClients: positive('BENCH_FANOUT_CLIENTS', 100),
  fanoutBeds: counts('BENCH_FANOUT_BEDS', '100'),
  /** The beds' connections through the proxy; unset, one a bed as far as open files allow. */
  fanoutConnections: process.env['BENCH_FANOUT_CONNECTIONS']
    ? positive('BENCH_FANOUT_CONNECTIONS', 1)
    : undefined,
  redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  /** A diagnosis aid, not for the published figures: the server runs under --cpu-prof. */
  profileDir: process.env.BENCH_PROFILE_DIR ? resolve(process.env.BENCH_PROFILE_DIR) : undefined,
  /** Where the report is written; anywhere but docs/ for a trial run. */
  output: resolve(repoRoot, process.env['BENCH_OUTPUT'] || 'docs/benchmarks.md'),
};

/** @typedef {import('./run-one.mjs').RunResult} RunResult */
/** @typedef {'relay' | 'sqlite' | 'postgres'} Target */
/** @type {Record<Target, string>} */
const LABELS = { relay: 'Bare relay', sqlite: 'Vigil, SQLite', postgres: 'Vigil, PostgreSQL' };

/**
 * One line of what a run measured, with its ratio to the relay run of the same size if any.
 * @param {RunResult} run @param {RunResult | undefined} relay
 */
function printRun(run, relay) {
  const verdict = budgetVerdict(run);
  const { causes } = limitsOf(run);
  const perSample = cpuUsPerSample(run);
  const relayPerSample = relay ? cpuUsPerSample(relay) : null;
  console.log(
    `  accepted ${fmt(run.load.samplesPerSecond)} of ${fmt(run.load.offeredSamplesPerSecond)} samples/s; ` +
      `POST p99 ${fmt(run.load.post.p99, 1)} ms; ` +
      `alert p99 ${fmt(run.load.alert.p99, 1)} ms (${run.load.alert.count}/${run.load.alertsProbed}); ` +
      `peak RSS ${fmt(run.rss.peakMb)} MB (${fmt(rssPerChairKb(run))} kB a chair); ` +
      `${run.target === 'relay' ? 'relay' : 'server'} CPU ${fmt(run.cpu?.serverPct)} % of a core ` +
      `(event-loop thread ${fmt(run.cpu?.serverMainThreadPct)} %), ${fmt(perSample)} µs a sample; ` +
      `generator late p99 ${fmt(run.load.lateness.p99, 1)} ms; CPU probe ${fmt(run.probeMs)} ms before it` +
      (run.commits
        ? `; ${fmt(run.commits.perSecond)} group commits/s of ${fmt(run.commits.batchesEach, 1)} batches` +
          ` (each ${fmt(run.commits.turnMs, 1)} ms waiting for its turn, ${fmt(run.commits.transactionMs, 1)} ms` +
          ` its transaction; ${fmt(run.commits.queuedAtEnd)} batches queued at the end)`
        : '') +
      (run.raises
        ? `; ${fmt(run.raises.count)} alarm raises (each ${fmt(run.raises.turnMs, 1)} ms waiting for its turn,` +
          ` ${fmt(run.raises.transactionMs, 1)} ms its transaction, p99 up to ${fmt(run.raises.transactionP99UpToMs)} ms)`
        : '') +
      (run.target === 'relay' || verdict.met ? '' : `; ${verdict.reasons.join('; ')}`) +
      (causes.length ? `; at its limit: ${causes.join(', ')}` : ''),
  );
  if (relay && relay !== run && perSample !== null && relayPerSample)
    console.log(
      `  against the relay: ${fmt(run.load.samplesPerSecond / relay.load.samplesPerSecond, 2)}x the samples, ` +
        `${fmt(perSample / relayPerSample, 1)}x the CPU a sample` +
        (run.load.alert.p99 !== null && relay.load.alert.p99
          ? `, ${fmt(run.load.alert.p99 / relay.load.alert.p99, 1)}x the alert p99`
          : ''),
    );
  console.log(
    `  RSS every 5 s (MB): ${run.rss.timelineMb.join(' ')}; JS heap used ` +
      `${run.rss.heapUsedMb.map((mb) => fmt(mb)).join(' → ')} MB, external ` +
      `${run.rss.externalMb.map((mb) => fmt(mb)).join(' → ')} MB over the window`,
  );
  if (config.profileDir && run.target !== 'relay')
    console.log(
      // The main thread's profile (thread 0); the SQLite threads' are beside it, as CPU.*.<pid>.<n>.*.
      `  profile: node tools/bench/profile-summary.mjs ${config.profileDir}/CPU.*.${run.server.pid}.0.*.cpuprofile ${run.server.windowUs.join(' ')}`,
    );
  if (run.server.logLines > 0)
    console.log(
      `  ${run.target === 'relay' ? 'relay printed' : 'server logged'} ${run.server.logLines} lines; last:\n    ${run.server.lastLog.join('\n    ')}`,
    );
}

/** One fan-out run: the load, every client's alert, each instance and the shared parts. */
/** @param {import('./run-fanout.mjs').FanoutResult} run */
function printFanout(run) {
  const each = (/** @type {Array<number | null>} */ values) =>
    values.map((value) => fmt(value)).join(' / ');
  console.log(
    `  accepted ${fmt(run.samplesPerSecond)} of ${fmt(run.offeredSamplesPerSecond)} samples/s on ` +
      `${run.connections} connections; POST p50/p99/max ${fmt(run.post.p50, 1)} / ${fmt(run.post.p99, 1)} / ${fmt(run.post.max, 1)} ms; ` +
      `alert at every client p50/p99/max ${fmt(run.delivery.p50, 1)} / ${fmt(run.delivery.p99, 1)} / ${fmt(run.delivery.max, 1)} ms ` +
      `(${run.delivery.count}/${run.expectedDeliveries}); ${fmt(run.vitalsPerSecond)} vitals messages/s delivered`,
  );
  console.log(
    `  instances CPU ${each(run.perInstance.map((instance) => instance.cpuPct))} % of a core ` +
      `(${fmt(fanoutCpuUsPerSample(run))} µs a sample together), peak RSS ` +
      `${each(run.perInstance.map((instance) => instance.peakRssMb))} MB, event-loop delay p99 ` +
      `${each(run.perInstance.map((instance) => instance.lagP99Ms))} ms, bed connections ` +
      `${each(run.perInstance.map((instance) => instance.bedConnections))}; PostgreSQL ` +
      `${fmt(run.cpu?.postgresPct)} %, Redis ${fmt(run.cpu?.redisPct)} %, proxy ${fmt(run.cpu?.proxyPct)} % ` +
      `(peak RSS ${fmt(run.proxy.peakRssMb)} MB), generator ${fmt(run.cpu?.generatorPct)} % ` +
      `(late p99 ${fmt(run.load.lateness.p99, 1)} ms), machine ${fmt(run.cpu?.machinePct)} % busy`,
  );
  console.log(`  kept up: ${fanoutVerdict(run).replaceAll('**', '')}\n`);
}

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
      `a ward screen per ${config.wardSize} beds and ${config.screens.join(' or ')} whole-ward screens; ` +
      `${config.relay ? 'the bare relay, then ' : ''}databases ${config.databases.join(', ')}\n`,
  );
  /** @type {Target[]} */
  const targets = [...(config.relay ? /** @type {const} */ (['relay']) : []), ...config.databases];
  /** @type {import('./report.mjs').AnyRun[]} */
  const runs = [];
  /** @type {import('./report.mjs').AnyFanout[]} */
  const fanout = [];
  try {
    for (const screens of config.screens) {
      for (const beds of config.beds) {
        /** @type {RunResult | undefined} */
        let relay;
        for (const target of targets) {
          console.log(`${LABELS[target]}, ${beds} beds, ${screens} whole-ward screens`);
          const size = { beds, screens, warmupS: config.warmupS, measureS: config.measureS };
          try {
            const run =
              target === 'relay'
                ? await runRelay({ ...size, wardSize: config.wardSize })
                : await runOne({ ...config, ...size, repoRoot, database: target });
            runs.push(run);
            if (target === 'relay') relay = run;
            printRun(run, relay);
            console.log('');
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            console.error(`  failed: ${message}\n`);
            runs.push({
              target,
              label: LABELS[target],
              beds,
              screens,
              failed: message.split('\n')[0] ?? message,
            });
          }
        }
      }
    }
    for (const beds of config.fanoutBeds) {
      for (const instances of config.fanoutInstances) {
        console.log(
          `fan-out: ${instances} instance(s) behind the proxy, ${config.fanoutClients} clients, ${beds} beds`,
        );
        try {
          const run = await runFanout({
            repoRoot,
            instances,
            clients: config.fanoutClients,
            beds,
            connections: config.fanoutConnections,
            warmupS: config.warmupS,
            measureS: config.measureS,
            setupConcurrency: config.setupConcurrency,
            redisUrl: config.redisUrl,
          });
          fanout.push(run);
          printFanout(run);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.error(`  failed: ${message}\n`);
          fanout.push({ instances, beds, failed: message.split('\n')[0] ?? message });
        }
      }
    }
  } finally {
    await runCleanups();
  }
  const probeEndMs = probeCpu().ms;
  console.log(
    `CPU probe ${probeEndMs.toFixed(0)} ms at the end (${machine.probeMs.toFixed(0)} at the start)`,
  );
  const document = renderDocument({
    machine,
    probeEndMs,
    config,
    runs,
    fanout,
    backgroundPct,
    elapsedS: (Date.now() - started) / 1000,
  });
  console.log(`\n${document}`);
  // Sections written by hand (other measurements) stay, after the generated ones.
  const kept = keptSections(await readFile(config.output, 'utf8').catch(() => ''));
  await writeFile(config.output, kept.text ? `${document}\n${kept.text}\n` : document);
  console.log(
    `written to ${config.output.startsWith(`${repoRoot}/`) ? relative(repoRoot, config.output) : config.output} (${((Date.now() - started) / 1000).toFixed(0)} s in all)` +
      (kept.titles.length
        ? `; kept its sections ${kept.titles.map((title) => `"${title}"`).join(', ')}`
        : ''),
  );
  if ([...runs, ...fanout].some((run) => 'failed' in run)) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await runCleanups();
  process.exit(1);
});
