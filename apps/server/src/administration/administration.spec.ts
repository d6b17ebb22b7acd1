import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Session } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { CLEAN_ASSESSMENT, postReading, RECOVERED } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, TEST_PASSWORD, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { SessionEntity } from '../sessions/session.entity';
import { KetamineEntryEntity } from './ketamine-entry.entity';
import { PumpEventEntity } from './pump-event.entity';

const MIN = 60_000;

describe.each(testDatabases())('the administration record on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const nurse = () => as('nurse');
  const iso = (ms: number) => new Date(ms).toISOString();

  /** 0.5 mg/kg for 80 kg over 40 minutes: 40 mg, at 1 mg/mL 40 mL, so 60 mL/h. */
  async function assessed(order: Record<string, unknown> = {}): Promise<Session> {
    bay += 1;
    const patient = await nurse()
      .post('/patients')
      .send({ mrn: `ADM-${bay}`, displayName: 'Dana Pump', weightKg: 80 })
      .expect(201);
    const session = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `A${bay}`,
        indication: 'alcohol-use-disorder',
        doseMgPerKg: 0.5,
        ...order,
      })
      .expect(201);
    await nurse()
      .post(`/sessions/${session.body.id}/assessment`)
      .send(CLEAN_ASSESSMENT)
      .expect(200);
    // The monitor is attached: the start needs a recent reading.
    await postReading(app, session.body.id);
    return session.body as Session;
  }

  const pump = (id: string, event: Record<string, unknown>) =>
    nurse().post(`/sessions/${id}/pump-events`).send(event);

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it("computes the pump rate from the order's concentration and the patient's weight", async () => {
    expect((await assessed()).infusionPlan).toEqual({
      concentrationMgPerMl: 1,
      volumeMl: 40,
      rateMlPerH: 60,
    });
    const stronger = await assessed({ concentrationMgPerMl: 2 });
    expect(stronger.order?.concentrationMgPerMl).toBe(2);
    expect(stronger.infusionPlan).toEqual({
      concentrationMgPerMl: 2,
      volumeMl: 20,
      rateMlPerH: 30,
    });
    const tooStrong = await as('physician')
      .post('/sessions')
      .send({
        patientId: stronger.patientId,
        bay: 'A-X',
        indication: 'depression',
        doseMgPerKg: 0.5,
        concentrationMgPerMl: 50,
      })
      .expect(400);
    expect(tooStrong.body.message).toEqual([
      'concentrationMgPerMl must be between 0.1 and 10 mg/mL',
    ]);
  });

  it('records start, rate change, pause, resume and stop with their rates, and the dose they delivered', async () => {
    const { id } = await assessed();
    const t0 = Date.now() - 30 * MIN;
    expect((await pump(id, { kind: 'start', at: iso(t0) }).expect(201)).body.state).toBe(
      'infusing',
    );
    await pump(id, { kind: 'rate-change', at: iso(t0 + 10 * MIN), rateMlPerH: 120 }).expect(201);
    const paused = await pump(id, {
      kind: 'pause',
      at: iso(t0 + 15 * MIN),
      reason: 'patient anxious',
    }).expect(201);
    expect(paused.body.state).toBe('paused');
    await pump(id, { kind: 'resume', at: iso(t0 + 17 * MIN) }).expect(201);
    const stopped = await pump(id, {
      kind: 'stop',
      at: iso(t0 + 20 * MIN),
      reason: 'dissociation too strong',
    }).expect(201);
    // 60 mL/h × 10 min + 120 × 5 + 0 × 2 (paused) + 120 × 3 (resumed at the rate before) = 26 mL.
    expect(stopped.body).toMatchObject({ state: 'recovery', deliveredMg: 26 });
    expect(
      (stopped.body as Session).pumpEvents.map(({ kind, rateMlPerH }) => [kind, rateMlPerH]),
    ).toEqual([
      ['start', 60],
      ['rate-change', 120],
      ['pause', 0],
      ['resume', 120],
      ['stop', 0],
    ]);
    expect((await as('auditor').get(`/sessions/${id}`).expect(200)).body.deliveredMg).toBe(26);
    expect((await as('auditor').get(`/sessions/${id}/pump-events`).expect(200)).body).toHaveLength(
      5,
    );
    const audited = (await app.get(AuditService).list({ sessionId: id, limit: 100 }))
      .map((entry) => entry.action)
      .filter((action) => action.startsWith('pump.'));
    expect(audited.sort()).toEqual(
      ['pump.pause', 'pump.rate-change', 'pump.resume', 'pump.start', 'pump.stop'].sort(),
    );
  });

  it("records the pump with the session's own moves, at the order's rate", async () => {
    const { id } = await assessed({ concentrationMgPerMl: 2 });
    await nurse().post(`/sessions/${id}/start`).expect(200);
    await nurse().post(`/sessions/${id}/pause`).send({ reason: 'nausea' }).expect(200);
    await nurse().post(`/sessions/${id}/resume`).expect(200);
    const stopped = await nurse().post(`/sessions/${id}/stop`).send({ reason: 'nausea' });
    expect(
      (stopped.body as Session).pumpEvents.map(({ kind, rateMlPerH }) => [kind, rateMlPerH]),
    ).toEqual([
      ['start', 30],
      ['pause', 0],
      ['resume', 30],
      ['stop', 0],
    ]);
  });

  it('refuses a rate change outside the infusion, out of order or without a rate, storing nothing', async () => {
    const { id } = await assessed();
    await pump(id, { kind: 'rate-change', rateMlPerH: 80 }).expect(409);
    const t0 = Date.now() - 10 * MIN;
    await pump(id, { kind: 'start', at: iso(t0) }).expect(201);
    const early = await pump(id, {
      kind: 'rate-change',
      at: iso(t0 - MIN),
      rateMlPerH: 80,
    }).expect(409);
    expect(early.body.code).toBe('PUMP_EVENT_OUT_OF_ORDER');
    expect((await pump(id, { kind: 'rate-change' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    await pump(id, { kind: 'rate-change', at: iso(Date.now() + 10 * MIN), rateMlPerH: 80 }).expect(
      400,
    );
    await pump(id, { kind: 'pause', reason: 'bathroom' }).expect(201);
    const paused = await pump(id, { kind: 'rate-change', rateMlPerH: 80 }).expect(409);
    expect(paused.body.code).toBe('SESSION_STATE_CONFLICT');
    await as('auditor').post(`/sessions/${id}/pump-events`).send({ kind: 'resume' }).expect(403);
    const rows = await app.get(DataSource).getRepository(PumpEventEntity).findBy({ sessionId: id });
    expect(rows.map((row) => row.kind).sort()).toEqual(['pause', 'start']);
  });

  it('keeps the ketamine record: the waste needs a second clinician with a valid password, and the balance gates discharge', async () => {
    const { id } = await assessed();
    const t0 = Date.now() - 40 * MIN;
    await nurse()
      .post(`/sessions/${id}/ketamine/draw`)
      .send({ mg: 50, lot: 'KET-2411-07' })
      .expect(201);
    await pump(id, { kind: 'start', at: iso(t0) }).expect(201);
    await pump(id, { kind: 'stop', at: iso(t0 + 40 * MIN) }).expect(201);
    await recovered(id);

    const refused = await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(409);
    expect(refused.body.code).toBe('DISCHARGE_CRITERIA_UNMET');
    expect(unmetOf(refused.body.details.criteria)).toEqual([
      expect.objectContaining({ code: 'KETAMINE_BALANCE', value: '10 mg' }),
    ]);

    const waste = (username: string, password = TEST_PASSWORD) =>
      nurse()
        .post(`/sessions/${id}/ketamine/waste`)
        .send({ mg: 10, witness: { username, password } });
    expect((await waste('admin', 'not the password').expect(403)).body.code).toBe(
      'WITNESS_REJECTED',
    );
    expect((await waste('nurse').expect(403)).body.code).toBe('WITNESS_NOT_SECOND_CLINICIAN');
    expect((await waste('auditor').expect(403)).body.code).toBe('WITNESS_NOT_SECOND_CLINICIAN');
    const repository = app.get(DataSource).getRepository(KetamineEntryEntity);
    expect(await repository.countBy({ sessionId: id, kind: 'wasted' })).toBe(0);

    expect((await waste('physician').expect(201)).body).toMatchObject({
      kind: 'wasted',
      mg: 10,
      recordedBy: 'nurse',
      witnessedBy: 'physician',
    });
    expect((await as('auditor').get(`/sessions/${id}/ketamine`).expect(200)).body.balance).toEqual({
      drawnMg: 50,
      givenMg: 40,
      wastedMg: 10,
      balanceMg: 0,
      recorded: true,
      closed: true,
    });
    const audited = (await app.get(AuditService).list({ sessionId: id, limit: 100 })).find(
      (entry) => entry.action === 'ketamine.wasted',
    );
    expect(audited?.detail).toMatchObject({ recordedBy: 'nurse', witnessedBy: 'physician' });
    await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(200);
    await nurse()
      .post(`/sessions/${id}/ketamine/draw`)
      .send({ mg: 5, lot: 'KET-2411-07' })
      .expect(409);
  });

  /** Recovered for 31 minutes with readings back at baseline: only the ketamine record stands. */
  async function recovered(id: string): Promise<void> {
    await app
      .get(DataSource)
      .getRepository(SessionEntity)
      .update({ id }, { endedAt: iso(Date.now() - 31 * MIN) });
    await nurse()
      .post(`/sessions/${id}/vitals`)
      .send({
        samples: [{ at: iso(Date.now()), systolic: 130, diastolic: 80, heartRate: 75, spo2: 98 }],
      })
      .expect(202);
  }

  const unmetOf = (criteria: { code: string; met: boolean }[]) =>
    criteria.filter((criterion) => !criterion.met);

  it('keeps the patient the pump gave ketamine to with no draw on record', async () => {
    const { id } = await assessed();
    const t0 = Date.now() - 40 * MIN;
    // 60 mL/h at 1 mg/mL for 12 s: 0.2 mg, and nothing drawn.
    await pump(id, { kind: 'start', at: iso(t0) }).expect(201);
    await pump(id, { kind: 'stop', at: iso(t0 + 12_000), reason: 'vomiting' }).expect(201);
    await recovered(id);
    expect((await nurse().get(`/sessions/${id}`).expect(200)).body.deliveredMg).toBe(0.2);

    const readiness = await nurse().get(`/sessions/${id}/discharge-readiness`).expect(200);
    expect(unmetOf(readiness.body.criteria).map((criterion) => criterion.code)).toEqual([
      'ALDRETE_TOTAL',
      'MOAAS',
      'ESCORT',
      'KETAMINE_BALANCE',
    ]);
    expect(readiness.body.facts).toMatchObject({
      ketamine: { drawnMg: 0, givenMg: 0.2, recorded: false },
      startedBeforeAdministrationRecord: false,
    });

    const refused = await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(409);
    expect(refused.body).toMatchObject({
      code: 'DISCHARGE_CRITERIA_UNMET',
      message: ['ketamine given but no draw recorded: record the draw and the waste, witnessed'],
    });
    expect(unmetOf(refused.body.details.criteria)).toEqual([
      expect.objectContaining({ code: 'KETAMINE_BALANCE', value: 'none drawn' }),
    ]);

    await nurse()
      .post(`/sessions/${id}/ketamine/draw`)
      .send({ mg: 10, lot: 'KET-2411-07' })
      .expect(201);
    await nurse()
      .post(`/sessions/${id}/ketamine/waste`)
      .send({ mg: 9.8, witness: { username: 'physician', password: TEST_PASSWORD } })
      .expect(201);
    await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(200);
  });

  it('lets a session started before the administration record go home with no draw', async () => {
    const { id } = await assessed();
    await nurse().post(`/sessions/${id}/start`).expect(200);
    await nurse().post(`/sessions/${id}/stop`).send({ reason: 'vomiting' }).expect(200);
    // Infused for 20 minutes before the record existed: no pump events, the dose an estimate.
    const sessions = app.get(DataSource).getRepository(SessionEntity);
    await sessions.update({ id }, { startedAt: iso(Date.now() - 51 * MIN) });
    await app.get(DataSource).getRepository(PumpEventEntity).delete({ sessionId: id });
    await recovered(id);
    expect((await nurse().get(`/sessions/${id}`).expect(200)).body.deliveredMg).toBe(20);

    const readiness = await nurse().get(`/sessions/${id}/discharge-readiness`).expect(200);
    expect(readiness.body.facts.startedBeforeAdministrationRecord).toBe(true);
    const criteria: { code: string }[] = readiness.body.criteria;
    expect(criteria.find((criterion) => criterion.code === 'KETAMINE_BALANCE')).toMatchObject({
      met: true,
      value: 'before the record',
    });
    await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(200);
  });
});
