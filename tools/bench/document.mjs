import {
  BUDGET,
  budgetVerdict,
  completed,
  countsText,
  EVENT_LOOP_BUSY_PCT,
  fanoutCompleted,
  fanoutResourcesTable,
  fanoutTable,
  keptUpWithSamples,
  limitsOf,
  ratioTable,
  resourcesTable,
  SATURATED_PCT,
  resultsTable,
  scalingTable,
} from './report.mjs';
import { bedConnections, openFilesLimit } from './run-fanout.mjs';

/** @typedef {import('./run-one.mjs').RunResult} RunResult */
/** @typedef {import('./report.mjs').AnyRun} AnyRun */
/** @typedef {import('./report.mjs').FanoutResult} FanoutResult */

/** @param {number | null | undefined} value */
const n0 = (value) => (value === null || value === undefined ? '-' : value.toFixed(0));
/** @param {number} value */
const thousands = (value) => value.toLocaleString('en');

/** The sections renderDocument writes; any other `## ` section of the page is carried over. */
const GENERATED_SECTIONS = [
  'Results',
  'Vigil against the bare relay',
  'Where each line stops keeping up',
  'Where the time goes',
  'Fan-out across instances',
  'What limits it',
];

/**
 * The hand-written sections of the page a run replaces (measurements made some other way, such as
 * `npm run bench:durability`), whole and in order, so that a run does not erase them.
 * @param {string} previous the page as it was, or '' @returns {{ titles: string[], text: string }}
 */
export function keptSections(previous) {
  const sections = previous.split(/^(?=## )/m).slice(1);
  const kept = sections.filter(
    (section) => !GENERATED_SECTIONS.includes((section.split('\n')[0] ?? '').slice(3).trim()),
  );
  return {
    titles: kept.map((section) => (section.split('\n')[0] ?? '').slice(3).trim()),
    text: kept.map((section) => section.trimEnd()).join('\n\n'),
  };
}

/**
 * How to make this page again: `npm run bench` with the variables this run was given (its own
 * defaults are a quick run, smaller than the page's usual ward sizes and screens).
 */
function benchCommand() {
  const variables = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_') && name !== 'BENCH_OUTPUT')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`);
  return [...variables, 'npm run bench'].join(' ');
}

/** @param {RunResult} run */
const runName = (run) =>
  `${run.label}, ${run.beds} chairs, ${run.dashboards.wholeWard} whole-ward screens`;

/** What else each run showed, beyond the tables. @param {RunResult} run */
function notes(run) {
  const { load, cpu } = run;
  const lines = [];
  if (Object.keys(load.warmupErrors).length)
    lines.push(`errors in the warm-up: ${countsText(load.warmupErrors)}`);
  if (load.unfinished)
    lines.push(
      `${load.unfinished} requests still unanswered 35 s after the window (those started in it count as "no reply")`,
    );
  if (cpu?.listenOverflows)
    lines.push(
      `${cpu.listenOverflows} connections dropped by the kernel because the server's listen queue was full`,
    );
  if (load.alertsMissed)
    lines.push(`${load.alertsMissed} desaturations never reached a screen within 10 s`);
  if (Object.keys(load.otherAlerts).length)
    lines.push(`other alerts raised during the run: ${countsText(load.otherAlerts)}`);
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
  lines.push(`CPU probe ${n0(run.probeMs)} ms before the run`);
  if (load.lateness.p99 !== null && load.lateness.p99 > 20)
    lines.push(
      `the load generator sent late (p99 ${n0(load.lateness.p99)} ms, max ${n0(load.lateness.max)} ms behind schedule)`,
    );
  if (run.dashboards.disconnects) lines.push(`${run.dashboards.disconnects} screen disconnects`);
  if (run.server.crashed)
    lines.push(`the server crashed (exit ${run.server.exit.code ?? run.server.exit.signal})`);
  else if (run.server.exit.code !== 0)
    lines.push(
      `the server did not stop cleanly on SIGTERM (exit ${run.server.exit.code ?? run.server.exit.signal} after ${n0((run.server.exit.stopMs ?? 0) / 1000)} s)`,
    );
  return lines;
}

/** What else a fan-out run showed, beyond its tables. @param {FanoutResult} run */
function fanoutNotes(run) {
  const { load, cpu } = run;
  const lines = [];
  if (Object.keys(load.warmupErrors).length)
    lines.push(`errors in the warm-up: ${countsText(load.warmupErrors)}`);
  if (load.unfinished)
    lines.push(`${load.unfinished} requests still unanswered 35 s after the window`);
  if (cpu?.listenOverflows)
    lines.push(
      `${cpu.listenOverflows} connections dropped by the kernel because a listen queue was full`,
    );
  if (load.resent)
    lines.push(
      `${load.resent} requests sent again after their idle kept-alive connection was closed`,
    );
  if (run.disconnects) lines.push(`${run.disconnects} client disconnects`);
  if (cpu?.topOthers.length) lines.push(`other processes meanwhile: ${cpu.topOthers.join(', ')}`);
  if (run.quietPct > 15)
    lines.push(`machine was ${n0(run.quietPct)} % busy with other work when the run began`);
  lines.push(`CPU probe ${n0(run.probeMs)} ms before the run`);
  return lines;
}

/**
 * A few sentences from what the runs measured; the part that does not depend on the run (how the
 * server is built) is in the paragraph after it.
 * @param {RunResult[]} runs
 */
function observations(runs) {
  const sentences = [];
  const vigil = runs.filter((run) => run.target !== 'relay');
  for (const label of new Set(vigil.map((run) => run.label))) {
    const held = vigil.filter((run) => run.label === label && budgetVerdict(run).met);
    const most = held.sort((a, b) => b.beds - a.beds)[0];
    sentences.push(
      most
        ? `${label}: the most chairs of those run that stayed within every limit of the budget: ${thousands(most.beds)} (${most.dashboards.wholeWard} whole-ward screens).`
        : `${label}: no ward size run stayed within every limit of the budget.`,
    );
  }
  for (const run of runs) {
    const { cpu, load } = run;
    if (!cpu) continue;
    const what = runName(run);
    const who = run.target === 'relay' ? 'relay' : 'server';
    const postgres = run.database === 'PostgreSQL' ? `, PostgreSQL ${n0(cpu.postgresPct)} %` : '';
    const lockWaiters = Object.entries(run.postgresActivity ?? {})
      .filter(([state]) => state.startsWith('waiting on Lock'))
      .reduce((sum, [, mean]) => sum + mean, 0);
    const lockText =
      lockWaiters >= 1
        ? ` On average ${lockWaiters.toFixed(1)} of its 20 pooled connections sat waiting on a lock (the audit chain's advisory lock), so requests also queued for a connection.`
        : '';
    const late =
      load.lateness.p99 !== null && load.lateness.p99 > 20
        ? ` The load generator itself started its POSTs late (p99 ${n0(load.lateness.p99)} ms behind schedule), so part of this is the generator's, not the ${who}'s.`
        : '';
    if (keptUpWithSamples(run)) {
      const { stops } = limitsOf(run);
      const { met, reasons } = budgetVerdict(run);
      const judged =
        run.target === 'relay'
          ? stops.length
            ? `, but ${stops.join(', ')}`
            : ''
          : met
            ? ', within the budget'
            : `, but outside the budget: ${reasons.join(', ')}`;
      sentences.push(
        `${what}: kept up (${who} ${n0(cpu.serverPct)} % of a core${postgres}, load generator ${n0(cpu.generatorPct)} %)${judged}.${late}`,
      );
    } else if (cpu.serverPct >= SATURATED_PCT) {
      sentences.push(
        `${what}: fell behind (${n0(load.samplesPerSecond)} of ${n0(load.offeredSamplesPerSecond)} samples/s) with the ${who} saturated (${n0(cpu.serverPct)} % of a core, all its threads${postgres}) while the load generator took ${n0(cpu.generatorPct)} %.${lockText}${late}`,
      );
    } else {
      sentences.push(
        `${what}: fell behind (${n0(load.samplesPerSecond)} of ${n0(load.offeredSamplesPerSecond)} samples/s) although the ${who} used only ${n0(cpu.serverPct)} % of a core${postgres}: it was waiting more than computing.${lockText}${late}`,
      );
    }
    const { commits } = run;
    if (!keptUpWithSamples(run) && commits?.queuedAtEnd)
      sentences.push(
        `Its readings queued for their commit (${n0(commits.queuedAtEnd)} batches at the window's end): ${n0(commits.perSecond)} group commits a second of ${n0(commits.batchesEach)} batches, each ${n0(commits.turnMs)} ms waiting for its turn (on SQLite behind alarms and other writes) and ${n0(commits.transactionMs)} ms in its transaction, so the commits' pace held the readings back.`,
      );
    const silent = load.otherAlerts['SIGNAL_LOSS'] ?? 0;
    if (silent > 0)
      sentences.push(
        `${silent} chairs had no sample stored for 30 s and raised SIGNAL_LOSS; each of those alerts is one more write with its own audit entry under the same lock, so falling behind feeds on itself.`,
      );
    if (cpu.otherPct >= 20)
      sentences.push(
        `Other work on the machine took ${n0(cpu.otherPct)} % of a core during that run${cpu.topOthers.length ? ` (${cpu.topOthers.join(', ')})` : ''}, so its figures are pessimistic.`,
      );
  }
  return sentences.join(' ');
}

/**
 * docs/benchmarks.md (or BENCH_OUTPUT), rewritten on every run.
 * @param {{ machine: Awaited<ReturnType<typeof import('./machine.mjs').describeMachine>>,
 *   config: { beds: number[], measureS: number, warmupS: number, screens: number[],
 *     wardSize: number, relay: boolean, fanoutClients: number, fanoutBeds: number[],
 *     fanoutConnections?: number },
 *   runs: AnyRun[], fanout: Parameters<typeof fanoutTable>[0], backgroundPct: number,
 *   elapsedS: number, probeEndMs: number }} input
 */
export function renderDocument({
  machine,
  config,
  runs,
  fanout,
  backgroundPct,
  elapsedS,
  probeEndMs,
}) {
  const openFiles = openFilesLimit();
  const maxConnections = bedConnections({
    beds: Infinity,
    clients: config.fanoutClients,
    limit: openFiles,
  });
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const done = runs.filter(completed);
  const budgetRuns = done.filter((run) => run.target !== 'relay' && run.beds === BUDGET.beds);
  const budget = budgetRuns.length
    ? budgetRuns
        .map((run) => {
          const verdict = budgetVerdict(run);
          return `- ${run.label}, ${run.dashboards.wholeWard} whole-ward screens: ${verdict.met ? '**met**' : `**not met** (${verdict.reasons.join('; ')})`}.`;
        })
        .join('\n')
    : `- not measured (no Vigil run with ${thousands(BUDGET.beds)} chairs).`;
  const runNotes = done
    .map((run) => ({ run, lines: notes(run) }))
    .filter(({ lines }) => lines.length > 0)
    .map(({ run, lines }) => `- ${runName(run)}: ${lines.join('; ')}.`)
    .join('\n');
  const ratios = ratioTable(runs);
  const fanoutRunNotes = fanout
    .filter(fanoutCompleted)
    .map((run) => ({ run, lines: fanoutNotes(run) }))
    .filter(({ lines }) => lines.length > 0)
    .map(
      ({ run, lines }) =>
        `- ${run.instances} instance(s), ${thousands(run.beds)} chairs: ${lines.join('; ')}.`,
    )
    .join('\n');
  const screens = config.screens.join(' and ');

  return `# Benchmarks

Generated by \`${benchCommand()}\` ([tools/bench](../tools/bench)) on ${date} UTC (${n0(elapsedS)} s in all).
A benchmark, not a test: it measures and reports; nothing here fails the build.

**Machine:** \`nproc\` ${machine.cores} (${machine.cpu}), ${machine.memoryGb.toFixed(1)} GB RAM,
Node ${machine.node}, PostgreSQL ${machine.postgres}, SQLite ${machine.sqlite} (better-sqlite3).
The load generator (the bedside senders, and the screens' sockets on a worker thread) runs on the
same ${machine.cores}-core machine as the server and PostgreSQL and competes with them for CPU.
Its speed, to compare these figures with another machine's: a fixed piece of single-threaded
work a little like a reading's ([cpu-probe.mjs](../tools/bench/cpu-probe.mjs): parse, check,
hash, index) took ${n0(machine.probeMs)} ms before the benchmark and ${n0(probeEndMs)} ms after it
(best of five; lower is faster; a shared virtual machine's speed changes from run to run, so each
run's own probe is in the notes under its section's tables).
The machine was ${n0(backgroundPct)} % busy with other work just before the benchmark began;
each run waits (up to 30 s) for it to settle under 15 %, and the busy share before and during
each run is in [Where the time goes](#where-the-time-goes).

Each ward size (${config.beds.map(thousands).join(', ')} chairs) with ${screens} whole-ward
screens is run against ${config.relay ? 'three targets in turn, with the same chairs, screens and load: first the **bare relay** (see [Vigil against the bare relay](#vigil-against-the-bare-relay)), then Vigil' : 'Vigil'}
on each database. A Vigil run starts from a fresh database (a temporary SQLite file, or a new
PostgreSQL database dropped afterwards) and a fresh server (\`node --max-semi-space-size=64 dist/server/apps/server/src/main.js\`, as \`npm start\` runs it,
\`LOG_LEVEL=warn\`, no Redis) and sets the ward up through the REST API (admin → nurse and
physician; per chair a device key, a patient, a session with its signed order, its assessment,
then every session started). Every target then gets the same screens (a ward screen per
${config.wardSize} chairs, watching its bays, and the whole-ward screens) and each chair posts one
reading a second (${config.warmupS} s warm-up, ${config.measureS} s measured). Reproduce or vary
with \`BENCH_BEDS\` (e.g. \`1000,2500,5000\` to find where each line stops keeping up),
\`BENCH_SCREENS\` (e.g. \`2,100\`), \`BENCH_SECONDS\`, \`BENCH_DATABASES\`, \`BENCH_RELAY\`; see
[tools/bench/README.md](../tools/bench/README.md).

## Results

${resultsTable(runs)}

**Budget** (issue #19: one instance, ${thousands(BUDGET.beds)} chairs at 1 Hz, p99
POST→\`alert.raised\` under ${BUDGET.alertP99Ms} ms, RSS under ${BUDGET.rssMb} MB; counted as met only if
the server also kept up with every sample and no request failed; Vigil's runs only):

${budget}

- **Screens**: whole-ward screens + ward screens (one per ${config.wardSize} chairs, each watching
  its own bays).
- **Accepted samples/s**: samples in 202 replies that arrived within the measured window, per second,
  of those offered (one a chair a second, plus the desaturation probes).
- **POST→202**: from the request's start to its 202, for every request started in the window
  (open loop: a chair sends on schedule whatever happened to its previous request, so queueing
  anywhere shows up here). Failed requests are under Errors instead.
- **POST→alert.raised**: about every 2 s a chair that has not had one sends SpO2 88 then 80 in one
  batch (a deep desaturation raises at once); the time from that POST's start to the first
  \`alert.raised\` for its session at any screen. **Alerts timed** is how many of those arrived;
  with about ${Math.floor(config.measureS / 2)} probes a run, p99 is in effect the maximum.
- **Errors**: non-202 replies by status, or the network error (a reset or refused connection, a
  30 s timeout), for requests started in the window.
- **Peak RSS**: the process's VmRSS sampled every 200 ms over its whole life (setup included), or
  the kernel's VmHWM if higher. **RSS per chair**: the peak VmRSS within the measured window
  divided by the chairs, in kB; at small wards it is mostly the process's fixed cost shared out.
- **Server CPU per accepted sample**: the process's CPU over the window as a share of **one core**
  (\`utime + stime\` ÷ wall time, 100 % = one core busy) × 10⁶ ÷ accepted samples a second: the µs
  of one core each accepted sample cost, everything included (HTTP, parsing, checks, storage,
  fan-out to every screen, rules, the per-second sweep, garbage collection).

## Vigil against the bare relay

${
  ratios
    ? `${ratios}

Each cell is Vigil's figure divided by the relay's for the same chairs and screens, with both
figures in brackets (Vigil's first).`
    : config.relay
      ? 'No Vigil run has a relay run of the same chairs and screens to compare with.'
      : 'Not run (`BENCH_RELAY=0`).'
}

The **bare relay** ([tools/bench/relay-server.mjs](../tools/bench/relay-server.mjs)) is the least
a live-vitals service can do, as a Node.js process of its own on \`node:http\` and the server's
Socket.IO version, started and measured like the server (same \`/proc\` readers for CPU and RSS).
It answers \`POST /api/v1/sessions/:sessionId/vitals\` with any device key by parsing the JSON,
replying 202 \`{accepted, duplicates: 0}\` and emitting one \`vitals\` \`{sessionId, samples}\` to the
whole-ward room and the chair's bay room; screens narrow themselves to bays with the same \`watch\`
as Vigil's. It authenticates, validates, stores, audits and rate-limits nothing and has no rule
engine: so that the same alert probe can be timed, one comparison stands in for the rules (a
sample with SpO2 under 85 emits \`alert.raised {sessionId, code: 'SPO2_LOW'}\` to the same rooms).
It has no frames: a screen that asks for \`vitals.frame\` gets one \`vitals\` per POST from the
relay, as a bare relay sends, so each screen receives a message per chair it watches a second from
the relay and about five frames a second from Vigil. It has no \`/metrics\`, so its
event-loop delay is "-".

How to read the ratios: **accepted samples/s** near 1.00 means Vigil took every sample the relay
did (below 1, Vigil fell behind where the relay kept up; above 1, the relay fell behind).
**POST→alert.raised p99** is how many times longer Vigil took to tell a screen of a desaturation
than a process that only forwards it. **Server CPU per accepted sample** is how many times the
relay's CPU per sample Vigil spends: the price of authentication, validation, storage, the audit
chain and the rules, less what frames save Vigil in messages to the screens (so with many screens
the ratio can fall as the relay's fan-out grows). **Peak RSS** likewise.

## Where each line stops keeping up

${scalingTable(runs)}

One row per chairs × whole-ward screens, one column per target. **yes** means the run kept up:
it accepted at least 98 % of the samples offered, no POST failed, every desaturation reached a
screen and p99 POST→\`alert.raised\` stayed under ${BUDGET.alertP99Ms} ms; the cell gives the
server's CPU (% of one core) and that p99. **no** lists which of those it broke, then what was at
its limit meanwhile: the server's CPU at 95 % of a core or more (its threads together saturated), its
event-loop thread alone at ${EVENT_LOOP_BUSY_PCT} % or more (the one thread every request passes
through), its event-loop delay p99 at 50 ms or more (work queueing behind work), PostgreSQL at 95 % or more,
the **load generator late** (it started its POSTs more than 20 ms behind schedule at p99: the
generator, on the same ${machine.cores} cores, could not keep its own pace, so that part of the
shortfall is the generator's, not the server's), or the machine 95 % busy or more. RSS counts for
the budget, not here.

## Where the time goes

${resourcesTable(runs)}

CPU is \`utime + stime\` from \`/proc/<pid>/stat\` over the measured window, in % of **one core** (the
machine has ${machine.cores}); the server's is all its threads, then its event-loop (main) thread
alone from \`/proc/<pid>/task/<pid>/stat\` (the rest is the SQLite writer thread, V8's garbage
collector helpers and libuv); PostgreSQL is every \`postgres\` process together; the load generator is
this benchmark's own process (all its threads); "Other processes" is whatever else the machine ran
(other jobs, the kernel's network work). **Generator late** is how far behind its schedule the load
generator started each POST. **Machine busy** is the share of all cores: just before the run
(after waiting for a quiet machine) and over the measured window. The event-loop delay is the
server's own \`vigil_nodejs_eventloop_lag_*\` metric over the window ("-" for the relay, which has
no metrics, or when the server was too busy to answer the scrape that opens the window in time).
The screens are a ward screen per ${config.wardSize} chairs, each watching its own bays
(\`watch {bays}\`), as a ward's wall display does, plus the whole-ward screens (a charge nurse's
overview). Vigil sends readings in frames, every 200 ms: to each screen one \`vitals.frame\` with
every chair it watches that changed in the frame, as the dashboard asks (unless \`BENCH_FRAMES=0\`,
when every screen gets one \`vitals\` per chair that changed in the frame). The relay sends one
\`vitals\` per POST to every screen watching the chair.

${runNotes || '- nothing unusual.'}

## Fan-out across instances

${
  fanout.length
    ? `${fanoutTable(fanout)}

${fanoutResourcesTable(fanout)}

As deployed ([docker/compose.yaml](../docker/compose.yaml): replicas behind a proxy), on a fresh
PostgreSQL database and Redis (\`REDIS_URL\`, the Socket.IO Redis Streams adapter): 1 or 2 server
instances behind a **round-robin TCP proxy** ([tools/chaos/proxy.mjs](../tools/chaos/proxy.mjs),
the chaos run's, as a process of its own so that its CPU is its own: each new connection goes to
the next instance). The ward (${config.fanoutBeds.map(thousands).join(', ')} chairs) is set up
through the proxy, ${config.fanoutClients} clinician sockets connect through it (each receiving the
whole ward), and the chairs post at 1 Hz through it, so the instances share both the readings and
the screens. The load generator holds **one kept-alive connection per chair**, one request at a
time on each, as a monitor does, so the proxy spreads the chairs (not single requests) over the
instances: **Bed + screen connections to each instance** shows the split. One exception, stated in
**Bed connections**: a connection through this proxy is one file in the generator and two in the
proxy, whose limit on open files is the machine's (\`ulimit -n\` ${thousands(openFiles)}); when the
chairs and screens would need more, the chairs share fewer connections
(${config.fanoutConnections ? `here \`BENCH_FANOUT_CONNECTIONS\` = ${config.fanoutConnections}` : `up to ${thousands(maxConnections)} with ${config.fanoutClients} screens`}): chair
_i_ posts on connection _i_ mod connections, so two chairs sharing one are a second × connections ÷
chairs apart in their phase, and a reading waits (and is timed from its start) only while the
other's is unanswered. The deployment's nginx differs in a way that favours it: it ends each
monitor's HTTP connection itself and sends the requests on to a few kept-alive connections per
replica (\`keepalive 16\` idle ones kept), so a replica there holds about as many connections as
requests in flight, not one per monitor.

Every desaturation probe is timed at **every** client, from the POST's start to that client's
\`alert.raised\`; with two instances, the clients on the other instance than the one that took the
POST get it through Redis. **Deliveries timed** counts those arrivals out of probes × clients.
**Kept up** judges the run as the scaling table does: at least 98 % of the samples accepted, no
POST failed, every delivery seen, p99 at every client under ${BUDGET.alertP99Ms} ms; then what was
at its limit (an instance's CPU at 95 % of a core or its event-loop delay p99 at 50 ms, PostgreSQL,
Redis or the proxy at 95 %, the generator over 20 ms late, the machine 95 % busy). Each instance's
CPU is a share of one core over the window; **Instances CPU per accepted sample** is their sum ×
10⁶ ÷ accepted samples a second. **Peak RSS** is over each instance's life (setup included). The
event-loop delay is each instance's own metric over the window. PostgreSQL is every \`postgres\`
process, Redis the \`redis-server\` on the run's Redis port ("-" if it is not on this machine), the
proxy its own process; none of them is in the load generator's CPU, which is this benchmark's own
process (the senders and the screens' worker thread). **Vitals messages/s** counts the \`vitals\`
events and \`vitals.frame\` frames (every socket asks for frames unless \`BENCH_FRAMES=0\`)
received by all clients together.${fanoutRunNotes ? `\n\n${fanoutRunNotes}` : ''}`
    : 'Not run (`BENCH_FANOUT_INSTANCES=0`).'
}

## What limits it

${observations(done)}

How the server takes this load (apps/server/src): a reading a monitor posts with its device key
takes a route served beside Nest's router (\`MonitorVitalsRoute\`: the rate limit, the key, the
session id and the shared schema, in the same order and with the same refusals as Nest's route,
without its per-request interceptors). The key is looked up (cached per instance until revoked,
revocations read every 10 s), and the batch is judged by the in-memory alert rules as it arrives (an alert is sent at once,
never framed; \`LiveSessionRegister\` holds the sessions they need), and it joins a
**group commit** (\`VitalsGroupCommit\`): batches
arriving within 20 ms of each other, or while the previous group commits, are stored in one
transaction — the group's sessions read in one query, multi-row inserts of the samples
(\`ON CONFLICT DO NOTHING RETURNING\`, so duplicates stay exact), the receipt times and last blood pressure for the sweep
checks, and one append to the audit chain that still writes one hash-chained entry per batch. The
chain's global lock (an advisory lock on PostgreSQL, the writer mutex on SQLite) is therefore taken
once per group, not once per chair. On a SQLite file the group's statements run on a writer thread
with a connection of its own (\`SqliteThread\`), not on the event loop. Only then is each batch handed to the frames and answered 202. The per-second sweep
(escalation, reminders, \`SIGNAL_LOSS\`, \`BP_OVERDUE\`) reads every live session with its receipt
times in one query (a reading counts from its arrival) and writes only
changes. Socket.IO's in-process recovery buffer keeps alerts
and session changes but not vitals, which a reconnecting screen refetches.

What remains is the server's one event loop: per request the HTTP stack (the JSON body), the
checks and the reply, the frames, the rules and the sweep's query; on SQLite the group commit's
statements take the writer thread (counted in the server's CPU: every thread of the process is),
and on PostgreSQL each group costs about eight round trips through the event loop. The relay's column shows what the HTTP and Socket.IO part
alone costs on this machine. A second instance behind the proxy (\`docker/\`) splits the chairs
and the screens; the fan-out tables above show how the two share the load, and what Redis between
them costs the alerts.
`;
}
