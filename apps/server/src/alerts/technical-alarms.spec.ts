import type { NestExpressApplication } from '@nestjs/platform-express';
import { DEFAULT_THRESHOLD_PROFILE, type Alert, type Session } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { holdReadingsCommits } from '../../test/held-commits';
import type { DatabaseConfig } from '../config/app-config';
import { AlertTimers } from './alert-timers.service';
import { SignalArrivals } from './signal-arrivals';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe.each(testDatabases())('technical alarms on $name', (database) => {
  let config: DatabaseConfig;
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const placeholder = (index: number) => (database.name === 'postgres' ? `$${index}` : '?');

  async function infusing(): Promise<Session> {
    bay += 1;
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: `TECH-${bay}`, displayName: 'Tech Alarm', weightKg: 70 })
      .expect(201);
    const session = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `T${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
      })
      .expect(201);
    await prepareSession(app, session.body.id);
    return session.body;
  }

  async function send(sessionId: string, values: Record<string, number>): Promise<void> {
    await as('nurse')
      .post(`/sessions/${sessionId}/vitals`)
      .send({ samples: [{ at: new Date(Date.now() - SECOND).toISOString(), ...values }] })
      .expect(202);
  }

  /** Moves a sign's receipt time, as if the monitor's last reading of it arrived then. */
  async function receivedAt(sessionId: string, column: string, at: number): Promise<void> {
    await app
      .get(DataSource)
      .query(
        `UPDATE vital_receipt SET ${column} = ${placeholder(1)} WHERE session_id = ${placeholder(2)}`,
        [new Date(at).toISOString(), sessionId],
      );
  }

  async function setState(sessionId: string, state: string): Promise<void> {
    await app
      .get(DataSource)
      .query(`UPDATE infusion_session SET state = ${placeholder(1)} WHERE id = ${placeholder(2)}`, [
        state,
        sessionId,
      ]);
  }

  const alertsOf = async (sessionId: string): Promise<Alert[]> =>
    (await as('nurse').get(`/alerts?sessionId=${sessionId}`).expect(200)).body;
  const alertOf = async (sessionId: string, code: string) =>
    (await alertsOf(sessionId)).find((alert) => alert.code === code);
  const sweep = (at: number) => app.get(AlertTimers).sweep(at);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    config = await database.create();
    ({ app } = await startTestApp(config));
    app.get(AlertTimers).onApplicationShutdown();
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('raises SIGNAL_LOSS naming SpO2 when its probe fell off while heart rate still arrives, and its message follows the silence', async () => {
    const session = await infusing();
    const now = Date.now();
    await send(session.id, { spo2: 97, heartRate: 80 });
    await receivedAt(session.id, 'spo2_received_at', now);
    await receivedAt(session.id, 'heart_rate_received_at', now + 40 * SECOND);
    await sweep(now + 45 * SECOND);
    expect(await alertOf(session.id, 'SIGNAL_LOSS')).toMatchObject({
      kind: 'technical',
      priority: 'medium',
      state: 'active',
      message: 'No SpO2 signal for 40 s (limit 30 s)',
    });
    await receivedAt(session.id, 'heart_rate_received_at', now + 12 * MINUTE);
    await sweep(now + 12 * MINUTE + 5 * SECOND);
    expect(await alertOf(session.id, 'SIGNAL_LOSS')).toMatchObject({
      state: 'active',
      message: 'No SpO2 signal for 12 min (limit 30 s)',
    });
  });

  it('watches by a session’s limits as a physician changed them, from the next sweep', async () => {
    const session = await infusing();
    const now = Date.now();
    await send(session.id, { spo2: 97, heartRate: 80 });
    await receivedAt(session.id, 'spo2_received_at', now);
    await receivedAt(session.id, 'heart_rate_received_at', now);
    await sweep(now + 5 * SECOND);
    const { id: _id, ...limits } = DEFAULT_THRESHOLD_PROFILE;
    await as('physician')
      .put(`/sessions/${session.id}/limits`)
      .send({ ...limits, signalLossS: 60 })
      .expect(200);
    // The sweep before the change read the old limits (30 s); they would sound by now.
    await sweep(now + 45 * SECOND);
    expect(await alertOf(session.id, 'SIGNAL_LOSS')).toBeUndefined();
    await sweep(now + 65 * SECOND);
    expect(await alertOf(session.id, 'SIGNAL_LOSS')).toMatchObject({
      state: 'active',
      message: 'No SpO2 or heart-rate signal for 60 s (limit 60 s)',
    });
  });

  it('keeps watching the signal while paused and in recovery', async () => {
    for (const state of ['paused', 'recovery']) {
      const session = await infusing();
      await setState(session.id, state);
      await sweep(Date.now() + 31 * SECOND);
      expect(await alertOf(session.id, 'SIGNAL_LOSS')).toMatchObject({
        state: 'active',
        message: 'No SpO2 or heart-rate signal for 30 s (limit 30 s)',
      });
    }
  });

  it('raises BP_OVERDUE as a medium alarm after 10 + 2 min without a blood pressure, and escalates it like any medium alert', async () => {
    const session = await infusing();
    const now = Date.now();
    await sweep(now + 11 * MINUTE);
    expect(await alertOf(session.id, 'BP_OVERDUE')).toBeUndefined();
    await sweep(now + 12 * MINUTE + 2 * SECOND);
    expect(await alertOf(session.id, 'BP_OVERDUE')).toMatchObject({
      kind: 'technical',
      priority: 'medium',
      state: 'active',
      escalationLevel: 0,
      message: 'Blood pressure overdue: none for 12 min (due every 12 min)',
    });
    await sweep(now + 12 * MINUTE + 2 * SECOND + 181 * SECOND);
    expect(await alertOf(session.id, 'BP_OVERDUE')).toMatchObject({ escalationLevel: 1 });
  });

  it('wants the next blood pressure after 5 min when the last one was at or over a medium limit', async () => {
    const session = await infusing();
    const now = Date.now();
    await send(session.id, { systolic: 165, diastolic: 90 });
    // Readings without a pressure since: the last pressure is still the one that counts.
    await send(session.id, { spo2: 97, heartRate: 80 });
    await sweep(now + 5 * MINUTE + 2 * SECOND);
    expect(await alertOf(session.id, 'BP_OVERDUE')).toMatchObject({
      state: 'active',
      message: 'Blood pressure overdue: none for 5 min (due every 5 min)',
    });
    await send(session.id, { systolic: 128, diastolic: 80 });
    await sweep(Date.now() + 5 * MINUTE + 2 * SECOND);
    expect(await alertOf(session.id, 'BP_OVERDUE')).toMatchObject({
      state: 'resolved',
      resolvedReason: 'cleared',
    });
  });

  it('raises no SIGNAL_LOSS for a chair whose readings have arrived and wait for their commit', async () => {
    const session = await infusing();
    await send(session.id, { spo2: 97, heartRate: 80 });
    // The chair's next batch arrives 40 s later, while the readings' commits are held.
    const arrival = Date.now() + 40 * SECOND;
    const release = await holdReadingsCommits(app, config);
    let reading: Promise<{ status: number }> = Promise.resolve({ status: 0 });
    let swept: Promise<void> = Promise.resolve();
    try {
      jest.spyOn(Date, 'now').mockReturnValue(arrival);
      reading = as('nurse')
        .post(`/sessions/${session.id}/vitals`)
        .send({
          samples: [{ at: new Date(arrival - SECOND).toISOString(), spo2: 97, heartRate: 80 }],
        })
        .then((reply) => reply);
      while (app.get(SignalArrivals).of(session.id).spo2 !== arrival) await pause(10);
      jest.restoreAllMocks();
      // Stored, the chair has been silent 45 s; a sweep that went by that would raise now, or
      // (on SQLite) wait for the writer's turn to.
      swept = sweep(arrival + 5 * SECOND);
      await Promise.race([swept, pause(500)]);
    } finally {
      jest.restoreAllMocks();
      await release();
    }
    await swept;
    expect((await reading).status).toBe(202);
    expect(await alertOf(session.id, 'SIGNAL_LOSS')).toBeUndefined();
  });
});
