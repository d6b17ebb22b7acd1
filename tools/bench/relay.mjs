import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onCleanup } from './cleanup.mjs';
import { benchTarget, logTail } from './target-process.mjs';
import { startServerProcess } from './testing.mjs';

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
 * Starts tools/bench/relay-server.mjs as its own process on a free port, as the server is started
 * (libs/testing's startServerProcess, the same health check), and waits until it answers. The same
 * shape as startServer's, without metrics.
 * @param {{ beds: Bed[] }} options
 */
export async function startRelay({ beds }) {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-relay-'));
  const removeDir = onCleanup(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  const bedsFile = join(dir, 'beds.json');
  await writeFile(bedsFile, JSON.stringify(beds.map((bed) => [bed.sessionId, bed.bay])));
  // Whatever it prints: it prints nothing unless something went wrong.
  const { log, collect } = logTail();
  try {
    const relay = await startServerProcess(
      { RELAY_BEDS: bedsFile },
      {
        script: new URL('./relay-server.mjs', import.meta.url).pathname,
        healthTimeoutMs: HEALTH_TIMEOUT_MS,
        onOutput: collect,
        killAfterMs: STOP_GRACE_MS,
      },
    );
    // The relay has no /metrics: no event-loop delay or heap figures.
    return benchTarget(relay, { name: 'relay', log, metricsUrl: null, afterStop: removeDir });
  } catch (error) {
    await removeDir();
    throw error;
  }
}
