// The contract's other way in for readings: the `/devices` Socket.IO namespace, one socket a bed
// kept open as a monitor gateway keeps it, the reading sent as a `vitals` event whose ack carries
// what REST would have answered. With BENCH_TRANSPORT=socket the bench sends every reading this way.
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

const ACK_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 60_000;

/**
 * Opens every bed's socket, a few hundred at a time, and resolves once all are connected.
 * @param {string} baseUrl @param {Array<{ apiKey: string }>} beds
 * @returns {Promise<import('socket.io-client').Socket[]>}
 */
export async function connectDeviceSockets(baseUrl, beds) {
  /** @type {import('socket.io-client').Socket[]} */
  const sockets = [];
  for (let start = 0; start < beds.length; start += 200) {
    const slice = beds.slice(start, start + 200).map((bed) => {
      const socket = io(`${baseUrl}/devices`, {
        transports: ['websocket'],
        auth: { apiKey: bed.apiKey },
        forceNew: true,
        reconnectionDelay: 500,
      });
      sockets.push(socket);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('a device socket did not connect')),
          CONNECT_TIMEOUT_MS,
        );
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    });
    await Promise.all(slice);
  }
  return sockets;
}

/**
 * One reading over a device socket, answered as `requestJson` answers a POST: the status REST
 * would have given (202, or the refusal's), the body, the time from the send; status 0 for none.
 * @param {import('socket.io-client').Socket} socket @param {string} sessionId
 * @param {Array<Record<string, unknown>>} samples
 * @returns {Promise<{ status: number, body: any, ms: number }>}
 */
export async function sendOverSocket(socket, sessionId, samples) {
  const started = performance.now();
  try {
    /** @type {{ error?: { statusCode: number } }} */
    const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('vitals', { sessionId, samples });
    return {
      status: ack.error ? ack.error.statusCode : 202,
      body: ack,
      ms: performance.now() - started,
    };
  } catch {
    return { status: 0, body: { error: 'timeout' }, ms: performance.now() - started };
  }
}
