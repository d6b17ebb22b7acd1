import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Session, TimelineEvent } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { CLEAN_ASSESSMENT, closeKetamineRecord, postReading, RECOVERED } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { SessionEntity } from './session.entity';

describe.each(testDatabases())('the clinical session on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const nurse = () => as('nurse');

  async function schedule(): Promise<Session> {
    bay += 1;
    const patient = await nurse()
      .post('/patients')
      .send({ mrn: `CLIN-${bay}`, displayName: 'Casey Jones', weightKg: 80 })
      .expect(201);
    return (
      await as('physician')
        .post('/sessions')
        .send({
          patientId: patient.body.id,
          bay: `C${bay}`,
          indication: 'alcohol-use-disorder',
          doseMgPerKg: 0.5,
        })
        .expect(201)
    ).body;
  }

  /** The patient has been in recovery this long: the test moves the stop back in time. */
  async function inRecoveryFor(sessionId: string, minutes: number): Promise<void> {
    await app
      .get(DataSource)
      .getRepository(SessionEntity)
      .update(
        { id: sessionId },
        { endedAt: new Date(Date.now() - minutes * 60_000).toISOString() },
      );
  }

  async function readings(sessionId: string, values: Record<string, number>): Promise<void> {
    await nurse()
      .post(`/sessions/${sessionId}/vitals`)
      .send({ samples: [{ at: new Date().toISOString(), ...values }] })
      .expect(202);
  }

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('schedules with the computed total dose and the default 40 minutes', async () => {
    const session = await schedule();
    expect(session).toMatchObject({
      state: 'scheduled',
      doseMgPerKg: 0.5,
      totalDoseMg: 40,
      plannedDurationMin: 40,
      assessment: null,
      allowedActions: ['assess', 'abort'],
    });
  });

  it('refuses a planned duration outside 40–60 minutes', async () => {
    const patient = await nurse()
      .post('/patients')
      .send({ mrn: 'CLIN-DUR', displayName: 'Dur Ation', weightKg: 70 })
      .expect(201);
    const reply = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: 'CD',
        indication: 'depression',
        doseMgPerKg: 0.5,
        plannedDurationMin: 90,
      })
      .expect(400);
    expect(reply.body.message).toEqual([
      'plannedDurationMin must be between 40 and 60 unless a physician gives durationOverrideReason',
    ]);
  });

  it('lets only a physician plan outside 40–60 minutes, with a reason that stays on record', async () => {
    const patient = await nurse()
      .post('/patients')
      .send({ mrn: 'CLIN-OVR', displayName: 'Over Ride', weightKg: 60 })
      .expect(201);
    const body = {
      patientId: patient.body.id,
      bay: 'CO',
      indication: 'depression',
      doseMgPerKg: 0.5,
      plannedDurationMin: 90,
      durationOverrideReason: 'slow titration per protocol',
    };
    await nurse().post('/sessions').send(body).expect(403);
    const created = await as('physician').post('/sessions').send(body).expect(201);
    expect(created.body).toMatchObject({
      plannedDurationMin: 90,
      durationOverride: { reason: 'slow titration per protocol', by: 'physician' },
    });
  });

  it('assigns a nurse and a supervising physician, and refuses the wrong role', async () => {
    const patient = await nurse()
      .post('/patients')
      .send({ mrn: 'CLIN-ASG', displayName: 'As Signed', weightKg: 60 })
      .expect(201);
    const me = async (role: 'nurse' | 'physician') =>
      (await as(role).get('/auth/me').expect(200)).body.id as string;
    const [nurseId, physicianId] = [await me('nurse'), await me('physician')];
    const base = {
      patientId: patient.body.id,
      bay: 'CA',
      indication: 'depression',
      doseMgPerKg: 0.5,
    };
    const wrong = await as('physician')
      .post('/sessions')
      .send({ ...base, assignedNurseId: physicianId })
      .expect(400);
    expect(wrong.body.message).toEqual(['assignedNurseId must be an enabled nurse']);
    const created = await as('physician')
      .post('/sessions')
      .send({ ...base, assignedNurseId: nurseId, supervisingPhysicianId: physicianId })
      .expect(201);
    expect(created.body).toMatchObject({
      assignedNurseId: nurseId,
      supervisingPhysicianId: physicianId,
    });
  });

  it('runs the whole protocol: assess, start, pause, resume, stop, discharge, with the log in order', async () => {
    const { id } = await schedule();
    expect(
      (await nurse().post(`/sessions/${id}/assessment`).send(CLEAN_ASSESSMENT).expect(200)).body,
    ).toMatchObject({ state: 'assessed', assessment: { flags: [], assessedBy: 'nurse' } });
    await postReading(app, id);
    expect((await nurse().post(`/sessions/${id}/start`).expect(200)).body.state).toBe('infusing');
    await nurse()
      .post(`/sessions/${id}/observations`)
      .send({
        type: 'dissociation',
        severity: 'moderate',
        scores: { cadss: 18, moaas: 4, rass: -1 },
      })
      .expect(201);
    expect(
      (await nurse().post(`/sessions/${id}/pause`).send({ reason: 'patient anxious' }).expect(200))
        .body,
    ).toMatchObject({ state: 'paused', pausedAt: expect.any(String) });
    await nurse()
      .post(`/sessions/${id}/interventions`)
      .send({ kind: 'medication', detail: 'midazolam 1 mg IV' })
      .expect(201);
    expect((await as('physician').post(`/sessions/${id}/resume`).expect(200)).body.state).toBe(
      'infusing',
    );
    expect(
      (await nurse().post(`/sessions/${id}/stop`).send({ reason: 'nausea' }).expect(200)).body
        .state,
    ).toBe('recovery');
    await closeKetamineRecord(app, id);
    await inRecoveryFor(id, 31);
    await readings(id, { systolic: 130, diastolic: 80, heartRate: 75, spo2: 98 });
    const discharged = await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(200);
    expect(discharged.body).toMatchObject({ state: 'discharged', allowedActions: [] });

    const log: TimelineEvent[] = (await as('auditor').get(`/sessions/${id}/log`).expect(200)).body;
    expect(log.map((event) => event.summary)).toEqual([
      'Session scheduled',
      'Assessment: no contraindication',
      'Infusion started',
      'Pump started at 60 mL/h',
      'Dissociation (moderate) · CADSS 18, MOAAS 4, RASS -1',
      'Infusion paused: patient anxious',
      'Pump paused',
      'Medication given: midazolam 1 mg IV',
      'Infusion resumed',
      'Pump resumed at 60 mL/h',
      'Infusion stopped; recovery: nausea',
      'Pump stopped',
      expect.stringMatching(/^Ketamine drawn 10(\.\d)? mg \(lot KET-TEST-01\)$/),
      'Wasted 10 mg, witnessed by Test physician',
      'Discharged',
    ]);
    // The trail's username stays the actor; screens read the name beside it.
    expect(log.find((event) => event.summary === 'Infusion resumed')).toMatchObject({
      actor: 'physician',
      actorName: 'Test physician',
    });
    expect(log.find((event) => event.summary === 'Infusion started')).toMatchObject({
      actor: 'nurse',
      actorName: 'Test nurse',
    });
    const audited = (await as('auditor').get(`/audit?sessionId=${id}`).expect(200)).body as Array<{
      action: string;
      actor: string;
      detail: Record<string, unknown>;
    }>;
    expect(audited.find((entry) => entry.action === 'session.resume')?.actor).toBe('physician');
    expect(audited.find((entry) => entry.action === 'ketamine.wasted')?.detail).toMatchObject({
      witnessedBy: 'physician',
    });
  });

  it('keeps a flagged session from starting until a physician overrides, and only a physician', async () => {
    const { id } = await schedule();
    const hypertensive = {
      ...CLEAN_ASSESSMENT,
      baseline: { ...CLEAN_ASSESSMENT.baseline, systolic: 172, diastolic: 104 },
    };
    const assessed: { body: Session } = await nurse()
      .post(`/sessions/${id}/assessment`)
      .send(hypertensive)
      .expect(200);
    expect(assessed.body.assessment?.flags.map((flag) => flag.code)).toEqual([
      'HYPERTENSION_SYSTOLIC',
      'HYPERTENSION_DIASTOLIC',
    ]);
    const refused = await nurse().post(`/sessions/${id}/start`).expect(409);
    expect(refused.body).toMatchObject({
      code: 'CONTRAINDICATED',
      message: [
        "baseline systolic 172 ≥ 160: needs a physician's override",
        "baseline diastolic 104 ≥ 100: needs a physician's override",
      ],
      details: { flags: ['HYPERTENSION_SYSTOLIC', 'HYPERTENSION_DIASTOLIC'] },
    });
    await nurse()
      .post(`/sessions/${id}/override`)
      .send({ reason: 'rechecked, white-coat' })
      .expect(403);
    await as('physician').post(`/sessions/${id}/override`).send({ reason: '' }).expect(400);
    const overridden = await as('physician')
      .post(`/sessions/${id}/override`)
      .send({ reason: 'rechecked 148/92 after rest' })
      .expect(200);
    expect(overridden.body.override).toMatchObject({
      by: 'physician',
      reason: 'rechecked 148/92 after rest',
      flags: ['HYPERTENSION_SYSTOLIC', 'HYPERTENSION_DIASTOLIC'],
    });
    await postReading(app, id);
    expect((await nurse().post(`/sessions/${id}/start`).expect(200)).body.state).toBe('infusing');
  });

  it('refuses to start without an assessment, naming the current state for forbidden moves', async () => {
    const { id } = await schedule();
    expect((await nurse().post(`/sessions/${id}/start`).expect(409)).body).toMatchObject({
      code: 'SESSION_STATE_CONFLICT',
      message: 'cannot start a session that is scheduled',
      details: { state: 'scheduled' },
    });
    expect(
      (await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(409)).body.message,
    ).toBe('cannot discharge a session that is scheduled');
  });

  it('refuses discharge naming every unmet criterion', async () => {
    const { id } = await schedule();
    await nurse().post(`/sessions/${id}/assessment`).send(CLEAN_ASSESSMENT).expect(200);
    await postReading(app, id);
    await nurse().post(`/sessions/${id}/start`).expect(200);
    await nurse().post(`/sessions/${id}/stop`).send({ reason: 'agitation' }).expect(200);
    await closeKetamineRecord(app, id);
    await inRecoveryFor(id, 31);
    await readings(id, { systolic: 152, diastolic: 80, heartRate: 75, spo2: 98 });
    const refused = await nurse()
      .post(`/sessions/${id}/discharge`)
      .send({ ...RECOVERED, aldrete: { ...RECOVERED.aldrete, activity: 0 }, moaas: 4 })
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'DISCHARGE_CRITERIA_UNMET',
      message: [
        'modified Aldrete total 8, needs ≥ 9',
        'MOAA/S 4, needs 5',
        'blood pressure 152/80 is more than 20 % from baseline 124/78',
      ],
    });
    expect(
      (refused.body.details.criteria as Array<{ code: string; met: boolean }>)
        .filter((criterion) => !criterion.met)
        .map((criterion) => criterion.code),
    ).toEqual(['ALDRETE_TOTAL', 'MOAAS', 'BLOOD_PRESSURE_BASELINE']);
    expect((await nurse().get(`/sessions/${id}`).expect(200)).body.state).toBe('recovery');
  });

  it('validates observations to the scales’ real ranges and stores nothing that fails', async () => {
    const { id } = await schedule();
    const reply = await nurse()
      .post(`/sessions/${id}/observations`)
      .send({ type: 'euphoria', severity: 'extreme', scores: { cadss: 93, moaas: 6, rass: -6 } })
      .expect(400);
    expect(reply.body.message).toEqual([
      expect.stringMatching(/^type must be one of nausea, vomiting/),
      'severity must be one of mild, moderate, severe',
      'scores.cadss must be a whole number between 0 and 92',
      'scores.moaas must be a whole number between 0 and 5',
      'scores.rass must be a whole number between -5 and 4',
    ]);
    const log: TimelineEvent[] = (await nurse().get(`/sessions/${id}/log`).expect(200)).body;
    expect(log.filter((event) => event.kind === 'observation')).toEqual([]);
  });

  it('refuses an observation on a discharged or aborted session with 409', async () => {
    const { id } = await schedule();
    await nurse().post(`/sessions/${id}/abort`).send({ reason: 'patient declined' }).expect(200);
    const reply = await nurse()
      .post(`/sessions/${id}/observations`)
      .send({ type: 'nausea', severity: 'mild' })
      .expect(409);
    expect(reply.body.code).toBe('SESSION_STATE_CONFLICT');
  });

  it('lets auditors read the log and export it, and nothing more', async () => {
    const { id } = await schedule();
    await as('auditor').post(`/sessions/${id}/assessment`).send(CLEAN_ASSESSMENT).expect(403);
    const csv = await as('auditor').get(`/sessions/${id}/log.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\n')[0]).toBe('at,kind,actor,summary,detail');
    expect(csv.text).toContain('Session scheduled');
    const pdf = await as('auditor')
      .get(`/sessions/${id}/report.pdf`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
