import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type Alert,
  DEFAULT_THRESHOLD_PROFILE,
  type Session,
  type ThresholdProfile,
} from '@vigil/shared';
import { CLEAN_ASSESSMENT, postReading } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';

const { id: _default, ...definition } = DEFAULT_THRESHOLD_PROFILE;

describe.each(testDatabases())('threshold profiles on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  async function sessionOn(profileId: string, assessment = CLEAN_ASSESSMENT) {
    bay += 1;
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: `TP-${bay}`, displayName: 'Profile Test', weightKg: 70 })
      .expect(201);
    const session = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `P${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
        thresholdProfileId: profileId,
      })
      .expect(201);
    return {
      id: session.body.id as string,
      assessed: (
        await as('nurse')
          .post(`/sessions/${session.body.id}/assessment`)
          .send(assessment)
          .expect(200)
      ).body as Session,
    };
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

  it('serves the default profile, the contract’s rules', async () => {
    const profiles: ThresholdProfile[] = (await as('nurse').get('/threshold-profiles').expect(200))
      .body;
    expect(profiles).toEqual([DEFAULT_THRESHOLD_PROFILE]);
  });

  it('lets a physician add and change a profile, audited with both versions, and names bad values', async () => {
    const bad = await as('physician')
      .put('/threshold-profiles/icu')
      .send({ ...definition, rules: [{ ...definition.rules[1], high: 150 }] })
      .expect(400);
    expect(bad.body).toMatchObject({
      code: 'SAFETY_FLOOR',
      message: [
        'rules[0].high must be at or above medium (160)',
        'rules must keep the SpO2 rule (SPO2_LOW) (safety floor)',
        'rules must keep a rule for Diastolic: every sign keeps a high limit (safety floor)',
        'rules must keep a rule for Heart rate: every sign keeps a high limit (safety floor)',
        'rules must keep a rule for Resp. rate: every sign keeps a high limit (safety floor)',
      ],
    });
    const malformed = await as('physician')
      .put('/threshold-profiles/icu')
      .send({ ...definition, name: '' })
      .expect(400);
    expect(malformed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: ['name must not be empty'],
    });
    await as('physician')
      .put('/threshold-profiles/icu')
      .send({ ...definition, name: 'ICU step-down' })
      .expect(200);
    const changed = await as('physician')
      .put('/threshold-profiles/icu')
      .send({ ...definition, name: 'ICU step-down v2' })
      .expect(200);
    expect(changed.body).toMatchObject({ id: 'icu', name: 'ICU step-down v2' });
    const entries = (await app.get(AuditService).list({ limit: 5000 })).filter(
      (entry) => entry.entityId === 'icu',
    );
    expect(entries.map((entry) => entry.action)).toEqual([
      'threshold-profile.created',
      'threshold-profile.updated',
    ]);
    expect(entries[1]?.detail).toMatchObject({
      before: { name: 'ICU step-down' },
      after: { name: 'ICU step-down v2' },
    });
  });

  it('lets no one but a physician change limits: admins, nurses and auditors get 403, audited', async () => {
    for (const role of ['admin', 'nurse', 'auditor'] as const) {
      const reply = await as(role).put('/threshold-profiles/default').send(definition).expect(403);
      expect(reply.body.code).toBe('FORBIDDEN');
    }
    const denied = (await app.get(AuditService).list({ limit: 5000 })).filter(
      (entry) =>
        entry.action === 'access.denied' &&
        (entry.detail as { target?: string }).target === 'PUT /api/v1/threshold-profiles/:id',
    );
    expect(denied.map((entry) => entry.role)).toEqual(['admin', 'nurse', 'auditor']);
    const profiles: ThresholdProfile[] = (await as('admin').get('/threshold-profiles').expect(200))
      .body;
    expect(profiles.find((profile) => profile.id === 'default')).toEqual(DEFAULT_THRESHOLD_PROFILE);
  });

  it('refuses an edit past a safety floor with SAFETY_FLOOR, naming each field and floor, and stores nothing', async () => {
    const unsafe = {
      ...definition,
      rules: definition.rules.map((rule) =>
        rule.code === 'SPO2_LOW'
          ? { ...rule, medium: 88, high: 80, delayS: 300 }
          : rule.code === 'HR_HIGH'
            ? { ...rule, medium: null, high: null }
            : rule,
      ),
      deepDesaturationSpo2: 70,
    };
    const reply = await as('physician').put('/threshold-profiles/default').send(unsafe).expect(400);
    expect(reply.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'SAFETY_FLOOR',
      message: [
        'rules[0].high must be at least 85: the SpO2 high limit (safety floor)',
        'rules[0].delayS must be at most 30 s (safety floor)',
        'rules[4].high must be set: every sign keeps a high limit (safety floor)',
        'deepDesaturationSpo2 must be at least 80: the deep-desaturation bypass (safety floor)',
      ],
      details: {
        floors: [
          { field: 'rules[0].high', floor: 'SPO2_HIGH_MINIMUM' },
          { field: 'rules[0].delayS', floor: 'DELAY_MAXIMUM' },
          { field: 'rules[4].high', floor: 'HIGH_LIMIT_KEPT' },
          { field: 'deepDesaturationSpo2', floor: 'DEEP_DESATURATION_MINIMUM' },
        ],
      },
    });
    const profiles: ThresholdProfile[] = (await as('nurse').get('/threshold-profiles').expect(200))
      .body;
    expect(profiles.find((profile) => profile.id === 'default')).toEqual(DEFAULT_THRESHOLD_PROFILE);
  });

  it('refuses a session on a profile that does not exist', async () => {
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: 'TP-NONE', displayName: 'No Profile', weightKg: 70 })
      .expect(201);
    const reply = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: 'PN',
        indication: 'depression',
        doseMgPerKg: 0.5,
        thresholdProfileId: 'nope',
      })
      .expect(400);
    expect(reply.body.message).toEqual(['thresholdProfileId nope does not exist']);
  });

  it('evaluates a session by its own profile, with limits relative to its baseline', async () => {
    const relative = {
      ...definition,
      name: 'Relative systolic',
      rules: definition.rules.map((rule) =>
        rule.code === 'SYSTOLIC_HIGH' ? { ...rule, baselineRelative: { medium: 0.2 } } : rule,
      ),
      contraindications: { ...definition.contraindications, systolicMax: 140 },
    };
    await as('physician').put('/threshold-profiles/relative').send(relative).expect(200);
    const hypertensive = {
      ...CLEAN_ASSESSMENT,
      baseline: { ...CLEAN_ASSESSMENT.baseline, systolic: 145 },
    };
    const flagged = await sessionOn('relative', hypertensive);
    expect(flagged.assessed.assessment?.flags.map((flag) => flag.code)).toEqual([
      'HYPERTENSION_SYSTOLIC',
    ]);

    const { id } = await sessionOn('relative');
    await postReading(app, id);
    await as('nurse').post(`/sessions/${id}/start`).expect(200);
    // Baseline 124: + 20 % is 148.8, stricter than the absolute 160.
    await as('nurse')
      .post(`/sessions/${id}/vitals`)
      .send({
        samples: [{ at: new Date(Date.now() - 1000).toISOString(), systolic: 150, diastolic: 80 }],
      })
      .expect(202);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const alerts: Alert[] = (await as('nurse').get(`/alerts?sessionId=${id}`).expect(200)).body;
    expect(alerts).toEqual([
      expect.objectContaining({
        code: 'SYSTOLIC_HIGH',
        priority: 'medium',
        threshold: 149,
        message: 'Systolic 150 ≥ 149',
      }),
    ]);
  });
});
