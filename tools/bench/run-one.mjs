import { randomBytes } from 'node:crypto';
import { createDatabase } from './database.mjs';
import { startServer } from './server.mjs';
import { setupWard, NURSE } from './setup-ward.mjs';
import { connectDashboards } from './dashboards.mjs';
import { drive } from './drive.mjs';
import { createAgent, restClient } from './http.mjs';
import { waitForQuiet } from './machine.mjs';
import { rssSampler, statusKb } from './proc-stats.mjs';
import { windowObserver } from './window-observer.mjs';

/** @typedef {Awaited<ReturnType<typeof runOne>>} RunResult */

/**
 * One database, one ward size: a fresh database and a fresh server, so that runs do not inherit
 * each other's rows, memory or open alerts.
 * @param {{ repoRoot: string, database: 'sqlite' | 'postgres', beds: number, warmupS: number,
 *   measureS: number, dashboards: number, wardSize: number, setupConcurrency: number,
 *   profileDir?: string }} options: `dashboards` sockets watch the whole ward; besides them, one
 *   ward screen per `wardSize` beds watches its own bays
 */
export async function runOne({
  repoRoot,
  database,
  beds,
  warmupS,
  measureS,
  dashboards,
  wardSize,
  setupConcurrency,
  profileDir,
}) {
  const quietPct = await waitForQuiet();
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
      const wards = Array.from({ length: Math.ceil(beds / wardSize) }, (_, ward) =>
        setup.beds.slice(ward * wardSize, (ward + 1) * wardSize).map((bed) => bed.bay),
      );
      const clients = await connectDashboards({
        urls: [server.baseUrl],
        token: dashboardToken,
        clients: wards.length + dashboards,
        watches: wards,
        onAlert: (alert) => alertListeners.forEach((listener) => listener(alert)),
      });
      console.log(
        `  ${wards.length} ward screens and ${dashboards} whole-ward dashboards connected; ` +
          `driving ${beds} beds for ${warmupS} + ${measureS} s`,
      );
      const measured = await (async () => {
        try {
          const observer = windowObserver({
            serverPid: server.pid,
            metricsUrl: server.metricsUrl,
            postgresUrl: database === 'postgres' ? db.url : null,
            dashboards: clients,
            rss,
          });
          try {
            const load = await drive({
              baseUrl: server.baseUrl,
              beds: setup.beds,
              warmupS,
              measureS,
              subscribeAlerts: (listener) => alertListeners.push(listener),
              onWindowStart: observer.open,
              onWindowEnd: observer.close,
            });
            return { load, window: await observer.results(), countsAfter: await clients.counts() };
          } catch (error) {
            observer.dispose();
            throw error;
          }
        } finally {
          await clients.close();
        }
      })();
      const { load, window, countsAfter } = measured;
      const hwmKb = statusKb(server.pid, 'VmHWM');
      const crashed = server.crashed();
      rss.stop();
      const stopped = await server.stop();
      return {
        database: db.label,
        beds,
        setup: { seconds: setup.seconds, requests: setup.requests, throttled: setup.throttled },
        load,
        cpu: window.cpu,
        postgresActivity: window.postgresActivity,
        quietPct,
        lag: window.atEnd,
        rss: {
          peakMb: rss.state.peakKb / 1024,
          hwmMb: hwmKb === null ? null : hwmKb / 1024,
          windowStartMb: rss.state.windowStartKb / 1024,
          windowPeakMb: rss.state.windowPeakKb / 1024,
          windowEndMb: rss.state.windowEndKb / 1024,
          timelineMb: rss.state.timelineKb.map((kb) => Math.round(kb / 1024)),
          heapUsedMb: [window.atStart.heapUsedMb, window.atEnd.heapUsedMb],
          externalMb: [window.atStart.externalMb, window.atEnd.externalMb],
        },
        dashboards: {
          clients: dashboards,
          wardScreens: wards.length,
          vitalsEventsPerSecond:
            (window.countsAtEnd.vitalsEvents - window.countsAtStart.vitalsEvents) / measureS,
          disconnects: countsAfter.disconnects,
          connectErrors: countsAfter.connectErrors,
        },
        server: {
          pid: server.pid,
          windowUs: window.monotonicUs,
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
