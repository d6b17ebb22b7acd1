import { readyToMeasure } from './machine.mjs';
import { measureTarget } from './measure-target.mjs';
import { rssSampler } from './proc-stats.mjs';
import { fabricateWard, startRelay } from './relay.mjs';

/** @typedef {import('./run-one.mjs').RunResult} RunResult */

/**
 * The bare relay (relay-server.mjs) under the same chairs, screens and load as Vigil's runs:
 * nothing to set up (it takes any key and any session id), then the shared measurement.
 * @param {{ beds: number, warmupS: number, measureS: number, screens: number,
 *   wardSize: number }} options
 * @returns {Promise<RunResult>}
 */
export async function runRelay({ beds, warmupS, measureS, screens, wardSize }) {
  const { quietPct, probeMs } = await readyToMeasure();
  const ward = fabricateWard(beds);
  const relay = await startRelay({ beds: ward });
  console.log(`  relay pid ${relay.pid} on port ${relay.port}`);
  const rss = rssSampler(relay.pid);
  try {
    const measured = await measureTarget({
      target: relay,
      beds: ward,
      token: 'the relay takes any token',
      postgresUrl: null,
      rss,
      warmupS,
      measureS,
      screens,
      wardSize,
    });
    return {
      target: 'relay',
      label: 'Bare relay',
      database: null,
      quietPct,
      probeMs,
      setup: null,
      ...measured,
    };
  } finally {
    rss.stop();
    await relay.stop();
  }
}
