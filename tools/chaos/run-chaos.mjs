// `npm run chaos`: faults injected into a running ward, never part of `npm test`. Two built
// server instances behind a TCP proxy, a PostgreSQL cluster and a Redis of the run's own (other
// ports, a temp directory: the shared services are never touched), bedside monitors posting
// readings and ward screens on /clinicians. Each fault (kill -9 of an instance under load, Redis
// restart, PostgreSQL restart or outage, a screen's network cut, a monitor's skewed clock) is
// followed by the invariants: every reading answered 202 stored exactly once, every alert on every
// screen, no alert open twice, the audit chain verifies. Only 127.0.0.0/8 is used; every loop is
// bounded in count and time. Build first (`npx nx run-many -t build`).
// Environment: CHAOS_FAULTS (100), CHAOS_BEDS (4), CHAOS_SCREENS (3), CHAOS_PG_OUTAGE_S (30),
// CHAOS_MAX_MINUTES (60), CHAOS_SEED (random).
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { installSignalHandlers, onCleanup, runCleanups } from '../bench/cleanup.mjs';
import { freePort } from '../bench/testing.mjs';
import { healthy, startInstance } from './fleet.mjs';
import { checkAlerts, checkAuditChain, checkReadings } from './invariants.mjs';
import { startProxy } from './proxy.mjs';
import { startPostgres, startRedis } from './services.mjs';
import { setUpWard, startAcknowledger, startMonitor, startScreen } from './ward.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {string} name @param {number} fallback */
function positive(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const config = {
  faults: positive('CHAOS_FAULTS', 100),
  beds: positive('CHAOS_BEDS', 4),
  screens: positive('CHAOS_SCREENS', 3),
  outageS: positive('CHAOS_PG_OUTAGE_S', 30),
  maxMs: positive('CHAOS_MAX_MINUTES', 60) * 60_000,
  seed: Number(process.env['CHAOS_SEED'] ?? Math.floor(Math.random() * 2 ** 31)),
};

/** Mulberry32: a run is repeated with its seed. @param {number} seed */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const next = random(config.seed);
/** @param {number} min @param {number} max */
const between = (min, max) => min + next() * (max - min);
/** @template T @param {T[]} items @returns {T} */
const pick = (items) => /** @type {T} */ (items[Math.floor(next() * items.length)]);

/** @typedef {'kill-9' | 'redis-restart' | 'postgres-restart' | 'postgres-outage' | 'screen-cut' | 'clock-skew'} FaultKind */
/** @type {Array<[FaultKind, number]>} */
const WEIGHTS = [
  ['kill-9', 30],
  ['redis-restart', 15],
  ['postgres-restart', 12],
  ['postgres-outage', 2],
  ['screen-cut', 25],
  ['clock-skew', 16],
];

/** Every kind once, then by weight, in random order. */
function faultPlan() {
  /** @type {FaultKind[]} */
  const plan = WEIGHTS.map(([kind]) => kind);
  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  while (plan.length < config.faults) {
    let roll = next() * total;
    for (const [kind, weight] of WEIGHTS) {
      roll -= weight;
      if (roll < 0) {
        plan.push(kind);
        break;
      }
    }
  }
  return plan.slice(0, config.faults).sort(() => next() - 0.5);
}

async function main() {
  installSignalHandlers();
  const server = join(repoRoot, 'dist/server/apps/server/src/main.js');
  if (!existsSync(server))
    throw new Error(`${server} is missing: build first (npx nx run-many -t build)`);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-chaos-'));
  // PostgreSQL runs as its own user, which must reach its data directory inside.
  chmodSync(dir, 0o755);
  onCleanup('chaos directory', () => rmSync(dir, { recursive: true, force: true }));
  const started = Date.now();
  const postgres = await startPostgres(join(dir, 'pg'), await freePort());
  const redis = await startRedis(join(dir, 'redis'), await freePort());
  const adminPassword = 'chaos admin password';
  const env = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    VIGIL_ADMIN_PASSWORD: adminPassword,
    VIGIL_LOGIN_RATE_LIMIT: '10000',
    VIGIL_DASHBOARD_DIR: join(dir, 'no-dashboard'),
  };
  const first = await startInstance(repoRoot, env);
  const second = await startInstance(repoRoot, env);
  const instances = [first, second];
  const front = await startProxy(instances.map((instance) => instance.port));
  onCleanup('chaos proxy', () => front.close());
  const base = front.url;
  const { bays, people } = await setUpWard(base, adminPassword, config.beds);
  const monitors = bays.map((bed, index) => startMonitor(base, bed, index * 17));
  const frontPort = Number(new URL(base).port);
  const screenProxies = await Promise.all(
    Array.from({ length: config.screens }, () => startProxy([frontPort])),
  );
  const screens = screenProxies.map((proxy) => startScreen(proxy.url, base, people));
  const acknowledger = startAcknowledger(base, people);
  onCleanup('chaos load', async () => {
    screens.forEach((screen) => screen.close());
    await Promise.all([...monitors.map((monitor) => monitor.stop()), acknowledger.stop()]);
    await Promise.all(screenProxies.map((proxy) => proxy.close()));
  });
  console.log(
    `chaos: seed ${config.seed}, ${config.faults} faults, ${config.beds} beds, ${config.screens} screens`,
  );
  await sleep(10_000);
  screens.forEach((screen, index) => {
    if (!screen.connected())
      console.log(`chaos: screen ${index + 1} not connected: ${screen.lastError()}`);
  });

  /** @type {Array<{ kind: FaultKind, recoveryMs: number | null }>} */
  const done = [];
  /** @type {string[]} */
  const violations = [];
  let last = {
    readings: /** @type {Awaited<ReturnType<typeof checkReadings>>} */ (null),
    alerts: /** @type {Awaited<ReturnType<typeof checkAlerts>>} */ (null),
  };

  for (const [number, kind] of faultPlan().entries()) {
    if (Date.now() - started > config.maxMs) {
      console.log(`chaos: time limit reached after ${number} faults`);
      break;
    }
    await sleep(between(2_000, 6_000));
    const description = await inject(kind);
    const faultEnd = Date.now();
    const recoveryMs = await recovered(faultEnd);
    done.push({ kind, recoveryMs });
    const auditor = await people.token('chaos.auditor');
    const readings = await checkReadings(base, auditor, monitors);
    const alerts = await checkAlerts(base, auditor, screens, Date.now() - 5_000);
    const chain = await checkAuditChain(base, auditor);
    last = { readings, alerts };
    const line = `#${number + 1} ${kind} (${description}): recovered in ${recoveryMs === null ? 'NOT within 120 s' : `${(recoveryMs / 1000).toFixed(1)} s`}; readings ${JSON.stringify(readings)}; alerts ${JSON.stringify(alerts)}; audit ${JSON.stringify(chain)}`;
    console.log(line);
    if (
      recoveryMs === null ||
      !readings ||
      readings.lost ||
      readings.duplicated ||
      !alerts ||
      alerts.missed ||
      alerts.raisedTwice ||
      !chain?.valid
    ) {
      violations.push(line);
    }
  }

  /** @param {FaultKind} kind @returns {Promise<string>} */
  async function inject(kind) {
    switch (kind) {
      case 'kill-9': {
        const victim = pick(instances);
        const downMs = between(500, 5_000);
        await victim.kill9();
        await sleep(downMs);
        await victim.start();
        return `instance :${victim.port} down ${(downMs / 1000).toFixed(1)} s`;
      }
      case 'redis-restart': {
        redis.stop();
        const downMs = between(500, 3_000);
        await sleep(downMs);
        await redis.start();
        return `down ${(downMs / 1000).toFixed(1)} s`;
      }
      case 'postgres-restart': {
        const mode = next() < 0.5 ? 'fast' : 'immediate';
        postgres.stop(mode);
        const downMs = between(500, 3_000);
        await sleep(downMs);
        await postgres.start();
        return `${mode} stop, down ${(downMs / 1000).toFixed(1)} s`;
      }
      case 'postgres-outage': {
        postgres.stop('fast');
        await sleep(config.outageS * 1000);
        await postgres.start();
        return `down ${config.outageS} s`;
      }
      case 'screen-cut': {
        const index = Math.floor(next() * screenProxies.length);
        const cutMs = between(2_000, 10_000);
        screenProxies[index]?.cut(cutMs);
        await sleep(cutMs);
        return `screen ${index + 1} cut ${(cutMs / 1000).toFixed(1)} s`;
      }
      case 'clock-skew': {
        const monitor = pick(monitors);
        const skewMs = pick([-90_000, -20_000, 3_000, 30_000]);
        monitor.skew(skewMs);
        const forMs = between(5_000, 15_000);
        await sleep(forMs);
        monitor.skew(0);
        return `${monitor.bed.bay} ${skewMs / 1000} s for ${(forMs / 1000).toFixed(1)} s`;
      }
    }
  }

  /** Both instances healthy, every monitor answered 202 since, every screen connected. */
  async function recovered(/** @type {number} */ since) {
    const deadline = since + 120_000;
    while (Date.now() < deadline) {
      const up = (await Promise.all(instances.map((instance) => healthy(instance.url)))).every(
        Boolean,
      );
      const flowing = monitors.every((monitor) => monitor.lastAcceptedAt() > since);
      const watching = screens.every((screen) => screen.connected());
      if (up && flowing && watching) return Date.now() - since;
      await sleep(250);
    }
    return null;
  }

  await runCleanups();
  report(
    done,
    violations,
    last,
    Date.now() - started,
    monitors.reduce((sum, monitor) => sum + monitor.refused(), 0),
  );
  if (violations.length) process.exitCode = 1;
}

/**
 * @param {Array<{ kind: string, recoveryMs: number | null }>} done
 * @param {string[]} violations
 * @param {{ readings: any, alerts: any }} last
 * @param {number} elapsedMs
 * @param {number} refusedSkewed
 */
function report(done, violations, last, elapsedMs, refusedSkewed) {
  console.log(
    `\n## Chaos run: seed ${config.seed}, ${done.length} faults in ${(elapsedMs / 60_000).toFixed(1)} min\n`,
  );
  console.log(
    '| Fault | Count | Recovery median (s) | Recovery max (s) | Not recovered in 120 s |',
  );
  console.log('|---|---|---|---|---|');
  for (const kind of new Set(done.map((fault) => fault.kind))) {
    const times = done.filter((fault) => fault.kind === kind).map((fault) => fault.recoveryMs);
    const measured = times
      .filter((ms) => ms !== null)
      .map(Number)
      .sort((a, b) => a - b);
    const median = measured[Math.floor(measured.length / 2)];
    const max = measured[measured.length - 1];
    console.log(
      `| ${kind} | ${times.length} | ${median === undefined ? '-' : (median / 1000).toFixed(1)} | ${max === undefined ? '-' : (max / 1000).toFixed(1)} | ${times.length - measured.length} |`,
    );
  }
  console.log(
    `\nReadings answered 202: ${last.readings?.accepted ?? '?'}; lost: ${last.readings?.lost ?? '?'}; stored twice: ${last.readings?.duplicated ?? '?'}; refused for a clock too far ahead: ${refusedSkewed}`,
  );
  console.log(
    `Alerts raised: ${last.alerts?.alerts ?? '?'}; missed by a screen: ${last.alerts?.missed ?? '?'}; reached a screen only by its reconnect backfill: ${last.alerts?.onlyByBackfill ?? '?'}; open twice: ${last.alerts?.raisedTwice ?? '?'}`,
  );
  console.log(`Checks failed: ${violations.length}`);
  violations.forEach((line) => console.log(`  ${line}`));
}

main().catch(async (error) => {
  console.error(error);
  await runCleanups();
  process.exitCode = 1;
});
