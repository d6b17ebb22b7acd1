import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  CLINICIANS_NAMESPACE,
  DEVICES_NAMESPACE,
  type Alert,
  type DeviceCreated,
  type VitalSample,
  type VitalsEvent,
} from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { prepareSession, START_READING_SOURCE } from '../../test/clinical';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers } from '../../test/test-users';
import { startTestApp } from '../../test/test-app';
import { AuditService } from '../audit/audit.service';

const SECOND = 1000;

describe.each(testDatabases())('vitals REST ingest on $name', (database) => {
  let app: NestExpressApplication;
  let url: string;
  let sessionId: string;
  let bay = 0;

  let nurse: string;
  let physician: string;
  let admin: string;
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

  const alertsOf = async (id: string): Promise<Alert[]> =>
    (await get(`/api/v1/alerts?sessionId=${id}`).expect(200)).body;

  /** Asks again until the answer satisfies `done` (alerts are written just after the 202). */
  async function eventually<T>(ask: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const answer = await ask();
      if (done(answer)) return answer;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return ask();
  }

  const at = (offsetMs = 0) => new Date(Date.now() - 60 * SECOND + offsetMs).toISOString();
  const stored = async (id = sessionId): Promise<VitalSample[]> =>
    (await get(`/api/v1/sessions/${id}/vitals`).expect(200)).body;

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await database.create()));
    await seedUsers(app);
    nurse = await login(app, 'nurse');
    physician = await login(app, 'physician');
    admin = await login(app, 'admin');
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
      expect(reply.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
        message: messages,
      });
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
    expect(reply.body).toMatchObject({ code: 'VITALS_NOT_ACCEPTED', message: /is scheduled/ });
    expect(await stored(scheduled)).toEqual([]);
  });

  describe('the sample key: source, seq and time', () => {
    const postAs = (token: string, samples: unknown[], id = sessionId) =>
      http()
        .post(`/api/v1/sessions/${id}/vitals`)
        .set('Authorization', `Bearer ${token}`)
        .send({ samples });
    const auditOf = async (action: string) =>
      (await app.get(AuditService).list({ sessionId }))
        .filter((entry) => entry.action === action && entry.actor !== START_READING_SOURCE)
        .map((entry) => entry.detail);

    it('stores the readings of a monitor that restarted its counter, and alarms on them (12.2)', async () => {
      const before = Array.from({ length: 30 }, (_, index) => ({
        seq: index + 1,
        at: at(index * SECOND),
        spo2: 97,
      }));
      await postAs(nurse, before).expect(202, { accepted: 30, duplicates: 0 });
      const restarted = before.map((sample) => ({
        ...sample,
        at: at(30 * SECOND + (sample.seq - 1) * SECOND),
        spo2: 78,
      }));
      await postAs(nurse, restarted).expect(202, { accepted: 30, duplicates: 0 });
      expect(await stored()).toHaveLength(60);
      expect(await auditOf('vitals.accepted')).toEqual([
        { accepted: 30, duplicates: 0 },
        { accepted: 30, duplicates: 0 },
      ]);
      const alerts = await eventually(
        () => alertsOf(sessionId),
        (found) => found.length > 0,
      );
      expect(alerts).toEqual([expect.objectContaining({ code: 'SPO2_LOW', priority: 'high' })]);
    });

    it('refuses the same source, seq and time with other values: 409 SAMPLE_CONFLICT naming them, nothing of the batch stored, audited', async () => {
      const first = { seq: 1, at: at(0), spo2: 97 };
      await postAs(nurse, [first]).expect(202);
      const reply = await postAs(nurse, [
        { seq: 2, at: at(SECOND), spo2: 96 },
        { ...first, spo2: 80 },
      ]).expect(409);
      expect(reply.body).toMatchObject({
        code: 'SAMPLE_CONFLICT',
        message: [`sample seq 1 at ${first.at} was already received with other values`],
        details: { samples: [{ seq: 1, at: first.at }] },
      });
      expect((await stored()).map((sample) => [sample.seq, sample.spo2])).toEqual([[1, 97]]);
      expect(await auditOf('vitals.conflict')).toEqual([
        { refused: 2, samples: [{ seq: 1, at: first.at }] },
      ]);
      await expect(app.get(AuditService).verify()).resolves.toMatchObject({ valid: true });
    });

    it('refuses a batch that carries one key twice with other values, and stores nothing of it', async () => {
      const time = at(0);
      const reply = await postAs(nurse, [
        { seq: 4, at: time, heartRate: 70 },
        { seq: 5, at: at(SECOND), heartRate: 71 },
        { seq: 4, at: time, heartRate: 120 },
      ]).expect(409);
      expect(reply.body.code).toBe('SAMPLE_CONFLICT');
      expect(await stored()).toEqual([]);
      expect(await auditOf('vitals.conflict')).toEqual([
        { refused: 3, samples: [{ seq: 4, at: time }] },
      ]);
    });

    it('keeps the same seq and time from two sources apart', async () => {
      const sample = { seq: 1, at: at(0), spo2: 97 };
      await postAs(nurse, [sample]).expect(202, { accepted: 1, duplicates: 0 });
      await postAs(physician, [sample]).expect(202, { accepted: 1, duplicates: 0 });
      const samples = await stored();
      expect(samples).toHaveLength(2);
      expect(new Set(samples.map((one) => one.source)).size).toBe(2);
    });

    it('answers a device socket’s conflict with the REST code', async () => {
      const device: DeviceCreated = (
        await http()
          .post('/api/v1/devices')
          .set('Authorization', `Bearer ${admin}`)
          .send({ label: `monitor ${database.name} ${bay}` })
          .expect(201)
      ).body;
      const socket: Socket = io(`${url}${DEVICES_NAMESPACE}`, {
        transports: ['websocket'],
        auth: { apiKey: device.apiKey },
        reconnection: false,
      });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        const send = (samples: unknown[]) => socket.emitWithAck('vitals', { sessionId, samples });
        const sample = { seq: 9, at: at(0), spo2: 97 };
        await expect(send([sample])).resolves.toEqual({ accepted: 1, duplicates: 0 });
        await expect(send([{ ...sample, spo2: 91 }])).resolves.toEqual({
          error: expect.objectContaining({ statusCode: 409, code: 'SAMPLE_CONFLICT' }),
        });
        await expect(send([{ at: 'yesterday', spo2: 97 }])).resolves.toEqual({
          error: expect.objectContaining({ statusCode: 400, code: 'VALIDATION_FAILED' }),
        });
      } finally {
        socket.close();
      }
    });
  });

  describe('several sources for one patient', () => {
    it('alarms on the bedside monitor’s desaturation while manual entries on a clock 4.9 s fast say 98 (12.1)', async () => {
      const device: DeviceCreated = (
        await http()
          .post('/api/v1/devices')
          .set('Authorization', `Bearer ${admin}`)
          .send({ label: `bedside ${database.name} ${bay}` })
          .expect(201)
      ).body;
      for (let second = 0; second <= 20; second += 1) {
        if (second % 4 === 0) {
          await post(`/api/v1/sessions/${sessionId}/vitals`)
            .send({ samples: [{ at: at(second * SECOND + 4_900), spo2: 98 }] })
            .expect(202);
        }
        await http()
          .post(`/api/v1/sessions/${sessionId}/vitals`)
          .set('X-Device-Key', device.apiKey)
          .send({ samples: [{ seq: second, at: at(second * SECOND), spo2: 72 }] })
          .expect(202);
      }
      const alerts = await eventually(
        () => alertsOf(sessionId),
        (found) => found.length > 0,
      );
      expect(alerts).toEqual([
        expect.objectContaining({ code: 'SPO2_LOW', priority: 'high', state: 'active' }),
      ]);
      const session = (await get(`/api/v1/sessions/${sessionId}`).expect(200)).body;
      expect(session.latestVitals.spo2).toMatchObject({ value: 72 });
    });
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
      // Only this session's: a previous test's frame may still be on its way.
      const own = events
        .filter((event) => event.sessionId === sessionId)
        .map((event) => ({
          ...event,
          samples: event.samples.filter((one) => one.source !== START_READING_SOURCE),
        }))
        .filter((event) => event.samples.length > 0);
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({
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
    expect(session.latestVitals).toMatchObject({
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
