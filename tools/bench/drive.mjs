import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { onCleanup } from './cleanup.mjs';
import { connectDeviceSockets, sendOverSocket } from './device-sockets.mjs';
import { createAgent, requestJson } from './http.mjs';
import { summarize } from './stats.mjs';

/** @typedef {import('./setup-ward.mjs').Bed} Bed */

// A 20 s window then times about 120 alarms rather than 9: with fewer than 100, p99 is the worst.
const ALERT_EVERY_MS = Number(process.env['BENCH_ALERT_EVERY_MS']) || 150;
const ALERT_WAIT_MS = 10_000;
/** A nurse at the central station acknowledges a probe's alarm this long after it sounds. */
const ACKNOWLEDGE_AFTER_MS = 2_000;
const DRAIN_MS = 35_000;
/** `http`: each reading a POST; `socket`: a `vitals` event on the bed's `/devices` socket. */
export const TRANSPORT = process.env['BENCH_TRANSPORT'] === 'socket' ? 'socket' : 'http';

/** @param {number} low @param {number} high */
const between = (low, high) => low + Math.floor(Math.random() * (high - low + 1));
const absoluteNow = () => performance.timeOrigin + performance.now();

/**
 * N bedside monitors at 1 Hz, their sends spread evenly over each second; every 0.15 s one bed
 * (each at most once) sends a deep desaturation (SpO2 88 then 80 in one batch), timed from the
 * POST's start to the first alert.raised any dashboard sees.
 *
 * Connections: without `connections`, the beds share one keep-alive pool as big as the ward (a
 * request takes whichever connection is free, so only as many are opened as are ever busy at
 * once). With it, bed i always posts on connection i mod `connections`, one request at a time, as
 * a monitor holds its own connection: behind a proxy that hands each new connection to the next
 * instance, the beds (not the requests) are spread over the instances. With fewer connections than
 * beds, the beds sharing one are a second × connections ÷ beds apart in their phase, and a request
 * waits (timed from its start) while the other's is unanswered.
 * @param {{ baseUrl: string, beds: Bed[], warmupS: number, measureS: number,
 *   connections?: number,
 *   subscribeAlerts: (listener: (alert: { id?: string, sessionId: string, code: string, at: number }) => void) => void,
 *   acknowledge?: (alertId: string) => Promise<unknown>,
 *   onWindowStart: () => void, onWindowEnd: () => void }} options
 */
export async function drive({
  baseUrl,
  beds,
  warmupS,
  measureS,
  connections,
  subscribeAlerts,
  acknowledge,
  onWindowStart,
  onWindowEnd,
}) {
  const pooled = connections ? null : createAgent(beds.length);
  const ownConnections = Array.from({ length: connections ?? 0 }, () => createAgent(1));
  /** @param {number} index a bed's @returns {import('node:http').Agent} */
  const agentFor = (index) =>
    pooled ??
    /** @type {import('node:http').Agent} */ (ownConnections[index % ownConnections.length]);
  const freshConnections = new http.Agent({ keepAlive: false });
  const deviceSockets = TRANSPORT === 'socket' ? await connectDeviceSockets(baseUrl, beds) : null;
  const t0 = performance.now() + 500;
  const windowStart = t0 + warmupS * 1000;
  const windowEnd = windowStart + measureS * 1000;
  const inWindow = (/** @type {number} */ t) => t >= windowStart && t < windowEnd;

  const latencies = /** @type {number[]} */ ([]);
  const lateness = /** @type {number[]} */ ([]);
  const errors = /** @type {Record<string, number>} */ ({});
  const warmupErrors = /** @type {Record<string, number>} */ ({});
  const totals = {
    sent: 0,
    sentInWindow: 0,
    samplesOffered: 0,
    acceptedInWindow: 0,
    duplicates: 0,
    resent: 0,
  };
  /** Requests not answered yet, and whether each counts (started in the window). */
  /** @type {Map<Promise<void>, boolean>} */
  const inFlight = new Map();
  let stopped = false;

  /** @type {Map<string, { startedAt: number, latency: number | null }>} */
  const probes = new Map();
  /** @type {Set<NodeJS.Timeout>} */
  const acknowledgements = new Set();
  let acknowledgeFailures = 0;
  const otherAlerts = /** @type {Record<string, number>} */ ({});
  subscribeAlerts((alert) => {
    const probe = probes.get(alert.sessionId);
    if (alert.code === 'SPO2_LOW' && probe && probe.latency === null) {
      probe.latency = alert.at - probe.startedAt;
      // The relay's alarms have no id and nothing to acknowledge them at.
      const alertId = alert.id;
      if (acknowledge && alertId) {
        const timer = setTimeout(() => {
          acknowledgements.delete(timer);
          acknowledge(alertId).catch(() => (acknowledgeFailures += 1));
        }, ACKNOWLEDGE_AFTER_MS);
        acknowledgements.add(timer);
      }
      return;
    }
    otherAlerts[alert.code] = (otherAlerts[alert.code] ?? 0) + 1;
  });

  const state = beds.map(() => ({ seq: 0, desaturate: false, probed: false }));

  /** @param {number} index @param {number} scheduledAt */
  const send = (index, scheduledAt) => {
    const bed = beds[index];
    const bedState = state[index];
    if (!bed || !bedState) return;
    const startedPerf = performance.now();
    lateness.push(startedPerf - scheduledAt);
    const now = Date.now();
    const vitals = () => ({ heartRate: between(66, 78), respRate: between(13, 16) });
    /** @type {Array<Record<string, unknown>>} */
    let samples;
    let probe = null;
    if (bedState.desaturate) {
      bedState.desaturate = false;
      samples = [
        { seq: bedState.seq++, at: new Date(now - 300).toISOString(), ...vitals(), spo2: 88 },
        { seq: bedState.seq++, at: new Date(now).toISOString(), ...vitals(), spo2: 80 },
      ];
      probe = { startedAt: absoluteNow(), latency: null };
      probes.set(bed.sessionId, probe);
    } else {
      const seq = bedState.seq++;
      const sample = { seq, at: new Date(now).toISOString(), ...vitals(), spo2: between(96, 98) };
      samples = [
        seq % 60 === 0
          ? { ...sample, systolic: between(118, 128), diastolic: between(72, 80) }
          : sample,
      ];
    }
    const counted = inWindow(startedPerf);
    totals.sent += 1;
    if (counted) {
      totals.sentInWindow += 1;
      totals.samplesOffered += samples.length;
    }
    /** @param {import('node:http').Agent} through */
    const post = (through) =>
      requestJson({
        baseUrl,
        agent: through,
        method: 'POST',
        path: `/api/v1/sessions/${bed.sessionId}/vitals`,
        headers: { 'x-device-key': bed.apiKey },
        body: { samples },
      });
    const sent = deviceSockets
      ? sendOverSocket(
          /** @type {import('socket.io-client').Socket} */ (deviceSockets[index]),
          bed.sessionId,
          samples,
        )
      : post(agentFor(index));
    const request = sent
      .then(async (result) => {
        // A kept-alive connection the server had just closed as idle: the request never reached
        // it, and a monitor sends again (a resent sample is stored once). Timed from the first try.
        if (result.status !== 0 || !String(result.body.error).includes('(reused connection)'))
          return result;
        totals.resent += 1;
        // On a connection of its own: another idle kept-alive one may have been closed as well.
        const again = await post(freshConnections);
        return { ...again, ms: performance.now() - startedPerf };
      })
      .then((result) => {
        if (stopped) return; // abandoned after the drain: already counted as unanswered
        const finished = performance.now();
        if (result.status === 202) {
          if (counted) latencies.push(result.ms);
          if (inWindow(finished)) totals.acceptedInWindow += result.body.accepted;
          totals.duplicates += result.body.duplicates;
          return;
        }
        const key = result.status === 0 ? String(result.body.error) : String(result.status);
        const into = counted ? errors : startedPerf < windowStart ? warmupErrors : null;
        if (into) into[key] = (into[key] ?? 0) + 1;
        if (probe) probes.delete(bed.sessionId); // the desaturation never arrived: no alert to time
      });
    inFlight.set(request, counted);
    void request.finally(() => inFlight.delete(request));
  };

  // Each bed keeps its own phase in the second, rescheduled against absolute times (no drift).
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  /** @type {NodeJS.Timeout | undefined} */
  let picker;
  // Interrupted (SIGINT), the load stops first, so that the server can then shut down at once.
  const stopLoad = onCleanup('stop the load', () => {
    timers.forEach((timer) => clearTimeout(timer));
    clearInterval(picker);
    pooled?.destroy();
    ownConnections.forEach((connection) => connection.destroy());
    freshConnections.destroy();
    deviceSockets?.forEach((socket) => socket.disconnect());
  });
  await new Promise((resolve) => {
    let running = beds.length;
    beds.forEach((_, index) => {
      const offset = (index / beds.length) * 1000;
      /** @param {number} tick */
      const schedule = (tick) => {
        const at = t0 + offset + tick * 1000;
        if (at >= windowEnd) {
          if (--running === 0) resolve(undefined);
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          send(index, at);
          schedule(tick + 1);
        }, at - performance.now());
        timers.add(timer);
      };
      schedule(0);
    });
    setTimeout(onWindowStart, windowStart - performance.now());
    // A desaturation every ALERT_EVERY_MS through the window, on a bed that never had one.
    const pickFrom = performance.now();
    picker = setInterval(() => {
      const now = performance.now();
      if (now < windowStart || now < pickFrom) return;
      if (now > windowEnd - 1_500) return clearInterval(picker);
      const candidates = state.flatMap((bedState, index) => (bedState.probed ? [] : [index]));
      if (candidates.length === 0) return;
      const index = candidates[Math.floor(Math.random() * candidates.length)];
      const picked = index === undefined ? undefined : state[index];
      if (!picked) return;
      picked.probed = true;
      picked.desaturate = true;
    }, ALERT_EVERY_MS);
  });
  onWindowEnd();

  // Let every request in flight finish (or time out), and every probe get its alert.
  const drainDeadline = performance.now() + DRAIN_MS;
  while (inFlight.size > 0 && performance.now() < drainDeadline) {
    await Promise.race([...inFlight.keys(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
  }
  // Still unanswered: a failure too (leaving them out would flatter the latencies).
  const unfinished = inFlight.size;
  stopped = true;
  for (const counted of inFlight.values()) {
    if (counted) errors['no reply'] = (errors['no reply'] ?? 0) + 1;
  }
  const alertDeadline = absoluteNow() + ALERT_WAIT_MS;
  while (
    [...probes.values()].some((probe) => probe.latency === null) &&
    absoluteNow() < alertDeadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopLoad();
  acknowledgements.forEach((timer) => clearTimeout(timer));
  if (acknowledgeFailures > 0)
    console.warn(`    ${acknowledgeFailures} probe alarms could not be acknowledged`);

  const alertLatencies = [...probes.values()].flatMap((probe) =>
    probe.latency === null ? [] : [probe.latency],
  );
  return {
    beds: beds.length,
    measureS,
    samplesPerSecond: totals.acceptedInWindow / measureS,
    offeredSamplesPerSecond: totals.samplesOffered / measureS,
    requestsInWindow: totals.sentInWindow,
    post: summarize(latencies),
    alert: summarize(alertLatencies),
    alertsProbed: probes.size,
    alertsMissed: probes.size - alertLatencies.length,
    otherAlerts,
    errors,
    warmupErrors,
    unfinished,
    duplicates: totals.duplicates,
    resent: totals.resent,
    lateness: summarize(lateness),
    /** Each desaturation whose POST was accepted: when it started (absolute ms), by session. */
    probeStarts: [...probes].map(([sessionId, probe]) => ({
      sessionId,
      startedAt: probe.startedAt,
    })),
  };
}
