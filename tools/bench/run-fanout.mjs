import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createDatabase } from './database.mjs';
import { partiesCpuMeter } from './cpu-meter.mjs';
import { startServer } from './server.mjs';
import { setupWard, NURSE } from './setup-ward.mjs';
import { connectDashboards } from './dashboards.mjs';
import { drive } from './drive.mjs';
import { createAgent, restClient } from './http.mjs';
import { readyToMeasure } from './machine.mjs';
import { redisServerPid, rssSampler, statusKb } from './proc-stats.mjs';
import { startFrontProxy } from './proxy.mjs';
import { metricsScraper } from './server-metrics.mjs';
import { summarize } from './stats.mjs';

/** @typedef {Awaited<ReturnType<typeof runFanout>>} FanoutResult */
/** @typedef {{ instances: number, beds: number, failed: string }} FailedFanout */

/** Files the generator and the proxy need besides the beds' and screens' connections. */
const FILES_SPARE = 512;

/** The soft limit on open files, which the proxy (a child of this process) inherits. */
export function openFilesLimit() {
  try {
    const match = readFileSync('/proc/self/limits', 'utf8').match(
      /^Max open files\s+(\d+|unlimited)/m,
    );
    return match?.[1] && match[1] !== 'unlimited' ? Number(match[1]) : Infinity;
  } catch {
    return 1024;
  }
}

/**
 * How many connections the beds post on: one each, as monitors, unless `requested` asks for fewer
 * or the proxy would run out of files. A connection through the proxy is one file in the load
 * generator and two in the proxy (its client's side and the instance's), as is each screen's.
 * @param {{ beds: number, clients: number, requested?: number, limit?: number }} options
 */
export function bedConnections({ beds, clients, requested, limit = openFilesLimit() }) {
  const fit = Math.floor((limit - 2 * clients - FILES_SPARE) / 2);
  return Math.max(1, Math.min(beds, requested ?? beds, fit));
}

/**
 * Fan-out across instances, as deployed (docker/compose.yaml: replicas behind a proxy):
 * `instances` servers on one PostgreSQL database and one Redis, behind a round-robin TCP proxy of
 * its own process (proxy.mjs). The ward is set up, the beds post and the `clients` clinician
 * sockets (each on the whole ward) connect, all through the proxy, so connections alternate over
 * the instances. Every desaturation probe is timed at every client: POST start → that client's
 * `alert.raised`. Each instance's CPU, RSS and event-loop delay, the proxy's, PostgreSQL's and
 * Redis's CPU are read over the window.
 * @param {{ repoRoot: string, instances: number, clients: number, beds: number,
 *   connections?: number, warmupS: number, measureS: number, setupConcurrency: number,
 *   redisUrl: string }} options
 */
export async function runFanout({
  repoRoot,
  instances,
  clients,
  beds,
  connections: requestedConnections,
  warmupS,
  measureS,
  setupConcurrency,
  redisUrl,
}) {
  const { quietPct, probeMs } = await readyToMeasure();
  const db = await createDatabase('postgres');
  /** @type {Array<Awaited<ReturnType<typeof startServer>>>} */
  const servers = [];
  /** @type {Array<ReturnType<typeof rssSampler>>} */
  const rss = [];
  try {
    for (let index = 0; index < instances; index += 1) {
      const server = await startServer({ repoRoot, databaseUrl: db.url, redisUrl });
      servers.push(server);
      rss.push(rssSampler(server.pid));
    }
    const proxy = await startFrontProxy(servers.map((server) => server.port));
    const proxyRss = rssSampler(proxy.pid);
    console.log(
      `  instances pid ${servers.map((server) => `${server.pid} (port ${server.port})`).join(', ')}; ` +
        `proxy pid ${proxy.pid} at ${proxy.url}`,
    );
    try {
      const setup = await setupWard({
        baseUrl: proxy.url,
        beds,
        concurrency: setupConcurrency,
        runId: randomBytes(3).toString('hex'),
      });
      console.log(
        `  setup through the proxy: ${beds} beds in ${setup.seconds.toFixed(1)} s ` +
          `(${setup.requests} requests, ${setup.throttled} throttled)`,
      );
      const agent = createAgent(1);
      const token = (
        await restClient(proxy.url, agent)('POST', '/api/v1/auth/login', {
          body: NURSE,
          expect: 200,
        })
      ).accessToken;
      agent.destroy();

      /** @type {Array<{ sessionId: string, code: string, at: number }>} */
      const deliveries = [];
      /** @type {Array<(alert: { sessionId: string, code: string, at: number }) => void>} */
      const firstListeners = [];
      const forwardedBefore = await proxy.forwarded();
      const dashboards = await connectDashboards({
        urls: [proxy.url],
        token,
        clients,
        onAlert: (alert) => firstListeners.forEach((listener) => listener(alert)),
        onDelivery: (alert) => deliveries.push(alert),
      });
      const forwardedToScreens = await proxy.forwarded();
      const connections = bedConnections({ beds, clients, requested: requestedConnections });
      console.log(
        `  ${clients} clients connected; driving ${beds} beds on ${connections} connections ` +
          `for ${warmupS} + ${measureS} s`,
      );
      const redisPid = redisServerPid(Number(new URL(redisUrl).port || 6379));
      const cpu = partiesCpuMeter({
        ...Object.fromEntries(servers.map((server, index) => [`instance${index}`, server.pid])),
        proxy: proxy.pid,
        redis: redisPid,
      });
      const scrapers = servers.map((server) => metricsScraper(server.metricsUrl));
      /** @typedef {Awaited<ReturnType<typeof scrapers[number]['scrape']>>} Scrape */
      /** @typedef {Awaited<ReturnType<typeof dashboards.counts>>} Counts */
      /** Read when the window opens and closes (set in drive's callbacks). */
      const marks = {
        /** @type {Promise<[Scrape[], Counts]> | null} */
        opened: null,
        /** @type {Promise<[Scrape[], Counts]> | null} */
        closed: null,
      };
      let load;
      try {
        load = await drive({
          baseUrl: proxy.url,
          beds: setup.beds,
          warmupS,
          measureS,
          connections,
          subscribeAlerts: (listener) => firstListeners.push(listener),
          onWindowStart: () => {
            cpu.start();
            rss.forEach((sampler) => sampler.openWindow());
            // The first scrape also resets each instance's event-loop-delay histogram.
            marks.opened = Promise.all([
              Promise.all(scrapers.map((scraper) => scraper.scrape())),
              dashboards.counts(),
            ]);
          },
          onWindowEnd: () => {
            cpu.end();
            rss.forEach((sampler) => sampler.closeWindow());
            marks.closed = Promise.all([
              Promise.all(scrapers.map((scraper) => scraper.scrape())),
              dashboards.counts(),
            ]);
          },
        });
      } finally {
        await dashboards.close();
        scrapers.forEach((scraper) => scraper.close());
      }
      const forwardedAfter = await proxy.forwarded();
      if (!marks.opened || !marks.closed)
        throw new Error('the measured window never opened and closed');
      const [[atStart, start], [atEnd, end]] = await Promise.all([marks.opened, marks.closed]);
      const starts = new Map(load.probeStarts.map((probe) => [probe.sessionId, probe.startedAt]));
      const latencies = deliveries
        .filter((delivery) => delivery.code === 'SPO2_LOW' && starts.has(delivery.sessionId))
        .map((delivery) => delivery.at - /** @type {number} */ (starts.get(delivery.sessionId)));
      const window = cpu.result();
      /** @param {Array<number | null>} later @param {Array<number | null>} earlier */
      const between = (later, earlier) =>
        later.map((count, index) => {
          const before = earlier[index];
          return count === null || before === null || before === undefined ? null : count - before;
        });
      const screensPer = between(forwardedToScreens, forwardedBefore);
      const bedsPer = between(forwardedAfter, forwardedToScreens);
      const perInstance = servers.map((server, index) => {
        const sampler = /** @type {ReturnType<typeof rssSampler>} */ (rss[index]);
        const hwmKb = statusKb(server.pid, 'VmHWM');
        const opened = atStart[index];
        const closed = atEnd[index];
        // The delay histogram covers the window only if the first scrape reset it in time.
        const lagKnown = Boolean(opened?.ok && opened.ms <= 1_000 && closed?.ok);
        return {
          pid: server.pid,
          cpuPct: window?.partiesPct[`instance${index}`] ?? null,
          peakRssMb: Math.max(sampler.state.peakKb, hwmKb ?? 0) / 1024,
          lagP99Ms: lagKnown ? (closed?.lagP99Ms ?? null) : null,
          lagMaxMs: lagKnown ? (closed?.lagMaxMs ?? null) : null,
          screenConnections: screensPer[index] ?? null,
          bedConnections: bedsPer[index] ?? null,
          crashed: server.crashed(),
        };
      });
      proxyRss.stop();
      const delivered = end.vitalsEvents - start.vitalsEvents;
      return {
        instances,
        clients,
        beds,
        connections,
        quietPct,
        probeMs,
        setup: { seconds: setup.seconds, requests: setup.requests, throttled: setup.throttled },
        load,
        samplesPerSecond: load.samplesPerSecond,
        offeredSamplesPerSecond: load.offeredSamplesPerSecond,
        post: load.post,
        delivery: summarize(latencies),
        expectedDeliveries: starts.size * clients,
        vitalsPerSecond: delivered / measureS,
        alertsPerSecond: (end.alertsRaised - start.alertsRaised) / measureS,
        disconnects: end.disconnects,
        errors: load.errors,
        perInstance,
        cpu: window && {
          instancesPct: perInstance.reduce((sum, instance) => sum + (instance.cpuPct ?? 0), 0),
          proxyPct: window.partiesPct['proxy'] ?? null,
          redisPct: window.partiesPct['redis'] ?? null,
          postgresPct: window.postgresPct,
          generatorPct: window.generatorPct,
          machinePct: window.machinePct,
          otherPct: window.otherPct,
          stealPct: window.stealPct,
          topOthers: window.topOthers,
          listenOverflows: window.listenOverflows,
        },
        proxy: { pid: proxy.pid, peakRssMb: proxyRss.state.peakKb / 1024 },
      };
    } finally {
      proxyRss.stop();
      await proxy.stop();
    }
  } finally {
    rss.forEach((sampler) => sampler.stop());
    for (const server of servers) await server.stop();
    await db.drop();
  }
}
