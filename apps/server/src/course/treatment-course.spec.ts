import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  clinicCalendarDate,
  followUpsAfterDischarge,
  type Alert,
  type FollowUp,
  type TreatmentCourse,
} from '@vigil/shared';
import { DataSource } from 'typeorm';
import { closeKetamineRecord, prepareSession, RECOVERED } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { PumpEventEntity } from '../administration/pump-event.entity';
import { FollowUpEntity } from '../follow-ups/follow-up.entity';
import { OutcomeEntity } from '../outcomes/outcome.entity';
import { SessionEntity } from '../sessions/session.entity';

const MIN = 60_000;

describe.each(testDatabases())('the treatment course on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let serial = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const nurse = () => as('nurse');
  const sessions = () => app.get(DataSource).getRepository(SessionEntity);

  async function patient(weightKg = 80): Promise<string> {
    serial += 1;
    const reply = await nurse()
      .post('/patients')
      .send({ mrn: `CRS-${serial}`, displayName: 'Course Patient', weightKg })
      .expect(201);
    return reply.body.id;
  }

  async function schedule(patientId: string, scheduledAt?: string): Promise<string> {
    serial += 1;
    const reply = await as('physician')
      .post('/sessions')
      .send({
        patientId,
        bay: `K${serial}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
        ...(scheduledAt && { scheduledAt }),
      })
      .expect(201);
    return reply.body.id;
  }

  async function readings(sessionId: string, values: Array<Record<string, number>>) {
    const now = Date.now();
    await nurse()
      .post(`/sessions/${sessionId}/vitals`)
      .send({
        samples: values.map((value, index) => ({
          at: new Date(now - (values.length - 1 - index) * 1000).toISOString(),
          ...value,
        })),
      })
      .expect(202);
  }

  /** Infused for `infusedMin` of its planned 40 minutes, then in recovery for 31 minutes. */
  async function inRecovery(sessionId: string, infusedMin: number): Promise<void> {
    await prepareSession(app, sessionId);
    await nurse().post(`/sessions/${sessionId}/stop`).send({ reason: 'as planned' }).expect(200);
    const endedAt = Date.now() - 31 * MIN;
    const startedAt = new Date(endedAt - infusedMin * MIN).toISOString();
    await sessions().update(
      { id: sessionId },
      { startedAt, endedAt: new Date(endedAt).toISOString() },
    );
    // The pump record moves back with the clock: it started and stopped with the infusion.
    const pump = app.get(DataSource).getRepository(PumpEventEntity);
    await pump.update({ sessionId, kind: 'start' }, { at: startedAt });
    await pump.update({ sessionId, kind: 'stop' }, { at: new Date(endedAt).toISOString() });
    await closeKetamineRecord(app, sessionId);
  }

  async function discharged(sessionId: string, infusedMin = 40): Promise<void> {
    await inRecovery(sessionId, infusedMin);
    await readings(sessionId, [{ systolic: 126, diastolic: 78, heartRate: 72, spo2: 98 }]);
    await nurse().post(`/sessions/${sessionId}/discharge`).send(RECOVERED).expect(200);
  }

  const outcome = (sessionId: string, body: Record<string, unknown>) =>
    nurse().post(`/sessions/${sessionId}/outcomes`).send(body);
  const alertsOf = async (sessionId: string): Promise<Alert[]> =>
    (await nurse().get(`/alerts?sessionId=${sessionId}`).expect(200)).body;
  const followUpsOf = (sessionId: string) =>
    app.get(DataSource).getRepository(FollowUpEntity).find({ where: { sessionId } });

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('stores an outcome score within its range, and refuses one outside it with nothing stored', async () => {
    const sessionId = await schedule(await patient());
    const stored = await outcome(sessionId, { instrument: 'PHQ-9', phase: 'pre', score: 19 });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({
      sessionId,
      instrument: 'PHQ-9',
      phase: 'pre',
      score: 19,
      recordedBy: 'nurse',
    });
    expect(stored.body.suicideRisk).toBeUndefined();
    for (const [instrument, score] of [
      ['PHQ-9', 28],
      ['MADRS', 61],
      ['QIDS-SR16', -1],
      ['craving-VAS', 101],
      ['PACS', 31],
      ['C-SSRS-screen', 7],
      ['PHQ-9', 3.5],
    ] as const) {
      const refused = await outcome(sessionId, { instrument, phase: 'post', score }).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      expect(refused.body.message).toEqual([
        expect.stringMatching(/^score must be a whole number between/),
      ]);
    }
    await outcome(sessionId, { instrument: 'PHQ-9', phase: 'later', score: 3 }).expect(400);
    const rows = await app.get(DataSource).getRepository(OutcomeEntity).findBy({ sessionId });
    expect(rows).toHaveLength(1);
    const audited = (await app.get(AuditService).list({ sessionId, limit: 100 })).filter(
      (entry) => entry.action === 'outcome.recorded',
    );
    expect(audited).toHaveLength(1);
  });

  it('raises a high clinical alert for a positive C-SSRS screen, in the same write, and none for a negative one', async () => {
    const sessionId = await schedule(await patient());
    await prepareSession(app, sessionId);
    await outcome(sessionId, { instrument: 'C-SSRS-screen', phase: 'pre', score: 0 }).expect(201);
    expect(await alertsOf(sessionId)).toEqual([]);
    const positive = await outcome(sessionId, {
      instrument: 'C-SSRS-screen',
      phase: 'post',
      score: 2,
    }).expect(201);
    expect(positive.body.suicideRisk).toEqual({ alertRaised: true });
    expect(await alertsOf(sessionId)).toEqual([
      expect.objectContaining({
        kind: 'clinical',
        code: 'SUICIDE_RISK',
        priority: 'high',
        state: 'active',
        message: 'Positive suicide screen: C-SSRS screen 2 of 6 (post)',
      }),
    ]);
    await outcome(sessionId, { instrument: 'C-SSRS-screen', phase: 'post', score: 3 }).expect(201);
    const [repeated] = await alertsOf(sessionId);
    expect(repeated).toMatchObject({
      value: 2,
      message: '2 positive suicide screens, newest: C-SSRS screen 3 of 6 (post)',
    });
  });

  it('puts a positive C-SSRS screen at follow-up on the due list as a risk review, since no alarm can sound for an ended session', async () => {
    const sessionId = await schedule(await patient());
    await discharged(sessionId);
    const reply = await outcome(sessionId, {
      instrument: 'C-SSRS-screen',
      phase: 'follow-up',
      score: 1,
    }).expect(201);
    expect(reply.body.suicideRisk).toEqual({ alertRaised: false, followUpId: expect.any(String) });
    expect(await alertsOf(sessionId)).toEqual([]);
    const today = clinicCalendarDate(Date.now(), app.get<AppConfig>(APP_CONFIG).timeZone);
    const due: FollowUp[] = (await nurse().get(`/follow-ups?due=${today}`).expect(200)).body;
    expect(due).toContainEqual(
      expect.objectContaining({
        id: reply.body.suicideRisk.followUpId,
        sessionId,
        kind: 'suicide-risk-review',
      }),
    );
  });

  it('books the next-day call and the therapy appointment with the discharge, and none with a refused one', async () => {
    const sessionId = await schedule(await patient());
    await inRecovery(sessionId, 40);
    await nurse()
      .post(`/sessions/${sessionId}/discharge`)
      .send({ ...RECOVERED, moaas: 3 })
      .expect(409);
    expect(await followUpsOf(sessionId)).toEqual([]);

    await readings(sessionId, [{ systolic: 126, diastolic: 78, heartRate: 72, spo2: 98 }]);
    const before = Date.now();
    await nurse().post(`/sessions/${sessionId}/discharge`).send(RECOVERED).expect(200);
    const timeZone = app.get<AppConfig>(APP_CONFIG).timeZone;
    const expected = followUpsAfterDischarge(before, timeZone);
    const [nextDayCall] = expected;
    if (!nextDayCall) throw new Error('no next-day call planned');
    const tasks = await followUpsOf(sessionId);
    expect(
      tasks
        .map(({ kind, dueAt }) => ({ kind, dueAt }))
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
    ).toEqual(expected);
    const created = (await app.get(AuditService).list({ sessionId, limit: 100 })).filter(
      (entry) => entry.action === 'follow-up.created',
    );
    expect(created).toHaveLength(2);

    const callDate = clinicCalendarDate(Date.parse(nextDayCall.dueAt), timeZone);
    const due: FollowUp[] = (await nurse().get(`/follow-ups?due=${callDate}`).expect(200)).body;
    const call = due.find((task) => task.sessionId === sessionId);
    expect(call).toMatchObject({ kind: 'next-day-call', dueAt: nextDayCall.dueAt });
    expect(call?.doneAt).toBeUndefined();

    const done = await nurse()
      .post(`/follow-ups/${call?.id}/done`)
      .send({ outcome: 'Slept well, no dissociation, mood better' })
      .expect(200);
    expect(done.body).toMatchObject({
      id: call?.id,
      doneAt: expect.any(String),
      outcome: 'Slept well, no dissociation, mood better',
    });
    const again = await nurse()
      .post(`/follow-ups/${call?.id}/done`)
      .send({ outcome: 'overwritten?' })
      .expect(409);
    expect(again.body.code).toBe('FOLLOW_UP_DONE');
    const listed: FollowUp[] = (await nurse().get(`/follow-ups?due=${callDate}`).expect(200)).body;
    expect(listed.find((task) => task.id === call?.id)?.outcome).toBe(
      'Slept well, no dissociation, mood better',
    );
    await nurse().get('/follow-ups?due=tomorrow').expect(400);
    await nurse().post(`/follow-ups/${call?.id}/done`).send({ outcome: '' }).expect(400);
  });

  it('keeps an open task from an earlier day on the list until it is done', async () => {
    const sessionId = await schedule(await patient());
    await discharged(sessionId);
    const timeZone = app.get<AppConfig>(APP_CONFIG).timeZone;
    const call = (await followUpsOf(sessionId)).find((task) => task.kind === 'next-day-call');
    if (!call) throw new Error('no next-day call booked');
    const weekLater = clinicCalendarDate(Date.parse(call.dueAt) + 8 * 24 * 60 * MIN, timeZone);
    const due: Array<FollowUp & { overdue: boolean }> = (
      await nurse().get(`/follow-ups?due=${weekLater}`).expect(200)
    ).body;
    expect(due.find((task) => task.id === call.id)).toMatchObject({ overdue: true });
  });

  it('lists the course in order with its numbers, delivered dose, peaks, alerts, side effects and outcomes', async () => {
    const patientId = await patient(80);
    const first = await schedule(patientId, new Date(Date.now() - 3 * 24 * 60 * MIN).toISOString());
    const neverGiven = await schedule(
      patientId,
      new Date(Date.now() - 2 * 24 * 60 * MIN).toISOString(),
    );
    const second = await schedule(patientId);
    await inRecovery(first, 20);
    await readings(first, [
      { systolic: 142, diastolic: 88, heartRate: 96, spo2: 95 },
      { systolic: 126, diastolic: 78, heartRate: 72, spo2: 98 },
    ]);
    await outcome(first, { instrument: 'MADRS', phase: 'pre', score: 32 }).expect(201);
    await outcome(first, { instrument: 'MADRS', phase: 'post', score: 20 }).expect(201);
    await nurse().post(`/sessions/${first}/discharge`).send(RECOVERED).expect(200);
    await nurse()
      .post(`/sessions/${neverGiven}/abort`)
      .send({ reason: 'patient unwell' })
      .expect(200);
    await prepareSession(app, second);
    await nurse()
      .post(`/sessions/${second}/observations`)
      .send({
        type: 'dissociation',
        severity: 'moderate',
        scores: { cadss: 30, cadss6: 9, moaas: 4 },
      })
      .expect(201);
    await nurse()
      .post(`/sessions/${second}/observations`)
      .send({ type: 'nausea', severity: 'severe', scores: { cadss: 12, moaas: 3 } })
      .expect(201);

    await as('physician')
      .put(`/patients/${patientId}/course`)
      .send({ plannedInfusions: 6 })
      .expect(200);
    await nurse().put(`/patients/${patientId}/course`).send({ plannedInfusions: 4 }).expect(403);
    await as('physician')
      .put(`/patients/${patientId}/course`)
      .send({ plannedInfusions: 0 })
      .expect(400);

    const course: TreatmentCourse = (
      await as('auditor').get(`/patients/${patientId}/course`).expect(200)
    ).body;
    expect(course.patientId).toBe(patientId);
    expect(course.plannedInfusions).toBe(6);
    expect(course.infusions.map((infusion) => [infusion.sessionId, infusion.number])).toEqual([
      [first, 1],
      [second, 2],
    ]);
    const [one, two] = course.infusions;
    if (!one || !two) throw new Error('two infusions expected');
    expect(one).toMatchObject({
      state: 'discharged',
      doseMgPerKg: 0.5,
      deliveredMg: 20,
      peakSystolic: 142,
      peakDiastolic: 88,
      peakHeartRate: 96,
      minSpo2: 95,
      alerts: { high: 0, medium: 0, low: 0 },
      sideEffects: [],
      maxCadss: null,
      closerBloodPressureWatch: true,
    });
    expect(one.outcomes.map((score) => [score.instrument, score.phase, score.score])).toEqual([
      ['MADRS', 'pre', 32],
      ['MADRS', 'post', 20],
    ]);
    expect(two).toMatchObject({
      state: 'infusing',
      peakSystolic: null,
      minSpo2: null,
      alerts: { high: 1, medium: 0, low: 0 },
      sideEffects: ['dissociation', 'nausea'],
      maxCadss: 30,
      maxCadss6: 9,
      minMoaas: 3,
      outcomes: [],
    });
    expect(two.deliveredMg).toBeGreaterThanOrEqual(0);
    expect(two.deliveredMg).toBeLessThanOrEqual(40);
    await nurse().get(`/patients/00000000-0000-4000-8000-000000000000/course`).expect(404);
  });

  it('records an adverse event after discharge against the session, audited', async () => {
    const sessionId = await schedule(await patient());
    await discharged(sessionId);
    const event = {
      at: new Date().toISOString(),
      description: 'Headache and nausea the evening after',
      severity: 'moderate',
    };
    const reply = await nurse()
      .post(`/sessions/${sessionId}/adverse-events`)
      .send(event)
      .expect(201);
    expect(reply.body).toMatchObject({ sessionId, severity: 'moderate', recordedBy: 'nurse' });
    expect(
      (await nurse().get(`/sessions/${sessionId}/adverse-events`).expect(200)).body,
    ).toHaveLength(1);
    await nurse()
      .post(`/sessions/${sessionId}/adverse-events`)
      .send({ ...event, severity: 'fatal' })
      .expect(400);
    const scheduled = await schedule(await patient());
    expect(
      (await nurse().post(`/sessions/${scheduled}/adverse-events`).send(event).expect(409)).body
        .code,
    ).toBe('SESSION_STATE_CONFLICT');
    const given = await nurse().post(`/sessions/${sessionId}/discharge-instructions`).expect(201);
    expect(given.body).toMatchObject({ sessionId, version: 1, givenBy: 'nurse' });
    const actions = (await app.get(AuditService).list({ sessionId, limit: 100 })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['adverse-event.recorded', 'discharge-instructions.given']),
    );
  });
});
