import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AlarmSuspend, Alert, AlertDelivery, Session } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from '../users/user.entity';
import { AlertTimers } from './alert-timers.service';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe.each(testDatabases())('per-chair alarm suspend on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let nurseId: string;
  let chair = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const placeholder = (index: number) => (database.name === 'postgres' ? `$${index}` : '?');
  const sweep = (at: number) => app.get(AlertTimers).sweep(at);

  /** An infusing session in a chair of its own, assigned to the nurse. */
  async function infusing(): Promise<Session> {
    chair += 1;
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: `SUSPEND-${chair}`, displayName: 'Probe Change', weightKg: 70 })
      .expect(201);
    const session = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `S${chair}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
      })
      .expect(201);
    await prepareSession(app, session.body.id);
    await as('physician')
      .put(`/sessions/${session.body.id}/assignment`)
      .send({ assignedNurseId: nurseId })
      .expect(200);
    return session.body;
  }

  const alertOf = async (sessionId: string, code: string): Promise<Alert | undefined> =>
    ((await as('nurse').get(`/alerts?sessionId=${sessionId}`).expect(200)).body as Alert[]).find(
      (alert) => alert.code === code,
    );
  const deliveries = async (alertId: string): Promise<AlertDelivery[]> =>
    (await as('nurse').get(`/alerts/${alertId}/deliveries`).expect(200)).body;
  const suspends = async (): Promise<AlarmSuspend[]> =>
    (await as('auditor').get('/bays/alarm-suspends').expect(200)).body;

  /** As if the alarm had sounded for ten minutes: its escalation is long due. */
  async function raisedLongAgo(alertId: string): Promise<void> {
    await app
      .get(DataSource)
      .query(`UPDATE alert SET raised_at = ${placeholder(1)} WHERE id = ${placeholder(2)}`, [
        new Date(Date.now() - 10 * MINUTE).toISOString(),
        alertId,
      ]);
  }

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    app.get(AlertTimers).onApplicationShutdown();
    await seedUsers(app);
    tokens = await tokensByRole(app);
    nurseId = (
      await app.get(DataSource).getRepository(UserEntity).findOneByOrFail({ username: 'nurse' })
    ).id;
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('suspends a chair for at most two minutes, audited, listed, and never prolonged', async () => {
    const session = await infusing();
    const before = Date.now();
    const suspend: AlarmSuspend = (
      await as('nurse')
        .post(`/bays/${session.bay}/alarm-suspend`)
        .send({ reason: 'SpO2 probe change' })
        .expect(201)
    ).body;
    expect(suspend).toMatchObject({
      bay: session.bay,
      sessionId: session.id,
      reason: 'SpO2 probe change',
      startedBy: 'nurse',
    });
    const lasts = Date.parse(suspend.endsAt) - Date.parse(suspend.startedAt);
    expect(lasts).toBe(2 * MINUTE);
    expect(Date.parse(suspend.startedAt)).toBeGreaterThanOrEqual(before - SECOND);
    expect(await suspends()).toContainEqual(suspend);

    const again = await as('physician')
      .post(`/bays/${session.bay}/alarm-suspend`)
      .send({ reason: 'again' })
      .expect(409);
    expect(again.body.code).toBe('ALARM_SUSPEND_REFUSED');

    const audit = (await app.get(AuditService).list({ actor: 'nurse' })).filter(
      (entry) => entry.action === 'alarm-suspend.started',
    );
    expect(audit).toEqual([
      expect.objectContaining({ entityId: session.bay, sessionId: session.id }),
    ]);
    await as('nurse').delete(`/bays/${session.bay}/alarm-suspend`).expect(204);
    expect(await suspends()).toEqual([]);
  });

  it('refuses what it cannot suspend: longer than two minutes, an empty chair, an auditor', async () => {
    const session = await infusing();
    const tooLong = await as('nurse')
      .post(`/bays/${session.bay}/alarm-suspend`)
      .send({ reason: 'probe', seconds: 121 })
      .expect(400);
    expect(tooLong.body.code).toBe('VALIDATION_FAILED');
    const empty = await as('nurse')
      .post('/bays/NOBODY/alarm-suspend')
      .send({ reason: 'probe' })
      .expect(409);
    expect(empty.body.code).toBe('ALARM_SUSPEND_REFUSED');
    await as('auditor')
      .post(`/bays/${session.bay}/alarm-suspend`)
      .send({ reason: 'probe' })
      .expect(403);
    expect(await suspends()).toEqual([]);
  });

  it('keeps the chair’s SIGNAL_LOSS from sounding or escalating until the suspend ends', async () => {
    const session = await infusing();
    await as('nurse')
      .post(`/bays/${session.bay}/alarm-suspend`)
      .send({ reason: 'probe change' })
      .expect(201);
    const now = Date.now();
    await sweep(now + 40 * SECOND);
    const lost = await alertOf(session.id, 'SIGNAL_LOSS');
    expect(lost).toMatchObject({ state: 'active', escalationLevel: 0 });
    await raisedLongAgo(lost?.id ?? '');
    await sweep(now + 41 * SECOND);
    expect(await alertOf(session.id, 'SIGNAL_LOSS')).toMatchObject({ escalationLevel: 0 });
    expect(await deliveries(lost?.id ?? '')).toEqual([]);

    await as('nurse').delete(`/bays/${session.bay}/alarm-suspend`).expect(204);
    await sweep(now + 42 * SECOND);
    expect(await alertOf(session.id, 'SIGNAL_LOSS')).toMatchObject({ escalationLevel: 1 });
    expect(await deliveries(lost?.id ?? '')).toContainEqual(
      expect.objectContaining({ userId: nurseId, level: 0 }),
    );
    const ended = (await app.get(AuditService).list({ actor: 'nurse' })).filter(
      (entry) => entry.action === 'alarm-suspend.ended' && entry.sessionId === session.id,
    );
    expect(ended).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ cause: 'person' }) }),
    ]);
  });

  it('is ended at once by an alarm of another sign, and never covers another chair', async () => {
    const suspended = await infusing();
    const neighbour = await infusing();
    await as('nurse')
      .post(`/bays/${suspended.bay}/alarm-suspend`)
      .send({ reason: 'probe change' })
      .expect(201);
    const now = Date.now();
    await sweep(now + 40 * SECOND);
    const next = await alertOf(neighbour.id, 'SIGNAL_LOSS');
    const quiet = await alertOf(suspended.id, 'SIGNAL_LOSS');
    await raisedLongAgo(next?.id ?? '');
    await raisedLongAgo(quiet?.id ?? '');
    await sweep(now + 41 * SECOND);
    expect(await alertOf(neighbour.id, 'SIGNAL_LOSS')).toMatchObject({ escalationLevel: 1 });
    expect(await alertOf(suspended.id, 'SIGNAL_LOSS')).toMatchObject({ escalationLevel: 0 });

    await as('nurse')
      .post(`/sessions/${suspended.id}/vitals`)
      .send({ samples: [{ at: new Date().toISOString(), systolic: 200, diastolic: 95 }] })
      .expect(202);
    let pressure = await alertOf(suspended.id, 'SYSTOLIC_HIGH');
    while (!pressure) pressure = await alertOf(suspended.id, 'SYSTOLIC_HIGH');
    await sweep(now + 42 * SECOND);
    expect(await suspends()).toEqual([]);
    const ended = (await app.get(AuditService).list({})).filter(
      (entry) => entry.action === 'alarm-suspend.ended' && entry.sessionId === suspended.id,
    );
    expect(ended).toEqual([
      expect.objectContaining({
        actor: 'system:alarm-suspend',
        detail: expect.objectContaining({ cause: 'alarm' }),
      }),
    ]);
    expect(await alertOf(suspended.id, 'SIGNAL_LOSS')).toMatchObject({ escalationLevel: 1 });
  });

  it('cannot start while an alarm it would not cover sounds in the chair', async () => {
    const session = await infusing();
    await as('nurse')
      .post(`/sessions/${session.id}/vitals`)
      .send({ samples: [{ at: new Date().toISOString(), systolic: 200, diastolic: 95 }] })
      .expect(202);
    let pressure = await alertOf(session.id, 'SYSTOLIC_HIGH');
    while (!pressure) pressure = await alertOf(session.id, 'SYSTOLIC_HIGH');
    const refused = await as('nurse')
      .post(`/bays/${session.bay}/alarm-suspend`)
      .send({ reason: 'probe change' })
      .expect(409);
    expect(refused.body.code).toBe('ALARM_SUSPEND_REFUSED');
  });
});
