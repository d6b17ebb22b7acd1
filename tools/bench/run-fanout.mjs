import { randomBytes } from 'node:crypto';
import { createDatabase } from './database.mjs';
import { startServer } from './server.mjs';
import { setupWard, NURSE } from './setup-ward.mjs';
import { connectDashboards } from './dashboards.mjs';
import { drive } from './drive.mjs';
import { createAgent, restClient } from './http.mjs';
import { waitForQuiet } from './machine.mjs';
import { summarize } from './stats.mjs';

/** @typedef {Awaited<ReturnType<typeof runFanout>>} FanoutResult */

/**
 * Fan-out across instances: `instances` servers on one PostgreSQL database and one Redis,
 * `clients` clinician sockets spread evenly over them (each receiving the whole ward), and the
 * beds posting to the first instance, as monitors behind the proxy's hashing post to one. Every
 * desaturation probe is timed at every client: POST start → that client's `alert.raised`.
 * @param {{ repoRoot: string, instances: number, clients: number, beds: number,
 *   warmupS: number, measureS: number, setupConcurrency: number, redisUrl: string }} options
 */
export async function runFanout({
  repoRoot,
  instances,
  clients,
  beds,
  warmupS,
  measureS,
  setupConcurrency,
  redisUrl,
}) {
  await waitForQuiet();
  const db = await createDatabase('postgres');
  /** @type {Array<Awaited<ReturnType<typeof startServer>>>} */
  const servers = [];
  try {
    for (let index = 0; index < instances; index += 1)
      servers.push(await startServer({ repoRoot, databaseUrl: db.url, redisUrl }));
    const [first] = servers;
    if (!first) throw new Error('a fan-out run needs at least one instance');
    const setup = await setupWard({
      baseUrl: first.baseUrl,
      beds,
      concurrency: setupConcurrency,
      runId: randomBytes(3).toString('hex'),
    });
    const agent = createAgent(1);
    const token = (
      await restClient(first.baseUrl, agent)('POST', '/api/v1/auth/login', {
        body: NURSE,
        expect: 200,
      })
    ).accessToken;
    agent.destroy();

    /** @type {Array<{ sessionId: string, code: string, at: number }>} */
    const deliveries = [];
    /** @type {Array<(alert: { sessionId: string, code: string, at: number }) => void>} */
    const firstListeners = [];
    const dashboards = await connectDashboards({
      urls: servers.map((server) => server.baseUrl),
      token,
      clients,
      onAlert: (alert) => firstListeners.forEach((listener) => listener(alert)),
      onDelivery: (alert) => deliveries.push(alert),
    });
    /** @type {Awaited<ReturnType<typeof dashboards.counts>> | null} */
    let atStart = null;
    /** @type {Awaited<ReturnType<typeof dashboards.counts>> | null} */
    let atEnd = null;
    let load;
    try {
      load = await drive({
        baseUrl: first.baseUrl,
        beds: setup.beds,
        warmupS,
        measureS,
        subscribeAlerts: (listener) => firstListeners.push(listener),
        onWindowStart: () => void dashboards.counts().then((counts) => (atStart = counts)),
        onWindowEnd: () => void dashboards.counts().then((counts) => (atEnd = counts)),
      });
    } finally {
      await dashboards.close();
    }
    const starts = new Map(load.probeStarts.map((probe) => [probe.sessionId, probe.startedAt]));
    const latencies = deliveries
      .filter((delivery) => delivery.code === 'SPO2_LOW' && starts.has(delivery.sessionId))
      .map((delivery) => delivery.at - /** @type {number} */ (starts.get(delivery.sessionId)));
    // Set by the window's callbacks, which control flow does not follow.
    const start = /** @type {Awaited<ReturnType<typeof dashboards.counts>> | null} */ (atStart);
    const end = /** @type {Awaited<ReturnType<typeof dashboards.counts>> | null} */ (atEnd);
    const delivered = start && end ? end.vitalsEvents - start.vitalsEvents : null;
    const alertsDelivered = start && end ? end.alertsRaised - start.alertsRaised : null;
    return {
      instances,
      clients,
      beds,
      samplesPerSecond: load.samplesPerSecond,
      offeredSamplesPerSecond: load.offeredSamplesPerSecond,
      post: load.post,
      delivery: summarize(latencies),
      expectedDeliveries: starts.size * clients,
      vitalsPerSecond: delivered === null ? null : delivered / measureS,
      alertsPerSecond: alertsDelivered === null ? null : alertsDelivered / measureS,
      errors: load.errors,
    };
  } finally {
    for (const server of servers) await server.stop();
    await db.drop();
  }
}
