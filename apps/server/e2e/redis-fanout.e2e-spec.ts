import { type Alert, CLINICIANS_NAMESPACE, type Session, type VitalsEvent } from '@vigil/shared';
import {
  baselineReading,
  CLEAN_ASSESSMENT,
  type ServerProcess,
  startServerProcess,
} from '@vigil/testing';
import { io, type Socket } from 'socket.io-client';
import { REDIS_TEST_URL, serviceAvailable } from '../test/services';
import { createPostgresDatabase, dropPostgresDatabase } from '../test/test-databases';

const runs = serviceAvailable('postgres') && serviceAvailable('redis');
const ADMIN_PASSWORD = 'e2e admin password';
const PASSWORD = 'e2e nurse password';

// Needs PostgreSQL and Redis; .ci/run makes both mandatory, so in CI this never skips.
(runs ? describe : describe.skip)('two server instances over Redis', () => {
  let database: { url: string; name: string };
  let first: ServerProcess;
  let second: ServerProcess;
  let admin: string;
  let nurse: string;
  /** Schedules the sessions: the dose is a physician's order, so they may start at once. */
  let prescriber: string;

  async function call<T>(
    base: string,
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<T> {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const login = async (base: string, username: string, password: string) =>
    (await call<{ accessToken: string }>(base, 'POST', '/auth/login', null, { username, password }))
      .accessToken;

  async function startInfusion(base: string, sessionId: string): Promise<void> {
    await call(base, 'POST', `/sessions/${sessionId}/assessment`, nurse, CLEAN_ASSESSMENT);
    await call(base, 'POST', `/sessions/${sessionId}/vitals`, nurse, baselineReading());
    await call(base, 'POST', `/sessions/${sessionId}/start`, nurse);
  }

  /** A patient and a session in `bay`, infusing. */
  async function infusingSession(mrn: string, bay: string): Promise<Session> {
    const patient = await call<{ id: string }>(first.url, 'POST', '/patients', nurse, {
      mrn,
      displayName: 'Fan Out',
      weightKg: 70,
    });
    const session = await call<Session>(first.url, 'POST', '/sessions', prescriber, {
      patientId: patient.id,
      bay,
      indication: 'depression',
      doseMgPerKg: 0.5,
    });
    await startInfusion(first.url, session.id);
    return session;
  }

  async function connect(base: string, token: string): Promise<Socket> {
    const socket = io(`${base}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: REDIS_TEST_URL,
      VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    // Started together, as replicas are: the migration lock must keep them from racing.
    const started = await Promise.allSettled([startServerProcess(env), startServerProcess(env)]);
    const failure = started.find((result) => result.status === 'rejected');
    if (failure) {
      const running = started.filter((result) => result.status === 'fulfilled');
      await Promise.all(running.map((result) => result.value.stop()));
      throw failure.reason;
    }
    [first, second] = started.map(
      (result) => (result as PromiseFulfilledResult<ServerProcess>).value,
    ) as [ServerProcess, ServerProcess];
    admin = await login(first.url, 'admin', ADMIN_PASSWORD);
    await call(first.url, 'POST', '/users', admin, {
      username: 'e2e-nurse',
      displayName: 'E2E Nurse',
      role: 'nurse',
      password: PASSWORD,
    });
    // Logged in on the second instance: both share the signing key through the database.
    nurse = await login(second.url, 'e2e-nurse', PASSWORD);
    await call(first.url, 'POST', '/users', admin, {
      username: 'e2e-prescriber',
      displayName: 'E2E Prescriber',
      role: 'physician',
      password: PASSWORD,
    });
    prescriber = await login(first.url, 'e2e-prescriber', PASSWORD);
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    if (database) await dropPostgresDatabase(database.name);
  });

  it('reports Redis up on both instances', async () => {
    for (const instance of [first, second]) {
      expect(await call(instance.url, 'GET', '/health', null)).toEqual({
        status: 'ok',
        db: 'up',
        redis: 'up',
      });
    }
  });

  it('delivers vitals posted to one instance to a clinician socket on the other, exactly once', async () => {
    const patient = await call<{ id: string }>(first.url, 'POST', '/patients', nurse, {
      mrn: 'FANOUT-1',
      displayName: 'Fan Out',
      weightKg: 70,
    });
    const created = await call<Session>(first.url, 'POST', '/sessions', prescriber, {
      patientId: patient.id,
      bay: 'R1',
      indication: 'depression',
      doseMgPerKg: 0.5,
    });
    await startInfusion(first.url, created.id);
    // The start's own reading has gone out before the screens connect: they count only the next.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const onSecond = await connect(second.url, nurse);
    const onFirst = await connect(first.url, nurse);
    try {
      const received: VitalsEvent[] = [];
      onSecond.on('vitals', (event: VitalsEvent) => received.push(event));
      const localCopy = new Promise<VitalsEvent>((resolve) => onFirst.once('vitals', resolve));

      const at = new Date().toISOString();
      const reply = await call(first.url, 'POST', `/sessions/${created.id}/vitals`, nurse, {
        samples: [{ seq: 1, at, heartRate: 91, spo2: 96 }],
      });
      expect(reply).toEqual({ accepted: 1, duplicates: 0 });
      await localCopy;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received).toEqual([
        {
          sessionId: created.id,
          samples: [expect.objectContaining({ seq: 1, at, heartRate: 91, spo2: 96 })],
        },
      ]);
    } finally {
      onFirst.close();
      onSecond.close();
    }
  });

  it('keeps one gapless audit chain while both instances write at once', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        call((index % 2 ? first : second).url, 'POST', '/patients', nurse, {
          mrn: `CHAIN-${index}`,
          displayName: 'Chain Test',
          weightKg: 60,
        }),
      ),
    );
    expect(await call(second.url, 'GET', '/audit/verify', admin)).toEqual({
      valid: true,
      entries: expect.any(Number),
    });
  });

  it('disconnects a disabled user on every instance', async () => {
    const user = await call<{ id: string }>(first.url, 'POST', '/users', admin, {
      username: 'e2e-leaver',
      displayName: 'Leaver',
      role: 'physician',
      password: PASSWORD,
    });
    const socket = await connect(second.url, await login(second.url, 'e2e-leaver', PASSWORD));
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await call(first.url, 'PATCH', `/users/${user.id}`, admin, { disabled: true });
    expect(await closed).toBe('io server disconnect');
  });

  it('gives a client that dropped and came back the alert raised meanwhile, exactly once', async () => {
    const session = await infusingSession('RECOVER-1', 'R2');
    const socket = io(`${second.url}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token: nurse },
    });
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      // Socket.IO sends the recovery offset with the first event after connecting.
      const primed = new Promise((resolve) => socket.once('session.updated', resolve));
      await call(first.url, 'POST', `/sessions/${session.id}/pause`, nurse, { reason: 'prime' });
      await primed;
      const raised: Alert[] = [];
      socket.on('alert.raised', (alert: Alert) => raised.push(alert));
      const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
      const back = new Promise<void>((resolve) => socket.io.once('reconnect', () => resolve()));
      socket.io.engine.close();
      await dropped;
      await call(first.url, 'POST', `/sessions/${session.id}/resume`, nurse);
      const at = Date.now() - 2_000;
      await call(first.url, 'POST', `/sessions/${session.id}/vitals`, nurse, {
        samples: [
          { at: new Date(at).toISOString(), spo2: 90 },
          { at: new Date(at + 1_000).toISOString(), spo2: 83 },
        ],
      });
      await back;
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(socket.recovered).toBe(true);
      expect(raised.map((alert) => [alert.sessionId, alert.code, alert.priority])).toEqual([
        [session.id, 'SPO2_LOW', 'high'],
      ]);
    } finally {
      socket.close();
    }
  });

  it('closes a latched alert acknowledged on one instance once the instance evaluating its readings sees them clear', async () => {
    const session = await infusingSession('LATCH-1', 'R3');
    const watcher = await connect(second.url, nurse);
    try {
      const updates: Alert[] = [];
      watcher.on('alert.updated', (alert: Alert) => updates.push(alert));
      const raised = new Promise<Alert>((resolve) => watcher.once('alert.raised', resolve));
      const start = Date.now() - 20_000;
      const sample = (offsetS: number, spo2: number) => ({
        at: new Date(start + offsetS * 1000).toISOString(),
        spo2,
      });
      // Readings go to the first instance only, as a monitor behind the proxy's hashing does.
      await call(first.url, 'POST', `/sessions/${session.id}/vitals`, nurse, {
        samples: [sample(0, 90), sample(1, 82)],
      });
      const alert = await raised;
      expect(alert).toMatchObject({ code: 'SPO2_LOW', priority: 'high', state: 'active' });
      // Recovered for longer than the clear time: a high alert still stays until acknowledged.
      await call(first.url, 'POST', `/sessions/${session.id}/vitals`, nurse, {
        samples: Array.from({ length: 16 }, (_, index) => sample(2 + index, 97)),
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(updates.filter((update) => update.state === 'resolved')).toEqual([]);

      const resolved = new Promise<Alert>((resolve) =>
        watcher.on('alert.updated', (update: Alert) => {
          if (update.state === 'resolved') resolve(update);
        }),
      );
      await call(second.url, 'POST', `/alerts/${alert.id}/acknowledge`, nurse, {});
      await expect(resolved).resolves.toMatchObject({ id: alert.id, state: 'resolved' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(updates.map((update) => update.state)).toEqual(['acknowledged', 'resolved']);
    } finally {
      watcher.close();
    }
  });

  it('refuses a device key on every instance as soon as it is revoked on one', async () => {
    const session = await infusingSession('REVOKE-1', 'R4');
    const device = await call<{ id: string; apiKey: string }>(
      first.url,
      'POST',
      '/devices',
      admin,
      {
        label: 'Revoked monitor',
      },
    );
    const post = (seq: number) =>
      fetch(`${second.url}/api/v1/sessions/${session.id}/vitals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-device-key': device.apiKey },
        body: JSON.stringify({ samples: [{ seq, at: new Date().toISOString(), spo2: 97 }] }),
      });
    // Accepted on the second instance, which now knows the key.
    expect((await post(1)).status).toBe(202);
    await call(first.url, 'POST', `/devices/${device.id}/revoke`, admin);
    // The relay through Redis takes a moment; the key must be refused well within a second.
    const deadline = Date.now() + 1_000;
    let status = (await post(2)).status;
    while (status !== 401 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await post(3)).status;
    }
    expect(status).toBe(401);
  });

  it('shuts down cleanly on SIGTERM while the other instance keeps serving', async () => {
    expect(await second.stop()).toBe(0);
    expect(await call(first.url, 'GET', '/health', null)).toMatchObject({ status: 'ok' });
  });
});
