import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuditEntry } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { prepareSession } from '../../test/clinical';
import { pdfText } from '../../test/pdf-text';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { SessionEntity } from '../sessions/session.entity';

describe.each(testDatabases())('the course PDF on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let patientId: string;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const download = (role: keyof typeof tokens, path: string) =>
    as(role)
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create(), { timeZone: 'Europe/Paris' }));
    await seedUsers(app);
    tokens = await tokensByRole(app);
    patientId = (
      await as('nurse')
        .post('/patients')
        .send({
          mrn: 'CRS-0042',
          displayName: 'Ada Lovelace',
          birthDate: '1980-02-03',
          weightKg: 70,
        })
        .expect(201)
    ).body.id;
    const sessionIds: string[] = [];
    for (const bay of ['P1', 'P2']) {
      const session = await as('physician')
        .post('/sessions')
        .send({ patientId, bay, indication: 'depression', doseMgPerKg: 0.5 })
        .expect(201);
      sessionIds.push(session.body.id);
    }
    const [first = ''] = sessionIds;
    await prepareSession(app, first);
    await as('nurse').post(`/sessions/${first}/stop`).send({ reason: 'as planned' }).expect(200);
    // Started on a winter morning in Paris (UTC+1), so the printed time shows the clinic's offset.
    await app
      .get(DataSource)
      .getRepository(SessionEntity)
      .update({ id: first }, { startedAt: '2026-01-15T08:30:00.000Z' });
    await as('nurse')
      .post(`/sessions/${first}/outcomes`)
      .send({ instrument: 'PHQ-9', phase: 'pre', score: 19 })
      .expect(201);
    await as('nurse')
      .post(`/sessions/${first}/observations`)
      .send({ type: 'dissociation', severity: 'mild', scores: { cadss6: 7, moaas: 4 } })
      .expect(201);
    await as('physician')
      .put(`/patients/${patientId}/course`)
      .send({ plannedInfusions: 6 })
      .expect(200);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('prints both identifiers, the plan and each infusion in clinic time with what it showed', async () => {
    const reply = await download('auditor', `/patients/${patientId}/course.pdf`).expect(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    expect(reply.headers['content-disposition']).toBe(
      `attachment; filename="course-${patientId}.pdf"`,
    );
    const text = pdfText(reply.body as Buffer);
    expect(text).toContain('Ada Lovelace · MRN CRS-0042 · born 1980-02-03');
    expect(text).toContain('times in Europe/Paris');
    expect(text).toContain('1 of 6 planned infusions given.');
    expect(text).toContain(
      'Infusion 1 · 2026-01-15 09:30:00 +01:00 · recovery · closer blood-pressure watch',
    );
    expect(text).toMatch(/Infusion 2 · .* · scheduled · closer blood-pressure watch/);
    expect(text).toContain('delivered');
    expect(text).toContain('(estimated from the planned rate)');
    expect(text).toContain('highest CADSS-6 7');
    expect(text).toContain('Outcome scores: PHQ-9 pre 19');
  });

  it('audits the download as a read of the patient’s course', async () => {
    await download('physician', `/patients/${patientId}/course.pdf`).expect(200);
    const reads = (await app.get(AuditService).list({ order: 'desc', limit: 50 })).filter(
      (entry: AuditEntry) => entry.action === 'course.read' && entry.entityId === patientId,
    );
    expect(reads[0]?.actor).toBe('physician');
    expect(reads[0]?.detail).toMatchObject({ format: 'pdf' });
    expect(reads[0]?.detail['sessionIds']).toHaveLength(2);
  });

  it('refuses an unknown patient with a coded 404 and an admin with a coded 403', async () => {
    const missing = await as('physician')
      .get('/patients/00000000-0000-4000-8000-000000000000/course.pdf')
      .expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const admin = await as('admin').get(`/patients/${patientId}/course.pdf`).expect(403);
    expect(admin.body.code).toBe('FORBIDDEN');
  });
});
