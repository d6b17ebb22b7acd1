import { Worker } from 'node:worker_threads';
import { once } from 'node:events';
import { onCleanup } from './cleanup.mjs';

/**
 * @typedef {{ vitalsEvents: number, vitalsSamples: number, alertsRaised: number,
 *   disconnects: number, connectErrors: number }} DashboardCounts
 */

/**
 * Connects `clients` clinician sockets (namespace /clinicians, auth { token }) on a worker thread,
 * spread over `urls` (one per instance); client i watches the bays `watches[i]` (a ward screen)
 * or, without an entry, the whole ward. `onAlert` gets each session's first alert.raised per
 * code, with the absolute time it arrived; `onDelivery`, if given, every client's.
 * @param {{ urls: string[], token: string, clients: number, watches?: Array<string[] | null>,
 *   onAlert: (alert: { id: string, sessionId: string, code: string, at: number }) => void,
 *   onDelivery?: (alert: { sessionId: string, code: string, at: number }) => void }} options
 */
export async function connectDashboards({
  urls,
  token,
  clients,
  watches = [],
  onAlert,
  onDelivery,
}) {
  const worker = new Worker(new URL('./dashboard-worker.mjs', import.meta.url), {
    workerData: {
      urls,
      token,
      clients,
      watches: Array.from({ length: clients }, (_, index) => watches[index] ?? null),
      everyDelivery: Boolean(onDelivery),
    },
  });
  const terminate = onCleanup('stop the dashboards', () =>
    worker.terminate().then(() => undefined),
  );
  /** @type {Array<(counts: DashboardCounts) => void>} */
  const waitingForCounts = [];
  let connectErrors = 0;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('dashboards did not connect within 20 s')),
      20_000,
    );
    worker.on('message', (message) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(undefined);
      } else if (message.type === 'alert') onAlert(message);
      else if (message.type === 'delivery') onDelivery?.(message);
      else if (message.type === 'counts') waitingForCounts.shift()?.(message.counts);
      else if (message.type === 'connect_error' && ++connectErrors <= 3)
        console.warn(`    dashboard connect error: ${message.message}`);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  try {
    await ready;
  } catch (error) {
    await terminate();
    throw error;
  }
  return {
    /** @returns {Promise<DashboardCounts>} zeros if the worker does not answer within 5 s */
    counts() {
      return new Promise((resolve) => {
        const none = {
          vitalsEvents: 0,
          vitalsSamples: 0,
          alertsRaised: 0,
          disconnects: 0,
          connectErrors: 0,
        };
        const timer = setTimeout(() => resolve(none), 5_000);
        waitingForCounts.push((counts) => {
          clearTimeout(timer);
          resolve(counts);
        });
        worker.postMessage({ type: 'counts' });
      });
    },
    async close() {
      worker.postMessage({ type: 'close' });
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await once(worker, 'exit');
      clearTimeout(timer);
      await terminate(); // already gone: just forget the cleanup
    },
  };
}
