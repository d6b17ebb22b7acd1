// Dashboard clients on their own thread, so that receiving the ward's vitals fan-out does not
// delay the load generator's sends (and the other way round). Times are absolute milliseconds
// (performance.timeOrigin + now), comparable across threads.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

// Client i connects to urls[i % urls.length] (spread over the instances of a cluster) and, when
// watches[i] lists bays, narrows itself to them as a ward screen does; otherwise it receives the
// whole ward. Either way it asks for frames, as the dashboard does: one `vitals.frame` per server
// frame with the beds it watches (BENCH_FRAMES=0: one `vitals` per bed, as before frames). With everyDelivery, every client's alert.raised is reported, not only the first.
const { urls, token, clients, watches, everyDelivery } =
  /** @type {{ urls: string[], token: string, clients: number,
   *   watches: Array<string[] | null>, everyDelivery: boolean }} */ (workerData);
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const now = () => performance.timeOrigin + performance.now();
const frames = process.env['BENCH_FRAMES'] !== '0';

// vitalsEvents counts messages: a `vitals` event or a `vitals.frame`, whatever it carries.
const counts = {
  vitalsEvents: 0,
  vitalsSamples: 0,
  alertsRaised: 0,
  disconnects: 0,
  connectErrors: 0,
};
/** First alert.raised per session and code, across all this thread's clients. */
const firstSeen = new Set();

const sockets = Array.from({ length: clients }, (_, index) => {
  const socket = io(`${urls[index % urls.length]}/clinicians`, {
    transports: ['websocket'],
    auth: { token, frames },
    forceNew: true,
    reconnectionDelay: 500,
  });
  socket.on('vitals', (/** @type {{ samples: unknown[] }} */ event) => {
    counts.vitalsEvents += 1;
    counts.vitalsSamples += event.samples.length;
  });
  socket.on('vitals.frame', (/** @type {{ items: Array<{ samples: unknown[] }> }} */ frame) => {
    counts.vitalsEvents += 1;
    for (const item of frame.items) counts.vitalsSamples += item.samples.length;
  });
  socket.on(
    'alert.raised',
    (/** @type {{ id: string, sessionId: string, code: string }} */ alert) => {
      const at = now();
      counts.alertsRaised += 1;
      if (everyDelivery)
        port.postMessage({ type: 'delivery', sessionId: alert.sessionId, code: alert.code, at });
      const key = `${alert.sessionId}:${alert.code}`;
      if (firstSeen.has(key)) return;
      firstSeen.add(key);
      port.postMessage({
        type: 'alert',
        id: alert.id,
        sessionId: alert.sessionId,
        code: alert.code,
        at,
      });
    },
  );
  socket.on('disconnect', () => (counts.disconnects += 1));
  socket.on('connect_error', (error) => {
    counts.connectErrors += 1;
    port.postMessage({ type: 'connect_error', message: error.message });
  });
  return socket;
});

let connected = 0;
sockets.forEach((socket, index) => {
  socket.once('connect', () => {
    const bays = watches[index];
    const ready = () => {
      connected += 1;
      if (connected === sockets.length) port.postMessage({ type: 'ready' });
    };
    if (bays) socket.emit('watch', { bays }, ready);
    else ready();
  });
});

port.on('message', (/** @type {{ type: string }} */ message) => {
  if (message.type === 'counts') port.postMessage({ type: 'counts', counts: { ...counts } });
  if (message.type === 'close') {
    for (const socket of sockets) socket.close();
    port.postMessage({ type: 'closed', counts: { ...counts } });
    port.close();
  }
});
