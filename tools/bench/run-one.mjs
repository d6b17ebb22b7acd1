import { randomBytes } from 'node:crypto';
import { createDatabase } from './database.mjs';
import { startServer } from './server.mjs';
import { setupWard, NURSE } from './setup-ward.mjs';
import { createAgent, restClient } from './http.mjs';
import { readyToMeasure } from './machine.mjs';
import { rssSampler } from './proc-stats.mjs';
import { measureTarget } from './measure-target.mjs';

/** @typedef {Awaited<ReturnType<typeof runOne>>} RunResult */

/**
 * Vigil on one database, one ward size: a fresh database and a fresh server, so that runs do not
 * inherit each other's rows, memory or open alerts; the ward set up through the REST API; then
 * the measurement every target shares (measure-target.mjs).
 * @param {{ repoRoot: string, database: 'sqlite' | 'postgres', beds: number, warmupS: number,
 *   measureS: number, screens: number, wardSize: number, setupConcurrency: number,
 *   profileDir?: string }} options: `screens` sockets watch the whole ward; besides them, one
 *   ward screen per `wardSize` beds watches its own bays
 */
export async function runOne({
  repoRoot,
  database,
  beds,
  warmupS,
  measureS,
  screens,
  wardSize,
  setupConcurrency,
  profileDir,
}) {
  const { quietPct, probeMs } = await readyToMeasure();
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
      const token = (
        await restClient(server.baseUrl, agent)('POST', '/api/v1/auth/login', {
          body: NURSE,
          expect: 200,
        })
      ).accessToken;
      agent.destroy();
      const measured = await measureTarget({
        target: server,
        beds: setup.beds,
        token,
        postgresUrl: database === 'postgres' ? db.url : null,
        rss,
        warmupS,
        measureS,
        screens,
        wardSize,
      });
      return {
        target: /** @type {'relay' | 'sqlite' | 'postgres'} */ (database),
        label: `Vigil, ${db.label}`,
        /** @type {string | null} */
        database: db.label,
        quietPct,
        probeMs,
        /** @type {{ seconds: number, requests: number, throttled: number } | null} */
        setup: { seconds: setup.seconds, requests: setup.requests, throttled: setup.throttled },
        ...measured,
      };
    } finally {
      rss.stop();
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}
