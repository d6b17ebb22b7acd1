// The ward under test: users, one infusing session per bay with its bedside monitor posting a
// reading a second (seq and at, resent until answered 202, as a monitor buffers), and screens
// on /clinicians that note every alert they are told of, live or by the REST backfill a screen
// makes when it reconnects.
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import { baselineReading, CLEAN_ASSESSMENT } from '../bench/testing.mjs';

const PASSWORD = 'chaos run password 1';

/**
 * @param {string} base
 * @param {string} path
 * @param {{ method?: string, token?: string, deviceKey?: string, body?: unknown, timeoutMs?: number }} [options]
 * @returns {Promise<{ status: number, body: any }>} status 0: no answer
 */
export async function api(base, path, options = {}) {
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': 'application/json' };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  if (options.deviceKey) headers['X-Device-Key'] = options.deviceKey;
  try {
    const reply = await fetch(`${base}/api/v1${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await reply.text();
    return { status: reply.status, body: text ? JSON.parse(text) : null };
  } catch {
    return { status: 0, body: null };
  }
}

/**
 * @param {string} base
 * @param {string} path
 * @param {Parameters<typeof api>[2]} options
 * @param {number} expected
 */
async function must(base, path, options, expected) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const reply = await api(base, path, options);
    if (reply.status === expected) return reply.body;
    if (reply.status !== 0 && reply.status < 500) {
      throw new Error(`${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    await sleep(500);
  }
  throw new Error(`${path}: no answer`);
}

/**
 * Logins that renew themselves well before their tokens expire; callers asking at once share one
 * login, as one person's screens do.
 */
export function logins(/** @type {string} */ base) {
  /** @type {Map<string, { token: Promise<string>, at: number }>} */
  const held = new Map();
  return {
    /** @param {string} username */
    token(username) {
      const known = held.get(username);
      if (known && Date.now() - known.at < 4 * 60_000) return known.token;
      const token = must(base, '/auth/login', { body: { username, password: PASSWORD } }, 200).then(
        (body) => /** @type {string} */ (body.accessToken),
      );
      held.set(username, { token, at: Date.now() });
      token.catch(() => held.delete(username));
      return token;
    },
  };
}

/**
 * @param {string} base
 * @param {string} adminPassword
 * @param {number} beds
 */
export async function setUpWard(base, adminPassword, beds) {
  const admin = (
    await must(base, '/auth/login', { body: { username: 'admin', password: adminPassword } }, 200)
  ).accessToken;
  for (const role of ['nurse', 'physician', 'auditor']) {
    await must(
      base,
      '/users',
      {
        token: admin,
        body: { username: `chaos.${role}`, displayName: `Chaos ${role}`, role, password: PASSWORD },
      },
      201,
    );
  }
  const people = logins(base);
  const physician = await people.token('chaos.physician');
  /** @type {Array<{ bay: string, sessionId: string, deviceKey: string }>} */
  const bays = [];
  for (let index = 1; index <= beds; index += 1) {
    const bay = `Chaos ${index}`;
    const device = await must(
      base,
      '/devices',
      { token: admin, body: { label: `Monitor ${index}`, bay } },
      201,
    );
    const patient = await must(
      base,
      '/patients',
      {
        token: physician,
        body: { mrn: `CHAOS-${index}`, displayName: `Chaos Patient ${index}`, weightKg: 70 },
      },
      201,
    );
    const session = await must(
      base,
      '/sessions',
      {
        token: physician,
        body: {
          patientId: patient.id,
          bay,
          indication: 'depression',
          doseMgPerKg: 0.5,
          plannedDurationMin: 60,
        },
      },
      201,
    );
    await must(
      base,
      `/sessions/${session.id}/assessment`,
      { token: physician, body: CLEAN_ASSESSMENT },
      200,
    );
    await must(
      base,
      `/sessions/${session.id}/vitals`,
      { token: physician, body: baselineReading() },
      202,
    );
    await must(base, `/sessions/${session.id}/start`, { token: physician, body: {} }, 200);
    bays.push({ bay, sessionId: session.id, deviceKey: device.apiKey });
  }
  return { bays, people };
}

/**
 * One bedside monitor: a reading a second, a deep desaturation for 12 s of every 90 (an alert
 * that raises at once), blood pressure every minute; unanswered readings are resent as they were.
 * @param {string} base
 * @param {{ bay: string, sessionId: string, deviceKey: string }} bed
 * @param {number} phaseS
 */
export function startMonitor(base, bed, phaseS) {
  /** @type {Array<Record<string, number | string>>} */
  let unsent = [];
  /** Every sample answered 202, by `seq|at`. */
  const accepted = new Set();
  let refused = 0;
  let seq = 0;
  let lastAcceptedAt = 0;
  let skewMs = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const tick = Date.now();
      seq += 1;
      const second = Math.floor(tick / 1000) + phaseS;
      const desaturated = second % 90 >= 60 && second % 90 < 72;
      /** @type {Record<string, number | string>} */
      const sample = {
        seq,
        at: new Date(tick + skewMs).toISOString(),
        spo2: desaturated ? 82 : 97,
        heartRate: 76,
      };
      if (second % 60 === 0) Object.assign(sample, { systolic: 122, diastolic: 78 });
      unsent.push(sample);
      const batch = unsent.slice(0, 200);
      const reply = await api(base, `/sessions/${bed.sessionId}/vitals`, {
        deviceKey: bed.deviceKey,
        body: { samples: batch },
        timeoutMs: 5_000,
      });
      if (reply.status === 202) {
        batch.forEach((sent) => accepted.add(`${sent['seq']}|${sent['at']}`));
        unsent = unsent.slice(batch.length);
        lastAcceptedAt = Date.now();
      } else if (reply.status === 400) {
        // A clock too far ahead: the monitor's readings are refused, and it moves on.
        refused += batch.length;
        unsent = unsent.slice(batch.length);
      }
      await sleep(Math.max(0, 1_000 - (Date.now() - tick)));
    }
  })();
  return {
    bed,
    accepted,
    refused: () => refused,
    unsent: () => unsent.length,
    lastAcceptedAt: () => lastAcceptedAt,
    /** @param {number} ms */
    skew(ms) {
      skewMs = ms;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * A ward screen: socket.io on /clinicians through its own proxy; on every (re)connect it fetches
 * the alerts it may have missed, as the dashboard does.
 * @param {string} socketBase its proxy
 * @param {string} restBase
 * @param {ReturnType<typeof logins>} people
 */
export function startScreen(socketBase, restBase, people) {
  const live = new Set();
  const backfilled = new Set();
  let connects = 0;
  let lastError = '';
  const socket = io(`${socketBase}/clinicians`, {
    transports: ['websocket'],
    reconnectionDelay: 250,
    reconnectionDelayMax: 2_000,
    auth: (callback) => {
      people.token('chaos.nurse').then(
        (token) => callback({ token }),
        () => callback({}),
      );
    },
  });
  /** @param {{ id: string }} alert */
  const note = (alert) => live.add(alert.id);
  socket.on('alert.raised', note);
  socket.on('alert.updated', note);
  socket.on('connect_error', (error) => {
    lastError = error.message;
  });
  socket.on('connect', () => {
    connects += 1;
    void (async () => {
      const token = await people.token('chaos.nurse');
      const reply = await api(restBase, '/alerts', { token });
      if (reply.status === 200)
        reply.body.forEach((/** @type {{ id: string }} */ alert) => backfilled.add(alert.id));
    })();
  });
  return {
    live,
    backfilled,
    connects: () => connects,
    lastError: () => lastError,
    connected: () => socket.connected,
    close: () => socket.close(),
  };
}

/**
 * A nurse at the desk: acknowledges open alerts every few seconds, so latched ones can close and
 * the next desaturation raises a new one.
 * @param {string} base
 * @param {ReturnType<typeof logins>} people
 */
export function startAcknowledger(base, people) {
  let running = true;
  const loop = (async () => {
    while (running) {
      const token = await people.token('chaos.nurse').catch(() => null);
      if (token) {
        const open = await api(base, '/alerts?state=active', { token });
        if (open.status === 200) {
          for (const alert of open.body) {
            await api(base, `/alerts/${alert.id}/acknowledge`, { token, body: { note: 'seen' } });
          }
        }
      }
      await sleep(4_000);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}
