import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Alert, CLINICIANS_NAMESPACE, type Session } from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { AlertTimers } from './alert-timers.service';
import { AlertWriter } from './alert-writer';
import { EndedSessionAlerts } from './ended-session-alerts';
import { PhysiologicalAlerts } from './physiological-alerts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const lead = actorOf(systemPrincipal('session-transition'));

describe.each(testDatabases())('the alert lifecycle on $name', (database) => {
  let app: NestExpressApplication;
  let url: string;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  async function infusing(): Promise<Session> {
    bay += 1;
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: `LIFE-${bay}`, displayName: 'Life Cycle', weightKg: 70 })
      .expect(201);
    const session = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `L${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
      })
      .expect(201);
    await prepareSession(app, session.body.id);
    return session.body;
  }

  async function send(sessionId: string, values: Array<Record<string, number>>): Promise<void> {
    const start = Date.now() - values.length * SECOND;
    const samples = values.map((value, index) => ({
      at: new Date(start + index * SECOND).toISOString(),
      ...value,
    }));
    await as('nurse').post(`/sessions/${sessionId}/vitals`).send({ samples }).expect(202);
  }

  const alertsOf = async (sessionId: string): Promise<Alert[]> =>
    (await as('nurse').get(`/alerts?sessionId=${sessionId}`).expect(200)).body;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
  const setState = (manager: EntityManager, sessionId: string, state: string) =>
    manager.query(
      `UPDATE infusion_session SET state = ${database.name === 'postgres' ? '$1' : '?'} WHERE id = ${database.name === 'postgres' ? '$2' : '?'}`,
      [state, sessionId],
    );

  /** What the lead's session transition does: the new state and the alerts in one transaction. */
  async function end(sessionId: string, state: 'aborted' | 'discharged'): Promise<void> {
    const publish = await app.get(UnitOfWork).run(async (manager) => {
      await setState(manager, sessionId, state);
      return app
        .get(EndedSessionAlerts)
        .resolveIn(manager, lead, sessionId, new Date().toISOString());
    });
    publish();
  }

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await database.create()));
    // The tests sweep themselves at chosen times; the real-time sweep would race with them.
    app.get(AlertTimers).onApplicationShutdown();
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('resolves every open alert of an ended session (reason session-ended), audited, and tells every screen', async () => {
    const session = await infusing();
    await send(session.id, [{ spo2: 90 }, { spo2: 83 }, ...Array(20).fill({ heartRate: 120 })]);
    await settle();
    const opened = await alertsOf(session.id);
    expect(opened.map((alert) => alert.code).sort()).toEqual(['HR_HIGH', 'SPO2_LOW']);
    const hr = opened.find((alert) => alert.code === 'HR_HIGH') as Alert;
    await as('nurse').post(`/alerts/${hr.id}/acknowledge`).send({}).expect(200);

    const socket: Socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token: tokens.nurse },
    });
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const updates: Alert[] = [];
      socket.on('alert.updated', (alert: Alert) => updates.push(alert));
      await end(session.id, 'aborted');
      await settle();
      expect(
        updates.map(({ code, state, resolvedReason }) => ({ code, state, resolvedReason })),
      ).toEqual(
        expect.arrayContaining([
          { code: 'SPO2_LOW', state: 'resolved', resolvedReason: 'session-ended' },
          { code: 'HR_HIGH', state: 'resolved', resolvedReason: 'session-ended' },
        ]),
      );
    } finally {
      socket.close();
    }
    const stored = await alertsOf(session.id);
    expect(stored.every((alert) => alert.state === 'resolved')).toBe(true);
    expect(stored.every((alert) => alert.resolvedReason === 'session-ended')).toBe(true);
    const resolvedEntries = (
      await app.get(AuditService).list({ sessionId: session.id, limit: 1000 })
    ).filter((entry) => entry.action === 'alert.resolved');
    expect(resolvedEntries).toHaveLength(2);
    expect(resolvedEntries.every((entry) => entry.actor === lead.actor)).toBe(true);
    expect(resolvedEntries.map((entry) => entry.detail)).toEqual([
      expect.objectContaining({ reason: 'session-ended' }),
      expect.objectContaining({ reason: 'session-ended' }),
    ]);
  });

  it('keeps the stored message in step with a worsening condition', async () => {
    const session = await infusing();
    await send(session.id, [{ spo2: 90 }, { spo2: 83 }]);
    await settle();
    expect((await alertsOf(session.id))[0]).toMatchObject({ message: 'SpO2 83 < 90', value: 83 });
    await send(session.id, [{ spo2: 75 }]);
    await settle();
    expect((await alertsOf(session.id))[0]).toMatchObject({
      state: 'active',
      message: 'SpO2 75 < 90',
      value: 75,
    });
  });

  it('leaves the alerts open when the transition that ends the session rolls back', async () => {
    const session = await infusing();
    await send(session.id, [{ spo2: 90 }, { spo2: 83 }]);
    await settle();
    await expect(
      app.get(UnitOfWork).run(async (manager) => {
        await setState(manager, session.id, 'aborted');
        await app
          .get(EndedSessionAlerts)
          .resolveIn(manager, lead, session.id, new Date().toISOString());
        throw new Error('the transition failed after the alerts were resolved');
      }),
    ).rejects.toThrow('the transition failed');
    expect((await alertsOf(session.id)).map((alert) => alert.state)).toEqual(['active']);
  });

  it('never sounds, reminds or escalates again once the session has ended', async () => {
    const session = await infusing();
    await send(session.id, [{ spo2: 90 }, { spo2: 83 }]);
    await settle();
    await end(session.id, 'discharged');
    const timers = app.get(AlertTimers);
    await timers.sweep(Date.now() + 10 * MINUTE);
    await timers.sweep(Date.now() + 20 * MINUTE);
    expect(await alertsOf(session.id)).toEqual([
      expect.objectContaining({ code: 'SPO2_LOW', state: 'resolved', escalationLevel: 0 }),
    ]);
    const actions = (await app.get(AuditService).list({ sessionId: session.id, limit: 1000 }))
      .map((entry) => entry.action)
      .filter((action) => action.startsWith('alert.'));
    expect(actions).toEqual(['alert.raised', 'alert.resolved']);
  });

  it('raises nothing for a session that has ended, from late readings, a severe event or a timer', async () => {
    const session = await infusing();
    await end(session.id, 'aborted');
    app.get(PhysiologicalAlerts).observe(
      {
        id: session.id,
        bay: session.bay,
        thresholdProfileId: session.thresholdProfileId,
        assessment: null,
      },
      [90, 80].map((spo2, index) => {
        const at = new Date(Date.now() - (1 - index) * SECOND).toISOString();
        return {
          sessionId: session.id,
          seq: null,
          at,
          receivedAt: at,
          source: 'device:monitor',
          spo2,
        };
      }),
    );
    const refused = await as('nurse')
      .post(`/sessions/${session.id}/observations`)
      .send({ type: 'agitation', severity: 'severe' })
      .expect(409);
    expect(refused.body.code).toBe('SESSION_STATE_CONFLICT');
    await app.get(AlertTimers).sweep(Date.now() + 30 * MINUTE);
    await settle();
    expect(await alertsOf(session.id)).toEqual([]);
  });

  it('resolves, and never escalates, an alert left open on a session that ended without resolving it', async () => {
    const session = await infusing();
    await send(session.id, [{ spo2: 90 }, { spo2: 83 }]);
    await settle();
    await app.get(UnitOfWork).run((manager) => setState(manager, session.id, 'aborted'));
    await app.get(AlertTimers).sweep(Date.now() + 2 * MINUTE);
    expect(await alertsOf(session.id)).toEqual([
      expect.objectContaining({
        state: 'resolved',
        resolvedReason: 'session-ended',
        escalationLevel: 0,
      }),
    ]);
  });

  if (database.name === 'postgres') {
    it('orders a raise racing with the end of its session: it waits for the end, then raises nothing', async () => {
      const session = await infusing();
      const runner = app.get(DataSource).createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await setState(runner.manager, session.id, 'aborted');
        const publish = await app
          .get(EndedSessionAlerts)
          .resolveIn(runner.manager, lead, session.id, new Date().toISOString());
        const raising = app.get(AlertWriter).raise(session, {
          kind: 'physiological',
          code: 'SPO2_LOW',
          priority: 'high',
          value: 80,
          threshold: 90,
          message: 'SpO2 80 < 90',
          at: Date.now(),
        });
        let settled = false;
        void raising.then(() => (settled = true));
        await settle();
        expect(settled).toBe(false);
        await runner.commitTransaction();
        publish();
        expect(await raising).toBeNull();
      } finally {
        await runner.release();
      }
      expect(await alertsOf(session.id)).toEqual([]);
    });
  }
});
