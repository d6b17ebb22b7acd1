import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import {
  allProcessesCpu,
  describeProcess,
  listenOverflows,
  machineCpuSeconds,
  mainThreadCpuSeconds,
  postgresCpuByPid,
  processCpuSeconds,
} from './proc-stats.mjs';

/** How often PostgreSQL's processes are read: a backend that exits keeps what it used till then. */
const POSTGRES_SAMPLE_MS = 500;

/**
 * PostgreSQL's CPU over a window, backends that come and go included (a pool closes idle
 * connections and opens new ones): a difference of two totals would lose the CPU of every backend
 * that exited in the window, and could even come out negative.
 */
function postgresCpuTracker() {
  /** @type {Map<number, number>} */
  const seen = new Map();
  let used = 0;
  let timer = /** @type {NodeJS.Timeout | null} */ (null);
  const update = (counting = true) => {
    for (const [pid, seconds] of postgresCpuByPid()) {
      const before = seen.get(pid);
      if (before !== undefined) used += seconds - before;
      else if (counting) used += seconds;
      seen.set(pid, seconds);
    }
  };
  return {
    start() {
      update(false);
      timer = setInterval(update, POSTGRES_SAMPLE_MS);
      timer.unref();
    },
    /** CPU seconds since start. */
    end() {
      if (timer) clearInterval(timer);
      update();
      return used;
    },
  };
}

/**
 * CPU used over the measured window, as a share of one core (100 % = one core busy), by each named
 * process in `parties` (name → pid; null: not found, its share null), by PostgreSQL, by this
 * process (the load generator, all its threads), by the machine, and by the biggest others.
 * @param {Record<string, number | null>} parties
 */
export function partiesCpuMeter(parties) {
  const postgres = postgresCpuTracker();
  const named = Object.entries(parties);
  const partyPids = new Set(named.flatMap(([, pid]) => (pid === null ? [] : [pid])));
  const read = () => ({
    wall: performance.now() / 1000,
    parties: new Map(
      named.map(([name, pid]) => [name, pid === null ? null : processCpuSeconds(pid)]),
    ),
    generator: (() => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    })(),
    machine: machineCpuSeconds(),
    processes: allProcessesCpu(),
    listenOverflows: listenOverflows(),
  });
  /** @type {ReturnType<typeof read> | null} */
  let start = null;
  /** @type {ReturnType<typeof read> | null} */
  let end = null;
  let postgresSeconds = 0;
  return {
    start: () => {
      postgres.start();
      start = read();
    },
    end: () => {
      end = read();
      postgresSeconds = postgres.end();
    },
    result() {
      if (!start || !end) return null;
      const wall = end.wall - start.wall;
      /** @param {number} seconds */
      const pct = (seconds) => (100 * seconds) / wall;
      /** @type {Record<string, number | null>} */
      const partiesPct = {};
      for (const [name] of named) {
        const before = start.parties.get(name);
        const after = end.parties.get(name);
        partiesPct[name] =
          before === null || before === undefined || after === null || after === undefined
            ? null
            : pct(after - before);
      }
      const postgresPct = pct(postgresSeconds);
      const generatorPct = pct(end.generator - start.generator);
      // Whole machine: busy share of all cores together (100 % = every core busy).
      const machinePct =
        (100 * (end.machine.busy - start.machine.busy)) / (end.machine.total - start.machine.total);
      // The biggest other consumers, to tell a busy neighbour from the kernel's own share.
      const others = [...end.processes]
        .filter(
          ([pid, { comm }]) => !partyPids.has(pid) && pid !== process.pid && comm !== 'postgres',
        )
        .map(([pid, { seconds }]) => ({
          pid,
          pct: pct(seconds - (start?.processes.get(pid)?.seconds ?? 0)),
        }))
        .filter((other) => other.pct >= 3)
        .sort((a, b) => b.pct - a.pct)
        .slice(0, 3)
        .map((other) => `${describeProcess(other.pid)} ${other.pct.toFixed(0)} %`);
      const stealPct =
        (100 * (end.machine.steal - start.machine.steal)) /
        (end.machine.total - start.machine.total);
      const partiesSum = Object.values(partiesPct).reduce(
        (/** @type {number} */ sum, share) => sum + (share ?? 0),
        0,
      );
      return {
        stealPct,
        partiesPct,
        postgresPct,
        generatorPct,
        machinePct,
        topOthers: others,
        listenOverflows: end.listenOverflows - start.listenOverflows,
        // Whatever else ran on the machine meanwhile (other jobs, the kernel), in % of one core.
        otherPct: Math.max(
          0,
          machinePct * availableParallelism() - partiesSum - postgresPct - generatorPct,
        ),
      };
    },
  };
}

/**
 * CPU used by each party over the measured window, as a share of one core (100 % = one core busy):
 * the server (`serverPid`, all its threads, and its main thread alone), PostgreSQL, the load
 * generator, the machine, the biggest others.
 * @param {number} serverPid
 */
export function cpuMeter(serverPid) {
  const meter = partiesCpuMeter({ server: serverPid });
  const readMainThread = () => ({
    wall: performance.now() / 1000,
    seconds: mainThreadCpuSeconds(serverPid),
  });
  let mainAtStart = readMainThread();
  let mainAtEnd = mainAtStart;
  return {
    start: () => {
      meter.start();
      mainAtStart = readMainThread();
    },
    end: () => {
      meter.end();
      mainAtEnd = readMainThread();
    },
    result() {
      const result = meter.result();
      if (!result) return null;
      const { partiesPct, ...rest } = result;
      const wall = mainAtEnd.wall - mainAtStart.wall;
      return {
        ...rest,
        serverPct: partiesPct['server'] ?? 0,
        // The event loop's own thread: the rest is the SQLite writer, V8's GC helpers, libuv.
        serverMainThreadPct:
          wall > 0 ? (100 * (mainAtEnd.seconds - mainAtStart.seconds)) / wall : null,
      };
    },
  };
}
