// The bare Socket.IO relay: the baseline `npm run bench` measures Vigil against, with the same
// chairs, screens and load. It does what any live-vitals service must do at the least (take a
// monitor's POST, parse its JSON, push it to the screens that watch the chair) and nothing Vigil
// adds: no authentication, validation, storage, audit or rules. Run as its own process by
// relay.mjs: PORT, and RELAY_BEDS, a JSON file of [sessionId, bay] pairs (the fabricated ward).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { Server } from 'socket.io';

const WARD_ROOM = 'ward';
/** @param {string} bay */
const bayRoom = (bay) => `bay:${bay}`;
/** The one comparison that stands in for the rule engine, so that the same alert probe works. */
const SPO2_ALERT_BELOW = 85;
/** As Vigil's server: a monitor's kept-alive connection is not closed under it between sends. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const VITALS_PATH = /^\/api\/v1\/sessions\/([^/]+)\/vitals$/;

const port = Number(process.env['PORT']);
const bedsFile = process.env['RELAY_BEDS'];
if (!Number.isInteger(port) || port <= 0 || !bedsFile)
  throw new Error('relay-server.mjs needs PORT and RELAY_BEDS');
/** @type {Map<string, string>} sessionId → bay */
const bayOf = new Map(JSON.parse(readFileSync(bedsFile, 'utf8')));

/** @param {http.ServerResponse} response @param {number} status @param {unknown} body */
const reply = (response, status, body) => {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
  });
  response.end(payload);
};

const httpServer = http.createServer((request, response) => {
  const url = request.url ?? '';
  if (request.method === 'GET' && url === '/api/v1/health') return reply(response, 200, {});
  const match = request.method === 'POST' ? VITALS_PATH.exec(url) : null;
  const sessionId = match?.[1];
  if (!sessionId) return reply(response, 404, { code: 'NOT_FOUND' });
  const chunks = /** @type {Buffer[]} */ ([]);
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    /** @type {Array<{ spo2?: number }>} */
    let samples;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      samples = Array.isArray(body?.samples) ? body.samples : [];
    } catch {
      return reply(response, 400, { code: 'VALIDATION_FAILED' });
    }
    reply(response, 202, { accepted: samples.length, duplicates: 0 });
    const bay = bayOf.get(sessionId);
    const rooms = bay ? [WARD_ROOM, bayRoom(bay)] : [WARD_ROOM];
    // One `vitals` per POST to every screen that watches the chair: a relay has no frames.
    clinicians.to(rooms).emit('vitals', { sessionId, samples });
    if (samples.some((sample) => typeof sample.spo2 === 'number' && sample.spo2 < SPO2_ALERT_BELOW))
      clinicians.to(rooms).emit('alert.raised', { sessionId, code: 'SPO2_LOW' });
  });
});
httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

const io = new Server(httpServer);
const clinicians = io.of('/clinicians');
clinicians.on('connection', (socket) => {
  // Every screen starts on the whole ward; `watch { bays }` narrows it to those bays, as in Vigil.
  void socket.join(WARD_ROOM);
  socket.on('watch', async (/** @type {{ bays?: string[] }} */ request, ack) => {
    const bays = Array.isArray(request?.bays) ? request.bays : [];
    const wanted = bays.length ? bays.map(bayRoom) : [WARD_ROOM];
    for (const room of socket.rooms)
      if (room !== socket.id && !wanted.includes(room)) await socket.leave(room);
    await socket.join(wanted);
    if (typeof ack === 'function') ack({ bays: bays.length ? bays : 'all', sessionIds: [] });
  });
});

httpServer.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  io.close(() => process.exit(0));
  httpServer.closeAllConnections();
});
