import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { VitalSample, VitalsAccepted } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { apiAs, login, seedUsers } from '../../test/test-users';
import { prepareSession, START_READING_SOURCE } from '../../test/clinical';
import { testDatabases } from '../../test/test-databases';
import { recordWriterThreadMessages } from '../../test/writer-thread-messages';
import { startTestApp } from '../../test/test-app';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { UnitOfWork } from '../database/unit-of-work';
import { MetricsServer } from '../metrics/metrics-server';
import type { Principal } from '../auth/principal';
import { VitalReceiptEntity } from './vital-receipt.entity';
import { VitalSampleEntity } from './vital-sample.entity';
import { VitalSamplesRepository } from './vital-samples.repository';
import { VitalsGroupCommit } from './vitals-group-commit';
import { VitalsIngestService } from './vitals-ingest.service';

describe.each(testDatabases())('readings committed together on $name', (database) => {
  let app: NestExpressApplication;
  let nurse: Principal;
  let api: ReturnType<typeof apiAs>;
  let bay = 0;

  /** A fixed time per suite: the same `seq` at the same `at` is a resend, at another a new sample. */
  const start = Date.now() - 60_000;
  const at = (second: number) => new Date(start + second * 1000).toISOString();

  async function createSession(state: 'scheduled' | 'infusing' = 'infusing'): Promise<string> {
    bay += 1;
    const patient = await api
      .post('/patients')
      .send({ mrn: `GC-${database.name}-${bay}`, displayName: 'Group Patient', weightKg: 70 })
      .expect(201);
    const session = await api
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `G${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
      })
      .expect(201);
    if (state === 'infusing') await prepareSession(app, session.body.id);
    return session.body.id as string;
  }

  /** Batches handed over in one tick: the group commit takes them as one group. */
  function ingestTogether(
    batches: Array<{ sessionId: string; samples: Array<Record<string, unknown>> }>,
  ): Promise<Array<PromiseSettledResult<VitalsAccepted>>> {
    const ingest = app.get(VitalsIngestService);
    return Promise.allSettled(
      batches.map(({ sessionId, samples }) =>
        ingest.ingest(nurse, sessionId, ingest.validate({ samples })),
      ),
    );
  }

  async function acceptedEntries(sessionId: string): Promise<Array<Record<string, unknown>>> {
    const entries = await app.get(AuditService).list({ sessionId });
    return entries
      .filter((entry) => entry.action === 'vitals.accepted' && entry.actor !== START_READING_SOURCE)
      .map((entry) => entry.detail);
  }

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    const token = await login(app, 'nurse');
    nurse = await app.get(AuthService).authenticate(token);
    api = apiAs(app, token);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  afterEach(() => jest.restoreAllMocks());

  it('answers each batch of a group with its own counts and audits each batch once', async () => {
    const [first, second, third] = [
      await createSession(),
      await createSession(),
      await createSession(),
    ];
    const appendRoutine = jest.spyOn(app.get(AuditService), 'appendRoutine');

    const results = await ingestTogether([
      {
        sessionId: first,
        samples: [
          { seq: 1, at: at(0), spo2: 97 },
          { seq: 2, at: at(1), spo2: 96 },
        ],
      },
      { sessionId: second, samples: [{ seq: 1, at: at(0), heartRate: 80 }] },
      { sessionId: third, samples: [{ at: at(0), systolic: 130, diastolic: 80 }] },
      // A monitor resending seq 2 with its next sample, before the first post was answered.
      {
        sessionId: first,
        samples: [
          { seq: 2, at: at(1), spo2: 96 },
          { seq: 3, at: at(2), spo2: 95 },
        ],
      },
    ]);

    expect(results.map((result) => result.status === 'fulfilled' && result.value)).toEqual([
      { accepted: 2, duplicates: 0 },
      { accepted: 1, duplicates: 0 },
      { accepted: 1, duplicates: 0 },
      { accepted: 1, duplicates: 1 },
    ]);
    expect(appendRoutine).toHaveBeenCalledTimes(1);
    expect(await acceptedEntries(first)).toEqual([
      { accepted: 2, duplicates: 0 },
      { accepted: 1, duplicates: 1 },
    ]);
    expect(await acceptedEntries(second)).toEqual([{ accepted: 1, duplicates: 0 }]);
    const stored = await api.get(`/sessions/${first}/vitals`).expect(200);
    expect((stored.body as VitalSample[]).map((sample) => sample.seq)).toEqual([1, 2, 3]);
    await expect(app.get(AuditService).verify()).resolves.toMatchObject({ valid: true });
  });

  it('sends new samples with the COMMIT where the database checks them, and commits again when one was stored', async () => {
    const [first, second] = [await createSession(), await createSession()];
    const messages = recordWriterThreadMessages();

    const allNew = await ingestTogether([
      { sessionId: first, samples: [{ seq: 2, at: at(41), spo2: 96 }] },
      { sessionId: second, samples: [{ seq: 1, at: at(40), spo2: 98 }] },
    ]);
    const withAResend = await ingestTogether([
      { sessionId: first, samples: [{ seq: 3, at: at(42), spo2: 95 }] },
      // Stored by the first group already.
      { sessionId: second, samples: [{ seq: 1, at: at(40), spo2: 98 }] },
    ]);

    expect(allNew.map((result) => result.status === 'fulfilled' && result.value)).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 1, duplicates: 0 },
    ]);
    expect(withAResend.map((result) => result.status === 'fulfilled' && result.value)).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 0, duplicates: 1 },
    ]);
    expect(await acceptedEntries(first)).toEqual([
      { accepted: 1, duplicates: 0 },
      { accepted: 1, duplicates: 0 },
    ]);
    expect(await acceptedEntries(second)).toEqual([{ accepted: 1, duplicates: 0 }]);
    const stored = await api.get(`/sessions/${second}/vitals`).expect(200);
    expect((stored.body as VitalSample[]).map((sample) => sample.seq)).toEqual([1]);
    await expect(app.get(AuditService).verify()).resolves.toMatchObject({ valid: true });
    if (database.name === 'sqlite') {
      const inserting = messages
        .map((sqls) => sqls.map((sql) => sql.split(' (')[0]))
        .filter((sqls) => sqls.includes('INSERT INTO vital_sample'));
      // The first group in two messages (its sessions read, then everything with the COMMIT);
      // the second's assumption fails at its COMMIT and it commits again, reading back what was new.
      expect(inserting.map((sqls) => sqls.at(-1))).toEqual([
        'COMMIT',
        'COMMIT',
        'INSERT INTO vital_sample',
      ]);
    }
  });

  it('appends each group to the audit chain as routine, after the head it read, beside other audited writes', async () => {
    const sessions = [await createSession(), await createSession(), await createSession()];
    const appendAll = jest.spyOn(app.get(AuditService), 'appendAll');
    const appendRoutine = jest.spyOn(app.get(AuditService), 'appendRoutine');

    for (let round = 0; round < 5; round += 1) {
      const [readings] = await Promise.all([
        ingestTogether(
          sessions.map((sessionId) => ({
            sessionId,
            samples: [{ seq: 40 + round, at: at(40 + round), spo2: 97 }],
          })),
        ),
        api
          .post('/patients')
          .send({ mrn: `GC-${database.name}-CHAIN-${round}`, displayName: 'Chain', weightKg: 70 })
          .expect(201),
      ]);
      expect(readings.map((result) => result.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
    }

    const readingsIn = (calls: typeof appendAll.mock.calls) =>
      calls.filter(([, records]) =>
        records.some(({ event }) => event.action === 'vitals.accepted'),
      );
    // Readings never queue for the chain's lock as an alarm's raise does (AuditService).
    expect(readingsIn(appendAll.mock.calls)).toEqual([]);
    const groups = readingsIn(appendRoutine.mock.calls);
    // One group a round, never retried batch by batch (which a head read too early would cause).
    expect(groups).toHaveLength(5);
    // Where writers take turns (SQLite) the head comes with the sessions' read; on PostgreSQL it is
    // read under the chain's lock.
    const readAhead = groups.map(([, , head]) => head !== undefined);
    expect(readAhead).toEqual(Array(5).fill(database.name === 'sqlite'));
    await expect(app.get(AuditService).verify()).resolves.toMatchObject({ valid: true });
  });

  it('commits more readings than one commit takes in full commits one after another', async () => {
    const sessions: string[] = [];
    for (let count = 0; count < 5; count += 1) sessions.push(await createSession());
    const appendRoutine = jest.spyOn(app.get(AuditService), 'appendRoutine');
    const samples = Array.from({ length: 500 }, (_, index) => ({
      seq: index,
      at: at(index / 100),
      spo2: 97,
    }));

    const results = await ingestTogether(sessions.map((sessionId) => ({ sessionId, samples })));

    expect(results.map((result) => result.status === 'fulfilled' && result.value)).toEqual(
      sessions.map(() => ({ accepted: 500, duplicates: 0 })),
    );
    // 2,500 rows: two full commits of 1,000, then the rest.
    expect(appendRoutine).toHaveBeenCalledTimes(3);
  });

  it('starts a full group at once instead of lingering for more', async () => {
    const sessions = [await createSession(), await createSession()];
    const samples = Array.from({ length: 500 }, (_, index) => ({
      seq: index,
      at: at(10 + index / 100),
      spo2: 97,
    }));
    let lingersEnded = 0;
    const realSetTimeout = global.setTimeout;
    jest.spyOn(global, 'setTimeout').mockImplementation((callback: () => void, ms?: number) =>
      realSetTimeout(() => {
        if (ms === 20) lingersEnded += 1;
        callback();
      }, ms),
    );
    const lingersEndedAtEachCommit: number[] = [];
    const unitOfWork = app.get(UnitOfWork);
    const runOffTheEventLoop = unitOfWork.runOffTheEventLoop.bind(unitOfWork);
    jest.spyOn(unitOfWork, 'runOffTheEventLoop').mockImplementation((work) => {
      lingersEndedAtEachCommit.push(lingersEnded);
      return runOffTheEventLoop(work);
    });

    const results = await ingestTogether(sessions.map((sessionId) => ({ sessionId, samples })));

    expect(results.map((result) => result.status === 'fulfilled' && result.value)).toEqual(
      sessions.map(() => ({ accepted: 500, duplicates: 0 })),
    );
    // 1,000 rows, a full group: committed without waiting for a linger to end.
    expect(lingersEndedAtEachCommit[0]).toBe(0);
  });

  it('tells operators how long its commits wait for the writer and take, and what is queued', async () => {
    const metrics = async () =>
      (
        await request(`http://127.0.0.1:${app.get(MetricsServer).port}`)
          .get('/metrics')
          .expect(200)
      ).text;
    const count = (text: string, part: string) =>
      Number(
        new RegExp(`^vigil_vitals_commit_seconds_count\\{part="${part}"\\} (\\d+)$`, 'm').exec(
          text,
        )?.[1] ?? 0,
      );
    const before = await metrics();
    const sessions = [await createSession(), await createSession()];

    await ingestTogether(
      sessions.map((sessionId) => ({ sessionId, samples: [{ seq: 1, at: at(30), spo2: 97 }] })),
    );

    const after = await metrics();
    // The sessions' starts commit readings of their own; this group is one more.
    expect(count(after, 'turn')).toBeGreaterThan(count(before, 'turn'));
    expect(count(after, 'transaction')).toBe(count(after, 'turn'));
    expect(after).toMatch(/^vigil_vitals_commit_queued_batches 0$/m);
  });

  it('refuses a batch for a session that takes no readings without holding back the others', async () => {
    const infusing = await createSession();
    const scheduled = await createSession('scheduled');
    const unknown = '00000000-0000-4000-8000-000000000000';

    const [accepted, notStarted, missing] = await ingestTogether([
      { sessionId: infusing, samples: [{ seq: 1, at: at(0), spo2: 97 }] },
      { sessionId: scheduled, samples: [{ seq: 1, at: at(0), spo2: 97 }] },
      { sessionId: unknown, samples: [{ seq: 1, at: at(0), spo2: 97 }] },
    ]);

    expect(accepted).toEqual({ status: 'fulfilled', value: { accepted: 1, duplicates: 0 } });
    expect(notStarted).toMatchObject({
      status: 'rejected',
      reason: { status: 409, message: `session ${scheduled} is scheduled and accepts no vitals` },
    });
    expect(missing).toMatchObject({ status: 'rejected', reason: { status: 404 } });
    await api.get(`/sessions/${scheduled}/vitals`).expect(200, []);
  });

  it('commits batch by batch when their group fails, so one cannot sink the rest', async () => {
    const [first, second] = [await createSession(), await createSession()];
    const samples = app.get(VitalSamplesRepository);
    const insertNew = samples.insertNew.bind(samples);
    jest
      .spyOn(samples, 'insertNew')
      .mockImplementation((manager, rows) =>
        rows.length > 1 ? Promise.reject(new Error('group failed')) : insertNew(manager, rows),
      );

    const results = await ingestTogether([
      { sessionId: first, samples: [{ seq: 1, at: at(0), spo2: 97 }] },
      { sessionId: second, samples: [{ seq: 1, at: at(0), spo2: 98 }] },
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await acceptedEntries(first)).toEqual([{ accepted: 1, duplicates: 0 }]);
    expect(await acceptedEntries(second)).toEqual([{ accepted: 1, duplicates: 0 }]);
  });

  it('refuses a conflicting batch of a group alone, and stores the resends it shared with others', async () => {
    const [session, other] = [await createSession(), await createSession()];
    const [first, second] = [at(0), at(1)];
    await ingestTogether([{ sessionId: session, samples: [{ seq: 1, at: first, spo2: 97 }] }]);

    const [conflicting, resend, elsewhere] = await ingestTogether([
      // seq 2 is new, seq 1 contradicts the stored sample: nothing of this batch may stay.
      {
        sessionId: session,
        samples: [
          { seq: 2, at: second, spo2: 96 },
          { seq: 1, at: first, spo2: 80 },
        ],
      },
      // The same seq 2 in another post of the group: it must not be lost with the refused batch.
      { sessionId: session, samples: [{ seq: 2, at: second, spo2: 96 }] },
      { sessionId: other, samples: [{ seq: 1, at: first, spo2: 98 }] },
    ]);

    expect(conflicting).toMatchObject({
      status: 'rejected',
      reason: { status: 409, response: { code: 'SAMPLE_CONFLICT' } },
    });
    expect(resend).toEqual({ status: 'fulfilled', value: { accepted: 1, duplicates: 0 } });
    expect(elsewhere).toEqual({ status: 'fulfilled', value: { accepted: 1, duplicates: 0 } });
    const stored = (await api.get(`/sessions/${session}/vitals`).expect(200)).body as VitalSample[];
    expect(stored.map((sample) => [sample.seq, sample.spo2])).toEqual([
      [1, 97],
      [2, 96],
    ]);
    const conflicts = (await app.get(AuditService).list({ sessionId: session })).filter(
      (entry) => entry.action === 'vitals.conflict',
    );
    expect(conflicts.map((entry) => entry.detail)).toEqual([
      { refused: 2, samples: [{ seq: 1, at: first }] },
    ]);
    await expect(app.get(AuditService).verify()).resolves.toMatchObject({ valid: true });
  });

  it('moves a receipt only forward, when a commit of older readings lands after a newer one', async () => {
    const session = await createSession();
    const samples = app.get(VitalSamplesRepository);
    // Later than the start's own reading, whose receipt is the session's first.
    const reading = (second: number, systolic: number | null) =>
      Object.assign(new VitalSampleEntity(), {
        sessionId: session,
        at: at(second),
        receivedAt: at(second),
        spo2: 97,
        heartRate: 80,
        systolic,
        diastolic: systolic === null ? null : 70,
      });
    const commit = (rows: VitalSampleEntity[]) =>
      app.get(UnitOfWork).run((manager) => samples.recordReceipts(manager, rows));
    const receipt = () =>
      app.get(DataSource).getRepository(VitalReceiptEntity).findOneByOrFail({ sessionId: session });

    await commit([reading(120, 150)]);
    // Overlapping commits on PostgreSQL: the older readings' group commits second.
    await commit([reading(110, 120)]);
    await expect(receipt()).resolves.toMatchObject({
      spo2ReceivedAt: at(120),
      heartRateReceivedAt: at(120),
      pressureReceivedAt: at(120),
      pressureSystolic: 150,
      pressureDiastolic: 70,
    });

    await commit([reading(130, null)]);
    await expect(receipt()).resolves.toMatchObject({
      spo2ReceivedAt: at(130),
      pressureReceivedAt: at(120),
      pressureSystolic: 150,
    });
    await commit([reading(140, 125)]);
    await expect(receipt()).resolves.toMatchObject({
      pressureReceivedAt: at(140),
      pressureSystolic: 125,
      pressureDiastolic: 70,
    });
  });

  // Last: it leaves this suite's server shutting down.
  it('commits what it has received when shutting down, and refuses new readings with 503', async () => {
    const session = await createSession();
    const groupCommit = app.get(VitalsGroupCommit);
    const received = ingestTogether([
      { sessionId: session, samples: [{ seq: 1, at: at(0), spo2: 97 }] },
    ]);
    await groupCommit.beforeApplicationShutdown();

    await expect(received).resolves.toEqual([
      { status: 'fulfilled', value: { accepted: 1, duplicates: 0 } },
    ]);
    await expect(
      ingestTogether([{ sessionId: session, samples: [{ seq: 2, at: at(1), spo2: 97 }] }]),
    ).resolves.toEqual([{ status: 'rejected', reason: expect.objectContaining({ status: 503 }) }]);
  });
});
