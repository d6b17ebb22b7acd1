import { fanoutTable, BUDGET, budgetVerdict, resourcesTable, resultsTable } from './report.mjs';

/** @typedef {import('./run-one.mjs').RunResult} RunResult */
/** @typedef {RunResult | { database: string, beds: number, failed: string }} AnyRun */

/** @param {number | null | undefined} value */
const n0 = (value) => (value === null || value === undefined ? '-' : value.toFixed(0));

/** What else each run showed, beyond the tables. @param {RunResult} run */
function notes(run) {
  const { load, cpu } = run;
  const lines = [];
  const warmupErrors = Object.entries(load.warmupErrors);
  if (warmupErrors.length)
    lines.push(
      `errors in the warm-up: ${warmupErrors.map(([key, count]) => `${count}x ${key}`).join(', ')}`,
    );
  if (load.unfinished)
    lines.push(
      `${load.unfinished} requests still unanswered 35 s after the window (those started in it count as "no reply")`,
    );
  if (cpu?.listenOverflows)
    lines.push(
      `${cpu.listenOverflows} connections dropped by the kernel because the server's listen queue was full`,
    );
  if (load.alertsMissed)
    lines.push(`${load.alertsMissed} desaturations never reached a dashboard within 10 s`);
  const other = Object.entries(load.otherAlerts);
  if (other.length)
    lines.push(
      `other alerts raised during the run: ${other.map(([code, count]) => `${count}x ${code}`).join(', ')}`,
    );
  if (run.postgresActivity) {
    const states = Object.entries(run.postgresActivity)
      .filter(([, mean]) => mean >= 0.05)
      .sort((a, b) => b[1] - a[1])
      .map(([state, mean]) => `${mean.toFixed(1)} ${state}`);
    lines.push(`server's PostgreSQL connections, mean over the window: ${states.join(', ')}`);
  }
  if (load.resent)
    lines.push(
      `${load.resent} requests sent again after the server had closed their idle kept-alive connection`,
    );
  if (cpu?.topOthers.length) lines.push(`other processes meanwhile: ${cpu.topOthers.join(', ')}`);
  if ((cpu?.stealPct ?? 0) >= 2) lines.push(`CPU stolen by the hypervisor: ${n0(cpu?.stealPct)} %`);
  if (run.quietPct > 15)
    lines.push(`machine was ${n0(run.quietPct)} % busy with other work when the run began`);
  if (load.lateness.p99 !== null && load.lateness.p99 > 20)
    lines.push(
      `the load generator sent late (p99 ${n0(load.lateness.p99)} ms, max ${n0(load.lateness.max)} ms behind schedule)`,
    );
  if (run.dashboards.disconnects) lines.push(`${run.dashboards.disconnects} dashboard disconnects`);
  if (run.server.crashed)
    lines.push(`the server crashed (exit ${run.server.exit.code ?? run.server.exit.signal})`);
  else if (run.server.exit.code !== 0)
    lines.push(
      `the server did not stop cleanly on SIGTERM (exit ${run.server.exit.code ?? run.server.exit.signal} after ${n0((run.server.exit.stopMs ?? 0) / 1000)} s)`,
    );
  return lines;
}

/**
 * A few sentences from what the runs measured; the part that does not depend on the run (how the
 * server is built) is in the paragraph after it.
 * @param {RunResult[]} runs
 */
function observations(runs) {
  const sentences = [];
  for (const database of new Set(runs.map((run) => run.database))) {
    const held = runs
      .filter((run) => run.database === database && budgetVerdict(run).met)
      .map((run) => run.beds);
    sentences.push(
      held.length
        ? `${database}: the most beds of those run that stayed within every limit of the budget: ${Math.max(...held)}.`
        : `${database}: no ward size run stayed within every limit of the budget.`,
    );
  }
  for (const run of runs) {
    const { cpu, load } = run;
    if (!cpu) continue;
    const keptUp = load.samplesPerSecond >= 0.98 * load.offeredSamplesPerSecond;
    const what = `${run.database}, ${run.beds} beds`;
    const lockWaiters = Object.entries(run.postgresActivity ?? {})
      .filter(([state]) => state.startsWith('waiting on Lock'))
      .reduce((sum, [, mean]) => sum + mean, 0);
    const lockText =
      lockWaiters >= 1
        ? ` On average ${lockWaiters.toFixed(1)} of its 20 pooled connections sat waiting on a lock (the audit chain's advisory lock), so requests also queued for a connection.`
        : '';
    if (keptUp) {
      const { met, reasons } = budgetVerdict(run);
      sentences.push(
        `${what}: kept up (server ${n0(cpu.serverPct)} % of a core${run.database === 'PostgreSQL' ? `, PostgreSQL ${n0(cpu.postgresPct)} %` : ''}, load generator ${n0(cpu.generatorPct)} %)${met ? ', within the budget' : `, but outside the budget: ${reasons.join(', ')}`}.`,
      );
    } else if (cpu.serverPct >= 80) {
      sentences.push(
        `${what}: fell behind (${n0(load.samplesPerSecond)} of ${n0(load.offeredSamplesPerSecond)} samples/s) with the server's one Node.js thread saturated (${n0(cpu.serverPct)} % of a core${run.database === 'PostgreSQL' ? `, PostgreSQL ${n0(cpu.postgresPct)} %` : ''}) while the load generator took ${n0(cpu.generatorPct)} %.${lockText}`,
      );
    } else {
      sentences.push(
        `${what}: fell behind (${n0(load.samplesPerSecond)} of ${n0(load.offeredSamplesPerSecond)} samples/s) although the server used only ${n0(cpu.serverPct)} % of a core${run.database === 'PostgreSQL' ? ` and PostgreSQL ${n0(cpu.postgresPct)} %` : ''}: it was waiting more than computing.${lockText}`,
      );
    }
    const silent = load.otherAlerts.SIGNAL_LOSS ?? 0;
    if (silent > 0)
      sentences.push(
        `${silent} beds had no sample stored for 30 s and raised SIGNAL_LOSS; each of those alerts is one more write with its own audit entry under the same lock, so falling behind feeds on itself.`,
      );
    if (cpu.otherPct >= 20)
      sentences.push(
        `Other work on the machine took ${n0(cpu.otherPct)} % of a core during that run${cpu.topOthers.length ? ` (${cpu.topOthers.join(', ')})` : ''}, so its figures are pessimistic.`,
      );
  }
  return sentences.join(' ');
}

/**
 * docs/benchmarks.md, rewritten on every run.
 * @param {{ machine: Awaited<ReturnType<typeof import('./machine.mjs').describeMachine>>,
 *   config: { beds: number[], measureS: number, warmupS: number, dashboards: number,
 *     wardSize: number,
 *     fanoutClients: number, fanoutBeds: number },
 *   runs: AnyRun[], fanout: Parameters<typeof fanoutTable>[0], backgroundPct: number,
 *   elapsedS: number }} input
 */
export function renderDocument({ machine, config, runs, fanout, backgroundPct, elapsedS }) {
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const done = /** @type {RunResult[]} */ (runs.filter((run) => !('failed' in run)));
  const budgetRuns = done.filter((run) => run.beds === BUDGET.beds);
  const budget = budgetRuns.length
    ? budgetRuns
        .map((run) => {
          const verdict = budgetVerdict(run);
          return `- ${run.database}: ${verdict.met ? '**met**' : `**not met** (${verdict.reasons.join('; ')})`}.`;
        })
        .join('\n')
    : `- not measured (no run with ${BUDGET.beds} beds).`;
  const runNotes = done
    .map((run) => ({ run, lines: notes(run) }))
    .filter(({ lines }) => lines.length > 0)
    .map(({ run, lines }) => `- ${run.database}, ${run.beds} beds: ${lines.join('; ')}.`)
    .join('\n');

  return `# Benchmarks

Generated by \`npm run bench\` ([tools/bench](../tools/bench)) on ${date} UTC (${n0(elapsedS)} s in all).
A benchmark, not a test: it measures and reports; nothing here fails the build.

**Machine:** \`nproc\` ${machine.cores} (${machine.cpu}), ${machine.memoryGb.toFixed(1)} GB RAM,
Node ${machine.node}, PostgreSQL ${machine.postgres}, SQLite ${machine.sqlite} (better-sqlite3).
The load generator (the bedside senders, and the dashboard clients on a worker
thread) runs on the same ${machine.cores}-core machine as the server and PostgreSQL and competes
with them for CPU. The machine was ${n0(backgroundPct)} % busy with other work just before the
benchmark began.

Each run starts from a fresh database (a temporary SQLite file, or a new PostgreSQL database
dropped afterwards) and a fresh server (\`node dist/server/apps/server/src/main.js\`,
\`LOG_LEVEL=warn\`, no Redis), sets the ward up through the REST API (admin → nurse; per bed a
device key, a patient, a session, its assessment, then every session started), connects the
dashboards (a ward screen per ${config.wardSize} beds, watching its bays, and ${config.dashboards}
whole-ward clients), and drives each bed at 1 Hz (${config.warmupS} s warm-up, ${config.measureS} s measured).
Reproduce or vary with \`BENCH_BEDS\` (e.g. \`100,300,500,1000\` to find where it stops
keeping up), \`BENCH_SECONDS\`, \`BENCH_DATABASES\`, \`BENCH_DASHBOARDS\`; see
[tools/bench/README.md](../tools/bench/README.md).

## Results

${resultsTable(runs)}

**Budget** (from the issue: one instance, ${BUDGET.beds.toLocaleString('en')} beds at 1 Hz, p99
POST→\`alert.raised\` under ${BUDGET.alertP99Ms} ms, RSS under ${BUDGET.rssMb} MB; counted as met only if
the server also kept up with every sample and no request failed):

${budget}

- **Accepted samples/s**: samples in 202 replies that arrived within the measured window, per second,
  of those offered (one a bed a second, plus the desaturation probes).
- **POST→202**: from the request's start to its 202, for every request started in the window
  (open loop: a bed sends on schedule whatever happened to its previous request, so queueing
  anywhere shows up here). Failed requests are under Errors instead.
- **POST→alert.raised**: about every 2 s a bed that has not had one sends SpO2 88 then 80 in one
  batch (a deep desaturation raises at once); the time from that POST's start to the first
  \`alert.raised\` for its session at any dashboard. **Alerts timed** is how many of those arrived;
  with about ${Math.floor(config.measureS / 2)} probes a run, p99 is in effect the maximum.
- **Errors**: non-202 replies by status, or the network error (a reset or refused connection, a
  30 s timeout), for requests started in the window.
- **Peak RSS**: the server process's VmRSS sampled every 200 ms over its whole life (setup
  included), or the kernel's VmHWM if higher.

## Where the time goes

${resourcesTable(runs)}

CPU is \`utime + stime\` from \`/proc/<pid>/stat\` over the measured window, in % of one core (the
machine has ${machine.cores}); PostgreSQL is every \`postgres\` process together; the load generator is
this benchmark's own process (all its threads); "Other processes" is whatever else the machine ran
(other jobs, the kernel's network work). Machine busy is the share of all cores. The event-loop delay
is the server's own \`vigil_nodejs_eventloop_lag_*\` metric over the window ("-" when the server
was too busy to answer the scrape that opens the window in time). The dashboards are a ward
screen per ${config.wardSize} beds, each watching its own bays (\`watch {bays}\`), as a ward's wall
display does, plus ${config.dashboards} clients watching the whole ward (a charge nurse's overview);
so each accepted batch becomes one \`vitals\` frame to its ward screen and one to each of those.

${runNotes || '- nothing unusual.'}

## Fan-out across instances

${
  fanout.length
    ? `${fanoutTable(fanout)}

PostgreSQL and Redis (\`REDIS_URL\`, the Socket.IO Redis Streams adapter), 1 or 2 server
instances, ${config.fanoutClients} clinician sockets spread evenly over them, each receiving the
whole ward, and ${config.fanoutBeds} beds at 1 Hz posting to the first instance (as monitors
behind the proxy, which hashes each client to one instance). Every desaturation probe is timed at
**every** client, from the POST's start to that client's \`alert.raised\`; with two instances half
the clients get it through Redis. **Deliveries timed** counts those arrivals out of probes ×
clients. **vitals messages/s delivered** counts the \`vitals\` events and \`vitals.frame\` frames
(whole-ward sockets ask for frames unless \`BENCH_FRAMES=0\`) received by all clients together.`
    : 'Not run (`BENCH_FANOUT_INSTANCES=0`).'
}

## What limits it

${observations(done)}

How the server takes this load (apps/server/src): a posted batch is validated, its device key is
looked up (cached for up to 10 s per instance, emptied by a revocation), and it joins a **group
commit** (\`VitalsGroupCommit\`): batches arriving within 5 ms of each other, or while the
previous group commits, are stored in one transaction — the group's sessions read in one query,
multi-row inserts of the samples (\`ON CONFLICT DO NOTHING RETURNING\`, so duplicates stay exact),
the receipt times for signal-loss checks, and one append to the audit chain that still writes one
hash-chained entry per batch. The chain's global lock (an advisory lock on PostgreSQL, the writer
mutex on SQLite) is therefore taken once per group, not once per bed. Only then is each batch
answered 202, fanned out and evaluated by the in-memory rules. The per-second sweep (escalation,
reminders, \`SIGNAL_LOSS\`, \`BP_OVERDUE\`) reads every live session with its receipt times in one
query and writes only changes. Socket.IO's in-process recovery buffer keeps alerts and session
changes but not \`vitals\` frames, which a reconnecting dashboard refetches.

What remains is the server's one Node.js thread: per request the HTTP and Nest pipeline
(parsing, routing, helmet, the throttler, the access guard, zod) and the reply, plus on SQLite the
statements themselves, which run synchronously on that thread; on PostgreSQL each group costs
about eight round trips, each through the same busy event loop. A second instance behind the
proxy (\`docker/\`) splits the requests; the fan-out table above shows what a second instance costs
the alerts.
`;
}
