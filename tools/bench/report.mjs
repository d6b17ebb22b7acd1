/** @typedef {import('./run-one.mjs').RunResult} RunResult */

export const BUDGET = { beds: 1000, alertP99Ms: 100, rssMb: 400 };

/**
 * A markdown table padded the way Prettier pads one, so the generated file passes format:check.
 * @param {string[]} headers @param {string[][]} rows
 */
export function markdownTable(headers, rows) {
  const widths = headers.map((header, column) =>
    Math.max(3, header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  /** @param {string[]} cells */
  const line = (cells) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}

/** @param {number | null | undefined} value @param {number} [digits] */
const num = (value, digits = 0) =>
  value === null || value === undefined ? '-' : value.toFixed(digits);
/** @param {{ p50: number | null, p99: number | null, max: number | null }} summary */
const triple = (summary) =>
  [summary.p50, summary.p99, summary.max]
    .map((value) => num(value, value !== null && value < 10 ? 1 : 0))
    .join(' / ');
/** @param {Record<string, number>} counts */
const countsText = (counts) =>
  Object.entries(counts)
    .map(([key, count]) => `${count}x ${key}`)
    .join(', ') || '0';

/** @param {RunResult} run */
export function budgetVerdict(run) {
  const reasons = [];
  const { load } = run;
  if (load.alert.p99 === null) reasons.push('no alert latency measured');
  else if (load.alert.p99 >= BUDGET.alertP99Ms)
    reasons.push(`alert p99 ${num(load.alert.p99)} ms >= ${BUDGET.alertP99Ms} ms`);
  const rss = Math.max(run.rss.peakMb, run.rss.hwmMb ?? 0);
  if (rss >= BUDGET.rssMb) reasons.push(`RSS ${num(rss)} MB >= ${BUDGET.rssMb} MB`);
  const errors = Object.values(load.errors).reduce((sum, count) => sum + count, 0);
  if (errors > 0) reasons.push(`${errors} failed POSTs`);
  if (load.alertsMissed > 0) reasons.push(`${load.alertsMissed} alerts never seen`);
  if (load.samplesPerSecond < 0.98 * load.offeredSamplesPerSecond)
    reasons.push(
      `accepted ${num(load.samplesPerSecond)} of ${num(load.offeredSamplesPerSecond)} samples/s offered`,
    );
  if (run.server.crashed) reasons.push('server crashed');
  return { met: reasons.length === 0, reasons };
}

/**
 * @param {Array<RunResult | { database: string, beds: number, failed: string }>} runs
 */
export function resultsTable(runs) {
  return markdownTable(
    [
      'Database',
      'Beds',
      'Accepted samples/s',
      'POST->202 p50 / p99 / max (ms)',
      'POST->alert.raised p50 / p99 / max (ms)',
      'Alerts timed',
      'Errors (non-202)',
      'Peak RSS (MB)',
    ],
    runs.map((run) =>
      'failed' in run
        ? [run.database, String(run.beds), `failed: ${run.failed}`, '-', '-', '-', '-', '-']
        : [
            run.database,
            String(run.beds),
            `${num(run.load.samplesPerSecond)} of ${num(run.load.offeredSamplesPerSecond)}`,
            triple(run.load.post),
            triple(run.load.alert),
            `${run.load.alert.count}/${run.load.alertsProbed}`,
            (run.server.crashed ? 'server crashed; ' : '') + countsText(run.load.errors),
            num(Math.max(run.rss.peakMb, run.rss.hwmMb ?? 0)),
          ],
    ),
  );
}

/** @param {Array<RunResult | { database: string, beds: number, failed: string }>} runs */
export function resourcesTable(runs) {
  const done = /** @type {RunResult[]} */ (runs.filter((run) => !('failed' in run)));
  return markdownTable(
    [
      'Database',
      'Beds',
      'Server CPU',
      'PostgreSQL CPU',
      'Load generator CPU',
      'Other processes CPU',
      'Machine busy',
      'Server event-loop delay p99 / max (ms)',
      'RSS window start / end / peak (MB)',
      'Vitals messages/s to dashboards (vitals + vitals.frame)',
      'Setup',
    ],
    done.map((run) => [
      run.database,
      String(run.beds),
      `${num(run.cpu?.serverPct)} %`,
      run.database === 'PostgreSQL' ? `${num(run.cpu?.postgresPct)} %` : '-',
      `${num(run.cpu?.generatorPct)} %`,
      `${num(run.cpu?.otherPct)} %`,
      `${num(run.cpu?.machinePct)} %`,
      `${num(run.lag.lagP99Ms)} / ${num(run.lag.lagMaxMs)}`,
      `${num(run.rss.windowStartMb)} / ${num(run.rss.windowEndMb)} / ${num(run.rss.windowPeakMb)}`,
      num(run.dashboards.vitalsEventsPerSecond),
      `${num(run.setup.seconds)} s, ${run.setup.requests} requests`,
    ]),
  );
}

/**
 * @param {Array<import('./run-fanout.mjs').FanoutResult | { instances: number, failed: string }>} runs
 */
export function fanoutTable(runs) {
  return markdownTable(
    [
      'Instances',
      'Clients',
      'Beds',
      'Accepted samples/s',
      'POST->alert.raised at every client p50 / p99 / max (ms)',
      'Deliveries timed',
      'vitals messages/s delivered',
      'Errors (non-202)',
    ],
    runs.map((run) =>
      'failed' in run
        ? [String(run.instances), '-', '-', `failed: ${run.failed}`, '-', '-', '-', '-']
        : [
            String(run.instances),
            String(run.clients),
            String(run.beds),
            `${num(run.samplesPerSecond)} of ${num(run.offeredSamplesPerSecond)}`,
            triple(run.delivery),
            `${run.delivery.count}/${run.expectedDeliveries}`,
            num(run.vitalsPerSecond),
            countsText(run.errors),
          ],
    ),
  );
}
