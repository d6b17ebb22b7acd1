import { connectDashboards } from './dashboards.mjs';
import { drive } from './drive.mjs';
import { createAgent, restClient } from './http.mjs';
import { statusKb } from './proc-stats.mjs';
import { windowObserver } from './window-observer.mjs';

/** @typedef {import('./setup-ward.mjs').Bed} Bed */
/** @typedef {Awaited<ReturnType<typeof measureTarget>>} Measured */

/**
 * What the bench measures: Vigil's server, or the bare relay. Started, answering, its beds known.
 * @typedef {{ pid: number, baseUrl: string, metricsUrl: string | null,
 *   log: { lines: number, last: string[] }, crashed: () => boolean,
 *   stop: () => Promise<{ code: number | null, signal: string | null, stopMs: number | null }> }} Target
 */

/**
 * Everything after "a server and its beds exist", the same for every target: the screens connect
 * (a ward screen per `wardSize` beds watching its bays, and `screens` sockets on the whole ward),
 * the beds are driven at 1 Hz, the window is observed, and the target is stopped.
 * @param {{ target: Target, beds: Bed[], token: string, postgresUrl: string | null,
 *   rss: ReturnType<typeof import('./proc-stats.mjs').rssSampler>, warmupS: number,
 *   measureS: number, screens: number, wardSize: number }} options
 */
export async function measureTarget({
  target,
  beds,
  token,
  postgresUrl,
  rss,
  warmupS,
  measureS,
  screens,
  wardSize,
}) {
  /** @type {Array<(alert: { id: string, sessionId: string, code: string, at: number }) => void>} */
  const alertListeners = [];
  const acknowledgeAgent = createAgent(4);
  const nurse = restClient(target.baseUrl, acknowledgeAgent);
  const wards = Array.from({ length: Math.ceil(beds.length / wardSize) }, (_, ward) =>
    beds.slice(ward * wardSize, (ward + 1) * wardSize).map((bed) => bed.bay),
  );
  const clients = await connectDashboards({
    urls: [target.baseUrl],
    token,
    clients: wards.length + screens,
    watches: wards,
    onAlert: (alert) => alertListeners.forEach((listener) => listener(alert)),
  });
  console.log(
    `  ${wards.length} ward screens and ${screens} whole-ward screens connected; ` +
      `driving ${beds.length} beds for ${warmupS} + ${measureS} s`,
  );
  const { load, window, countsAfter } = await (async () => {
    try {
      const observer = windowObserver({
        serverPid: target.pid,
        metricsUrl: target.metricsUrl,
        postgresUrl,
        dashboards: clients,
        rss,
      });
      try {
        const load = await drive({
          baseUrl: target.baseUrl,
          beds,
          warmupS,
          measureS,
          subscribeAlerts: (listener) => alertListeners.push(listener),
          acknowledge: (alertId) =>
            nurse('POST', `/api/v1/alerts/${alertId}/acknowledge`, {
              token,
              body: { from: 'Bench central station' },
              expect: 200,
            }),
          onWindowStart: observer.open,
          onWindowEnd: observer.close,
        });
        return { load, window: await observer.results(), countsAfter: await clients.counts() };
      } catch (error) {
        observer.dispose();
        throw error;
      }
    } finally {
      acknowledgeAgent.destroy();
      await clients.close();
    }
  })();
  const hwmKb = statusKb(target.pid, 'VmHWM');
  const crashed = target.crashed();
  rss.stop();
  const stopped = await target.stop();
  return {
    beds: beds.length,
    screens,
    load,
    cpu: window.cpu,
    postgresActivity: window.postgresActivity,
    lag: window.atEnd,
    rss: {
      peakMb: rss.state.peakKb / 1024,
      hwmMb: hwmKb === null ? null : hwmKb / 1024,
      windowStartMb: rss.state.windowStartKb / 1024,
      windowPeakMb: rss.state.windowPeakKb / 1024,
      windowEndMb: rss.state.windowEndKb / 1024,
      timelineMb: rss.state.timelineKb.map((kb) => Math.round(kb / 1024)),
      heapUsedMb: [window.atStart.heapUsedMb, window.atEnd.heapUsedMb],
      externalMb: [window.atStart.externalMb, window.atEnd.externalMb],
    },
    commits: commitsInWindow(window.atStart, window.atEnd, measureS),
    raises: raisesInWindow(window.atStart, window.atEnd),
    dashboards: {
      wholeWard: screens,
      wardScreens: wards.length,
      vitalsEventsPerSecond:
        (window.countsAtEnd.vitalsEvents - window.countsAtStart.vitalsEvents) / measureS,
      disconnects: countsAfter.disconnects,
      connectErrors: countsAfter.connectErrors,
    },
    server: {
      pid: target.pid,
      windowUs: window.monotonicUs,
      crashed,
      exit: stopped,
      logLines: target.log.lines,
      lastLog: target.log.last.slice(-5),
    },
  };
}

/**
 * The readings' group commits within the window: how many a second, how many batches each took,
 * how long each waited for its turn and then took (null for a target without the counters), and
 * the batches still queued for one at the window's end.
 * @param {import('./window-observer.mjs').Scrape} atStart
 * @param {import('./window-observer.mjs').Scrape} atEnd
 * @param {number} measureS
 */
function commitsInWindow(atStart, atEnd, measureS) {
  const difference = windowDifference(atStart, atEnd);
  const groups = difference('commitGroups');
  const batches = difference('committedBatches');
  if (groups === null || batches === null || groups <= 0) return null;
  const meanMs = meanMsOf(difference('commitsTimed'));
  return {
    perSecond: groups / measureS,
    batchesEach: batches / groups,
    turnMs: meanMs(difference('commitTurnS')),
    transactionMs: meanMs(difference('commitTransactionS')),
    queuedAtEnd: atEnd.queuedBatches,
  };
}

/**
 * The alarms raised within the window: how many, and how long each raise's write waited for its
 * turn and then took before it could be published (null for a target without the counters).
 * @param {import('./window-observer.mjs').Scrape} atStart
 * @param {import('./window-observer.mjs').Scrape} atEnd
 */
function raisesInWindow(atStart, atEnd) {
  const difference = windowDifference(atStart, atEnd);
  const raises = difference('raisesTimed');
  if (raises === null || raises <= 0) return null;
  const meanMs = meanMsOf(raises);
  return {
    count: raises,
    turnMs: meanMs(difference('raiseTurnS')),
    transactionMs: meanMs(difference('raiseTransactionS')),
    transactionP99UpToMs: bucketQuantileMs(
      atStart.raiseTransactionBuckets,
      atEnd.raiseTransactionBuckets,
      0.99,
    ),
  };
}

/**
 * A quantile of what a histogram timed within the window, as the upper bound of the bucket it
 * falls in (in ms; Infinity past the last bound): a mean hides the slow few that set an alarm's
 * p99, and the buckets are all the server keeps of them.
 * @param {Array<[number, number]> | null} atStart
 * @param {Array<[number, number]> | null} atEnd
 * @param {number} quantile
 */
function bucketQuantileMs(atStart, atEnd, quantile) {
  if (!atStart || !atEnd) return null;
  const before = new Map(atStart);
  const inWindow = atEnd.map(
    ([le, count]) => /** @type {[number, number]} */ ([le, count - (before.get(le) ?? 0)]),
  );
  const total = inWindow.at(-1)?.[1] ?? 0;
  if (total <= 0) return null;
  const bucket = inWindow.find(([, count]) => count >= quantile * total);
  return bucket ? bucket[0] * 1000 : null;
}

/**
 * A counter's growth between the window's two scrapes, null where either lacks it.
 * @param {import('./window-observer.mjs').Scrape} atStart
 * @param {import('./window-observer.mjs').Scrape} atEnd
 */
function windowDifference(atStart, atEnd) {
  return (/** @type {keyof import('./window-observer.mjs').Scrape} */ name) => {
    const [start, end] = [atStart[name], atEnd[name]];
    return typeof start === 'number' && typeof end === 'number' ? end - start : null;
  };
}

/** @param {number | null} count of what a histogram timed: its summed seconds as mean ms each */
function meanMsOf(count) {
  return (/** @type {number | null} */ seconds) =>
    count && seconds !== null ? (seconds * 1000) / count : null;
}
