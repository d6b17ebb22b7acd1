import { performance } from 'node:perf_hooks';
import { onCleanup } from './cleanup.mjs';

/** @typedef {Awaited<ReturnType<typeof import('./testing.mjs').startServerProcess>>} ServerProcess */

const KEPT_LINES = 20;
const LINE_CHARS = 400;

/**
 * How many lines a process printed and the last few of them, cut to a readable length.
 * @param {(line: string) => boolean} [ignored] lines that say nothing about the load
 */
export function logTail(ignored = () => false) {
  const log = { lines: 0, last: /** @type {string[]} */ ([]) };
  /** @param {string} chunk */
  const collect = (chunk) => {
    for (const line of chunk.split('\n')) {
      if (!line.trim() || ignored(line)) continue;
      log.lines += 1;
      log.last.push(line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}…` : line);
      if (log.last.length > KEPT_LINES) log.last.shift();
    }
  };
  return { log, collect };
}

/**
 * A process the bench measures (the server or the relay, started by libs/testing's
 * startServerProcess): its pid and addresses, its log, how it ended (a crash, or a stop we asked
 * for and how long it took), and a stop that also runs if the bench is interrupted.
 * @template {string | null} MetricsUrl
 * @param {ServerProcess} started
 * @param {{ name: string, log: { lines: number, last: string[] }, metricsUrl: MetricsUrl,
 *   afterStop?: () => Promise<unknown> }} options
 */
export function benchTarget(started, { name, log, metricsUrl, afterStop }) {
  const child = started.process;
  const pid = /** @type {number} */ (child.pid);
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const exit = {
    code: /** @type {number | null} */ (null),
    signal: /** @type {string | null} */ (null),
    expected: false,
    done: false,
  };
  void started.exited.then(({ code, signal }) => {
    Object.assign(exit, { code, signal, done: true });
    process.off('exit', killOnExit);
  });

  let stopMs = /** @type {number | null} */ (null);
  const stop = onCleanup(`stop ${name} pid ${pid}`, async () => {
    if (!exit.done) {
      exit.expected = true;
      const begun = performance.now();
      await started.stop();
      stopMs = performance.now() - begun;
    }
    await afterStop?.();
  });

  return {
    pid,
    port: Number(new URL(started.url).port),
    baseUrl: started.url,
    metricsUrl,
    log,
    exit,
    /** Whether it died on its own (a crash), not because we stopped it. */
    crashed: () => exit.done && !exit.expected,
    /** SIGTERM, then SIGKILL after its grace; resolves with how it ended. */
    async stop() {
      await stop();
      return { code: exit.code, signal: exit.signal, stopMs };
    },
  };
}
