import type { NestExpressApplication } from '@nestjs/platform-express';
import { CLINICIANS_NAMESPACE, type VitalSample, type VitalsEvent } from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { prepareSession } from '../../test/clinical';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers } from '../../test/test-users';
import { startTestApp } from '../../test/test-app';

const SECOND = 1000;

describe.each(testDatabases())('vitals REST ingest on $name', (database) => {
  let app: NestExpressApplication;
  let url: string;
  let sessionId: string;
  let bay = 0;

  let nurse: string;
  const http = () => request(app.getHttpServer());
  const post = (path: string) => http().post(path).set('Authorization', `Bearer ${nurse}`);
  const get = (path: string) => http().get(path).set('Authorization', `Bearer ${nurse}`);

  async function createSession(
    state: 'scheduled' | 'assessed' | 'infusing' = 'infusing',
  ): Promise<string> {
    bay += 1;
    const patient = await post('/api/v1/patients')
      .send({ mrn: `MRN-${database.name}-${bay}`, displayName: 'Test Patient', weightKg: 70 })
      .expect(201);
    const session = await post('/api/v1/sessions')
      .send({
        patientId: patient.body.id,
        bay: `T${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
      })
      .expect(201);
    if (state !== 'scheduled') await prepareSession(app, session.body.id, state);
    return session.body.id as string;
  }

  const at = (offsetMs = 0) => new Date(Date.now() - 60 * SECOND + offsetMs).toISOString();
  const stored = async (id = sessionId): Promise<VitalSample[]> =>
    (await get(`/api/v1/sessions/${id}/vitals`).expect(200)).body;

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await database.create()));
    await seedUsers(app);
    nurse = await login(app, 'nurse');
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  beforeEach(async () => {
    sessionId = await createSession();
  });

  it('accepts a batch with 202 and stores it in time order', async () => {
    const reply = await post(`/api/v1/sessions/${sessionId}/vitals`)
      .send({
        samples: [
          { seq: 2, at: at(SECOND), heartRate: 88, spo2: 97 },
          {
            seq: 1,
            at: at(0),
            systolic: 128,
            diastolic: 82,
            heartRate: 86,
            respRate: 14,
            etco2: 38,
          },
        ],
      })
      .expect(202);
    expect(reply.body).toEqual({ accepted: 2, duplicates: 0 });
    const samples = await stored();
    expect(samples.map((sample) => sample.seq)).toEqual([1, 2]);
    expect(samples[0]).toMatchObject({
      sessionId,
      systolic: 128,
      diastolic: 82,
      heartRate: 86,
      etco2: 38,
    });
  });

  it('stores a resent sample once and counts it as a duplicate, by seq or by time', async () => {
    const bySeq = { seq: 7, at: at(0), heartRate: 80 };
    const byTime = { at: at(500), spo2: 98 };
    await post(`/api/v1/sessions/${sessionId}/vitals`)
      .send({ samples: [bySeq, byTime] })
      .expect(202);
    const again = await post(`/api/v1/sessions/${sessionId}/vitals`)
      .send({ samples: [bySeq, byTime, { seq: 8, at: at(SECOND), heartRate: 81 }] })
      .expect(202);
    expect(again.body).toEqual({ accepted: 1, duplicates: 2 });
    expect(await stored()).toHaveLength(3);
  });

  it('counts a sample repeated inside one batch once', async () => {
    const sample = { seq: 1, at: at(0), heartRate: 70 };
    const reply = await post(`/api/v1/sessions/${sessionId}/vitals`)
      .send({ samples: [sample, sample] })
      .expect(202);
    expect(reply.body).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('stores concurrent resends of the same sample exactly once', async () => {
    const body = { samples: [{ seq: 42, at: at(0), heartRate: 90 }] };
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => post(`/api/v1/sessions/${sessionId}/vitals`).send(body)),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(8).fill(202));
    expect(replies.reduce((sum, reply) => sum + reply.body.accepted, 0)).toBe(1);
    expect(await stored()).toHaveLength(1);
  });

  it.each([
    [
      'a value out of range',
      [{ at: at(0), spo2: 101 }],
      ['samples[0].spo2 must be between 0 and 100'],
    ],
    [
      'diastolic not below systolic',
      [{ at: at(0), systolic: 90, diastolic: 95 }],
      ['samples[0].diastolic must be below systolic (95 >= 90)'],
    ],
    [
      'a sample with no measurement',
      [{ at: at(0) }],
      [expect.stringMatching(/^samples\[0\] must contain at least one measurement/)],
    ],
    [
      'a time too far in the future',
      [{ at: new Date(Date.now() + 60 * SECOND).toISOString(), heartRate: 80 }],
      ['samples[0].at must not be more than 5 s in the future'],
    ],
    [
      'a time that is not ISO 8601',
      [{ at: 'yesterday', heartRate: 80 }],
      ['samples[0].at must be an ISO 8601 date-time'],
    ],
    [
      'an unknown field',
      [{ at: at(0), heartRate: 80, temperature: 37 }],
      ['samples[0].temperature is not a recognised field'],
    ],
    ['a missing time', [{ heartRate: 80 }], ['samples[0].at is required']],
    [
      'a non-numeric value',
      [{ at: at(0), heartRate: 'fast' }],
      ['samples[0].heartRate must be a number between 20 and 300'],
    ],
  ])(
    'refuses %s with 400 naming the sample and stores nothing',
    async (_case, samples, messages) => {
      const good = { seq: 1, at: at(0), heartRate: 75 };
      const reply = await post(`/api/v1/sessions/${sessionId}/vitals`)
        .send({ samples: [...samples, good] })
        .expect(400);
      expect(reply.body).toEqual({ statusCode: 400, error: 'Bad Request', message: messages });
      expect(await stored()).toEqual([]);
    },
  );

  it('names every bad sample of a batch', async () => {
    const reply = await post(`/api/v1/sessions/${sessionId}/vitals`)
      .send({
        samples: [
          { at: at(0), spo2: -1 },
          { at: at(0), heartRate: 75 },
          { at: at(0), respRate: 99 },
        ],
      })
      .expect(400);
    expect(reply.body.message).toEqual([
      'samples[0].spo2 must be between 0 and 100',
      'samples[2].respRate must be between 0 and 80',
    ]);
  });

  it.each([
    [{ samples: [] }, 'samples must contain between 1 and 500 samples'],
    [
      { samples: Array.from({ length: 501 }, (_, seq) => ({ seq, at: at(0), heartRate: 70 })) },
      'samples must contain between 1 and 500 samples',
    ],
    [{}, 'samples is required'],
  ])('refuses a batch of the wrong size: %#', async (body, message) => {
    const reply = await post(`/api/v1/sessions/${sessionId}/vitals`).send(body).expect(400);
    expect(reply.body.message).toEqual([message]);
  });

  it('answers 404 for an unknown session', async () => {
    const reply = await post('/api/v1/sessions/00000000-0000-4000-8000-000000000000/vitals')
      .send({ samples: [{ at: at(0), heartRate: 70 }] })
      .expect(404);
    expect(reply.body.message).toMatch(/session .* not found/);
  });

  it('answers 409 naming the state of a session that accepts no vitals', async () => {
    const scheduled = await createSession('scheduled');
    const reply = await post(`/api/v1/sessions/${scheduled}/vitals`)
      .send({ samples: [{ at: at(0), heartRate: 70 }] })
      .expect(409);
    expect(reply.body.message).toMatch(/is scheduled/);
    expect(await stored(scheduled)).toEqual([]);
  });

  it('pushes accepted samples to clinician sockets, and not the duplicates', async () => {
    const socket: Socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token: nurse },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const events: VitalsEvent[] = [];
      socket.on('vitals', (event: VitalsEvent) => events.push(event));
      const sample = { seq: 5, at: at(0), heartRate: 99, spo2: 95 };
      await post(`/api/v1/sessions/${sessionId}/vitals`)
        .send({ samples: [sample] })
        .expect(202);
      await post(`/api/v1/sessions/${sessionId}/vitals`)
        .send({ samples: [sample] })
        .expect(202);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        sessionId,
        samples: [{ seq: 5, heartRate: 99, spo2: 95 }],
      });
    } finally {
      socket.close();
    }
  });

  it('returns the session with its latest reading of each sign', async () => {
    const cuff = at(0);
    const later = at(SECOND);
    await post(`/api/v1/sessions/${sessionId}/vitals`)
      .send({
        samples: [
          { seq: 1, at: cuff, systolic: 140, diastolic: 90, heartRate: 80 },
          { seq: 2, at: later, heartRate: 82, spo2: 97 },
        ],
      })
      .expect(202);
    const session = (await get(`/api/v1/sessions/${sessionId}`).expect(200)).body;
    expect(session.latestVitals).toEqual({
      systolic: { value: 140, at: cuff },
      diastolic: { value: 90, at: cuff },
      heartRate: { value: 82, at: later },
      spo2: { value: 97, at: later },
    });
  });

  it('serves a downsampled trend with min, mean and max per bucket', async () => {
    const start = Math.floor((Date.now() - 10 * 60 * SECOND) / 60_000) * 60_000;
    const samples = Array.from({ length: 120 }, (_, index) => ({
      seq: index,
      at: new Date(start + index * SECOND).toISOString(),
      spo2: index === 30 || index === 31 ? 91 : 97,
    }));
    await post(`/api/v1/sessions/${sessionId}/vitals`).send({ samples }).expect(202);
    const trend = (
      await get(
        `/api/v1/sessions/${sessionId}/vitals/trend?from=${new Date(start).toISOString()}&bucketS=60`,
      ).expect(200)
    ).body;
    expect(trend).toEqual([
      {
        at: new Date(start).toISOString(),
        samples: 60,
        values: { spo2: { min: 91, max: 97, mean: 96.8 } },
      },
      {
        at: new Date(start + 60_000).toISOString(),
        samples: 60,
        values: { spo2: { min: 97, max: 97, mean: 97 } },
      },
    ]);
    const bad = await get(`/api/v1/sessions/${sessionId}/vitals/trend?bucketS=1`).expect(400);
    expect(bad.body.message).toEqual(['bucketS must be between 5 and 3600']);
  });
});
