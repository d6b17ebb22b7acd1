import { benchTarget, logTail } from './target-process.mjs';
import { freePort, startServerProcess } from './testing.mjs';

export const ADMIN_PASSWORD = 'bench-admin-password';
const STOP_GRACE_MS = 25_000;

/**
 * The server's Node.js flags as production starts it (`npm start`, docker/server.Dockerfile), then
 * any from `BENCH_NODE_ARGS` (space-separated), to measure one.
 */
function serverNodeArgs() {
  return [
    '--max-semi-space-size=64',
    ...(process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  ];
}

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
  // Warn-and-above lines (the server runs at LOG_LEVEL=warn); Nest's start-up notice about the
  // dashboard's catch-all route says nothing about the load.
  const { log, collect } = logTail((line) => line.includes('"context":"LegacyRouteConverter"'));
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
      nodeArgs: [
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
        ...serverNodeArgs(),
      ],
      healthTimeoutMs: 60_000,
      onOutput: collect,
      killAfterMs: STOP_GRACE_MS,
    },
  );
  // Prometheus metrics, on their own port as in production.
  return benchTarget(server, {
    name: 'server',
    log,
    metricsUrl: `http://127.0.0.1:${metricsPort}`,
  });
}
