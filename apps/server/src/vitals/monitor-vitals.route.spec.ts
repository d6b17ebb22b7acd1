import type { NestExpressApplication } from '@nestjs/platform-express';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { DeviceCreated } from '@vigil/shared';
import request from 'supertest';
import { prepareSession } from '../../test/clinical';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers } from '../../test/test-users';
import { startTestApp } from '../../test/test-app';
import { HttpMetrics } from '../metrics/http-metrics.middleware';
import { RATE_LIMIT_WINDOW_MS, REQUESTS_PER_WINDOW } from '../throttling/rate-limits';
import { MonitorVitalsRoute } from './monitor-vitals.route';

const MINUTE_AGO = () => new Date(Date.now() - 60_000).toISOString();

/**
 * A device's readings are served beside Nest's router (MonitorVitalsRoute), a clinician's through
 * it (VitalsController): the same request must get the same answer either way.
 */
describe.each(testDatabases())('readings posted by a monitor on $name', (database) => {
  let app: NestExpressApplication;
  let nurse: string;
  let admin: string;
  let device: DeviceCreated;
  let bay = 0;
  const http = () => request(app.getHttpServer());
  const asNurse = (path: string) => http().post(path).set('Authorization', `Bearer ${nurse}`);
  const asDevice = (path: string, apiKey = device.apiKey) =>
    http().post(path).set('X-Device-Key', apiKey);

  async function createSession(state: 'scheduled' | 'infusing'): Promise<string> {
    bay += 1;
    const patient = await asNurse('/api/v1/patients')
      .send({ mrn: `MON-${database.name}-${bay}`, displayName: 'Monitor Patient', weightKg: 70 })
      .expect(201);
    const session = await asNurse('/api/v1/sessions')
      .send({
        patientId: patient.body.id,
        bay: `M${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
      })
      .expect(201);
    if (state === 'infusing') await prepareSession(app, session.body.id, state);
    return session.body.id as string;
  }

  async function newDevice(fields: { bay?: string } = {}): Promise<DeviceCreated> {
    return (
      await http()
        .post('/api/v1/devices')
        .set('Authorization', `Bearer ${admin}`)
        .send({ label: `monitor ${database.name} ${bay} ${Math.random()}`, ...fields })
        .expect(201)
    ).body;
  }

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    nurse = await login(app, 'nurse');
    admin = await login(app, 'admin');
    device = await newDevice();
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('accepts and stores a device’s batch as its own source, beside Nest’s route', async () => {
    const sessionId = await createSession('infusing');
    const route: unknown = app.get(MonitorVitalsRoute);
    const served = jest.spyOn(route as { serve: () => Promise<void> }, 'serve');
    const reply = await asDevice(`/api/v1/sessions/${sessionId}/vitals`)
      .send({ samples: [{ seq: 1, at: MINUTE_AGO(), heartRate: 81, spo2: 97 }] })
      .expect(202);
    expect(served).toHaveBeenCalledTimes(1);
    await asNurse(`/api/v1/sessions/${sessionId}/vitals`)
      .send({ samples: [{ at: MINUTE_AGO(), heartRate: 82 }] })
      .expect(202);
    // A clinician's reading takes Nest's route.
    expect(served).toHaveBeenCalledTimes(1);
    served.mockRestore();
    expect(reply.body).toEqual({ accepted: 1, duplicates: 0 });
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    const samples = (
      await http()
        .get(`/api/v1/sessions/${sessionId}/vitals`)
        .set('Authorization', `Bearer ${nurse}`)
        .expect(200)
    ).body as Array<{ source: string; heartRate: number }>;
    expect(samples).toContainEqual(
      expect.objectContaining({ source: `device:${device.id}`, heartRate: 81 }),
    );
  });

  it('answers with the headers Express puts on every API reply', async () => {
    const sessionId = await createSession('infusing');
    const path = `/api/v1/sessions/${sessionId}/vitals`;
    const fromDevice = await asDevice(path)
      .send({ samples: [{ at: MINUTE_AGO(), spo2: 97 }] })
      .expect(202);
    const fromNurse = await asNurse(path)
      .send({ samples: [{ at: MINUTE_AGO(), spo2: 96 }] })
      .expect(202);
    // What differs by nature: the date, the length, and the limiter's courtesy counters.
    const comparable = (headers: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(headers).filter(
          ([name]) => !/^(date|content-length|x-ratelimit-.*)$/.test(name),
        ),
      );
    expect(comparable(fromDevice.headers)).toEqual(comparable(fromNurse.headers));
  });

  it.each([
    ['no samples', { samples: [] }],
    ['a value out of range', { samples: [{ at: '2026-01-01T00:00:00.000Z', spo2: 140 }] }],
    ['no body at all', undefined],
    ['a NUL character', { samples: [{ at: '2026-01-01T00:00:00.000Z\u0000', spo2: 90 }] }],
  ])('refuses %s exactly as the clinicians’ route does', async (_case, body) => {
    const sessionId = await createSession('infusing');
    const path = `/api/v1/sessions/${sessionId}/vitals`;
    const fromDevice = await asDevice(path).send(body);
    const fromNurse = await asNurse(path).send(body);
    expect(fromDevice.status).toBe(400);
    expect({ status: fromDevice.status, body: fromDevice.body }).toEqual({
      status: fromNurse.status,
      body: fromNurse.body,
    });
  });

  it('refuses a malformed JSON body, a bad session id, an unknown and a closed session as the clinicians’ route does', async () => {
    const scheduled = await createSession('scheduled');
    const cases: Array<[string, (post: request.Test) => request.Test, number]> = [
      ['/api/v1/sessions/not-a-uuid/vitals', (post) => post.send({ samples: [] }), 400],
      [
        '/api/v1/sessions/not-a-uuid/vitals',
        (post) => post.send({ samples: [{ at: MINUTE_AGO(), spo2: 97 }] }),
        400,
      ],
      [
        `/api/v1/sessions/${scheduled}/vitals`,
        (post) => post.set('Content-Type', 'application/json').send('{"samples": ['),
        400,
      ],
      [
        '/api/v1/sessions/00000000-0000-4000-8000-000000000000/vitals',
        (post) => post.send({ samples: [{ at: MINUTE_AGO(), spo2: 97 }] }),
        404,
      ],
      [
        `/api/v1/sessions/${scheduled}/vitals`,
        (post) => post.send({ samples: [{ at: MINUTE_AGO(), spo2: 97 }] }),
        409,
      ],
    ];
    for (const [path, send, status] of cases) {
      const fromDevice = await send(asDevice(path));
      const fromNurse = await send(asNurse(path));
      expect({ path, status: fromDevice.status, body: fromDevice.body }).toEqual({
        path,
        status,
        body: fromNurse.body,
      });
    }
  });

  it('refuses an unknown key and a device of another bay, with their codes', async () => {
    const sessionId = await createSession('infusing');
    const path = `/api/v1/sessions/${sessionId}/vitals`;
    const sample = { samples: [{ at: MINUTE_AGO(), spo2: 97 }] };
    const unknown = await asDevice(path, 'vgd_not-a-real-key').send(sample).expect(401);
    expect(unknown.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    const elsewhere = await newDevice({ bay: 'ELSEWHERE' });
    const wrongBay = await asDevice(path, elsewhere.apiKey).send(sample).expect(403);
    expect(wrongBay.body).toMatchObject({ code: 'DEVICE_BAY_MISMATCH' });
  });

  it('limits a device to its budget a minute, with the contract’s code and Retry-After', async () => {
    const runaway = await newDevice();
    const sessionId = await createSession('infusing');
    const limits = app.get(ThrottlerStorageService);
    for (let hit = 0; hit < REQUESTS_PER_WINDOW; hit += 1) {
      await limits.increment(
        `device:${runaway.id}`,
        RATE_LIMIT_WINDOW_MS,
        REQUESTS_PER_WINDOW,
        RATE_LIMIT_WINDOW_MS,
        'default',
      );
    }
    const refused = await asDevice(`/api/v1/sessions/${sessionId}/vitals`, runaway.apiKey)
      .send({ samples: [{ at: MINUTE_AGO(), spo2: 97 }] })
      .expect(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another monitor keeps its own budget.
    await asDevice(`/api/v1/sessions/${sessionId}/vitals`)
      .send({ samples: [{ at: MINUTE_AGO(), spo2: 96 }] })
      .expect(202);
  });

  it('counts its requests in the HTTP metrics under the route’s pattern', async () => {
    const sessionId = await createSession('infusing');
    const counted = async () => {
      const { values } = await app.get(HttpMetrics).duration.get();
      return values.find(
        (value) =>
          value.metricName === 'vigil_http_request_duration_seconds_count' &&
          value.labels.route === '/api/v1/sessions/:sessionId/vitals' &&
          value.labels.status === '202',
      )?.value;
    };
    const before = (await counted()) ?? 0;
    await asDevice(`/api/v1/sessions/${sessionId}/vitals`)
      .send({ samples: [{ at: MINUTE_AGO(), spo2: 97 }] })
      .expect(202);
    expect(await counted()).toBe(before + 1);
  });
});
