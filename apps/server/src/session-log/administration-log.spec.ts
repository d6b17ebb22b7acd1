import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Session, TimelineEvent, TreatmentCourse } from '@vigil/shared';
import { CLEAN_ASSESSMENT, postReading } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, TEST_PASSWORD, tokensByRole } from '../../test/test-users';

const MIN = 60_000;

describe.each(testDatabases())(
  'the administration record in the log and the course on $name',
  (database) => {
    let app: NestExpressApplication;
    let tokens: Awaited<ReturnType<typeof tokensByRole>>;
    const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
    let session: Session;

    beforeAll(async () => {
      ({ app } = await startTestApp(await database.create()));
      await seedUsers(app);
      tokens = await tokensByRole(app);
      const patient = await as('nurse')
        .post('/patients')
        .send({ mrn: 'ADM-LOG-1', displayName: 'Dana Pump', weightKg: 80 })
        .expect(201);
      // 0.5 mg/kg × 80 kg = 40 mg over 40 min at 1 mg/mL: 60 mL/h.
      const created = await as('physician')
        .post('/sessions')
        .send({
          patientId: patient.body.id,
          bay: 'L1',
          indication: 'alcohol-use-disorder',
          doseMgPerKg: 0.5,
        })
        .expect(201);
      const id = (created.body as Session).id;
      await as('nurse').post(`/sessions/${id}/assessment`).send(CLEAN_ASSESSMENT).expect(200);
      await as('nurse')
        .post(`/sessions/${id}/ketamine/draw`)
        .send({ mg: 40, lot: 'A12' })
        .expect(201);
      const t0 = Date.now() - 60 * MIN;
      const pump = (event: Record<string, unknown>) =>
        as('nurse').post(`/sessions/${id}/pump-events`).send(event).expect(201);
      await postReading(app, id, t0);
      await pump({ kind: 'start', at: new Date(t0).toISOString() });
      // 20 min at 60 mL/h (20 mg), then 20 min at 40 mL/h (13.3 mg): 33.3 mg in all.
      await pump({
        kind: 'rate-change',
        at: new Date(t0 + 20 * MIN).toISOString(),
        rateMlPerH: 40,
      });
      session = (await pump({ kind: 'stop', at: new Date(t0 + 40 * MIN).toISOString() }))
        .body as Session;
      await as('nurse')
        .post(`/sessions/${id}/ketamine/waste`)
        .send({ mg: 6.7, witness: { username: 'physician', password: TEST_PASSWORD } })
        .expect(201);
    });

    afterAll(async () => {
      await app?.close();
      await database.drop();
    });

    it('speaks the pump events, the draw and the witnessed waste in the timeline', async () => {
      const log = (await as('auditor').get(`/sessions/${session.id}/log`).expect(200))
        .body as TimelineEvent[];
      const administration = log.filter((event) => event.kind === 'administration');
      expect(administration.map((event) => event.summary)).toEqual([
        'Pump started at 60 mL/h',
        'Pump rate 40 mL/h',
        'Pump stopped',
        // Drawn as the test runs: the pump's events are dated an hour back.
        'Ketamine drawn 40 mg (lot A12)',
        'Wasted 6.7 mg, witnessed by Test physician',
      ]);
      expect(log.some((event) => event.summary.includes('ketamine.read'))).toBe(false);
    });

    it('writes the same lines in the CSV', async () => {
      const csv = (await as('auditor').get(`/sessions/${session.id}/log.csv`).expect(200)).text;
      expect(csv).toContain('Pump rate 40 mL/h');
      expect(csv).toContain('Wasted 6.7 mg, witnessed by Test physician');
    });

    it('gives the course the dose the pump record delivered, not the planned-rate estimate', async () => {
      expect(session.deliveredMg).toBe(33.3);
      const course = (
        await as('physician').get(`/patients/${session.patientId}/course`).expect(200)
      ).body as TreatmentCourse;
      expect(course.infusions.map((infusion) => infusion.deliveredMg)).toEqual([33.3]);
    });

    it('prints the report with the delivered dose and the balance', async () => {
      await as('auditor').get(`/sessions/${session.id}/report.pdf`).expect(200);
    });
  },
);
