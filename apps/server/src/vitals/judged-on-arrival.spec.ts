import type { NestExpressApplication } from '@nestjs/platform-express';
import { type Alert, DEFAULT_THRESHOLD_PROFILE, type ThresholdProfileInput } from '@vigil/shared';
import { CLEAN_ASSESSMENT, prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { REDIS_TEST_URL, serviceAvailable } from '../../test/services';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { until } from '../../test/eventually';
import { holdReadingsCommits } from '../../test/held-commits';
import { systemPrincipal } from '../auth/principal';
import type { DatabaseConfig } from '../config/app-config';
import { LiveSessionRegister } from './live-session-register';

const SECOND = 1000;
const NURSE_SCREEN = systemPrincipal('nurse-screen');
const { id: _default, ...DEFAULT_DEFINITION } = DEFAULT_THRESHOLD_PROFILE;
/** The default limits with SpO2 medium at 97: a reading of 95 breaks them, the default does not. */
const SPO2_MEDIUM_97: ThresholdProfileInput = {
  ...DEFAULT_DEFINITION,
  name: 'SpO2 medium 97',
  rules: DEFAULT_DEFINITION.rules.map((rule) =>
    rule.code === 'SPO2_LOW' ? { ...rule, medium: 97 } : rule,
  ),
};

/** A patient admitted to the bay, their session taken as far as `until`. */
async function admitted(
  app: NestExpressApplication,
  tokens: Record<'nurse' | 'physician', string>,
  bay: string,
  until: 'assessed' | 'infusing' = 'infusing',
): Promise<string> {
  const patient = await apiAs(app, tokens.nurse)
    .post('/patients')
    .send({ mrn: `ARR-${bay}`, displayName: 'Arrival Patient', weightKg: 70 })
    .expect(201);
  const session = await apiAs(app, tokens.physician)
    .post('/sessions')
    .send({ patientId: patient.body.id, bay, indication: 'depression', doseMgPerKg: 0.5 })
    .expect(201);
  await prepareSession(app, session.body.id, until);
  return session.body.id as string;
}

describe.each(testDatabases())('readings judged on arrival on $name', (database) => {
  let config: DatabaseConfig;
  let app: NestExpressApplication;
  let tokens: Awaited<ReturnType<typeof tokensByRole>>;
  let bay = 0;
  const as = (role: keyof typeof tokens) => apiAs(app, tokens[role]);
  const start = Date.now() - 300 * SECOND;
  const at = (second: number) => new Date(start + second * SECOND).toISOString();
  const baseline = CLEAN_ASSESSMENT.baseline;
  const register = () => app.get(LiveSessionRegister);

  async function session(until: 'assessed' | 'infusing' = 'infusing'): Promise<string> {
    bay += 1;
    return admitted(app, tokens, `R${bay}`, until);
  }

  const post = (sessionId: string, samples: Array<Record<string, unknown>>) =>
    as('nurse').post(`/sessions/${sessionId}/vitals`).send({ samples });

  /** Readings like the baseline, one a second: their commit puts the session in the register. */
  async function steady(sessionId: string, from: number, count = 1): Promise<void> {
    const samples = Array.from({ length: count }, (_, index) => ({
      at: at(from + index),
      ...baseline,
    }));
    await post(sessionId, samples).expect(202);
  }

  const alertsOf = async (sessionId: string): Promise<Alert[]> =>
    (await as('nurse').get(`/alerts?sessionId=${sessionId}`).expect(200)).body;

  beforeAll(async () => {
    config = await database.create();
    ({ app } = await startTestApp(config));
    await seedUsers(app);
    tokens = await tokensByRole(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('holds a live session once its readings have committed, and lets go of it when it ends', async () => {
    const sessionId = await session('assessed');
    await steady(sessionId, 0);
    expect(register().judgeable(NURSE_SCREEN, sessionId)).toMatchObject({
      id: sessionId,
      state: 'assessed',
    });

    await as('nurse').post(`/sessions/${sessionId}/abort`).send({ reason: 'unwell' }).expect(200);
    expect(register().judgeable(NURSE_SCREEN, sessionId)).toBeNull();
    const refused = await post(sessionId, [{ at: at(1), ...baseline, spo2: 70 }]).expect(409);
    expect(refused.body.code).toBe('VITALS_NOT_ACCEPTED');
    expect(await alertsOf(sessionId)).toEqual([]);
  });

  it('judges the first reading after a change of limits by the new limits', async () => {
    const sessionId = await session();
    await steady(sessionId, 0);
    await as('physician').put(`/sessions/${sessionId}/limits`).send(SPO2_MEDIUM_97).expect(200);
    expect(register().judgeable(NURSE_SCREEN, sessionId)).toBeNull();

    const samples = Array.from({ length: 30 }, (_, index) => ({
      at: at(1 + index),
      ...baseline,
      spo2: 95,
    }));
    await post(sessionId, samples).expect(202);
    const alerts = await until(
      () => alertsOf(sessionId),
      (found) => found.length > 0,
    );
    expect(alerts.map((alert) => alert.code)).toEqual(['SPO2_LOW']);
  });

  // Holding a commit while an alert is written needs writers that truly run at once.
  if (database.name === 'postgres') {
    it('raises the alarm of a reading whose commit is held, before the reading is answered', async () => {
      const sessionId = await session();
      await steady(sessionId, 0);
      const release = await holdReadingsCommits(app, config);
      let answered = false;
      const desaturation = post(sessionId, [{ at: at(5), ...baseline, spo2: 72 }]).then((reply) => {
        answered = true;
        return reply;
      });
      try {
        const [alert] = await until(
          () => alertsOf(sessionId),
          (found) => found.length > 0,
        );
        expect(alert).toMatchObject({ code: 'SPO2_LOW', priority: 'high', value: 72 });
        expect(answered).toBe(false);
      } finally {
        await release();
      }
      expect((await desaturation).status).toBe(202);
    });

    it('judges a batch that arrives while an earlier one of its session awaits its commit after it, never before', async () => {
      const sessionId = await session();
      await steady(sessionId, 0);
      // A change of the session: its next batch is judged only after its commit.
      await as('physician').put(`/sessions/${sessionId}/limits`).send(SPO2_MEDIUM_97).expect(200);
      const release = await holdReadingsCommits(app, config);
      let later: Promise<unknown> = Promise.resolve();
      try {
        const earlier = post(sessionId, [{ at: at(5), ...baseline, spo2: 72 }]).then(
          (reply) => reply,
        );
        // The earlier batch's commit has read the session (so the register holds it again)
        // and waits on the held insert.
        await until(
          () => Promise.resolve(register().judgeable(NURSE_SCREEN, sessionId)),
          (session) => session !== null,
        );
        later = post(sessionId, [{ at: at(6), ...baseline }]).then((reply) => reply);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await alertsOf(sessionId)).toEqual([]);
        await release();
        expect((await earlier).status).toBe(202);
      } finally {
        await release();
      }
      expect(await later).toMatchObject({ status: 202 });
      // Judged in the order they were sent, the desaturation at 5 s raises its alarm; judged
      // the other way round, the rules would have passed over it as older than the 6 s reading.
      const alerts = await until(
        () => alertsOf(sessionId),
        (found) => found.length > 0,
      );
      expect(alerts).toEqual([expect.objectContaining({ code: 'SPO2_LOW', value: 72 })]);
    });
  }
});

const postgres = testDatabases().find((database) => database.name === 'postgres');

(postgres && serviceAvailable('redis') ? describe : describe.skip)(
  'readings judged on arrival over two instances on PostgreSQL and Redis',
  () => {
    let first: NestExpressApplication;
    let second: NestExpressApplication;

    beforeAll(async () => {
      const database = await (postgres as NonNullable<typeof postgres>).create();
      ({ app: first } = await startTestApp(database, { redisUrl: REDIS_TEST_URL }));
      ({ app: second } = await startTestApp(database, { redisUrl: REDIS_TEST_URL }));
      await seedUsers(first);
    });

    afterAll(async () => {
      await Promise.all([first?.close(), second?.close()]);
      await postgres?.drop();
    });

    it('lets go of a session on every instance when one of them changes it', async () => {
      const tokens = await tokensByRole(first);
      const sessionId = await admitted(first, tokens, 'RC1');
      await apiAs(second, tokens.nurse)
        .post(`/sessions/${sessionId}/vitals`)
        .send({ samples: [{ at: new Date().toISOString(), ...CLEAN_ASSESSMENT.baseline }] })
        .expect(202);
      const held = () => second.get(LiveSessionRegister).judgeable(NURSE_SCREEN, sessionId);
      expect(held()).not.toBeNull();

      await apiAs(first, tokens.physician)
        .put(`/sessions/${sessionId}/limits`)
        .send(SPO2_MEDIUM_97)
        .expect(200);
      await until(
        () => Promise.resolve(held()),
        (session) => session === null,
      );
    });
  },
);
