import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type Alert,
  DEFAULT_THRESHOLD_PROFILE,
  type PreviewableSession,
  type ProfilePreview,
  type ThresholdProfileInput,
} from '@vigil/shared';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { until } from '../../test/eventually';
import { AuditService } from '../audit/audit.service';

const { id: _default, ...DEFAULT_DEFINITION } = DEFAULT_THRESHOLD_PROFILE;

const withRule = (code: string, change: object): ThresholdProfileInput => ({
  ...DEFAULT_DEFINITION,
  rules: DEFAULT_DEFINITION.rules.map((rule) =>
    rule.code === code ? { ...rule, ...change } : rule,
  ),
});

/**
 * Forty seconds of readings ending now: SpO2 92 for 12 s (a medium alert after its 10 s delay),
 * one 88 (upgraded to high), then 98 (the high alert stays latched); heart rate 115 for 16 s (a
 * medium alert after 15 s), then 80 (resolved after 10 s clear).
 */
function recording(end: number) {
  return Array.from({ length: 40 }, (_, second) => ({
    at: new Date(end - (40 - second) * 1000).toISOString(),
    spo2: second < 12 ? 92 : second === 12 ? 88 : 98,
    heartRate: second < 16 ? 115 : 80,
  }));
}

describe.each(testDatabases())('threshold profile preview on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let recorded = '';
  let unrecorded = '';
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  async function schedule(mrn: string, bay: string): Promise<string> {
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn, displayName: 'Preview Patient', weightKg: 70 })
      .expect(201);
    const session = await as('physician')
      .post('/sessions')
      .send({ patientId: patient.body.id, bay, indication: 'depression', doseMgPerKg: 0.5 })
      .expect(201);
    return session.body.id as string;
  }

  const preview = (profile: ThresholdProfileInput, sessionId = recorded) =>
    as('physician').post('/threshold-profiles/preview').send({ profile, sessionId });

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    tokens = await tokensByRole(app);
    recorded = await schedule('PV-1', 'V1');
    unrecorded = await schedule('PV-2', 'V2');
    await prepareSession(app, recorded);
    await as('nurse')
      .post(`/sessions/${recorded}/vitals`)
      .send({ samples: recording(Date.now()) })
      .expect(202);
    // The live engine writes its alerts after the 202: wait for the last of them, the resolution.
    await until(
      async () =>
        (await as('nurse').get(`/alerts?sessionId=${recorded}`).expect(200)).body as Alert[],
      (alerts) => alerts.some((alert) => alert.code === 'HR_HIGH' && alert.state === 'resolved'),
    );
    await as('nurse')
      .post(`/sessions/${recorded}/stop`)
      .send({ reason: 'replay recorded' })
      .expect(200);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('replays the session’s own profile into exactly the alerts the live engine raised', async () => {
    const live: Alert[] = (await as('auditor').get(`/alerts?sessionId=${recorded}`).expect(200))
      .body;
    const reply: ProfilePreview = (await preview(DEFAULT_DEFINITION).expect(200)).body;
    expect(reply).toMatchObject({ sessionId: recorded, samples: 40 });
    const replayed = reply.episodes.map((episode) => ({
      code: episode.code,
      priority: episode.priority,
      raisedAt: episode.raisedAt,
      resolvedAt: episode.clearedAt,
      value: episode.upgrades.at(-1)?.value ?? episode.value,
    }));
    const raised = live
      .filter((alert) => alert.kind === 'physiological')
      .map(({ code, priority, raisedAt, resolvedAt, value }) => ({
        code,
        priority,
        raisedAt,
        resolvedAt,
        value,
      }))
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
    expect(replayed).toEqual(raised);
    expect(reply.episodes.map(({ code, priority, latched }) => [code, priority, latched])).toEqual([
      ['SPO2_LOW', 'high', true],
      ['HR_HIGH', 'medium', false],
    ]);
  });

  it('shows what an edited, unsaved profile would have raised, with the recorded baseline', async () => {
    const edited = {
      ...withRule('SPO2_LOW', { medium: 90, high: 85 }),
      rules: withRule('SPO2_LOW', { medium: 90, high: 85 }).rules.map((rule) =>
        rule.code === 'HR_HIGH' ? { ...rule, baselineRelative: { medium: 0.5 } } : rule,
      ),
    };
    const reply: ProfilePreview = (await preview(edited).expect(200)).body;
    // Baseline heart rate 72: + 50 % is 108, stricter than 110.
    expect(reply.episodes).toEqual([
      expect.objectContaining({ code: 'HR_HIGH', priority: 'medium', threshold: 108 }),
    ]);
    const profiles = (await as('physician').get('/threshold-profiles').expect(200)).body;
    expect(profiles).toEqual([DEFAULT_THRESHOLD_PROFILE]);
  });

  it('audits the read of the readings, naming the session and why', async () => {
    const audit = app.get(AuditService);
    const before = (await audit.list({ limit: 5000 })).length;
    await preview(DEFAULT_DEFINITION).expect(200);
    // Only the physician's: the alert sweeps may audit an escalation meanwhile.
    const entries = (await audit.list({ limit: 5000 }))
      .slice(before)
      .filter((entry) => entry.actor === 'physician');
    expect(entries).toEqual([
      expect.objectContaining({
        actor: 'physician',
        action: 'vitals.read',
        sessionId: recorded,
        detail: { purpose: 'threshold-profile.preview', samples: 40, episodes: 2 },
      }),
    ]);
  });

  it('names what is wrong with the profile, and a session that does not exist', async () => {
    const bad = await preview(withRule('SYSTOLIC_HIGH', { high: 150 })).expect(400);
    expect(bad.body.message).toEqual(['profile.rules[1].high must be at or above medium (160)']);
    await preview(DEFAULT_DEFINITION, '00000000-0000-4000-8000-000000000000').expect(404);
    const none: ProfilePreview = (await preview(DEFAULT_DEFINITION, unrecorded).expect(200)).body;
    expect(none).toEqual({ sessionId: unrecorded, samples: 0, from: null, to: null, episodes: [] });
  });

  it('refuses admins, who see no patient readings, and audits the refusal', async () => {
    await as('admin')
      .post('/threshold-profiles/preview')
      .send({ profile: DEFAULT_DEFINITION, sessionId: recorded })
      .expect(403);
    await as('admin').get('/threshold-profiles/preview/sessions').expect(403);
    const [entry] = await app.get(AuditService).list({ actor: 'admin', limit: 1, order: 'desc' });
    expect(entry).toMatchObject({
      action: 'access.denied',
      detail: { target: 'GET /api/v1/threshold-profiles/preview/sessions' },
    });
  });

  it('refuses to replay a profile past a safety floor, naming the floor', async () => {
    const reply = await preview({ ...DEFAULT_DEFINITION, deepDesaturationSpo2: 75 }).expect(400);
    expect(reply.body).toMatchObject({
      code: 'SAFETY_FLOOR',
      message: [
        'profile.deepDesaturationSpo2 must be at least 80: the deep-desaturation bypass (safety floor)',
      ],
      details: {
        floors: [{ field: 'profile.deepDesaturationSpo2', floor: 'DEEP_DESATURATION_MINIMUM' }],
      },
    });
  });

  it('lists sessions with readings to replay, naming no patient, and audits the list', async () => {
    const sessions: PreviewableSession[] = (
      await as('physician').get('/threshold-profiles/preview/sessions').expect(200)
    ).body;
    expect(sessions).toEqual([
      {
        id: recorded,
        bay: 'V1',
        state: 'recovery',
        thresholdProfileId: 'default',
        createdAt: expect.any(String),
        startedAt: expect.any(String),
        endedAt: expect.any(String),
      },
    ]);
    const [entry] = await app
      .get(AuditService)
      .list({ actor: 'physician', limit: 1, order: 'desc' });
    expect(entry).toMatchObject({
      actor: 'physician',
      action: 'sessions.read',
      detail: { purpose: 'threshold-profile.preview', sessionIds: [recorded] },
    });
  });
});
