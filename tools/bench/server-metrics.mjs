import { createAgent, requestJson } from './http.mjs';

/**
 * The server's own view from GET /metrics on its metrics port (prom-client defaults). prom-client resets its
 * event-loop-delay histogram at every scrape, so a scrape at the start of the window and one at
 * its end give the delay within the window.
 * @param {string} metricsUrl
 */
export function metricsScraper(metricsUrl) {
  const agent = createAgent(1);
  return {
    /**
     * @returns {Promise<{ ok: boolean, ms: number, lagP99Ms: number | null, lagMaxMs: number | null,
     *   heapUsedMb: number | null, externalMb: number | null, commitGroups: number | null,
     *   committedBatches: number | null, commitsTimed: number | null, commitTurnS: number | null,
     *   commitTransactionS: number | null, queuedBatches: number | null, raisesTimed: number | null,
     *   raiseTurnS: number | null, raiseTransactionS: number | null,
     *   raiseTransactionBuckets: Array<[number, number]> | null }>}
     */
    async scrape() {
      const result = await requestJson({
        baseUrl: metricsUrl,
        agent,
        method: 'GET',
        path: '/metrics',
        timeoutMs: 30_000,
      });
      const text = typeof result.body === 'string' ? result.body : '';
      /** @param {string} name @param {number} scale */
      const gauge = (name, scale) => {
        const escaped = name.replace(/[{}]/g, '\\$&');
        const match = text.match(new RegExp(`^${escaped} ([0-9.eE+-]+)$`, 'm'));
        return match ? Number(match[1]) * scale : null;
      };
      /**
       * A histogram's buckets for one series, as [upper bound in s, count so far], ascending.
       * @param {string} name @param {Record<string, string>} labels
       * @returns {Array<[number, number]> | null}
       */
      const buckets = (name, labels) => {
        /** @type {Array<[number, number]>} */
        const found = [];
        for (const line of text.split('\n')) {
          if (!line.startsWith(`${name}_bucket{`)) continue;
          const close = line.lastIndexOf('}');
          const pairs = Object.fromEntries(
            [...line.slice(0, close).matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [
              key,
              value,
            ]),
          );
          if (Object.entries(labels).some(([key, value]) => pairs[key] !== value)) continue;
          const le = pairs['le'] === '+Inf' ? Infinity : Number(pairs['le']);
          found.push([le, Number(line.slice(close + 1))]);
        }
        return found.length ? found.sort(([a], [b]) => a - b) : null;
      };
      return {
        ok: result.status === 200,
        ms: result.ms,
        lagP99Ms: gauge('vigil_nodejs_eventloop_lag_p99_seconds', 1000),
        lagMaxMs: gauge('vigil_nodejs_eventloop_lag_max_seconds', 1000),
        heapUsedMb: gauge('vigil_nodejs_heap_size_used_bytes', 1 / 2 ** 20),
        externalMb: gauge('vigil_nodejs_external_memory_bytes', 1 / 2 ** 20),
        // Counters since the start: the window's commits are the difference of two scrapes.
        commitGroups: gauge('vigil_vitals_commit_group_batches_count', 1),
        committedBatches: gauge('vigil_vitals_commit_group_batches_sum', 1),
        commitsTimed: gauge('vigil_vitals_commit_seconds_count{part="turn"}', 1),
        commitTurnS: gauge('vigil_vitals_commit_seconds_sum{part="turn"}', 1),
        commitTransactionS: gauge('vigil_vitals_commit_seconds_sum{part="transaction"}', 1),
        queuedBatches: gauge('vigil_vitals_commit_queued_batches', 1),
        raisesTimed: gauge('vigil_alert_write_seconds_count{write="raise",part="turn"}', 1),
        raiseTurnS: gauge('vigil_alert_write_seconds_sum{write="raise",part="turn"}', 1),
        raiseTransactionS: gauge(
          'vigil_alert_write_seconds_sum{write="raise",part="transaction"}',
          1,
        ),
        raiseTransactionBuckets: buckets('vigil_alert_write_seconds', {
          write: 'raise',
          part: 'transaction',
        }),
      };
    },
    close: () => agent.destroy(),
  };
}
