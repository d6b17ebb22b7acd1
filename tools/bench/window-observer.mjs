import { cpuMeter } from './cpu-meter.mjs';
import { postgresActivitySampler } from './database.mjs';
import { metricsScraper } from './server-metrics.mjs';

/** @typedef {Awaited<ReturnType<ReturnType<typeof metricsScraper>['scrape']>>} Scrape */
/** @typedef {import('./dashboards.mjs').DashboardCounts} DashboardCounts */

/** What a target without /metrics reports: nothing, so the tables print "-". */
const noMetrics = {
  /** @returns {Promise<Scrape>} */
  scrape: async () => ({
    ok: false,
    ms: 0,
    lagP99Ms: null,
    lagMaxMs: null,
    heapUsedMb: null,
    externalMb: null,
    commitGroups: null,
    committedBatches: null,
    commitsTimed: null,
    commitTurnS: null,
    commitTransactionS: null,
    queuedBatches: null,
    raisesTimed: null,
    raiseTurnS: null,
    raiseTransactionS: null,
    raiseTransactionBuckets: null,
  }),
  close: () => undefined,
};

/**
 * Everything read at the start and at the end of the measured window: CPU of each party, the
 * server's RSS and own metrics, the dashboards' counters, PostgreSQL's connection states. A target
 * without metrics (`metricsUrl` null: the bare relay) has no event-loop delay or heap figures.
 * @param {{ serverPid: number, metricsUrl: string | null, postgresUrl: string | null,
 *   dashboards: { counts(): Promise<DashboardCounts> },
 *   rss: { openWindow(): void, closeWindow(): void } }} options
 */
export function windowObserver({ serverPid, metricsUrl, postgresUrl, dashboards, rss }) {
  const cpu = cpuMeter(serverPid);
  const activity = postgresUrl ? postgresActivitySampler(postgresUrl) : null;
  const metrics = metricsUrl ? metricsScraper(metricsUrl) : noMetrics;
  /** The window on CLOCK_MONOTONIC in µs, the clock of a V8 .cpuprofile's timestamps. */
  const monotonicUs = [0, 0];
  const monotonicNow = () => Number(process.hrtime.bigint() / 1000n);
  /** @type {Promise<[Scrape, DashboardCounts, unknown]> | null} */
  let opened = null;
  /** @type {Promise<[Scrape, DashboardCounts, Record<string, number> | null]> | null} */
  let closed = null;
  return {
    open() {
      monotonicUs[0] = monotonicNow();
      cpu.start();
      rss.openWindow();
      // The first scrape also resets the server's event-loop-delay histogram.
      opened = Promise.all([metrics.scrape(), dashboards.counts(), activity?.start()]);
    },
    close() {
      monotonicUs[1] = monotonicNow();
      cpu.end();
      rss.closeWindow();
      closed = Promise.all([metrics.scrape(), dashboards.counts(), activity?.stop() ?? null]);
    },
    async results() {
      if (!opened || !closed) throw new Error('the measured window never opened and closed');
      const [[atStart, countsAtStart], [atEnd, countsAtEnd, postgresActivity]] = await Promise.all([
        opened,
        closed,
      ]);
      metrics.close();
      // The delay histogram covers the window only if the first scrape reset it in time.
      if (!atStart.ok || atStart.ms > 1_000)
        Object.assign(atEnd, { lagP99Ms: null, lagMaxMs: null });
      return {
        cpu: cpu.result(),
        monotonicUs,
        atStart,
        atEnd,
        countsAtStart,
        countsAtEnd,
        postgresActivity,
      };
    },
    dispose() {
      metrics.close();
      void activity?.stop();
    },
  };
}
