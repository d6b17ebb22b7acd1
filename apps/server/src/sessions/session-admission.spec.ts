import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Patient, Session } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { CLEAN_ASSESSMENT, postReading } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';

describe.each(testDatabases())('admission, the day’s chairs and the start on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let count = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  async function schedule(displayName = 'Robin Ward'): Promise<Session> {
    count += 1;
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: `ADM-${count}`, displayName, birthDate: '1980-04-02', weightKg: 70 })
      .expect(201);
    return (
      await as('physician')
        .post('/sessions')
        .send({
          patientId: patient.body.id,
          bay: `A${count}`,
          indication: 'depression',
          doseMgPerKg: 0.5,
        })
        .expect(201)
    ).body;
  }

  /** The newest audit entry of this action, its detail as recorded. */
  async function lastAudited(action: string) {
    const entries = await app.get(DataSource).getRepository(AuditEntryEntity).findBy({ action });
    const entry = entries.at(-1);
    return entry && { sessionId: entry.sessionId, detail: JSON.parse(String(entry.detail)) };
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

  describe('finding a patient', () => {
    it('matches part of a name or an MRN, ignoring case, and audits whose records it showed', async () => {
      await schedule('Morgan O’Hara');
      const byName = await as('nurse').get('/patients').query({ query: 'o’hAR' }).expect(200);
      const found = byName.body as Patient[];
      expect(found.map((patient) => patient.displayName)).toEqual(['Morgan O’Hara']);
      const byMrn = await as('physician')
        .get('/patients')
        .query({ query: found[0]?.mrn.toLowerCase() })
        .expect(200);
      expect(byMrn.body).toEqual(byName.body);
      expect((await lastAudited('patients.read'))?.detail).toEqual({
        query: '(withheld)',
        patientIds: [found[0]?.id],
      });
    });

    it('takes % and _ literally and refuses a query of one character', async () => {
      await as('nurse').get('/patients').query({ query: '%%' }).expect(200, []);
      const refused = await as('nurse').get('/patients').query({ query: 'a' }).expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    });

    it('is refused to an admin, who sees no patient data; an auditor reads it', async () => {
      await as('admin').get('/patients').query({ query: 'Robin' }).expect(403);
      await as('auditor').get('/patients').query({ query: 'Robin' }).expect(200);
    });
  });

  describe('naming the patient', () => {
    it('answers GET /sessions/:id with both identifiers, the date of birth and the initials', async () => {
      const session = await schedule('Alex Rivera');
      const read = await as('nurse').get(`/sessions/${session.id}`).expect(200);
      expect(read.body.patient).toEqual({
        id: session.patientId,
        initials: 'AR',
        displayName: 'Alex Rivera',
        mrn: `ADM-${count}`,
        birthDate: '1980-04-02',
      });
      const day = session.scheduledAt.slice(0, 10);
      const listed = await as('physician').get('/schedule').query({ date: day }).expect(200);
      const onTheList = (listed.body as Session[]).find((one) => one.id === session.id);
      expect(onTheList?.patient).toEqual(read.body.patient);
      await as('admin').get(`/sessions/${session.id}`).expect(403);
    });

    it('answers a null date of birth when none was registered', async () => {
      const patient = await as('nurse')
        .post('/patients')
        .send({ mrn: 'ADM-NO-DOB', displayName: 'Sam Okafor', weightKg: 80 })
        .expect(201);
      const created = await as('physician')
        .post('/sessions')
        .send({
          patientId: patient.body.id,
          bay: 'DOB1',
          indication: 'depression',
          doseMgPerKg: 0.5,
        })
        .expect(201);
      const read = await as('auditor').get(`/sessions/${created.body.id}`).expect(200);
      expect(read.body.patient).toMatchObject({
        displayName: 'Sam Okafor',
        mrn: 'ADM-NO-DOB',
        birthDate: null,
      });
    });
  });

  it('lists enabled nurses and physicians by name and id only, never to an admin', async () => {
    const clinicians = await as('nurse').get('/clinicians').expect(200);
    expect(clinicians.body.length).toBeGreaterThan(0);
    for (const clinician of clinicians.body) {
      expect(Object.keys(clinician).sort()).toEqual(['displayName', 'id', 'role']);
      expect(['nurse', 'physician']).toContain(clinician.role);
    }
    await as('admin').get('/clinicians').expect(403);
  });

  describe('moving a scheduled session to another chair', () => {
    it('moves it, bumps the revision and audits from and to', async () => {
      const session = await schedule();
      const moved = await as('nurse')
        .put(`/sessions/${session.id}/bay`)
        .send({ bay: 'Z9' })
        .expect(200);
      expect(moved.body).toMatchObject({ bay: 'Z9', revision: session.revision + 1 });
      expect(await lastAudited('session.bay')).toEqual({
        sessionId: session.id,
        detail: { from: session.bay, to: 'Z9' },
      });
    });

    it('refuses once the session is assessed, and a bay that is not text', async () => {
      const session = await schedule();
      await as('nurse').post(`/sessions/${session.id}/assessment`).send(CLEAN_ASSESSMENT);
      const refused = await as('nurse')
        .put(`/sessions/${session.id}/bay`)
        .send({ bay: 'Z8' })
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'SESSION_STATE_CONFLICT' });
      const bad = await as('nurse')
        .put(`/sessions/${session.id}/bay`)
        .send({ bay: '' })
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      await as('auditor').put(`/sessions/${session.id}/bay`).send({ bay: 'Z7' }).expect(403);
    });
  });

  describe('the structured screening', () => {
    it('records each finding as its flag; an absolute one stands through any override', async () => {
      const session = await schedule();
      const assessed = await as('nurse')
        .post(`/sessions/${session.id}/assessment`)
        .send({
          ...CLEAN_ASSESSMENT,
          screening: {
            ...CLEAN_ASSESSMENT.screening,
            sleepApnoea: true,
            breathAlcohol: 'positive',
          },
        })
        .expect(200);
      expect(assessed.body.assessment.flags).toEqual([
        { code: 'BREATH_ALCOHOL_POSITIVE', message: 'breath alcohol positive', absolute: true },
        { code: 'SLEEP_APNOEA', message: 'sleep apnoea' },
      ]);
      await as('physician')
        .post(`/sessions/${session.id}/override`)
        .send({ reason: 'CPAP on, anaesthetist present', flags: ['SLEEP_APNOEA'] })
        .expect(200);
      await postReading(app, session.id);
      const refused = await as('nurse').post(`/sessions/${session.id}/start`).expect(409);
      expect(refused.body).toMatchObject({
        code: 'CONTRAINDICATED',
        details: { flags: ['BREATH_ALCOHOL_POSITIVE'] },
      });
    });

    it('refuses an assessment without the screening, storing nothing', async () => {
      const session = await schedule();
      const { screening: _missing, ...withoutScreening } = CLEAN_ASSESSMENT;
      const refused = await as('nurse')
        .post(`/sessions/${session.id}/assessment`)
        .send(withoutScreening)
        .expect(400);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
      const after = await as('nurse').get(`/sessions/${session.id}`).expect(200);
      expect(after.body).toMatchObject({ state: 'scheduled', assessment: null });
    });
  });

  describe('the start needs a reading younger than 2 minutes', () => {
    it('refuses with NO_RECENT_READING without one, or with one 2 minutes old', async () => {
      const session = await schedule();
      await as('nurse')
        .post(`/sessions/${session.id}/assessment`)
        .send(CLEAN_ASSESSMENT)
        .expect(200);
      const none = await as('nurse').post(`/sessions/${session.id}/start`).expect(409);
      expect(none.body).toMatchObject({
        code: 'NO_RECENT_READING',
        details: { newestReadingAt: null },
      });
      await postReading(app, session.id, Date.now() - 2 * 60_000 - 1_000);
      const stale = await as('nurse').post(`/sessions/${session.id}/start`).expect(409);
      expect(stale.body.code).toBe('NO_RECENT_READING');
      const unchanged = await as('nurse').get(`/sessions/${session.id}`).expect(200);
      expect(unchanged.body).toMatchObject({ state: 'assessed', startedAt: null });
    });

    it('starts once the monitor has sent a reading', async () => {
      const session = await schedule();
      await as('nurse')
        .post(`/sessions/${session.id}/assessment`)
        .send(CLEAN_ASSESSMENT)
        .expect(200);
      await postReading(app, session.id);
      const started = await as('nurse').post(`/sessions/${session.id}/start`).expect(200);
      expect(started.body.state).toBe('infusing');
    });
  });
});
