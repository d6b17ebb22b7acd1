import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { onCleanup } from './cleanup.mjs';
import { createAgent, requestJson } from './http.mjs';

export const ADMIN_PASSWORD = 'bench-admin-password';
const SERVER_MAIN = 'dist/server/apps/server/src/main.js';
const STOP_GRACE_MS = 25_000;

/** @returns {Promise<number>} a port nothing listens on right now */
async function freePort() {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = /** @type {import('node:net').AddressInfo} */ (probe.address());
  probe.close();
  await once(probe, 'close');
  return address.port;
}

/**
 * Starts the built server as its own process and waits for its health check.
 * @param {{ repoRoot: string, databaseUrl: string, profileDir?: string, redisUrl?: string }}
 *   options with `profileDir`, the server runs under --cpu-prof and leaves its profile there when
 *   it stops; with `redisUrl`, it is one of several instances sharing Redis
 */
export async function startServer({ repoRoot, databaseUrl, profileDir, redisUrl }) {
  const port = await freePort();
  const metricsPort = await freePort();
  const env = { ...process.env };
  for (const name of ['REDIS_URL', 'VIGIL_DEMO', 'NODE_ENV', 'CORS_ORIGINS']) delete env[name];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, SERVER_MAIN], {
    cwd: repoRoot,
    env: {
      ...env,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      DATABASE_URL: databaseUrl,
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
      VIGIL_LOGIN_RATE_LIMIT: '1000',
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = /** @type {number} */ (child.pid);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  /** Warn-and-above log lines (the server runs at LOG_LEVEL=warn), the last few kept. */
  const log = { lines: 0, last: /** @type {string[]} */ ([]) };
  /** @param {Buffer} chunk */
  const collect = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      // Nest's start-up notice about the dashboard's catch-all route says nothing about the load.
      if (!line.trim() || line.includes('"context":"LegacyRouteConverter"')) continue;
      log.lines += 1;
      log.last.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      if (log.last.length > 20) log.last.shift();
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const exit = {
    code: /** @type {number | null} */ (null),
    signal: /** @type {string | null} */ (null),
    expected: false,
    done: false,
  };
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      Object.assign(exit, { code, signal, done: true });
      process.off('exit', killOnExit);
      resolve(undefined);
    });
  });

  let stopMs = /** @type {number | null} */ (null);
  const stop = onCleanup(`stop server pid ${pid}`, async () => {
    if (exit.done) return;
    exit.expected = true;
    const started = performance.now();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
    stopMs = performance.now() - started;
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const agent = createAgent(1);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exit.done) {
      throw new Error(
        `server exited during start (code ${exit.code}, signal ${exit.signal}):\n${log.last.join('\n')}`,
      );
    }
    const health = await requestJson({
      baseUrl,
      agent,
      method: 'GET',
      path: '/api/v1/health',
      timeoutMs: 2_000,
    });
    if (health.status === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `server not healthy after 60 s (last: ${health.status} ${JSON.stringify(health.body)})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  agent.destroy();

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
