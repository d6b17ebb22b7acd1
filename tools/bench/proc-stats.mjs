import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** @param {number} pid @param {string} field e.g. VmRSS, VmHWM @returns {number | null} kB */
export function statusKb(pid, field) {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(
      new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
    );
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/**
 * @param {number | string} pid @param {number | string} [tid] one thread of it
 * @returns {{ comm: string, ticks: number } | null} utime+stime
 */
function cpuOf(pid, tid) {
  try {
    const stat = readFileSync(
      tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`,
      'utf8',
    );
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return { comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/** @param {number} pid CPU seconds (user + system) the process has used so far. */
export function processCpuSeconds(pid) {
  return (cpuOf(pid)?.ticks ?? 0) / CLK_TCK;
}

/**
 * @param {number} pid CPU seconds the process's main thread has used so far: a Node.js server's
 * event loop, whose share says how near it is to its limit whatever its other threads do.
 */
export function mainThreadCpuSeconds(pid) {
  return (cpuOf(pid, pid)?.ticks ?? 0) / CLK_TCK;
}

/** CPU seconds used so far by each process named `postgres` (server and backends): pid → seconds. */
export function postgresCpuByPid() {
  /** @type {Map<number, number>} */
  const seconds = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = cpuOf(entry);
    if (cpu?.comm === 'postgres') seconds.set(Number(entry), cpu.ticks / CLK_TCK);
  }
  return seconds;
}

/**
 * Whole-machine CPU seconds, summed over every core, from /proc/stat: busy (user, system, irq,
 * softirq), stolen by the hypervisor, and total.
 */
export function machineCpuSeconds() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    line.trim().split(/\s+/).slice(1, 9).map(Number);
  const busy = user + nice + system + irq + softirq;
  const total = busy + idle + iowait + steal;
  return { busy: busy / CLK_TCK, steal: steal / CLK_TCK, total: total / CLK_TCK };
}

/**
 * Samples a process's resident memory every `everyMs`: the peak over its life and over a window
 * that the caller opens with `openWindow()`.
 * @param {number} pid
 */
export function rssSampler(pid, everyMs = 200) {
  const state = {
    peakKb: 0,
    windowPeakKb: 0,
    windowStartKb: 0,
    windowEndKb: 0,
    lastKb: 0,
    /** @type {number[]} every 5 s, from the start */
    timelineKb: [],
  };
  let count = 0;
  const sample = () => {
    const kb = statusKb(pid, 'VmRSS');
    if (kb === null) return;
    state.lastKb = kb;
    state.peakKb = Math.max(state.peakKb, kb);
    state.windowPeakKb = Math.max(state.windowPeakKb, kb);
    if (count++ % Math.round(5_000 / everyMs) === 0) state.timelineKb.push(kb);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  timer.unref();
  return {
    state,
    openWindow() {
      sample();
      state.windowStartKb = state.lastKb;
      state.windowPeakKb = state.lastKb;
    },
    closeWindow() {
      sample();
      state.windowEndKb = state.lastKb;
    },
    stop() {
      sample();
      clearInterval(timer);
    },
  };
}

/** CPU seconds used so far by every process: pid → { comm, seconds }. */
export function allProcessesCpu() {
  /** @type {Map<number, { comm: string, seconds: number }>} */
  const table = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = cpuOf(entry);
    if (cpu) table.set(Number(entry), { comm: cpu.comm, seconds: cpu.ticks / CLK_TCK });
  }
  return table;
}

/** @param {number} pid a short name: the command and its first argument (for `node x.js`). */
export function describeProcess(pid) {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    // Chromium rewrites its command line into one long string: the first words are enough.
    const described = args
      .slice(0, 2)
      .map((arg) => arg.split('/').pop())
      .join(' ');
    return described.length > 60 ? `${described.slice(0, 60)}…` : described;
  } catch {
    return `pid ${pid}`;
  }
}

/** The kernel's count of connections dropped because a listen queue was full. */
export function listenOverflows() {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const header = lines.findIndex((line) => line.startsWith('TcpExt:'));
  const names = (lines[header] ?? '').split(/\s+/);
  const values = (lines[header + 1] ?? '').split(/\s+/);
  return Number(values[names.indexOf('ListenOverflows')] ?? 0);
}

/**
 * The redis-server listening on `port`, found by its process title (`redis-server host:port`, as
 * Redis names itself), or null if there is none on this machine (a remote Redis).
 * @param {number} port
 */
export function redisServerPid(port) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (cpuOf(entry)?.comm !== 'redis-server') continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (new RegExp(`:${port}(\\s|$)`).test(title)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}
