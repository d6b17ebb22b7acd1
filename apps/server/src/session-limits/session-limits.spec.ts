import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type Alert,
  DEFAULT_THRESHOLD_PROFILE,
  type ThresholdProfile,
  type ThresholdProfileInput,
} from '@vigil/shared';
import { DataSource } from 'typeorm';
import { postReading, prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { until } from '../../test/eventually';
import { AuditService } from '../audit/audit.service';
import { ThresholdProfilesService } from '../threshold-profiles/threshold-profiles.service';

const SECOND = 1000;
const { id: _default, ...DEFAULT_DEFINITION } = DEFAULT_THRESHOLD_PROFILE;

/** The default profile with SpO2 medium at `medium`: a reading of 95 breaks 96 and 97, not 94. */
const spo2Medium = (medium: number, name = `SpO2 medium ${medium}`): ThresholdProfileInput => ({
  ...DEFAULT_DEFINITION,
  name,
  rules: DEFAULT_DEFINITION.rules.map((rule) =>
    rule.code === 'SPO2_LOW' ? { ...rule, medium } : rule,
  ),
});
const spo2MediumOf = (limits: ThresholdProfile) =>
  limits.rules.find((rule) => rule.code === 'SPO2_LOW')?.medium;

describe.each(testDatabases())('one session’s limits on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);

  async function session(
    profileId: string,
    until: 'scheduled' | 'assessed' | 'infusing' = 'infusing',
  ): Promise<string> {
    bay += 1;
    const patient = await as('nurse')
      .post('/patients')
      .send({ mrn: `SL-${bay}`, displayName: 'Limits Patient', weightKg: 70 })
      .expect(201);
    const created = await as('physician')
      .post('/sessions')
      .send({
        patientId: patient.body.id,
        bay: `SL${bay}`,
        indication: 'depression',
        doseMgPerKg: 0.5,
        thresholdProfileId: profileId,
      })
      .expect(201);
    const id = created.body.id as string;
    if (until !== 'scheduled') await prepareSession(app, id, until);
    return id;
  }

  /**
   * Twenty seconds of SpO2 95 (past its 10 s delay) beside heart rate 135, which always raises
   * HR_HIGH (over 130, past its 15 s delay). Waits for that alert: the same batch's SpO2 verdict
   * is in by then. Returns the session's alerts.
   */
  async function spo2Of95(sessionId: string): Promise<Alert[]> {
    const start = Date.now() - 20 * SECOND;
    const samples = Array.from({ length: 20 }, (_, second) => ({
      at: new Date(start + second * SECOND).toISOString(),
      spo2: 95,
      heartRate: 135,
    }));
    await as('nurse').post(`/sessions/${sessionId}/vitals`).send({ samples }).expect(202);
    return until(
      async () =>
        (await as('nurse').get(`/alerts?sessionId=${sessionId}`).expect(200)).body as Alert[],
      (alerts) => alerts.some((alert) => alert.code === 'HR_HIGH'),
    );
  }
  const codes = (alerts: Alert[]) => alerts.map((alert) => alert.code).sort();

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('keeps a running session on the limits it started with when its profile changes', async () => {
    await as('physician').put('/threshold-profiles/ward').send(spo2Medium(94)).expect(200);
    const running = await session('ward');
    const assessed = await session('ward', 'assessed');
    await as('physician').put('/threshold-profiles/ward').send(spo2Medium(96)).expect(200);

    const kept: ThresholdProfile = (
      await as('nurse').get(`/sessions/${running}/limits`).expect(200)
    ).body;
    expect(kept).toMatchObject({ id: 'ward', name: 'SpO2 medium 94' });
    expect(codes(await spo2Of95(running))).toEqual(['HR_HIGH']);

    // Not started when the profile changed: it starts on the profile as it is now.
    await postReading(app, assessed);
    await as('nurse').post(`/sessions/${assessed}/start`).expect(200);
    const taken: ThresholdProfile = (
      await as('nurse').get(`/sessions/${assessed}/limits`).expect(200)
    ).body;
    expect(spo2MediumOf(taken)).toBe(96);
    expect(codes(await spo2Of95(assessed))).toEqual(['HR_HIGH', 'SPO2_LOW']);
  });

  it('changes a running session only through PUT /sessions/:id/limits, audited with both versions', async () => {
    await as('physician').put('/threshold-profiles/stepdown').send(spo2Medium(94)).expect(200);
    const id = await session('stepdown');
    for (const role of ['nurse', 'auditor', 'admin'] as const) {
      await as(role).put(`/sessions/${id}/limits`).send(spo2Medium(97)).expect(403);
    }
    const set: ThresholdProfile = (
      await as('physician').put(`/sessions/${id}/limits`).send(spo2Medium(97)).expect(200)
    ).body;
    expect(set).toMatchObject({ id: 'stepdown', name: 'SpO2 medium 97' });
    expect(spo2MediumOf(set)).toBe(97);

    // The profile itself is untouched; the session's alarms follow its own limits at once.
    const profiles: ThresholdProfile[] = (await as('nurse').get('/threshold-profiles').expect(200))
      .body;
    expect(spo2MediumOf(profiles.find((profile) => profile.id === 'stepdown')!)).toBe(94);
    expect(codes(await spo2Of95(id))).toEqual(['HR_HIGH', 'SPO2_LOW']);

    const entries = (await app.get(AuditService).list({ sessionId: id, limit: 5000 })).filter(
      (entry) => entry.action === 'session.limits',
    );
    expect(entries).toEqual([
      expect.objectContaining({
        actor: 'physician',
        role: 'physician',
        entityId: id,
        detail: {
          before: expect.objectContaining({ name: 'SpO2 medium 94' }),
          after: expect.objectContaining({ name: 'SpO2 medium 97' }),
        },
      }),
    ]);
  });

  it('refuses limits past a safety floor with SAFETY_FLOOR, naming each field and floor, and keeps the old ones', async () => {
    const id = await session('default');
    const unsafe = {
      ...DEFAULT_DEFINITION,
      rules: DEFAULT_DEFINITION.rules.filter((rule) => rule.code !== 'SPO2_LOW'),
      deepDesaturationSpo2: 70,
    };
    const reply = await as('physician').put(`/sessions/${id}/limits`).send(unsafe).expect(400);
    expect(reply.body).toMatchObject({
      code: 'SAFETY_FLOOR',
      message: [
        'rules must keep the SpO2 rule (SPO2_LOW) (safety floor)',
        'deepDesaturationSpo2 must be at least 80: the deep-desaturation bypass (safety floor)',
      ],
      details: {
        floors: [
          { field: 'rules', floor: 'SPO2_RULE_KEPT' },
          { field: 'deepDesaturationSpo2', floor: 'DEEP_DESATURATION_MINIMUM' },
        ],
      },
    });
    const malformed = await as('physician')
      .put(`/sessions/${id}/limits`)
      .send({ ...DEFAULT_DEFINITION, reminderMin: 0 })
      .expect(400);
    expect(malformed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: ['reminderMin must be between 1 and 60'],
    });
    const limits: ThresholdProfile = (await as('nurse').get(`/sessions/${id}/limits`).expect(200))
      .body;
    expect(limits).toEqual(DEFAULT_THRESHOLD_PROFILE);
  });

  it('sets limits only for a live session, and names an unknown one', async () => {
    const scheduled = await session('default', 'scheduled');
    const refused = await as('physician')
      .put(`/sessions/${scheduled}/limits`)
      .send(spo2Medium(96))
      .expect(409);
    expect(refused.body).toMatchObject({
      code: 'SESSION_STATE_CONFLICT',
      details: { state: 'scheduled' },
    });
    const aborted = await session('default', 'assessed');
    await as('nurse').post(`/sessions/${aborted}/abort`).send({ reason: 'unwell' }).expect(200);
    await as('physician').put(`/sessions/${aborted}/limits`).send(spo2Medium(96)).expect(409);
    await as('physician')
      .put('/sessions/00000000-0000-4000-8000-000000000000/limits')
      .send(spo2Medium(96))
      .expect(404);
    await as('physician').put('/sessions/not-a-uuid/limits').send(spo2Medium(96)).expect(400);
  });

  it('lets a physician set an assessed session’s limits, which it then starts with', async () => {
    const id = await session('default', 'assessed');
    await as('physician').put(`/sessions/${id}/limits`).send(spo2Medium(96)).expect(200);
    await postReading(app, id);
    await as('nurse').post(`/sessions/${id}/start`).expect(200);
    const limits: ThresholdProfile = (await as('nurse').get(`/sessions/${id}/limits`).expect(200))
      .body;
    expect(spo2MediumOf(limits)).toBe(96);
  });

  it('reads limits stored before a setting existed with that setting’s default', async () => {
    const id = await session('default');
    const { recoveryMinimumMin: _minimum, ...older } = DEFAULT_THRESHOLD_PROFILE;
    const postgres = database.name === 'postgres';
    await app.get(DataSource).query(
      `UPDATE infusion_session SET limits = ${postgres ? '$1' : '?'}, revision = revision + 1
         WHERE id = ${postgres ? '$2' : '?'}`,
      [JSON.stringify(older), id],
    );
    const limits: ThresholdProfile = (await as('nurse').get(`/sessions/${id}/limits`).expect(200))
      .body;
    expect(limits.recoveryMinimumMin).toBe(30);
    expect(
      app.get(ThresholdProfilesService).limitsFor({
        thresholdProfileId: 'default',
        limits: JSON.stringify(older),
      }),
    ).toEqual(DEFAULT_THRESHOLD_PROFILE);
  });

  it('is refused by the database a change of limits or assessment that keeps the revision', async () => {
    // The rules and the sweep read a session's settings again only when its revision moves.
    const id = await session('default');
    const before: ThresholdProfile = (await as('nurse').get(`/sessions/${id}/limits`).expect(200))
      .body;
    const postgres = database.name === 'postgres';
    const [p1, p2] = postgres ? ['$1', '$2'] : ['?', '?'];
    const dataSource = app.get(DataSource);
    for (const column of ['limits', 'assessment']) {
      await expect(
        dataSource.query(`UPDATE infusion_session SET ${column} = ${p1} WHERE id = ${p2}`, [
          JSON.stringify({ ...before, deepDesaturationSpo2: 70 }),
          id,
        ]),
      ).rejects.toThrow("a session's limits or assessment change only with its revision");
    }
    expect((await as('nurse').get(`/sessions/${id}/limits`).expect(200)).body).toEqual(before);
    // Any other column may change as before (the tests' clocks, a bay moved by its writer).
    await dataSource.query(`UPDATE infusion_session SET bay = ${p1} WHERE id = ${p2}`, ['Z9', id]);
  });

  it('loses no change to a race: each accepted change was made on the limits before it', async () => {
    const id = await session('default');
    const replies = await Promise.all(
      [95, 96, 97, 98].map((medium) =>
        as('physician').put(`/sessions/${id}/limits`).send(spo2Medium(medium)),
      ),
    );
    const accepted = replies.filter((reply) => reply.status === 200);
    expect(accepted.length).toBeGreaterThan(0);
    expect(
      replies
        .filter((reply) => reply.status !== 200)
        .map((reply) => [reply.status, reply.body.code]),
    ).toEqual(Array.from({ length: 4 - accepted.length }, () => [409, 'SESSION_STATE_CONFLICT']));
    const changes = (await app.get(AuditService).list({ sessionId: id, limit: 5000 }))
      .filter((entry) => entry.action === 'session.limits')
      .map((entry) => entry.detail as { before: ThresholdProfile; after: ThresholdProfile });
    expect(changes).toHaveLength(accepted.length);
    changes.forEach((change, index) =>
      expect(change.before.name).toBe(
        index === 0 ? DEFAULT_THRESHOLD_PROFILE.name : changes[index - 1]?.after.name,
      ),
    );
    const final: ThresholdProfile = (await as('nurse').get(`/sessions/${id}/limits`).expect(200))
      .body;
    expect(final.name).toBe(changes.at(-1)!.after.name);
  });
});
