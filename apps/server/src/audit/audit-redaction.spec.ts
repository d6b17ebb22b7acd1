import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuditEntry } from '@vigil/shared';
import { CLEAN_ASSESSMENT } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import request from 'supertest';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';

describe('the audit trail as each reader sees it', () => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;

  beforeAll(async () => {
    ({ app } = await startTestApp({ type: 'sqlite', path: ':memory:' }));
    await seedUsers(app);
    tokens = await tokensByRole(app);
    const nurse = apiAs(app, tokens.nurse);
    const patient = await nurse
      .post('/patients')
      .send({ mrn: 'RED-1', displayName: 'Jo Private', weightKg: 70 })
      .expect(201);
    const session = await nurse
      .post('/sessions')
      .send({ patientId: patient.body.id, bay: 'R1', indication: 'depression', doseMgPerKg: 0.5 })
      .expect(201);
    await nurse
      .post(`/sessions/${session.body.id}/assessment`)
      .send({
        ...CLEAN_ASSESSMENT,
        checklist: { ...CLEAN_ASSESSMENT.checklist, pregnancyTest: 'positive' },
      })
      .expect(200);
    await apiAs(app, tokens.admin)
      .post('/users')
      .send({
        username: 'night-nurse',
        displayName: 'Night Nurse',
        role: 'nurse',
        password: 'long enough password',
      })
      .expect(201);
  });

  afterAll(async () => {
    await app?.close();
  });

  const trail = async (role: 'auditor' | 'admin') =>
    (await apiAs(app, tokens[role]).get('/audit?limit=1000').expect(200)).body as AuditEntry[];

  it('shows an auditor every clinical detail', async () => {
    const assessment = (await trail('auditor')).find((entry) => entry.action === 'session.assess');
    expect(assessment?.detail).toMatchObject({ flags: ['PREGNANCY_POSITIVE'] });
    expect(assessment?.detailWithheld).toBeUndefined();
  });

  it('withholds clinical detail from an admin, and keeps what an admin administers', async () => {
    const entries = await trail('admin');
    const assessment = entries.find((entry) => entry.action === 'session.assess');
    expect(assessment).toMatchObject({ detail: {}, detailWithheld: true, actor: 'nurse' });
    expect(JSON.stringify(entries)).not.toMatch(/PREGNANCY|baseline|depression/);
    const created = entries.find(
      (entry) => entry.action === 'user.created' && entry.detail['username'] === 'night-nurse',
    );
    expect(created?.detail).toMatchObject({ role: 'nurse' });
  });

  it('records a read of the alerts as a read of the patient record, with the sessions it showed', async () => {
    const nurse = apiAs(app, tokens.nurse);
    await nurse.get('/alerts?state=active').expect(200);
    const read = (await trail('auditor')).filter((entry) => entry.action === 'alerts.read').at(-1);
    expect(read).toMatchObject({ actor: 'nurse', detail: { query: { state: 'active' } } });
    expect(Array.isArray(read?.detail['sessionIds'])).toBe(true);
  });

  it('pages through the whole trail by its Link header, each entry exactly once, either way', async () => {
    const all = await trail('auditor');
    for (const order of ['asc', 'desc'] as const) {
      const seen: number[] = [];
      let next: string | undefined = `/api/v1/audit?limit=7&order=${order}`;
      while (next) {
        const page: { body: AuditEntry[]; headers: Record<string, string | undefined> } =
          await request(app.getHttpServer())
            .get(next)
            .set('Authorization', `Bearer ${tokens.auditor}`)
            .expect(200);
        seen.push(...page.body.map((entry) => entry.seq));
        next = /<([^>]+)>; rel="next"/.exec(page.headers['link'] ?? '')?.[1];
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort((a, b) => a - b)).toEqual(all.map((entry) => entry.seq));
    }
  });
});
