import { performance } from 'node:perf_hooks';
import { onCleanup } from './cleanup.mjs';
import { freePort, startServerProcess } from './testing.mjs';

export const ADMIN_PASSWORD = 'bench-admin-password';
const STOP_GRACE_MS = 25_000;

/**
 * Starts the built server as its own process (libs/testing's startServerProcess, as the e2e suites
 * do) and waits for its health check.
 * @param {{ repoRoot: string, databaseUrl: string, profileDir?: string, redisUrl?: string }}
 *   options with `profileDir`, the server runs under --cpu-prof and leaves its profile there when
 *   it stops; with `redisUrl`, it is one of several instances sharing Redis
 */
export async function startServer({ databaseUrl, profileDir, redisUrl }) {
  const metricsPort = await freePort();
  const env = /** @type {Record<string, string>} */ ({ ...process.env });
  for (const name of ['REDIS_URL', 'VIGIL_DEMO', 'NODE_ENV', 'CORS_ORIGINS']) delete env[name];

  /** Warn-and-above log lines (the server runs at LOG_LEVEL=warn), the last few kept. */
  const log = { lines: 0, last: /** @type {string[]} */ ([]) };
  /** @param {string} chunk */
  const collect = (chunk) => {
    for (const line of chunk.split('\n')) {
      // Nest's start-up notice about the dashboard's catch-all route says nothing about the load.
      if (!line.trim() || line.includes('"context":"LegacyRouteConverter"')) continue;
      log.lines += 1;
      log.last.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      if (log.last.length > 20) log.last.shift();
    }
  };

  const server = await startServerProcess(
    {
      ...env,
      METRICS_PORT: String(metricsPort),
      DATABASE_URL: databaseUrl,
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      VIGIL_LOGIN_RATE_LIMIT: '1000',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    },
    {
      nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
      healthTimeoutMs: 60_000,
      onOutput: collect,
      killAfterMs: STOP_GRACE_MS,
    },
  );
  const child = server.process;
  const pid = /** @type {number} */ (child.pid);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const exit = {
    code: /** @type {number | null} */ (null),
    signal: /** @type {string | null} */ (null),
    expected: false,
    done: false,
  };
  void server.exited.then(({ code, signal }) => {
    Object.assign(exit, { code, signal, done: true });
    process.off('exit', killOnExit);
  });

  let stopMs = /** @type {number | null} */ (null);
  const stop = onCleanup(`stop server pid ${pid}`, async () => {
    if (exit.done) return;
    exit.expected = true;
    const started = performance.now();
    await server.stop();
    await server.exited;
    stopMs = performance.now() - started;
  });

  const port = Number(new URL(server.url).port);
  const baseUrl = server.url;

  return {
    pid,
    port,
    baseUrl,
    /** Prometheus metrics, on their own port as in production. */
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
    log,
    exit,
    /** Whether it died on its own (a crash), not because we stopped it. */
    crashed: () => exit.done && !exit.expected,
    /** SIGTERM, then SIGKILL after 25 s; resolves with how it ended. */
    async stop() {
      await stop();
      return { code: exit.code, signal: exit.signal, stopMs };
    },
  };
}
