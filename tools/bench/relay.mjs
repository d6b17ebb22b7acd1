import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { onCleanup } from './cleanup.mjs';
import { createAgent, requestJson } from './http.mjs';
import { freePort } from './testing.mjs';

/** @typedef {import('./setup-ward.mjs').Bed} Bed */

const HEALTH_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 10_000;

/**
 * The relay's ward: the chairs Vigil's setup would create (same bays), with session ids made up
 * here and handed to the relay, which has nothing to set up.
 * @param {number} beds @returns {Bed[]}
 */
export function fabricateWard(beds) {
  return Array.from({ length: beds }, (_, index) => ({
    index,
    bay: `B${String(index + 1).padStart(4, '0')}`,
    sessionId: randomUUID(),
    apiKey: 'relay-takes-any-key',
  }));
}

/**
 * Starts tools/bench/relay-server.mjs as its own process on a free port, as the server is
 * started, and waits until it answers. The same shape as startServer's, without metrics.
 * @param {{ beds: Bed[] }} options
 */
export async function startRelay({ beds }) {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-relay-'));
  const removeDir = onCleanup(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const bedsFile = join(dir, 'beds.json');
  await writeFile(bedsFile, JSON.stringify(beds.map((bed) => [bed.sessionId, bed.bay])));
  const port = await freePort();
  const child = spawn(process.execPath, [new URL('./relay-server.mjs', import.meta.url).pathname], {
    env: { PATH: process.env['PATH'] ?? '', PORT: String(port), RELAY_BEDS: bedsFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = /** @type {number} */ (child.pid);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  /** Whatever it prints: it prints nothing unless something went wrong. */
  const log = { lines: 0, last: /** @type {string[]} */ ([]) };
  /** @param {Buffer} chunk */
  const collect = (chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      log.lines += 1;
      log.last.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      if (log.last.length > 20) log.last.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const exit = {
    code: /** @type {number | null} */ (null),
    signal: /** @type {string | null} */ (null),
    expected: false,
    done: false,
  };
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      Object.assign(exit, { code, signal, done: true });
      process.off('exit', killOnExit);
      resolve(undefined);
    }),
  );
  let stopMs = /** @type {number | null} */ (null);
  const stop = onCleanup(`stop relay pid ${pid}`, async () => {
    if (!exit.done) {
      exit.expected = true;
      const started = performance.now();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      stopMs = performance.now() - started;
    }
    await removeDir();
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const agent = createAgent(1);
  const deadline = performance.now() + HEALTH_TIMEOUT_MS;
  try {
    for (;;) {
      if (exit.done) throw new Error(`relay exited with ${exit.code}: ${log.last.join('\n')}`);
      const health = await requestJson({
        baseUrl,
        agent,
        method: 'GET',
        path: '/api/v1/health',
        timeoutMs: 2_000,
      });
      if (health.status === 200) break;
      if (performance.now() > deadline)
        throw new Error(`relay did not answer within ${HEALTH_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    agent.destroy();
  }

  return {
    pid,
    port,
    baseUrl,
    /** The relay has no /metrics: no event-loop delay or heap figures. */
    metricsUrl: null,
    log,
    exit,
    crashed: () => exit.done && !exit.expected,
    async stop() {
      await stop();
      return { code: exit.code, signal: exit.signal, stopMs };
    },
  };
}
