import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Alert, AuditEntry, Session } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { CLEAN_ASSESSMENT, closeKetamineRecord, postReading, RECOVERED } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { VitalSampleEntity } from '../vitals/vital-sample.entity';
import { SessionEntity } from './session.entity';

describe.each(testDatabases())('session safety on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let patients = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const nurse = () => as('nurse');
  const physician = () => as('physician');

  async function schedule(bay = `S${patients + 1}`): Promise<Session> {
    patients += 1;
    const patient = await nurse()
      .post('/patients')
      .send({ mrn: `SAFE-${patients}`, displayName: 'Robin Vale', weightKg: 70 })
      .expect(201);
    return (
      await as('physician')
        .post('/sessions')
        .send({ patientId: patient.body.id, bay, indication: 'depression', doseMgPerKg: 0.5 })
        .expect(201)
    ).body;
  }

  async function infusing(): Promise<string> {
    const { id } = await schedule();
    await nurse().post(`/sessions/${id}/assessment`).send(CLEAN_ASSESSMENT).expect(200);
    await postReading(app, id);
    await nurse().post(`/sessions/${id}/start`).expect(200);
    return id;
  }

  async function setTimes(id: string, times: Partial<SessionEntity>): Promise<void> {
    await app.get(DataSource).getRepository(SessionEntity).update({ id }, times);
  }

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  async function readings(id: string, values: Record<string, number>): Promise<void> {
    await nurse()
      .post(`/sessions/${id}/vitals`)
      .send({ samples: [{ at: new Date().toISOString(), ...values }] })
      .expect(202);
  }

  async function auditOf(id: string, action: string): Promise<AuditEntry[]> {
    const entries: AuditEntry[] = (await as('auditor').get(`/audit?sessionId=${id}`).expect(200))
      .body;
    return entries.filter((entry) => entry.action === action);
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

  describe("the physician's order", () => {
    async function scheduledByNurse(doseMgPerKg = 0.5): Promise<string> {
      patients += 1;
      const patient = await nurse()
        .post('/patients')
        .send({ mrn: `SAFE-${patients}`, displayName: 'Robin Vale', weightKg: 80 })
        .expect(201);
      const session = await nurse()
        .post('/sessions')
        .send({
          patientId: patient.body.id,
          bay: `O${patients}`,
          indication: 'depression',
          doseMgPerKg,
        })
        .expect(201);
      expect(session.body.order).toBeNull();
      return session.body.id as string;
    }

    it("keeps a nurse's session from starting until a physician signs the dose", async () => {
      const id = await scheduledByNurse();
      await nurse().post(`/sessions/${id}/assessment`).send(CLEAN_ASSESSMENT).expect(200);
      const refused = await nurse().post(`/sessions/${id}/start`).expect(409);
      expect(refused.body.code).toBe('ORDER_REQUIRED');
      await nurse()
        .post(`/sessions/${id}/order`)
        .send({ doseMgPerKg: 0.5, plannedDurationMin: 40 })
        .expect(403);
      const signed = await physician()
        .post(`/sessions/${id}/order`)
        .send({ doseMgPerKg: 0.4, plannedDurationMin: 45 })
        .expect(200);
      expect(signed.body).toMatchObject({
        doseMgPerKg: 0.4,
        totalDoseMg: 32,
        plannedDurationMin: 45,
        order: {
          doseMgPerKg: 0.4,
          plannedDurationMin: 45,
          // The trail's username, and the name the physician is known by on screens.
          signedBy: 'physician',
          signedByName: 'Test physician',
        },
      });
      await postReading(app, id);
      await nurse().post(`/sessions/${id}/start`).expect(200);
      expect((await auditOf(id, 'session.order'))[0]?.detail).toMatchObject({ doseMgPerKg: 0.4 });
      const late = await physician()
        .post(`/sessions/${id}/order`)
        .send({ doseMgPerKg: 0.5, plannedDurationMin: 40 })
        .expect(409);
      expect(late.body.code).toBe('SESSION_STATE_CONFLICT');
    });

    it('wants the clinical reason for a dose above 1 mg/kg', async () => {
      const id = await scheduledByNurse();
      const refused = await physician()
        .post(`/sessions/${id}/order`)
        .send({ doseMgPerKg: 1.5, plannedDurationMin: 40 })
        .expect(400);
      expect(refused.body.message).toEqual([
        'highDoseReason must give the clinical reason for a dose above 1 mg/kg',
      ]);
      const signed = await physician()
        .post(`/sessions/${id}/order`)
        .send({
          doseMgPerKg: 1.5,
          plannedDurationMin: 40,
          highDoseReason: 'partial response at 1 mg/kg over four infusions',
        })
        .expect(200);
      expect(signed.body.order.highDoseReason).toBe(
        'partial response at 1 mg/kg over four infusions',
      );
    });
  });

  describe('stopping', () => {
    it('asks for a reason before the planned duration, and records it', async () => {
      const id = await infusing();
      const refused = await nurse().post(`/sessions/${id}/stop`).send({}).expect(400);
      expect(refused.body).toMatchObject({
        code: 'STOP_REASON_REQUIRED',
        details: { elapsedMin: 0, plannedDurationMin: 40 },
      });
      expect((await nurse().get(`/sessions/${id}`).expect(200)).body.state).toBe('infusing');
      await nurse().post(`/sessions/${id}/stop`).send({ reason: 'severe nausea' }).expect(200);
      expect((await auditOf(id, 'session.stop'))[0]?.detail).toMatchObject({
        reason: 'severe nausea',
      });
    });

    it('stops without a reason once the planned duration is given', async () => {
      const id = await infusing();
      await setTimes(id, { startedAt: minutesAgo(41) });
      expect((await nurse().post(`/sessions/${id}/stop`).expect(200)).body.state).toBe('recovery');
    });
  });

  describe('aborting', () => {
    it('never aborts a running infusion: it must be stopped, so monitoring goes on', async () => {
      const id = await infusing();
      const refused = await physician()
        .post(`/sessions/${id}/abort`)
        .send({ reason: 'patient wants to leave' })
        .expect(409);
      expect(refused.body).toMatchObject({
        code: 'SESSION_STATE_CONFLICT',
        details: { state: 'infusing' },
      });
    });

    it('lets only a physician abort from a pause or recovery', async () => {
      const id = await infusing();
      await nurse().post(`/sessions/${id}/pause`).send({ reason: 'agitation' }).expect(200);
      const refused = await nurse()
        .post(`/sessions/${id}/abort`)
        .send({ reason: 'leaves against advice' })
        .expect(403);
      expect(refused.body.code).toBe('PHYSICIAN_REQUIRED');
      await physician()
        .post(`/sessions/${id}/abort`)
        .send({ reason: 'leaves against advice' })
        .expect(200);
    });

    it('resolves every open alert of a session that ends, with reason session-ended', async () => {
      const id = await infusing();
      await nurse()
        .post(`/sessions/${id}/observations`)
        .send({ type: 'chest-pain', severity: 'severe' })
        .expect(201);
      const open: Alert[] = (await nurse().get(`/alerts?sessionId=${id}`).expect(200)).body;
      expect(open.map((alert) => alert.state)).toEqual(['active']);
      await nurse().post(`/sessions/${id}/pause`).send({ reason: 'chest pain' }).expect(200);
      await physician()
        .post(`/sessions/${id}/abort`)
        .send({ reason: 'transferred to emergency department' })
        .expect(200);
      const after: Alert[] = (await nurse().get(`/alerts?sessionId=${id}`).expect(200)).body;
      expect(after.map((alert) => [alert.state, alert.resolvedReason])).toEqual([
        ['resolved', 'session-ended'],
      ]);
    });
  });

  describe('overriding contraindications', () => {
    const flagged = {
      ...CLEAN_ASSESSMENT,
      baseline: { ...CLEAN_ASSESSMENT.baseline, systolic: 172, diastolic: 104 },
      checklist: { ...CLEAN_ASSESSMENT.checklist, fasting: false },
    };

    it('covers only the flags it names, and wants a clinical reason', async () => {
      const { id } = await schedule();
      await nurse().post(`/sessions/${id}/assessment`).send(flagged).expect(200);
      await physician().post(`/sessions/${id}/override`).send({ reason: 'yes' }).expect(400);
      await physician()
        .post(`/sessions/${id}/override`)
        .send({ reason: 'rechecked 148/92 after rest', flags: ['HYPERTENSION_SYSTOLIC'] })
        .expect(200);
      const refused = await nurse().post(`/sessions/${id}/start`).expect(409);
      expect(refused.body).toMatchObject({
        code: 'CONTRAINDICATED',
        details: { flags: ['HYPERTENSION_DIASTOLIC', 'NOT_FASTING'] },
      });
      await physician()
        .post(`/sessions/${id}/override`)
        .send({ reason: 'rechecked 148/92 after rest; fasted 5 h, protocol allows' })
        .expect(200);
      await postReading(app, id);
      await nurse().post(`/sessions/${id}/start`).expect(200);
    });

    it('never overrides missing consent or a positive pregnancy test', async () => {
      const { id } = await schedule();
      await nurse()
        .post(`/sessions/${id}/assessment`)
        .send({
          ...flagged,
          checklist: { ...flagged.checklist, consent: false, pregnancyTest: 'positive' },
        })
        .expect(200);
      const named = await physician()
        .post(`/sessions/${id}/override`)
        .send({ reason: 'patient insists on treatment', flags: ['NO_CONSENT'] })
        .expect(409);
      expect(named.body).toMatchObject({
        code: 'ABSOLUTE_CONTRAINDICATION',
        details: { flags: ['NO_CONSENT'] },
      });
      await physician()
        .post(`/sessions/${id}/override`)
        .send({ reason: 'blood pressure rechecked and acceptable' })
        .expect(200);
      const refused = await nurse().post(`/sessions/${id}/start`).expect(409);
      expect(refused.body.details.flags).toEqual(['NO_CONSENT', 'PREGNANCY_POSITIVE']);
    });
  });

  describe('discharging', () => {
    async function inRecovery(minutes: number): Promise<string> {
      const id = await infusing();
      await nurse().post(`/sessions/${id}/stop`).send({ reason: 'tolerated poorly' }).expect(200);
      await closeKetamineRecord(app, id);
      await setTimes(id, { endedAt: minutesAgo(minutes) });
      return id;
    }

    const unmetCodes = (body: { details: { criteria: Array<{ code: string; met: boolean }> } }) =>
      body.details.criteria.filter((criterion) => !criterion.met).map((each) => each.code);

    it('refuses SpO2 79 for a baseline of 98', async () => {
      const id = await inRecovery(31);
      await readings(id, { systolic: 125, diastolic: 80, heartRate: 74, spo2: 79 });
      const refused = await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(409);
      expect(refused.body.code).toBe('DISCHARGE_CRITERIA_UNMET');
      expect(unmetCodes(refused.body)).toContain('SPO2_LEVEL');
    });

    it('refuses a patient three seconds after the stop, and without recent readings', async () => {
      const id = await inRecovery(0);
      // The one reading the start needed, moved back out of the discharge's 5-minute window.
      await app
        .get(DataSource)
        .getRepository(VitalSampleEntity)
        .update({ sessionId: id }, { at: minutesAgo(10) });
      const refused = await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(409);
      expect(unmetCodes(refused.body)).toEqual([
        'RECOVERY_TIME',
        'RECENT_SPO2',
        'RECENT_BLOOD_PRESSURE',
        'RECENT_HEART_RATE',
        'SPO2_LEVEL',
        'BLOOD_PRESSURE_BASELINE',
        'HEART_RATE_BASELINE',
      ]);
    });

    it('refuses while any alert is open, medium included', async () => {
      const id = await inRecovery(31);
      await nurse()
        .post(`/sessions/${id}/observations`)
        .send({ type: 'vomiting', severity: 'severe' })
        .expect(201);
      await readings(id, { systolic: 125, diastolic: 80, heartRate: 74, spo2: 98 });
      const refused = await nurse().post(`/sessions/${id}/discharge`).send(RECOVERED).expect(409);
      expect(unmetCodes(refused.body)).toEqual(['OPEN_ALERTS']);
    });

    it('shows the live checklist and discharges once every criterion is met', async () => {
      const id = await inRecovery(31);
      await readings(id, { systolic: 125, diastolic: 80, heartRate: 74, spo2: 98 });
      const readiness = await nurse().get(`/sessions/${id}/discharge-readiness`).expect(200);
      expect(readiness.body).toMatchObject({ ready: false, facts: { openAlerts: 0 } });
      expect(
        (readiness.body.criteria as Array<{ code: string; met: boolean; pending?: boolean }>)
          .filter((criterion) => !criterion.met)
          .map((criterion) => [criterion.code, criterion.pending]),
      ).toEqual([
        ['ALDRETE_TOTAL', true],
        ['MOAAS', true],
        ['ESCORT', true],
      ]);
      const discharged = await nurse()
        .post(`/sessions/${id}/discharge`)
        .send(RECOVERED)
        .expect(200);
      expect(discharged.body.state).toBe('discharged');
      expect((await auditOf(id, 'session.discharge'))[0]?.detail).toMatchObject({
        moaas: 5,
        escort: { name: 'Alex Doe' },
      });
    });
  });

  describe('one live session per bay', () => {
    it('schedules several sessions for a bay, but lets only one be assessed into it', async () => {
      const first = await schedule('B-ONE');
      const second = await schedule('B-ONE');
      await nurse().post(`/sessions/${first.id}/assessment`).send(CLEAN_ASSESSMENT).expect(200);
      const refused = await nurse()
        .post(`/sessions/${second.id}/assessment`)
        .send(CLEAN_ASSESSMENT)
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'BAY_OCCUPIED', details: { bay: 'B-ONE' } });
      await physician().post(`/sessions/${first.id}/abort`).send({ reason: 'rescheduled' });
      await nurse().post(`/sessions/${second.id}/assessment`).send(CLEAN_ASSESSMENT).expect(200);
    });
  });

  describe("the day's list", () => {
    it('lists the sessions scheduled for a date, chair by chair and in time order', async () => {
      const patient = await nurse()
        .post('/patients')
        .send({ mrn: 'SAFE-DAY', displayName: 'Day List', weightKg: 70 })
        .expect(201);
      const at = async (bay: string, scheduledAt: string) =>
        (
          await as('physician')
            .post('/sessions')
            .send({
              patientId: patient.body.id,
              bay,
              indication: 'depression',
              doseMgPerKg: 0.5,
              scheduledAt,
            })
            .expect(201)
        ).body as Session;
      const afternoon = await at('D2', '2031-03-10T13:00:00.000Z');
      const morning = await at('D2', '2031-03-10T09:00:00.000Z');
      const other = await at('D1', '2031-03-10T11:00:00.000Z');
      await at('D1', '2031-03-11T09:00:00.000Z');
      const day: Session[] = (await nurse().get('/schedule?date=2031-03-10').expect(200)).body;
      expect(day.map((session) => session.id)).toEqual([other.id, morning.id, afternoon.id]);
      expect(day[1]?.scheduledAt).toBe('2031-03-10T09:00:00.000Z');
      const refused = await nurse().get('/schedule?date=10/03/2031').expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    });
  });

  if (database.name !== 'postgres') return;

  describe('under concurrent requests', () => {
    it('lets exactly one of ten concurrent changes of a session win, and audits only it', async () => {
      const id = await infusing();
      await nurse().post(`/sessions/${id}/pause`).send({ reason: 'anxious' }).expect(200);
      const attempts = Array.from({ length: 10 }, (_, index) => {
        switch (index % 3) {
          case 0:
            return physician().post(`/sessions/${id}/abort`).send({ reason: 'left the ward' });
          case 1:
            return nurse().post(`/sessions/${id}/resume`);
          default:
            return nurse().post(`/sessions/${id}/stop`).send({ reason: 'patient distressed' });
        }
      });
      const replies = await Promise.all(attempts);
      const winners = replies.filter((reply) => reply.status === 200);
      expect(winners).toHaveLength(1);
      expect(replies.filter((reply) => reply.status === 409)).toHaveLength(9);
      const final = (await nurse().get(`/sessions/${id}`).expect(200)).body as Session;
      expect(final.state).toBe(winners[0]?.body.state);
      const moves = [
        ...(await auditOf(id, 'session.abort')),
        ...(await auditOf(id, 'session.resume')),
        ...(await auditOf(id, 'session.stop')),
      ];
      expect(moves.map((entry) => entry.detail['to'])).toEqual([final.state]);
    });

    it('lets exactly one of ten sessions scheduled for one bay be assessed into it', async () => {
      const sessions = [];
      for (let index = 0; index < 10; index += 1) sessions.push(await schedule('B-RACE'));
      const replies = await Promise.all(
        sessions.map((session) =>
          nurse().post(`/sessions/${session.id}/assessment`).send(CLEAN_ASSESSMENT),
        ),
      );
      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
      const refused = replies.filter((reply) => reply.status === 409);
      expect(refused).toHaveLength(9);
      expect(new Set(refused.map((reply) => reply.body.code))).toEqual(new Set(['BAY_OCCUPIED']));
      const assessedEntries = (
        await Promise.all(sessions.map((session) => auditOf(session.id, 'session.assess')))
      ).flat();
      expect(assessedEntries).toHaveLength(1);
    });
  });
});
