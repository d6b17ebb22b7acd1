import { onCleanup } from './cleanup.mjs';
import { createAgent, requestJson } from './http.mjs';
import { ADMIN_PASSWORD } from './server.mjs';
import { startServerProcess } from './testing.mjs';

/**
 * The built server with the demo ward (VIGIL_DEMO=1: demo users with password `demo`, six
 * simulated chairs), as `npm start` runs it, on the given database. `admin` gets the bench's
 * password (VIGIL_ADMIN_PASSWORD creates it before the demo users), so `setupWard` works as in
 * the server bench; `nurse`, `physician` and `auditor` keep `demo`. bench/server.mjs's
 * `startServer` clears VIGIL_DEMO on purpose, hence this one.
 * @param {{ repoRoot: string, databaseUrl: string }} options
 */
export async function startDemoServer({ databaseUrl }) {
  const env = /** @type {Record<string, string>} */ ({ ...process.env });
  for (const name of ['REDIS_URL', 'NODE_ENV', 'CORS_ORIGINS']) delete env[name];
  const server = await startServerProcess(
    {
      ...env,
      DATABASE_URL: databaseUrl,
      VIGIL_DEMO: '1',
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      VIGIL_LOGIN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
    },
    { healthTimeoutMs: 60_000, killAfterMs: 25_000 },
  );
  const child = server.process;
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const stop = onCleanup(`stop demo server pid ${child.pid}`, async () => {
    await server.stop();
    process.off('exit', killOnExit);
  });
  return {
    baseUrl: server.url,
    pid: child.pid,
    output: () => server.output().slice(-8_000),
    stop,
  };
}

/**
 * Signs in through the REST API.
 * @param {string} baseUrl @param {string} username @param {string} password
 * @returns {Promise<string>} the access token
 */
export async function login(baseUrl, username, password) {
  const agent = createAgent(1);
  const reply = await requestJson({
    baseUrl,
    agent,
    method: 'POST',
    path: '/api/v1/auth/login',
    body: { username, password },
  });
  agent.destroy();
  if (reply.status !== 200) throw new Error(`login ${username} → ${reply.status}`);
  return reply.body.accessToken;
}
