import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Alert, CLINICIANS_NAMESPACE, type Session } from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AlertTimers } from '../alerts/alert-timers.service';
import { ClinicalAlerts } from '../alerts/clinical-alerts';
import { AuditService } from '../audit/audit.service';

describe.each(testDatabases())('a severe side effect on $name', (database) => {
  let app: NestExpressApplication;
  let url: string;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  async function infusing(): Promise<Session> {
    bay += 1;
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: `SEV-${bay}`, displayName: 'Severe Event', weightKg: 70 })
      .expect(201);
    const session = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `S${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
      })
      .expect(201);
    await prepareSession(app, session.body.id);
    return session.body;
  }

  const severe = (sessionId: string, type: string, note?: string) =>
    as('nurse')
      .post(`/sessions/${sessionId}/observations`)
      .send({ type, severity: 'severe', ...(note !== undefined && { note }) });
  const alertsOf = async (sessionId: string): Promise<Alert[]> =>
    (await as('nurse').get(`/alerts?sessionId=${sessionId}`).expect(200)).body;
  const observationsIn = async (sessionId: string) =>
    (await app.get(AuditService).list({ sessionId, limit: 1000 })).filter(
      (entry) => entry.action === 'observation.recorded',
    );

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await database.create()));
    app.get(AlertTimers).onApplicationShutdown();
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await app?.close();
    await database.drop();
  });

  it('answers only once the event and its high clinical alert are both stored, a 2,000-character note included', async () => {
    const session = await infusing();
    const note = 'pulling at the line, '.repeat(100).slice(0, 2000);
    await severe(session.id, 'agitation', note).expect(201);
    expect(await alertsOf(session.id)).toEqual([
      expect.objectContaining({
        kind: 'clinical',
        code: 'SIDE_EFFECT_SEVERE',
        priority: 'high',
        state: 'active',
        value: 1,
        message: `Severe side effect: agitation — ${note.trim()}`,
      }),
    ]);
  });

  it('stores neither the event nor its alert when the alert cannot be written, and says so', async () => {
    const session = await infusing();
    const failing = jest
      .spyOn(ClinicalAlerts.prototype, 'raiseIn')
      .mockRejectedValueOnce(new Error('alert insert failed'));
    try {
      const reply = await severe(session.id, 'vomiting');
      expect(reply.status).toBeGreaterThanOrEqual(500);
    } finally {
      failing.mockRestore();
    }
    expect(await observationsIn(session.id)).toEqual([]);
    expect(await alertsOf(session.id)).toEqual([]);
  });

  it('tells every screen again of a second severe event while the first alert is open', async () => {
    const session = await infusing();
    await severe(session.id, 'agitation', 'pulling at line').expect(201);
    const [first] = await alertsOf(session.id);
    const socket: Socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token: tokens.nurse },
    });
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const updated = new Promise<Alert>((resolve) => socket.once('alert.updated', resolve));
      await severe(session.id, 'vomiting', 'twice in 5 min').expect(201);
      expect(await updated).toMatchObject({
        id: first?.id,
        state: 'active',
        value: 2,
        message: '2 severe side effects, newest: vomiting — twice in 5 min',
      });
    } finally {
      socket.close();
    }
    expect(await alertsOf(session.id)).toHaveLength(1);
    const repeated = (await app.get(AuditService).list({ sessionId: session.id })).filter(
      (entry) => entry.action === 'alert.repeated',
    );
    expect(repeated).toHaveLength(1);
  });

  it('closes the clinical alert on its acknowledgement (reason acknowledged); the next event opens a new one', async () => {
    const session = await infusing();
    await severe(session.id, 'agitation').expect(201);
    const [alert] = await alertsOf(session.id);
    const acknowledged = await as('nurse')
      .post(`/alerts/${alert!.id}/acknowledge`)
      .send({ note: 'settled with reassurance' })
      .expect(200);
    expect(acknowledged.body).toMatchObject({
      state: 'resolved',
      resolvedReason: 'acknowledged',
      acknowledgedBy: 'nurse',
    });
    const again = await as('nurse').post(`/alerts/${alert!.id}/acknowledge`).send({}).expect(409);
    expect(again.body.code).toBe('ALERT_STATE_CONFLICT');
    await severe(session.id, 'agitation', 'again').expect(201);
    expect((await alertsOf(session.id)).map(({ state, value }) => ({ state, value }))).toEqual(
      expect.arrayContaining([
        { state: 'resolved', value: 1 },
        { state: 'active', value: 1 },
      ]),
    );
  });
});
