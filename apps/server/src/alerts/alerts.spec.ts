import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Alert, CLINICIANS_NAMESPACE, type Session } from '@vigil/shared';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { CLEAN_ASSESSMENT, postReading } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import type { DatabaseConfig } from '../config/app-config';
import { AuditService } from '../audit/audit.service';
import { AlertTimers } from './alert-timers.service';

const SECOND = 1000;

describe.each(testDatabases())('alerts on $name', (database) => {
  let config: DatabaseConfig;
  let app: NestExpressApplication;
  let url: string;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  async function infusing(): Promise<Session> {
    bay += 1;
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: `ALR-${bay}`, displayName: 'Alert Test', weightKg: 70 })
      .expect(201);
    const session = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `A${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
      })
      .expect(201);
    await as('nurse')
      .post(`/sessions/${session.body.id}/assessment`)
      .send(CLEAN_ASSESSMENT)
      .expect(200);
    await postReading(app, session.body.id);
    return (await as('nurse').post(`/sessions/${session.body.id}/start`).expect(200)).body;
  }

  /** One sample a second from `start`, on the samples' own times. */
  async function send(
    sessionId: string,
    values: Array<Record<string, number>>,
    start = Date.now() - 120 * SECOND,
  ): Promise<void> {
    const samples = values.map((value, index) => ({
      at: new Date(start + index * SECOND).toISOString(),
      ...value,
    }));
    await as('nurse').post(`/sessions/${sessionId}/vitals`).send({ samples }).expect(202);
  }

  /** The tests sweep themselves at chosen times; the real-time sweep would race with them. */
  const stopSweepTimer = () => app.get(AlertTimers).onApplicationShutdown();

  const alertsOf = async (sessionId: string): Promise<Alert[]> =>
    (await as('nurse').get(`/alerts?sessionId=${sessionId}`).expect(200)).body;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  beforeAll(async () => {
    config = await database.create();
    ({ app, url } = await startTestApp(config));
    stopSweepTimer();
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('raises SpO2 low once it has held for 10 s of sample time, with a message a person reads at a glance', async () => {
    const session = await infusing();
    const socket: Socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token: tokens.nurse },
    });
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const raised = new Promise<Alert>((resolve) => socket.once('alert.raised', resolve));
      await send(session.id, Array(10).fill({ spo2: 92 }));
      await settle();
      expect(await alertsOf(session.id)).toEqual([]);
      await send(session.id, [{ spo2: 92 }], Date.now() - 110 * SECOND);
      expect(await raised).toMatchObject({
        sessionId: session.id,
        bay: session.bay,
        kind: 'physiological',
        code: 'SPO2_LOW',
        priority: 'medium',
        state: 'active',
        value: 92,
        threshold: 94,
        message: 'SpO2 92 < 94',
        escalationLevel: 0,
      });
    } finally {
      socket.close();
    }
  });

  it('upgrades the open alert on a worse value instead of opening a second one', async () => {
    const session = await infusing();
    await send(session.id, [...Array(11).fill({ spo2: 92 }), { spo2: 88 }, { spo2: 87 }]);
    await settle();
    const alerts = await alertsOf(session.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      code: 'SPO2_LOW',
      priority: 'high',
      value: 88,
      message: 'SpO2 88 < 90',
    });
  });

  it('answers 404 to acknowledging an alert that does not exist, and writes nothing', async () => {
    const before = await app.get(AuditService).verify();
    const missing = await as('nurse')
      .post(`/alerts/${randomUUID()}/acknowledge`)
      .send({ note: 'no such alarm' })
      .expect(404);
    expect(missing.body).toMatchObject({ code: 'NOT_FOUND' });
    await expect(app.get(AuditService).verify()).resolves.toEqual(before);
  });

  it('records who acknowledged from where, and makes the alert active again when it worsens, to be acknowledged anew', async () => {
    const session = await infusing();
    const start = Date.now() - 120 * SECOND;
    await send(session.id, Array(11).fill({ spo2: 92 }), start);
    await settle();
    const [medium] = await alertsOf(session.id);
    expect(medium).toMatchObject({ priority: 'medium', state: 'active' });
    const refused = await as('nurse')
      .post(`/alerts/${medium!.id}/acknowledge`)
      .send({ from: 'Ward\u202escreen' })
      .expect(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    const acked = await as('nurse')
      .post(`/alerts/${medium!.id}/acknowledge`)
      .send({ from: 'Ward screen 2' })
      .expect(200);
    expect(acked.body).toMatchObject({
      acknowledgedBy: 'nurse',
      acknowledgedFrom: 'Ward screen 2',
    });
    const audited = (await app.get(AuditService).list({ sessionId: session.id })).find(
      (entry) => entry.action === 'alert.acknowledged',
    );
    expect(audited?.detail).toMatchObject({ from: 'Ward screen 2' });

    await send(session.id, [{ spo2: 88 }], start + 11 * SECOND);
    await settle();
    expect(await alertsOf(session.id)).toEqual([
      expect.objectContaining({
        id: medium?.id,
        priority: 'high',
        state: 'active',
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgedFrom: null,
      }),
    ]);
    const upgraded = (await app.get(AuditService).list({ sessionId: session.id })).find(
      (entry) => entry.action === 'alert.upgraded',
    );
    expect(upgraded?.detail).toMatchObject({ from: 'medium', to: 'high', reactivated: true });
  });

  it('raises a deep desaturation at once and keeps a high alert latched until acknowledged', async () => {
    const session = await infusing();
    await send(session.id, [{ spo2: 90 }, { spo2: 83 }, ...Array(20).fill({ spo2: 98 })]);
    await settle();
    const [alert] = await alertsOf(session.id);
    expect(alert).toMatchObject({ priority: 'high', state: 'active', value: 83 });
    await as('auditor').post(`/alerts/${alert!.id}/acknowledge`).send({}).expect(403);
    const acked = await as('physician')
      .post(`/alerts/${alert!.id}/acknowledge`)
      .send({ note: 'probe re-sited, patient fine' })
      .expect(200);
    expect(acked.body).toMatchObject({
      acknowledgedBy: 'physician',
      acknowledgedAt: expect.any(String),
    });
    await settle();
    expect((await alertsOf(session.id))[0]).toMatchObject({
      state: 'resolved',
      resolvedAt: expect.any(String),
    });
  });

  it('resolves a medium alert once the condition has cleared for the clear time', async () => {
    const session = await infusing();
    await send(session.id, [
      ...Array(11).fill({ systolic: 165, diastolic: 90 }),
      { systolic: 150, diastolic: 88 },
    ]);
    await settle();
    expect((await alertsOf(session.id)).map(({ code, state }) => ({ code, state }))).toEqual([
      { code: 'SYSTOLIC_HIGH', state: 'resolved' },
    ]);
  });

  it('stores a late backlog of older normal readings without clearing an alert the newer ones still show', async () => {
    const session = await infusing();
    const start = Date.now() - 60 * SECOND;
    await send(session.id, Array(12).fill({ spo2: 92 }), start);
    await send(session.id, Array(30).fill({ spo2: 98 }), start - 40 * SECOND);
    await settle();
    expect((await alertsOf(session.id)).map(({ code, state }) => ({ code, state }))).toEqual([
      { code: 'SPO2_LOW', state: 'active' },
    ]);
    const stored = await as('nurse').get(`/sessions/${session.id}/vitals`).expect(200);
    // The 42 sent here and the one reading the start needed.
    expect(stored.body).toHaveLength(43);
  });

  it('escalates an unacknowledged alert step by step, each step once, after the profile times, even after a restart', async () => {
    const session = await infusing();
    await send(session.id, [{ spo2: 90 }, { spo2: 83 }], Date.now() - 2 * SECOND);
    await settle();
    const spo2Low = async () =>
      (await alertsOf(session.id)).find((alert) => alert.code === 'SPO2_LOW');
    const timers = app.get(AlertTimers);
    await timers.sweep(Date.now() + 30 * SECOND);
    expect(await spo2Low()).toMatchObject({ escalationLevel: 0 });
    await app.close();
    ({ app, url } = await startTestApp(config));
    stopSweepTimer();
    tokens = await tokensByRole(app);
    const restarted = app.get(AlertTimers);
    await restarted.sweep(Date.now() + 61 * SECOND);
    await restarted.sweep(Date.now() + 62 * SECOND);
    expect(await spo2Low()).toMatchObject({ escalationLevel: 1 });
    // The second step: the profile's escalation time plus the second interval (60 s + 120 s).
    await restarted.sweep(Date.now() + 170 * SECOND);
    expect(await spo2Low()).toMatchObject({ escalationLevel: 1 });
    await restarted.sweep(Date.now() + 185 * SECOND);
    await restarted.sweep(Date.now() + 186 * SECOND);
    expect(await spo2Low()).toMatchObject({ escalationLevel: 2 });
    const escalations = (
      await app.get(AuditService).list({ sessionId: session.id, limit: 1000 })
    ).filter((entry) => entry.action === 'alert.escalated' && entry.detail['code'] === 'SPO2_LOW');
    expect(escalations.map((entry) => entry.detail['level'])).toEqual([1, 2]);
  });

  it('raises SIGNAL_LOSS when an infusing session sends no SpO2 or heart rate, and resolves it when data returns', async () => {
    const session = await infusing();
    const timers = app.get(AlertTimers);
    await timers.sweep(Date.now() + 31 * SECOND);
    expect(
      (await alertsOf(session.id)).find((alert) => alert.code === 'SIGNAL_LOSS'),
    ).toMatchObject({ kind: 'technical', state: 'active' });
    await send(session.id, [{ spo2: 97, heartRate: 80 }], Date.now() - SECOND);
    await timers.sweep(Date.now());
    expect(
      (await alertsOf(session.id)).find((alert) => alert.code === 'SIGNAL_LOSS'),
    ).toMatchObject({ state: 'resolved' });
  });

  it('counts silence from the last SpO2 or heart rate received: blood pressure alone does not keep the signal alive', async () => {
    const session = await infusing();
    const timers = app.get(AlertTimers);
    await send(session.id, [{ spo2: 97, heartRate: 80 }], Date.now() - SECOND);
    await timers.sweep(Date.now() + 20 * SECOND);
    await send(session.id, [{ systolic: 128, diastolic: 80 }], Date.now() - SECOND);
    expect((await alertsOf(session.id)).map((alert) => alert.code)).not.toContain('SIGNAL_LOSS');
    await timers.sweep(Date.now() + 31 * SECOND);
    expect((await alertsOf(session.id)).map((alert) => alert.code)).toEqual(['SIGNAL_LOSS']);
  });

  it('shows alert episodes in the session log', async () => {
    const session = await infusing();
    await send(session.id, [{ spo2: 90 }, { spo2: 83 }]);
    await settle();
    const log = (await as('auditor').get(`/sessions/${session.id}/log`).expect(200)).body as Array<{
      summary: string;
    }>;
    expect(log.map((event) => event.summary)).toContain('SpO2 low alert raised: SpO2 83 < 90');
  });
});
