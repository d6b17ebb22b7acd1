import { CLINICIANS_NAMESPACE, type Session, type VitalsEvent } from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import { REDIS_TEST_URL, serviceAvailable } from '../test/services';
import { type ServerProcess, startServerProcess } from '@vigil/testing';
import { createPostgresDatabase, dropPostgresDatabase } from '../test/test-databases';

const runs = serviceAvailable('postgres') && serviceAvailable('redis');

// Needs PostgreSQL and Redis; .ci/run makes both mandatory, so in CI this never skips.
(runs ? describe : describe.skip)('two server instances over Redis', () => {
  let database: { url: string; name: string };
  let first: ServerProcess;
  let second: ServerProcess;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const env = { DATABASE_URL: database.url, REDIS_URL: REDIS_TEST_URL };
    // Started together, as replicas are: the migration lock must keep them from racing.
    [first, second] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    if (database) await dropPostgresDatabase(database.name);
  });

  async function post<T>(base: string, path: string, body: unknown): Promise<T> {
    const response = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function connect(base: string): Promise<Socket> {
    const socket = io(`${base}${CLINICIANS_NAMESPACE}`, { transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  it('reports Redis up on both instances', async () => {
    for (const instance of [first, second]) {
      const health = await (await fetch(`${instance.url}/api/v1/health`)).json();
      expect(health).toEqual({ status: 'ok', db: 'up', redis: 'up' });
    }
  });

  it('delivers vitals posted to one instance to a clinician socket on the other, exactly once', async () => {
    const patient = await post<{ id: string }>(first.url, '/patients', {
      mrn: 'FANOUT-1',
      displayName: 'Fan Out',
      weightKg: 70,
    });
    const created = await post<Session>(first.url, '/sessions', {
      patientId: patient.id,
      bay: 'R1',
      indication: 'depression',
      doseMgPerKg: 0.5,
    });
    const onSecond = await connect(second.url);
    const onFirst = await connect(first.url);
    try {
      const received: VitalsEvent[] = [];
      onSecond.on('vitals', (event: VitalsEvent) => received.push(event));
      const localCopy = new Promise<VitalsEvent>((resolve) => onFirst.once('vitals', resolve));

      // Transition routes come with the clinical session; until then the test starts the
      // infusion in the shared database directly.
      const { Client } = await import('pg');
      const client = new Client({ connectionString: database.url });
      await client.connect();
      await client.query(`UPDATE infusion_session SET state = 'infusing' WHERE id = $1`, [
        created.id,
      ]);
      await client.end();

      const at = new Date().toISOString();
      const reply = await post(first.url, `/sessions/${created.id}/vitals`, {
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

  it('shuts down cleanly on SIGTERM while the other instance keeps serving', async () => {
    expect(await second.stop()).toBe(0);
    const health = await fetch(`${first.url}/api/v1/health`);
    expect(health.status).toBe(200);
  });
});
