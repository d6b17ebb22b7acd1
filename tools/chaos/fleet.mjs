// Two built server instances, real processes configured by their environment alone.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { onCleanup } from '../bench/cleanup.mjs';
import { freePort } from '../bench/testing.mjs';

/** @param {string} url */
export async function healthy(url) {
  try {
    const reply = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
    return reply.ok;
  } catch {
    return false;
  }
}

/**
 * @param {string} repoRoot
 * @param {Record<string, string>} env
 */
export async function startInstance(repoRoot, env) {
  const port = await freePort();
  const metricsPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  /** @type {import('node:child_process').ChildProcess | null} */
  let child = null;
  let log = '';
  const instance = {
    port,
    url,
    log: () => log,
    async start() {
      const started = spawn(
        process.execPath,
        [join(repoRoot, 'dist/server/apps/server/src/main.js')],
        {
          cwd: repoRoot,
          env: {
            PATH: process.env['PATH'] ?? '',
            LOG_LEVEL: 'warn',
            ...env,
            PORT: String(port),
            METRICS_PORT: String(metricsPort),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child = started;
      const keep = (/** @type {Buffer} */ chunk) => {
        log = (log + chunk.toString()).slice(-20_000);
      };
      started.stdout?.on('data', keep);
      started.stderr?.on('data', keep);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (started.exitCode !== null) break;
        if (await healthy(url)) return;
        await sleep(200);
      }
      throw new Error(`instance on ${port} did not become healthy:\n${log.slice(-3_000)}`);
    },
    /** As a crash: no shutdown hook runs. */
    async kill9() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGKILL');
      await exited;
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => running.kill('SIGKILL'))]);
    },
  };
  onCleanup(`chaos instance ${port}`, () => instance.kill9());
  await instance.start();
  return instance;
}
