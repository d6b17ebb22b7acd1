import { performance } from 'node:perf_hooks';
import { createAgent, restClient } from './http.mjs';
import { ADMIN_PASSWORD } from './server.mjs';
import { baselineReading, CLEAN_ASSESSMENT } from './testing.mjs';

export const NURSE = { username: 'bench-nurse', password: 'bench-nurse-password' };
/** Schedules every session, so each carries its signed order (a nurse's would wait for one). */
export const PHYSICIAN = { username: 'bench-physician', password: 'bench-physician-password' };

/** The users whose names other parts of the bench know (the screens sign in as NURSE). */
const FIRST_OF_ROLE =
  /** @type {Record<string, { username: string, password: string } | undefined>} */ ({
    nurse: NURSE,
    physician: PHYSICIAN,
  });

/** Every caller (a user, whatever its tokens, or a device) may make 1,200 requests a minute: stay well below. */
const CALLS_PER_TOKEN = 900;

/** @typedef {{ index: number, bay: string, sessionId: string, apiKey: string }} Bed */

/**
 * Runs `work` over `items`, at most `concurrency` at a time, reporting progress now and then.
 * @template T, R
 * @param {T[]} items @param {number} concurrency
 * @param {(item: T, index: number) => Promise<R>} work
 * @param {(done: number) => void} [progress]
 * @returns {Promise<R[]>}
 */
export async function pool(items, concurrency, work, progress) {
  const results = /** @type {R[]} */ (new Array(items.length));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(/** @type {T} */ (items[index]), index); // index < items.length
      done += 1;
      progress?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** @param {string} label @param {number} total */
function progressPrinter(label, total) {
  const started = performance.now();
  let lastPrinted = 0;
  return (/** @type {number} */ done) => {
    const now = performance.now();
    if (done === total || now - lastPrinted > 3_000) {
      lastPrinted = now;
      const seconds = (now - started) / 1000;
      console.log(
        `    ${label}: ${done}/${total} (${seconds.toFixed(1)} s, ${(done / seconds).toFixed(0)}/s)`,
      );
    }
  };
}

/**
 * Through the REST API only: admin → nurse and physician; per bed a device, a patient, a
 * session the physician schedules (with its signed order), its
 * assessment; then every session started in one last quick pass (so no bed is silent long
 * enough for SIGNAL_LOSS before the load starts).
 * @param {{ baseUrl: string, beds: number, concurrency: number, runId: string }} options
 */
export async function setupWard({ baseUrl, beds, concurrency, runId }) {
  const started = performance.now();
  const agent = createAgent(concurrency + 2);
  const stats = { requests: 0, throttled: 0 };
  const call = restClient(baseUrl, agent, stats);
  /** @param {string} username @param {string} password @returns {Promise<string>} */
  const login = async (username, password) =>
    (await call('POST', '/api/v1/auth/login', { body: { username, password }, expect: 200 }))
      .accessToken;

  const admin = await login('admin', ADMIN_PASSWORD);
  /**
   * The limit counts per user, whatever token it signs in with: enough users of each role that
   * none makes more than CALLS_PER_TOKEN calls. The first nurse is NURSE, whom the screens use.
   * @param {'admin' | 'nurse' | 'physician'} role @param {number} calls
   */
  const signedInUsers = async (role, calls) => {
    const tokens = /** @type {string[]} */ ([]);
    const count = Math.max(1, Math.ceil(calls / CALLS_PER_TOKEN));
    for (let index = 0; index < count; index += 1) {
      const { username, password } = (index === 0 && FIRST_OF_ROLE[role]) || {
        username: `bench-${role}-${runId}-${index}`,
        password: `bench-${role}-password-${index}`,
      };
      await call('POST', '/api/v1/users', {
        token: admin,
        expect: 201,
        body: { username, displayName: `Bench ${role} ${index + 1}`, role, password },
      });
      tokens.push(await login(username, password));
    }
    return tokens;
  };
  const adminTokens = await signedInUsers('admin', beds + 1);
  const nurseTokens = await signedInUsers('nurse', beds * 4);
  const physicianTokens = await signedInUsers('physician', beds);
  /** @param {string[]} tokens @param {number} index @param {number} callsEach */
  const tokenFor = (tokens, index, callsEach) =>
    tokens[Math.floor((index * callsEach) / CALLS_PER_TOKEN) % tokens.length];

  const indexes = Array.from({ length: beds }, (_, index) => index);
  /** @type {Bed[]} */
  const ward = await pool(
    indexes,
    concurrency,
    async (index) => {
      const bay = `B${String(index + 1).padStart(4, '0')}`;
      const nurse = tokenFor(nurseTokens, index, 4);
      const device = await call('POST', '/api/v1/devices', {
        token: tokenFor(adminTokens, index, 1),
        expect: 201,
        body: { label: `bench monitor ${bay}` },
      });
      const patient = await call('POST', '/api/v1/patients', {
        token: nurse,
        expect: 201,
        body: {
          mrn: `BENCH-${runId}-${index + 1}`,
          displayName: `Bench Patient ${index + 1}`,
          weightKg: 70,
        },
      });
      const session = await call('POST', '/api/v1/sessions', {
        token: tokenFor(physicianTokens, index, 1),
        expect: 201,
        body: { patientId: patient.id, bay, indication: 'depression', doseMgPerKg: 0.5 },
      });
      await call('POST', `/api/v1/sessions/${session.id}/assessment`, {
        token: nurse,
        body: CLEAN_ASSESSMENT,
      });
      return { index, bay, sessionId: session.id, apiKey: device.apiKey };
    },
    progressPrinter('devices, patients, sessions, assessments', beds),
  );
  const startPass = performance.now();
  await pool(
    ward,
    concurrency,
    async (bed) => {
      // The start needs a reading from the chair's monitor within the last two minutes.
      await call('POST', `/api/v1/sessions/${bed.sessionId}/vitals`, {
        token: tokenFor(nurseTokens, bed.index, 4),
        expect: 202,
        body: baselineReading(),
      });
      const session = await call('POST', `/api/v1/sessions/${bed.sessionId}/start`, {
        token: tokenFor(nurseTokens, bed.index, 4),
      });
      if (session.state !== 'infusing')
        throw new Error(`session ${bed.sessionId} is ${session.state}`);
    },
    progressPrinter('sessions started', beds),
  );
  const finished = performance.now();
  agent.destroy();
  return {
    beds: ward,
    seconds: (finished - started) / 1000,
    startPassSeconds: (finished - startPass) / 1000,
    requests: stats.requests,
    throttled: stats.throttled,
    logins: adminTokens.length + nurseTokens.length + physicianTokens.length,
  };
}
