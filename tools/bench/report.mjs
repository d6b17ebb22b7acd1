/** @typedef {import('./run-one.mjs').RunResult} RunResult */
/**
 * A run that could not be carried out.
 * @typedef {{ target: 'relay' | 'sqlite' | 'postgres', label: string, beds: number,
 *   screens: number, failed: string }} FailedRun
 */
/** @typedef {RunResult | FailedRun} AnyRun */

/** Issue #19: one instance, 5,000 chairs at 1 Hz, p99 POST→alert.raised < 100 ms, RSS < 400 MB. */
export const BUDGET = { beds: 5000, alertP99Ms: 100, rssMb: 400 };

/** Below this share of the samples offered, a run fell behind. */
const KEPT_UP_SHARE = 0.98;
/** A Node.js process at this share of one core has no time left for more. */
export const SATURATED_PCT = 95;
/**
 * The event loop's thread this busy: requests queue behind one another and an alarm's POST waits
 * its turn, whatever the process's other threads leave free.
 */
export const EVENT_LOOP_BUSY_PCT = 85;
/** Event-loop delay p99 from which a server's thread is queueing work, not just busy. */
const LOOP_DELAY_MS = 50;
/** The load generator sent this late (p99): its own lateness, not the server's. */
const GENERATOR_LATE_MS = 20;

/** The order targets are run and tabled in. */
export const TARGETS = /** @type {const} */ (['relay', 'sqlite', 'postgres']);

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
/** Two significant figures under 10, whole numbers above. @param {number | null | undefined} value */
const adaptive = (value) => num(value, value !== null && value !== undefined && value < 10 ? 1 : 0);
/** @param {{ p50: number | null, p99: number | null, max: number | null }} summary */
const triple = (summary) => [summary.p50, summary.p99, summary.max].map(adaptive).join(' / ');
/** `3x timeout, 1x ECONNRESET`, or `0` for none. @param {Record<string, number>} counts */
export const countsText = (counts) =>
  Object.entries(counts)
    .map(([key, count]) => `${count}x ${key}`)
    .join(', ') || '0';
/** @param {RunResult} run */
const peakRssMb = (run) => Math.max(run.rss.peakMb, run.rss.hwmMb ?? 0);
/** @param {RunResult} run whole-ward screens + ward screens */
const screensText = (run) => `${run.dashboards.wholeWard} + ${run.dashboards.wardScreens}`;

/** @param {AnyRun} run @returns {run is RunResult} */
export const completed = (run) => !('failed' in run);

/**
 * Server CPU per accepted sample, in µs: its share of one core over the window, per sample
 * accepted a second. @param {RunResult} run
 */
export function cpuUsPerSample(run) {
  if (!run.cpu || run.load.samplesPerSecond <= 0) return null;
  return ((run.cpu.serverPct / 100) * 1e6) / run.load.samplesPerSecond;
}

/** The window's peak RSS shared out over the chairs, in kB. @param {RunResult} run */
export const rssPerChairKb = (run) => (run.rss.windowPeakMb * 1024) / run.beds;

/** @param {RunResult} run */
export const keptUpWithSamples = (run) =>
  run.load.samplesPerSecond >= KEPT_UP_SHARE * run.load.offeredSamplesPerSecond;

/**
 * Whether a run kept up, and why not: `stops` are the limits it broke (samples, failures, alerts,
 * the alert latency budget), `causes` what was at its limit meanwhile (the server's core, its
 * event loop, PostgreSQL, the load generator, the machine), so a slow generator is not blamed on
 * the server.
 * @param {RunResult} run
 */
export function limitsOf(run) {
  const { load, cpu } = run;
  const stops = [];
  if (!keptUpWithSamples(run))
    stops.push(
      `accepted ${num(load.samplesPerSecond)} of ${num(load.offeredSamplesPerSecond)} samples/s`,
    );
  const errors = Object.values(load.errors).reduce((sum, count) => sum + count, 0);
  if (errors > 0) stops.push(`${errors} failed POSTs`);
  if (load.alertsMissed > 0) stops.push(`${load.alertsMissed} alerts never seen`);
  if (load.alert.p99 === null) stops.push('no alert latency measured');
  else if (load.alert.p99 >= BUDGET.alertP99Ms)
    stops.push(`alert p99 ${num(load.alert.p99)} ms >= ${BUDGET.alertP99Ms} ms`);
  if (run.server.crashed) stops.push('crashed');
  const causes = [];
  if (cpu && cpu.serverPct >= SATURATED_PCT)
    causes.push(`server CPU ${num(cpu.serverPct)} % of a core`);
  if (cpu?.serverMainThreadPct != null && cpu.serverMainThreadPct >= EVENT_LOOP_BUSY_PCT)
    causes.push(`the server's event-loop thread ${num(cpu.serverMainThreadPct)} % busy`);
  if (run.lag.lagP99Ms !== null && run.lag.lagP99Ms >= LOOP_DELAY_MS)
    causes.push(`event-loop delay p99 ${num(run.lag.lagP99Ms)} ms`);
  if (run.database === 'PostgreSQL' && cpu && cpu.postgresPct >= SATURATED_PCT)
    causes.push(`PostgreSQL CPU ${num(cpu.postgresPct)} %`);
  if (load.lateness.p99 !== null && load.lateness.p99 > GENERATOR_LATE_MS)
    causes.push(`load generator late (p99 ${num(load.lateness.p99)} ms)`);
  if (cpu && cpu.machinePct >= SATURATED_PCT) causes.push(`machine ${num(cpu.machinePct)} % busy`);
  return { keptUp: stops.length === 0, stops, causes };
}

/** The budget: keeping up, within the alert latency, and within the RSS. @param {RunResult} run */
export function budgetVerdict(run) {
  const reasons = [...limitsOf(run).stops];
  const rss = peakRssMb(run);
  if (rss >= BUDGET.rssMb) reasons.push(`RSS ${num(rss)} MB >= ${BUDGET.rssMb} MB`);
  return { met: reasons.length === 0, reasons };
}

/** @param {AnyRun[]} runs */
export function resultsTable(runs) {
  return markdownTable(
    [
      'Target',
      'Chairs',
      'Screens (whole-ward + ward)',
      'Accepted samples/s',
      'POST->202 p50 / p99 / max (ms)',
      'POST->alert.raised p50 / p99 / max (ms)',
      'Alerts timed',
      'Errors (non-202)',
      'Peak RSS (MB)',
      'RSS per chair (kB)',
      'Server CPU per accepted sample (µs of one core)',
    ],
    runs.map((run) =>
      completed(run)
        ? [
            run.label,
            String(run.beds),
            screensText(run),
            `${num(run.load.samplesPerSecond)} of ${num(run.load.offeredSamplesPerSecond)}`,
            triple(run.load.post),
            triple(run.load.alert),
            `${run.load.alert.count}/${run.load.alertsProbed}`,
            (run.server.crashed ? 'crashed; ' : '') + countsText(run.load.errors),
            num(peakRssMb(run)),
            num(rssPerChairKb(run)),
            num(cpuUsPerSample(run)),
          ]
        : [run.label, String(run.beds), String(run.screens), `failed: ${run.failed}`].concat(
            Array(7).fill('-'),
          ),
    ),
  );
}

/**
 * The relay run of the same chairs and screens as `run`, if there is one.
 * @param {RunResult[]} runs @param {RunResult} run
 */
const relayFor = (runs, run) =>
  runs.find(
    (other) => other.target === 'relay' && other.beds === run.beds && other.screens === run.screens,
  );

/** @param {number | null} vigil @param {number | null} relay @param {(value: number) => string} show */
const ratio = (vigil, relay, show) =>
  vigil === null || relay === null || relay === 0
    ? '-'
    : `${(vigil / relay).toFixed(vigil / relay < 10 ? 2 : 0)} (${show(vigil)} / ${show(relay)})`;

/** Each Vigil run over the relay run of the same chairs and screens. @param {AnyRun[]} runs */
export function ratioTable(runs) {
  const done = runs.filter(completed);
  const rows = done.flatMap((run) => {
    const relay = run.target === 'relay' ? undefined : relayFor(done, run);
    if (!relay) return [];
    return [
      [
        run.label,
        String(run.beds),
        String(run.screens),
        ratio(run.load.samplesPerSecond, relay.load.samplesPerSecond, (value) => num(value)),
        ratio(run.load.alert.p99, relay.load.alert.p99, (value) => `${adaptive(value)} ms`),
        ratio(cpuUsPerSample(run), cpuUsPerSample(relay), (value) => `${num(value)} µs`),
        ratio(peakRssMb(run), peakRssMb(relay), (value) => `${num(value)} MB`),
      ],
    ];
  });
  return rows.length
    ? markdownTable(
        [
          'Vigil',
          'Chairs',
          'Whole-ward screens',
          'Accepted samples/s: Vigil ÷ relay',
          'POST->alert.raised p99: Vigil ÷ relay',
          'Server CPU per accepted sample: Vigil ÷ relay',
          'Peak RSS: Vigil ÷ relay',
        ],
        rows,
      )
    : null;
}

/**
 * Chairs × screens down, one column per target: whether it kept up, and what was at its limit.
 * @param {AnyRun[]} runs
 */
export function scalingTable(runs) {
  const targets = TARGETS.filter((target) => runs.some((run) => run.target === target));
  const labels = targets.map(
    (target) => runs.find((run) => run.target === target)?.label ?? target,
  );
  /** @type {Map<string, { beds: number, screens: number }>} */
  const sizes = new Map();
  for (const run of runs) sizes.set(`${run.screens}:${run.beds}`, run);
  const ordered = [...sizes.values()].sort((a, b) => a.screens - b.screens || a.beds - b.beds);
  /** @param {AnyRun | undefined} run */
  const cell = (run) => {
    if (!run) return '-';
    if (!completed(run)) return `failed: ${run.failed}`;
    const { keptUp, stops, causes } = limitsOf(run);
    const cpu = `CPU ${num(run.cpu?.serverPct)} %`;
    const alert = `alert p99 ${adaptive(run.load.alert.p99)} ms`;
    return keptUp
      ? [`yes: ${cpu}, ${alert}`, ...causes].join('; ')
      : [`**no**: ${stops.join(', ')}`, causes.length ? causes.join(', ') : cpu].join('; ');
  };
  return markdownTable(
    ['Chairs', 'Whole-ward screens', ...labels],
    ordered.map(({ beds, screens }) => [
      String(beds),
      String(screens),
      ...targets.map((target) =>
        cell(
          runs.find((run) => run.target === target && run.beds === beds && run.screens === screens),
        ),
      ),
    ]),
  );
}

/** @param {AnyRun[]} runs */
export function resourcesTable(runs) {
  return markdownTable(
    [
      'Target',
      'Chairs',
      'Screens',
      'Server CPU, all threads / event-loop thread (% of one core)',
      'PostgreSQL CPU',
      'Load generator CPU',
      'Generator late p99 / max (ms)',
      'Other processes CPU',
      'Machine busy before / during',
      'Server event-loop delay p99 / max (ms)',
      'RSS window start / end / peak (MB)',
      'Vitals messages/s to screens (vitals + vitals.frame)',
      'Setup',
    ],
    runs
      .filter(completed)
      .map((run) => [
        run.label,
        String(run.beds),
        screensText(run),
        `${num(run.cpu?.serverPct)} % / ${num(run.cpu?.serverMainThreadPct)} %`,
        run.database === 'PostgreSQL' ? `${num(run.cpu?.postgresPct)} %` : '-',
        `${num(run.cpu?.generatorPct)} %`,
        `${adaptive(run.load.lateness.p99)} / ${adaptive(run.load.lateness.max)}`,
        `${num(run.cpu?.otherPct)} %`,
        `${num(run.quietPct)} % / ${num(run.cpu?.machinePct)} %`,
        `${num(run.lag.lagP99Ms)} / ${num(run.lag.lagMaxMs)}`,
        `${num(run.rss.windowStartMb)} / ${num(run.rss.windowEndMb)} / ${num(run.rss.windowPeakMb)}`,
        num(run.dashboards.vitalsEventsPerSecond),
        run.setup ? `${num(run.setup.seconds)} s, ${run.setup.requests} requests` : '-',
      ]),
  );
}

/** @typedef {import('./run-fanout.mjs').FanoutResult} FanoutResult */
/** @typedef {FanoutResult | import('./run-fanout.mjs').FailedFanout} AnyFanout */

/** @param {AnyFanout} run @returns {run is FanoutResult} */
export const fanoutCompleted = (run) => !('failed' in run);

/**
 * The instances' CPU together per accepted sample, in µs of one core. @param {FanoutResult} run
 */
export function fanoutCpuUsPerSample(run) {
  if (!run.cpu || run.samplesPerSecond <= 0) return null;
  return ((run.cpu.instancesPct / 100) * 1e6) / run.samplesPerSecond;
}

/**
 * Whether a fan-out run kept up, and why not, as limitsOf judges a single server: `stops` the
 * limits it broke (samples, failures, deliveries to every client, their p99 against the alert
 * budget, a crash), `causes` what was at its limit meanwhile (an instance's core or event loop,
 * PostgreSQL, Redis, the proxy, the load generator, the machine).
 * @param {FanoutResult} run
 */
export function fanoutLimitsOf(run) {
  const { cpu } = run;
  const stops = [];
  if (run.samplesPerSecond < KEPT_UP_SHARE * run.offeredSamplesPerSecond)
    stops.push(
      `accepted ${num(run.samplesPerSecond)} of ${num(run.offeredSamplesPerSecond)} samples/s`,
    );
  const errors = Object.values(run.errors).reduce((sum, count) => sum + count, 0);
  if (errors > 0) stops.push(`${errors} failed POSTs`);
  const missing = run.expectedDeliveries - run.delivery.count;
  if (missing > 0)
    stops.push(`${missing} of ${run.expectedDeliveries} alert deliveries never seen`);
  if (run.delivery.p99 === null) stops.push('no alert delivery timed');
  else if (run.delivery.p99 >= BUDGET.alertP99Ms)
    stops.push(`alert at every client p99 ${num(run.delivery.p99)} ms >= ${BUDGET.alertP99Ms} ms`);
  run.perInstance.forEach((instance, index) => {
    if (instance.crashed) stops.push(`instance ${index + 1} crashed`);
  });
  const causes = [];
  run.perInstance.forEach((instance, index) => {
    if (instance.cpuPct !== null && instance.cpuPct >= SATURATED_PCT)
      causes.push(`instance ${index + 1} CPU ${num(instance.cpuPct)} % of a core`);
    if (instance.lagP99Ms !== null && instance.lagP99Ms >= LOOP_DELAY_MS)
      causes.push(`instance ${index + 1} event-loop delay p99 ${num(instance.lagP99Ms)} ms`);
  });
  if (cpu && cpu.postgresPct >= SATURATED_PCT)
    causes.push(`PostgreSQL CPU ${num(cpu.postgresPct)} %`);
  if (cpu?.redisPct != null && cpu.redisPct >= SATURATED_PCT)
    causes.push(`Redis CPU ${num(cpu.redisPct)} %`);
  if (cpu?.proxyPct != null && cpu.proxyPct >= SATURATED_PCT)
    causes.push(`proxy CPU ${num(cpu.proxyPct)} %`);
  const late = run.load.lateness.p99;
  if (late !== null && late > GENERATOR_LATE_MS)
    causes.push(`load generator late (p99 ${num(late)} ms)`);
  if (cpu && cpu.machinePct >= SATURATED_PCT) causes.push(`machine ${num(cpu.machinePct)} % busy`);
  return { keptUp: stops.length === 0, stops, causes };
}

/** One figure per instance, "a / b", in whole numbers. @param {Array<number | null>} values */
const perInstance = (values) => values.map((value) => num(value)).join(' / ');

/** @param {FanoutResult} run the verdict and its reasons, as in the scaling table */
export function fanoutVerdict(run) {
  const { keptUp, stops, causes } = fanoutLimitsOf(run);
  const cpu = `instances ${perInstance(run.perInstance.map((instance) => instance.cpuPct))} % CPU`;
  const alert = `alert p99 ${adaptive(run.delivery.p99)} ms`;
  return keptUp
    ? [`yes: ${cpu}, ${alert}`, ...causes].join('; ')
    : [`**no**: ${stops.join(', ')}`, causes.length ? causes.join(', ') : cpu].join('; ');
}

/** @param {AnyFanout[]} runs */
export function fanoutTable(runs) {
  return markdownTable(
    [
      'Instances',
      'Chairs',
      'Clients',
      'Bed connections',
      'Accepted samples/s',
      'POST->202 p50 / p99 / max (ms)',
      'POST->alert.raised at every client p50 / p99 / max (ms)',
      'Deliveries timed',
      'Errors (non-202)',
      'Kept up',
    ],
    runs.map((run) =>
      fanoutCompleted(run)
        ? [
            String(run.instances),
            String(run.beds),
            String(run.clients),
            String(run.connections),
            `${num(run.samplesPerSecond)} of ${num(run.offeredSamplesPerSecond)}`,
            triple(run.post),
            triple(run.delivery),
            `${run.delivery.count}/${run.expectedDeliveries}`,
            countsText(run.errors),
            fanoutVerdict(run),
          ]
        : [String(run.instances), String(run.beds), '-', '-', `failed: ${run.failed}`].concat(
            Array(5).fill('-'),
          ),
    ),
  );
}

/** @param {AnyFanout[]} runs */
export function fanoutResourcesTable(runs) {
  return markdownTable(
    [
      'Instances',
      'Chairs',
      'Each instance CPU (% of one core)',
      'Instances CPU per accepted sample (µs of one core)',
      'Each instance peak RSS (MB)',
      'Each instance event-loop delay p99 / max (ms)',
      'Bed + screen connections to each instance',
      'PostgreSQL CPU',
      'Redis CPU',
      'Proxy CPU',
      'Load generator CPU',
      'Generator late p99 / max (ms)',
      'Machine busy before / during',
      'Vitals messages/s to all clients',
      'Setup',
    ],
    runs
      .filter(fanoutCompleted)
      .map((run) => [
        String(run.instances),
        String(run.beds),
        `${perInstance(run.perInstance.map((instance) => instance.cpuPct))} %`,
        num(fanoutCpuUsPerSample(run)),
        perInstance(run.perInstance.map((instance) => instance.peakRssMb)),
        run.perInstance
          .map((instance) => `${num(instance.lagP99Ms)} / ${num(instance.lagMaxMs)}`)
          .join('; '),
        run.perInstance
          .map((instance) => `${num(instance.bedConnections)} + ${num(instance.screenConnections)}`)
          .join(' / '),
        `${num(run.cpu?.postgresPct)} %`,
        run.cpu?.redisPct == null ? '-' : `${num(run.cpu.redisPct)} %`,
        run.cpu?.proxyPct == null ? '-' : `${num(run.cpu.proxyPct)} %`,
        `${num(run.cpu?.generatorPct)} %`,
        `${adaptive(run.load.lateness.p99)} / ${adaptive(run.load.lateness.max)}`,
        `${num(run.quietPct)} % / ${num(run.cpu?.machinePct)} %`,
        num(run.vitalsPerSecond),
        `${num(run.setup.seconds)} s, ${run.setup.requests} requests`,
      ]),
  );
}
