#!/usr/bin/env node
// The ward screen's frame rate with a full ward: 24 live chairs at 1 Hz in Chromium at
// 1920×1080, measured for 30 s with the browser's own performance APIs. A benchmark, not a test:
// it never fails because the figures are poor, only when the run could not be carried out.
// Writes docs/benchmarks-ward.md. Needs the build (npm run bench:ward does it).
// Functions handed to page.evaluate run in the browser: its globals, not Node's.
/* global window, document, requestAnimationFrame */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { installSignalHandlers, runCleanups } from './cleanup.mjs';
import { CHROMIUM_ARGS, launchChromium, signIn } from './chromium.mjs';
import { createDatabase } from './database.mjs';
import { login, startDemoServer } from './demo-server.mjs';
import { createAgent, requestJson } from './http.mjs';
import { describeMachine, waitForQuiet } from './machine.mjs';
import { machineCpuSeconds, processCpuSeconds } from './proc-stats.mjs';
import { setupWard } from './setup-ward.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');
const CHAIRS = Number(process.env['WARD_FPS_CHAIRS'] ?? 24);
const SECONDS = Number(process.env['WARD_FPS_SECONDS'] ?? 30);
const WARMUP_SECONDS = Number(process.env['WARD_FPS_WARMUP_SECONDS'] ?? 10);
const VIEWPORT = { width: 1920, height: 1080 };
const FRAME_MS = 1000 / 60;
/** An interval this much past one frame means a display refresh went by without a new frame. */
const MISSED_FRAME_MS = FRAME_MS * 1.5;
/** Blood pressure is a cuff cycle: one reading every 3 minutes, as the demo simulator does. */
const CUFF_CYCLE_MS = 180_000;

/** @param {number[]} values @param {number} q nearest rank */
function percentile(values, q) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** @param {number | null | undefined} value @param {number} [digits] */
const fixed = (value, digits = 1) => (value == null ? 'n/a' : value.toFixed(digits));
const mib = (/** @type {number | null | undefined} */ bytes) =>
  bytes == null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** This script's Chromium processes (browser, renderers, GPU and utility processes). */
function chromiumProcesses() {
  return descendants(process.pid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('chrom');
    } catch {
      return false;
    }
  });
}

/** A process and every process below it. */
function descendants(/** @type {number} */ root) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  const all = [root];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

/**
 * The 18 sessions beyond the demo's 6 send what a bedside monitor sends: SpO2, heart rate and
 * respiratory rate every second, blood pressure every cuff cycle, each with its device key, the
 * sends spread evenly over each second.
 * @param {string} baseUrl @param {import('./setup-ward.mjs').Bed[]} beds
 */
function feedVitals(baseUrl, beds) {
  const agent = createAgent(beds.length);
  const totals = { sent: 0, accepted: 0, failed: 0, lastError: '' };
  const started = Date.now();
  const state = beds.map((bed, index) => ({
    bed,
    seq: 0,
    heartRate: 66 + (index % 12),
    spo2: 96 + (index % 4),
    respRate: 13 + (index % 4),
    lastCuffAt: 0,
  }));
  const timers = /** @type {NodeJS.Timeout[]} */ ([]);
  const drift = (/** @type {number} */ value, /** @type {number} */ low, high = low + 10) =>
    Math.min(high, Math.max(low, value + Math.round((Math.random() - 0.5) * 2)));
  const send = (/** @type {(typeof state)[number]} */ bed) => {
    const now = Date.now();
    bed.heartRate = drift(bed.heartRate, 62, 84);
    bed.spo2 = drift(bed.spo2, 95, 99);
    bed.respRate = drift(bed.respRate, 12, 17);
    /** @type {Record<string, unknown>} */
    const sample = {
      seq: ++bed.seq,
      at: new Date(now).toISOString(),
      heartRate: bed.heartRate,
      spo2: bed.spo2,
      respRate: bed.respRate,
    };
    if (now - bed.lastCuffAt >= CUFF_CYCLE_MS) {
      bed.lastCuffAt = now;
      Object.assign(sample, { systolic: 118 + (bed.seq % 14), diastolic: 74 + (bed.seq % 8) });
    }
    totals.sent += 1;
    const post = () =>
      requestJson({
        baseUrl,
        agent,
        method: 'POST',
        path: `/api/v1/sessions/${bed.bed.sessionId}/vitals`,
        headers: { 'x-device-key': bed.bed.apiKey },
        body: { samples: [sample] },
      });
    void post()
      // A kept-alive socket the server closed just as it was reused: resent once, as a monitor
      // would; the sample's seq makes a copy that did arrive count as a duplicate.
      .then((reply) =>
        reply.status === 0 && String(reply.body?.error).includes('reused connection')
          ? post()
          : reply,
      )
      .then((reply) => {
        if (reply.status === 202) totals.accepted += 1;
        else {
          totals.failed += 1;
          totals.lastError = `${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`;
        }
      });
  };
  state.forEach((bed, index) => {
    const offset = Math.round((index * 1000) / state.length);
    timers.push(
      setTimeout(() => {
        send(bed);
        timers.push(setInterval(() => send(bed), 1000));
      }, offset),
    );
  });
  return {
    totals,
    seconds: () => (Date.now() - started) / 1000,
    stop() {
      for (const timer of timers) clearTimeout(timer);
      agent.destroy();
    },
  };
}

/** What the page records while the window is open; runs inside the page. */
function startRecording() {
  const record = {
    intervals: /** @type {number[]} */ ([]),
    longTasks: /** @type {Array<{ start: number, duration: number }>} */ ([]),
    startedAt: performance.now(),
    stoppedAt: 0,
    stopped: false,
    heapStart: /** @type {any} */ (null),
    heapEnd: /** @type {any} */ (null),
    longTaskSupported: PerformanceObserver.supportedEntryTypes.includes('longtask'),
  };
  const memory = () => {
    const info = /** @type {any} */ (performance).memory;
    return info
      ? {
          used: info.usedJSHeapSize,
          total: info.totalJSHeapSize,
          limit: info.jsHeapSizeLimit,
        }
      : null;
  };
  record.heapStart = memory();
  let last = /** @type {number | null} */ (null);
  const frame = (/** @type {number} */ now) => {
    if (record.stopped) return;
    if (last !== null) record.intervals.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      record.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  });
  if (record.longTaskSupported) observer.observe({ type: 'longtask' });
  /** @type {any} */ (window).__wardFps = {
    record,
    stop() {
      record.stopped = true;
      record.stoppedAt = performance.now();
      observer.disconnect();
      record.heapEnd = memory();
      return record;
    },
  };
}

/** rAF on an empty page: what the browser's frame clock does with nothing to draw. */
async function calibrate(/** @type {import('playwright-core').Browser} */ browser) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.setContent('<!doctype html><title>calibration</title><p>calibration</p>');
  await page.evaluate(startRecording);
  await page.waitForTimeout(3_000);
  const record = await page.evaluate(() => /** @type {any} */ (window).__wardFps.stop());
  await page.close();
  return {
    frames: record.intervals.length,
    p50: percentile(record.intervals, 0.5),
    p99: percentile(record.intervals, 0.99),
  };
}

/** Main-thread time the renderer reports through the DevTools protocol (seconds, cumulative). */
async function rendererMetrics(/** @type {import('playwright-core').CDPSession} */ cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

async function main() {
  installSignalHandlers();
  for (const built of ['dist/server/apps/server/src/main.js', 'dist/dashboard/index.html']) {
    if (!existsSync(join(repoRoot, built)))
      throw new Error(`${built} is missing: build first (npm run bench:ward builds)`);
  }
  const machine = await describeMachine();
  console.log(`ward-fps: ${CHAIRS} chairs, ${SECONDS} s window; ${machine.summary}`);
  const quietBefore = await waitForQuiet();

  const database = await createDatabase('sqlite');
  const server = await startDemoServer({ repoRoot, databaseUrl: database.url });
  console.log(`  server pid ${server.pid} at ${server.baseUrl} (VIGIL_DEMO=1, ${database.url})`);

  // The demo ward opens its six chairs at start; then the rest are set up as the server bench does.
  const nurseToken = await login(server.baseUrl, 'nurse', 'demo');
  const agent = createAgent(2);
  let demoSessions = 0;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const reply = await requestJson({
      baseUrl: server.baseUrl,
      agent,
      method: 'GET',
      path: '/api/v1/sessions?live=true',
      headers: { authorization: `Bearer ${nurseToken}` },
    });
    demoSessions = Array.isArray(reply.body) ? reply.body.length : 0;
    if (demoSessions >= 6) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  agent.destroy();
  const extra = Math.max(0, CHAIRS - demoSessions);
  console.log(`  demo ward: ${demoSessions} live sessions; setting up ${extra} more through REST`);
  const setup = await setupWard({
    baseUrl: server.baseUrl,
    beds: extra,
    concurrency: 4,
    runId: `fps${Date.now().toString(36)}`,
  });
  const feeder = feedVitals(server.baseUrl, setup.beds);

  const browser = await launchChromium(['--enable-precise-memory-info']);
  const chromiumVersion = browser.version();
  const calibration = await calibrate(browser);
  console.log(
    `  calibration (empty page): ${calibration.frames} frames in 3 s, rAF interval p50 ${fixed(calibration.p50, 2)} ms, p99 ${fixed(calibration.p99, 2)} ms`,
  );

  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await signIn(page, server.baseUrl, 'nurse', '/ward');
  const tiles = page.locator('[data-testid^="bed-tile-"]');
  await page.waitForFunction(
    (count) => document.querySelectorAll('[data-testid^="bed-tile-"]').length >= count,
    demoSessions + extra,
    { timeout: 60_000 },
  );
  const tileCount = await tiles.count();
  console.log(`  ward open: ${tileCount} chair tiles; warming up ${WARMUP_SECONDS} s`);
  await page.waitForTimeout(WARMUP_SECONDS * 1000);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metricsBefore = await rendererMetrics(cdp);
  const chromiumPids = chromiumProcesses();
  const cpuBefore = {
    machine: machineCpuSeconds(),
    server: processCpuSeconds(server.pid ?? 0),
    chromium: chromiumPids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0),
    wall: performance.now(),
  };
  const fedBefore = { ...feeder.totals };
  await page.evaluate(startRecording);
  console.log(`  measuring ${SECONDS} s…`);
  await page.waitForTimeout(SECONDS * 1000);
  const record = await page.evaluate(() => /** @type {any} */ (window).__wardFps.stop());
  const metricsAfter = await rendererMetrics(cdp);
  const wall = (performance.now() - cpuBefore.wall) / 1000;
  const machineAfter = machineCpuSeconds();
  const chromiumAfter = chromiumProcesses().reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  const cpu = {
    machinePct:
      (100 * (machineAfter.busy - cpuBefore.machine.busy)) /
      (machineAfter.total - cpuBefore.machine.total),
    serverPct: (100 * (processCpuSeconds(server.pid ?? 0) - cpuBefore.server)) / wall,
    // Processes that ended inside the window are missed: a lower bound.
    chromiumPct: (100 * (chromiumAfter - cpuBefore.chromium)) / wall,
  };
  const fed = {
    sent: feeder.totals.sent - fedBefore.sent,
    accepted: feeder.totals.accepted - fedBefore.accepted,
    failed: feeder.totals.failed - fedBefore.failed,
    lastError: feeder.totals.lastError,
  };
  const liveTilesAtEnd = await page.evaluate(
    () =>
      [...document.querySelectorAll('[data-testid^="bed-tile-"]')].filter(
        (tile) => tile.getAttribute('data-stale') === 'false',
      ).length,
  );

  feeder.stop();
  await browser.close();
  await server.stop();
  await runCleanups();

  const intervals = /** @type {number[]} */ (record.intervals);
  const windowMs = record.stoppedAt - record.startedAt;
  const over = (/** @type {number} */ limit) => intervals.filter((ms) => ms > limit).length;
  const dropped = intervals.reduce(
    (sum, ms) => sum + Math.max(0, Math.round(ms / FRAME_MS) - 1),
    0,
  );
  const longTasks = /** @type {Array<{ duration: number }>} */ (record.longTasks);
  const delta = (/** @type {string} */ name) =>
    (metricsAfter[name] ?? 0) - (metricsBefore[name] ?? 0);
  const results = {
    date: new Date().toISOString(),
    machine,
    quietBefore,
    chromiumVersion,
    tileCount,
    liveTilesAtEnd,
    demoSessions,
    extra,
    setupSeconds: setup.seconds,
    fed,
    calibration,
    frames: intervals.length,
    windowMs,
    fps: (1000 * intervals.length) / windowMs,
    p50: percentile(intervals, 0.5),
    p95: percentile(intervals, 0.95),
    p99: percentile(intervals, 0.99),
    max: intervals.length ? Math.max(...intervals) : null,
    overFramePct: (100 * over(FRAME_MS)) / Math.max(1, intervals.length),
    overFrameTolerantPct: (100 * over(FRAME_MS + 1)) / Math.max(1, intervals.length),
    missedPct: (100 * over(MISSED_FRAME_MS)) / Math.max(1, intervals.length),
    dropped,
    expectedFrames: Math.round(windowMs / FRAME_MS),
    longTaskSupported: record.longTaskSupported,
    longTasks: longTasks.length,
    longTaskTotalMs: longTasks.reduce((sum, task) => sum + task.duration, 0),
    longTaskMaxMs: longTasks.length ? Math.max(...longTasks.map((task) => task.duration)) : 0,
    heapStart: record.heapStart,
    heapEnd: record.heapEnd,
    mainThread: {
      taskPct: (100 * delta('TaskDuration')) / wall,
      scriptPct: (100 * delta('ScriptDuration')) / wall,
      layoutPct: (100 * delta('LayoutDuration')) / wall,
      stylePct: (100 * delta('RecalcStyleDuration')) / wall,
      layouts: delta('LayoutCount'),
      styleRecalcs: delta('RecalcStyleCount'),
    },
    cpu,
  };
  // Formatted as `npm run format` would, so the generated page passes format:check.
  const file = join(repoRoot, 'docs/benchmarks-ward.md');
  const markdown = await prettier.format(renderDocument(results), {
    ...(await prettier.resolveConfig(file)),
    filepath: file,
  });
  writeFileSync(file, markdown);
  console.log(`\n${summaryLines(results).join('\n')}\n\n  wrote docs/benchmarks-ward.md`);
}

/** @param {any} r */
function summaryLines(r) {
  return [
    `  ${r.tileCount} chair tiles (${r.liveTilesAtEnd} with a reading under the staleness limit at the end), ${r.frames} frames in ${fixed(r.windowMs / 1000)} s = ${fixed(r.fps)} fps`,
    `  frame interval p50 ${fixed(r.p50, 2)} ms, p95 ${fixed(r.p95, 2)} ms, p99 ${fixed(r.p99, 2)} ms, max ${fixed(r.max)} ms`,
    `  over 16.7 ms: ${fixed(r.overFramePct)} % (over 17.7 ms: ${fixed(r.overFrameTolerantPct)} %; over 25 ms, a refresh missed: ${fixed(r.missedPct)} %); dropped frames ≈ ${r.dropped} of ${r.expectedFrames}`,
    `  long tasks: ${r.longTaskSupported ? `${r.longTasks}, ${fixed(r.longTaskTotalMs, 0)} ms in all, longest ${fixed(r.longTaskMaxMs, 0)} ms` : 'not supported'}`,
    `  JS heap used ${mib(r.heapStart?.used)} → ${mib(r.heapEnd?.used)}`,
    `  renderer main thread busy ${fixed(r.mainThread.taskPct)} % (script ${fixed(r.mainThread.scriptPct)} %, layout ${fixed(r.mainThread.layoutPct)} %, style ${fixed(r.mainThread.stylePct)} %)`,
    `  CPU: Chromium ${fixed(r.cpu.chromiumPct, 0)} % of a core, server ${fixed(r.cpu.serverPct, 0)} %, whole machine ${fixed(r.cpu.machinePct, 0)} % of all cores`,
  ];
}

/** @param {any} r @returns {string} docs/benchmarks-ward.md */
function renderDocument(r) {
  const heap = r.heapStart
    ? `${mib(r.heapStart.used)} at the start, ${mib(r.heapEnd?.used)} at the end (allocated ${mib(r.heapEnd?.total)}, limit ${mib(r.heapEnd?.limit)})`
    : 'not available (`performance.memory` missing)';
  const verdict =
    r.missedPct < 1 && (r.p95 ?? Infinity) <= MISSED_FRAME_MS
      ? `**60 fps held**: ${fixed(100 - r.missedPct)} % of frames came within one refresh, p95 ${fixed(r.p95, 1)} ms.`
      : `**60 fps not held**: ${fixed(r.missedPct)} % of frames missed at least one refresh, p95 ${fixed(r.p95, 1)} ms.`;
  return `# Ward screen frame rate

Generated by \`npm run bench:ward\` (\`tools/bench/ward-fps.mjs\`) on ${r.date.slice(0, 10)}; rerun it
to refresh this page. Like [the server benchmark](benchmarks.md), it measures and never fails on
poor figures. The machine is shared: see _Machine_ below for how busy it was.

${verdict}

## Results

| measure                                               | value |
| ----------------------------------------------------- | ----- |
| chair tiles on screen                                 | ${r.tileCount} (${r.demoSessions} demo chairs + ${r.extra} set up through the REST API) |
| tiles with a fresh reading at the end                 | ${r.liveTilesAtEnd} |
| frames in the window                                  | ${r.frames} in ${fixed(r.windowMs / 1000)} s (${fixed(r.fps)} fps; ${r.expectedFrames} at 60 Hz) |
| frame interval p50 / p95 / p99 / max                  | ${fixed(r.p50, 2)} / ${fixed(r.p95, 2)} / ${fixed(r.p99, 2)} / ${fixed(r.max, 1)} ms |
| intervals over 16.7 ms                                | ${fixed(r.overFramePct)} % |
| intervals over 17.7 ms (16.7 ms + 1 ms timer jitter)  | ${fixed(r.overFrameTolerantPct)} % |
| intervals over 25 ms (at least one refresh missed)    | ${fixed(r.missedPct)} % |
| dropped frames (estimate)                             | ${r.dropped} |
| long tasks (over 50 ms)                               | ${r.longTaskSupported ? `${r.longTasks}, ${fixed(r.longTaskTotalMs, 0)} ms in all, longest ${fixed(r.longTaskMaxMs, 0)} ms` : 'not supported by this browser'} |
| JS heap used                                          | ${heap} |
| renderer main thread busy                             | ${fixed(r.mainThread.taskPct)} % of the window (script ${fixed(r.mainThread.scriptPct)} %, layout ${fixed(r.mainThread.layoutPct)} %, style ${fixed(r.mainThread.stylePct)} %); ${fixed(r.mainThread.layouts, 0)} layouts, ${fixed(r.mainThread.styleRecalcs, 0)} style recalculations |
| CPU over the window                                   | Chromium (all its processes) ${fixed(r.cpu.chromiumPct, 0)} % of one core, server ${fixed(r.cpu.serverPct, 0)} % of one core, whole machine ${fixed(r.cpu.machinePct, 0)} % of all cores |
| readings sent in the window                           | ${r.fed.sent} (${r.fed.accepted} accepted, ${r.fed.failed} failed${r.fed.failed ? `; last: ${r.fed.lastError}` : ''}) |

## What changed the figures

Until the tiles' two sparklines became plain SVG polylines, each was a recharts chart, and a full
ward redrew 48 of them every second: on the same machine (as busy), 47.7 fps, 8.7 % of frames
missed a refresh, p99 133 ms, 44 long tasks (4.5 s of the 30 s, longest 308 ms), the renderer's
main thread 49 % busy and the JS heap growing from 32 to 78 MiB within the window.

## How it was measured

- **Server**: the built server (\`dist/server\`) as its own process with \`VIGIL_DEMO=1\` on a fresh
  temporary SQLite file, as \`npm start\` runs it. The demo ward's bedside simulator feeds its
  ${r.demoSessions} chairs; ${r.extra} more sessions are set up exactly as the server benchmark does
  (\`setup-ward.mjs\`: a device, a patient, a session, its assessment and start, through the REST
  API) and the script posts one reading a second for each with its device key (SpO2, heart rate
  and respiratory rate every second, blood pressure every 3 minutes; sends spread over the
  second). The server pushes vitals to the screen coalesced, at most five frames a second per
  session.
- **Browser**: Debian's Chromium ${r.chromiumVersion}, headless, viewport 1920×1080, signed in as
  \`nurse\` through the login form on \`/ward\`; flags \`${CHROMIUM_ARGS.join(' ')} --enable-precise-memory-info\`.
  Headless Chromium draws frames from its own 60 Hz begin-frame source (no display, no vsync):
  requestAnimationFrame runs at that rate as long as the renderer keeps up, and a frame the
  renderer cannot finish in time is skipped, which is what this measures. \`--disable-gpu-vsync\`
  and \`--disable-frame-rate-limit\` were tried and do not uncap it with \`--disable-gpu\`
  (software compositing), so they are not used. Calibration on an empty page, same browser:
  ${r.calibration.frames} frames in 3 s, interval p50 ${fixed(r.calibration.p50, 2)} ms, p99
  ${fixed(r.calibration.p99, 2)} ms.
- **Window**: after ${WARMUP_SECONDS} s of warm-up with every tile on screen, ${SECONDS} s.
  _Frame intervals_ are the differences between consecutive requestAnimationFrame timestamps;
  timestamps have 0.1 ms resolution, so an on-time frame reads 16.6–16.8 ms, hence the tolerant
  column. _Dropped frames_ = Σ max(0, round(interval ÷ 16.67 ms) − 1). _Long tasks_ come from a
  \`PerformanceObserver\` on \`longtask\` entries (main-thread tasks over 50 ms). _JS heap_ is
  \`performance.memory\` (Chromium only; precise with \`--enable-precise-memory-info\`). _Main thread
  busy_ is the change in the DevTools protocol's \`Performance.getMetrics\` \`TaskDuration\`,
  \`ScriptDuration\`, \`LayoutDuration\` and \`RecalcStyleDuration\` over the window. _CPU_ is read from
  \`/proc\` for the browser's process tree and the server.
- **Software rendering**: with \`--disable-gpu\` Chromium rasterises and composites on the CPU, so
  these figures are a pessimistic bound for a ward PC with a GPU.

## Machine

${r.machine.summary}. Busy with other work before the run: ${fixed(r.quietBefore, 0)} % of all cores
(the script waits up to 30 s for it to fall under 15 %).
`;
}

main().catch(async (error) => {
  console.error(
    `ward-fps failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  await runCleanups();
  process.exit(1);
});
