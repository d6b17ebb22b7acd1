import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { onCleanup } from './cleanup.mjs';
import { createAgent, requestJson } from './http.mjs';
import { ADMIN_PASSWORD } from './server.mjs';

const SERVER_MAIN = 'dist/server/apps/server/src/main.js';

/** @returns {Promise<number>} a port nothing listens on right now */
async function freePort() {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
  probe.close();
  await once(probe, 'close');
  return port;
}

/**
 * The built server with the demo ward (VIGIL_DEMO=1: demo users with password `demo`, six
 * simulated chairs), as `npm start` runs it, on the given database. `admin` gets the bench's
 * password (VIGIL_ADMIN_PASSWORD creates it before the demo users), so `setupWard` works as in
 * the server bench; `nurse`, `physician` and `auditor` keep `demo`. bench/server.mjs's
 * `startServer` clears VIGIL_DEMO on purpose, hence this one.
 * @param {{ repoRoot: string, databaseUrl: string }} options
 */
export async function startDemoServer({ repoRoot, databaseUrl }) {
  const port = await freePort();
  const env = { ...process.env };
  for (const name of ['REDIS_URL', 'NODE_ENV', 'CORS_ORIGINS']) delete env[name];
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: repoRoot,
    env: {
      ...env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      VIGIL_DEMO: '1',
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
      VIGIL_LOGIN_RATE_LIMIT: '1000',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const stop = onCleanup(`stop demo server pid ${child.pid}`, async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    await exited;
    clearTimeout(timer);
    process.off('exit', killOnExit);
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const agent = createAgent(1);
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited during start:\n${output}`);
      const health = await requestJson({
        baseUrl,
        agent,
        method: 'GET',
        path: '/api/v1/health',
        timeoutMs: 2_000,
      });
      if (health.status === 200) break;
      if (Date.now() > deadline) throw new Error(`server not healthy after 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    agent.destroy();
  }
  return { baseUrl, pid: child.pid, output: () => output, stop };
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
