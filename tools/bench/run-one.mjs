import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createDatabase } from './database.mjs';
import { startServer } from './server.mjs';
import { setupWard, NURSE } from './setup-ward.mjs';
import { connectDashboards } from './dashboards.mjs';
import { drive } from './drive.mjs';
import { metricsScraper } from './server-metrics.mjs';
import { createAgent, restClient } from './http.mjs';
import {
  allProcessesCpu,
  describeProcess,
  listenOverflows,
  machineCpuSeconds,
  postgresCpuSeconds,
  processCpuSeconds,
  rssSampler,
  statusKb,
} from './proc-stats.mjs';

/** @typedef {Awaited<ReturnType<typeof runOne>>} RunResult */

/**
 * CPU used by each party over the measured window, as a share of one core (100 % = one core busy).
 * @param {number} serverPid
 */
function cpuMeter(serverPid) {
  const read = () => ({
    wall: performance.now() / 1000,
    server: processCpuSeconds(serverPid),
    postgres: postgresCpuSeconds(),
    generator: (() => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    })(),
    machine: machineCpuSeconds(),
    processes: allProcessesCpu(),
    listenOverflows: listenOverflows(),
  });
  /** @type {ReturnType<typeof read> | null} */
  let start = null;
  /** @type {ReturnType<typeof read> | null} */
  let end = null;
  return {
    start: () => void (start = read()),
    end: () => void (end = read()),
    result() {
      if (!start || !end) return null;
      const wall = end.wall - start.wall;
      /** @param {number} seconds */
      const pct = (seconds) => (100 * seconds) / wall;
      const serverPct = pct(end.server - start.server);
      const postgresPct = pct(end.postgres - start.postgres);
      const generatorPct = pct(end.generator - start.generator);
      // Whole machine: busy share of all cores together (100 % = every core busy).
      const machinePct =
        (100 * (end.machine.busy - start.machine.busy)) / (end.machine.total - start.machine.total);
      // The biggest other consumers, to tell a busy neighbour from the kernel's own share.
      const others = [...end.processes]
        .filter(([pid, { comm }]) => pid !== serverPid && pid !== process.pid && comm !== 'postgres')
        .map(([pid, { seconds }]) => ({ pid, pct: pct(seconds - (start?.processes.get(pid)?.seconds ?? 0)) }))
        .filter((other) => other.pct >= 3)
        .sort((a, b) => b.pct - a.pct)
        .slice(0, 3)
        .map((other) => `${describeProcess(other.pid)} ${other.pct.toFixed(0)} %`);
      return {
        serverPct,
        postgresPct,
        generatorPct,
        machinePct,
        topOthers: others,
        listenOverflows: end.listenOverflows - start.listenOverflows,
        // Whatever else ran on the machine meanwhile (other jobs, the kernel), in % of one core.
        otherPct: Math.max(0, (machinePct * availableParallelism()) - serverPct - postgresPct - generatorPct),
      };
    },
  };
}

/**
 * One database, one ward size: a fresh database and a fresh server, so that runs do not inherit
 * each other's rows, memory or open alerts.
 * @param {{ repoRoot: string, database: 'sqlite' | 'postgres', beds: number, warmupS: number,
 *   measureS: number, dashboards: number, setupConcurrency: number, profileDir?: string }} options
 */
export async function runOne({ repoRoot, database, beds, warmupS, measureS, dashboards, setupConcurrency, profileDir }) {
  const db = await createDatabase(database);
  try {
    const server = await startServer({ repoRoot, databaseUrl: db.url, profileDir });
    console.log(`  server pid ${server.pid} on port ${server.port} (${db.url})`);
    const rss = rssSampler(server.pid);
    try {
      const setup = await setupWard({
        baseUrl: server.baseUrl,
        beds,
        concurrency: setupConcurrency,
        runId: randomBytes(3).toString('hex'),
      });
      console.log(
        `  setup: ${beds} beds in ${setup.seconds.toFixed(1)} s (${setup.requests} requests, ` +
          `${setup.throttled} throttled, start pass ${setup.startPassSeconds.toFixed(1)} s)`,
      );
      const agent = createAgent(1);
      const dashboardToken = (
        await restClient(server.baseUrl, agent)('POST', '/api/v1/auth/login', {
          body: NURSE,
          expect: 200,
        })
      ).accessToken;
      agent.destroy();

      /** @type {Array<(alert: { sessionId: string, code: string, at: number }) => void>} */
      const alertListeners = [];
      const clients = await connectDashboards({
        url: server.baseUrl,
        token: dashboardToken,
        clients: dashboards,
        onAlert: (alert) => alertListeners.forEach((listener) => listener(alert)),
      });
      console.log(`  ${dashboards} dashboards connected; driving ${beds} beds for ${warmupS} + ${measureS} s`);
      const cpu = cpuMeter(server.pid);
      const metrics = metricsScraper(server.baseUrl);
      let countsAtStart = await clients.counts();
      /** @type {Promise<{ lagP99Ms: number | null, lagMaxMs: number | null }> | null} */
      let lagAtEnd = null;
      /** @type {Promise<import('./dashboards.mjs').DashboardCounts> | null} */
      let countsAtEndOfWindow = null;
      /** The window on CLOCK_MONOTONIC in µs, the clock of a V8 .cpuprofile's timestamps. */
      const windowUs = [0, 0];
      let load;
      try {
        load = await drive({
          baseUrl: server.baseUrl,
          beds: setup.beds,
          warmupS,
          measureS,
          subscribeAlerts: (listener) => alertListeners.push(listener),
          onWindowStart: () => {
            windowUs[0] = Number(process.hrtime.bigint() / 1000n);
            cpu.start();
            rss.openWindow();
            void metrics.scrape();
            void clients.counts().then((counts) => (countsAtStart = counts));
          },
          onWindowEnd: () => {
            windowUs[1] = Number(process.hrtime.bigint() / 1000n);
            cpu.end();
            lagAtEnd = metrics.scrape();
            countsAtEndOfWindow = clients.counts();
          },
        });
      } catch (error) {
        metrics.close();
        throw error;
      }
      const countsAtEnd = await /** @type {Promise<import('./dashboards.mjs').DashboardCounts>} */ (
        countsAtEndOfWindow
      );
      const countsAfter = await clients.counts();
      await clients.close();
      const lag = await /** @type {Promise<{ lagP99Ms: number | null, lagMaxMs: number | null }>} */ (lagAtEnd);
      metrics.close();
      const hwmKb = statusKb(server.pid, 'VmHWM');
      const crashed = server.crashed();
      rss.stop();
      const stopped = await server.stop();
      return {
        database: db.label,
        beds,
        setup: { seconds: setup.seconds, requests: setup.requests, throttled: setup.throttled },
        load,
        cpu: cpu.result(),
        lag,
        rss: {
          peakMb: rss.state.peakKb / 1024,
          hwmMb: hwmKb === null ? null : hwmKb / 1024,
          windowStartMb: rss.state.windowStartKb / 1024,
          windowPeakMb: rss.state.windowPeakKb / 1024,
        },
        dashboards: {
          clients: dashboards,
          vitalsEventsPerSecond:
            (countsAtEnd.vitalsEvents - countsAtStart.vitalsEvents) / measureS,
          disconnects: countsAfter.disconnects,
          connectErrors: countsAfter.connectErrors,
        },
        server: {
          pid: server.pid,
          windowUs,
          crashed,
          exit: stopped,
          logLines: server.log.lines,
          lastLog: server.log.last.slice(-5),
        },
      };
    } finally {
      rss.stop();
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}
