import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AlarmLoad, AlertCode, Role } from '@vigil/shared';
import { DataSource } from 'typeorm';
import { prepareSession } from '../../test/clinical';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, seedUsers, tokensByRole } from '../../test/test-users';
import { AlertEntity } from '../alerts/alert.entity';
import { AlertTimers } from '../alerts/alert-timers.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { PatientsService } from '../patients/patients.service';
import { SessionsService } from '../sessions/sessions.service';

const SYSTEM = actorOf(systemPrincipal('test'));
const PHYSICIAN = { actorId: null, actor: 'test-physician', role: 'physician' };
const FROM = '2026-01-05T00:00:00.000Z';
const TO = '2026-01-06T00:00:00.000Z';

/** Runs a step of the seeded history as if the clock read `iso`. */
async function atTime<T>(iso: string, step: () => Promise<T>): Promise<T> {
  const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.parse(iso));
  try {
    return await step();
  } finally {
    clock.mockRestore();
  }
}

describe.each(testDatabases())('alarm load on $name', (database) => {
  let app: NestExpressApplication;
  let tokens: Record<Role, string>;
  const as = (role: Role) => apiAs(app, tokens[role]);
  const sessions = () => app.get(SessionsService);

  /** A session monitored from `start`, stopped at `stop` and closed at `close` (or still live). */
  async function monitored(bay: string, start: string, stop?: string, close?: string) {
    const patient = await app
      .get(PatientsService)
      .create(SYSTEM, { mrn: `AN-${bay}`, displayName: 'Alarm Load', weightKg: 70 });
    const session = await atTime(start, () =>
      sessions().create(SYSTEM, {
        patientId: patient.id,
        bay,
        indication: 'alcohol-use-disorder',
        doseMgPerKg: 0.5,
        concentrationMgPerMl: 1,
        plannedDurationMin: 40,
      }),
    );
    await atTime(start, () => prepareSession(app, session.id));
    if (stop)
      await atTime(stop, () => sessions().stop(SYSTEM, session.id, { reason: 'planned end' }));
    if (close)
      await atTime(close, () =>
        sessions().move(PHYSICIAN, session.id, 'abort', { reason: 'left the ward' }),
      );
    return session.id;
  }

  async function alarm(
    sessionId: string,
    bay: string,
    code: AlertCode,
    times: { raised: string; acknowledged?: string; resolved: string; escalationLevel?: number },
  ) {
    await app
      .get(DataSource)
      .getRepository(AlertEntity)
      .insert({
        id: randomUUID(),
        sessionId,
        bay,
        kind: code === 'SIGNAL_LOSS' || code === 'BP_OVERDUE' ? 'technical' : 'physiological',
        code,
        priority: 'medium',
        state: 'resolved',
        message: code,
        value: null,
        threshold: null,
        raisedAt: times.raised,
        acknowledgedAt: times.acknowledged ?? null,
        acknowledgedBy: times.acknowledged ? 'nurse' : null,
        acknowledgeNote: null,
        resolvedAt: times.resolved,
        resolvedReason: times.acknowledged ? 'acknowledged' : 'cleared',
        escalationLevel: times.escalationLevel ?? 0,
        remindedAt: null,
        revision: 1,
      });
  }

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create(), { timeZone: 'Europe/Berlin' }));
    app.get(AlertTimers).onApplicationShutdown();
    await seedUsers(app);
    tokens = await tokensByRole(app);
    // 70 minutes in the window.
    const first = await monitored(
      'AN1',
      '2026-01-05T08:00:00.000Z',
      '2026-01-05T08:40:00.000Z',
      '2026-01-05T09:10:00.000Z',
    );
    // Began the evening before: 1 hour in the window.
    const second = await monitored(
      'AN2',
      '2026-01-04T23:30:00.000Z',
      '2026-01-05T00:30:00.000Z',
      '2026-01-05T01:00:00.000Z',
    );
    // Still live: counted up to the window's end, 1 hour.
    const third = await monitored('AN3', '2026-01-05T23:00:00.000Z');
    // Closed before the window: no time in it.
    await monitored(
      'AN4',
      '2026-01-04T10:00:00.000Z',
      '2026-01-04T10:40:00.000Z',
      '2026-01-04T11:00:00.000Z',
    );

    await alarm(first, 'AN1', 'SPO2_LOW', {
      raised: '2026-01-05T08:10:00.000Z',
      resolved: '2026-01-05T08:10:05.000Z',
    });
    await alarm(first, 'AN1', 'SPO2_LOW', {
      raised: '2026-01-05T08:20:00.000Z',
      acknowledged: '2026-01-05T08:20:40.000Z',
      resolved: '2026-01-05T08:22:00.000Z',
      escalationLevel: 1,
    });
    await alarm(second, 'AN2', 'HR_HIGH', {
      raised: '2026-01-05T00:15:00.000Z',
      acknowledged: '2026-01-05T00:15:20.000Z',
      resolved: '2026-01-05T00:16:00.000Z',
    });
    await alarm(third, 'AN3', 'SIGNAL_LOSS', {
      raised: '2026-01-06T00:10:00.000Z',
      resolved: '2026-01-06T00:11:00.000Z',
    });
    await alarm(second, 'AN2', 'BP_OVERDUE', {
      raised: '2026-01-04T23:50:00.000Z',
      resolved: '2026-01-05T00:20:00.000Z',
    });
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('answers the seeded history with its known figures', async () => {
    const load: AlarmLoad = (
      await as('auditor').get(`/analytics/alarms?from=${FROM}&to=${TO}`).expect(200)
    ).body;
    const chairHours = 70 / 60 + 1 + 1;
    expect(load.chairHours).toBeCloseTo(chairHours, 9);
    expect(load).toMatchObject({
      total: 3,
      nuisanceShare: 1 / 3,
      escalationRate: 1 / 3,
      medianDurationS: 60,
      acknowledgeS: { p50: 20, p90: 40 },
    });
    expect(load.perChairHour).toBeCloseTo(3 / chairHours, 9);
    expect(load.byCode).toEqual([
      expect.objectContaining({
        code: 'SPO2_LOW',
        count: 2,
        nuisanceShare: 0.5,
        medianDurationS: 5,
        acknowledgeS: { p50: 40, p90: 40 },
      }),
      expect.objectContaining({
        code: 'HR_HIGH',
        count: 1,
        nuisanceShare: 0,
        medianDurationS: 60,
        acknowledgeS: { p50: 20, p90: 20 },
      }),
    ]);
    expect(
      load.byBay.map(({ bay, count, chairHours: hours }) => [bay, count, Math.round(hours * 60)]),
    ).toEqual([
      ['AN1', 2, 70],
      ['AN2', 1, 60],
      ['AN3', 0, 60],
    ]);
    // Berlin is UTC+1 in January: 00:15Z is 1 o'clock, 08:10Z and 08:20Z are 9 o'clock.
    expect(
      load.byHour.filter((hour) => hour.count).map(({ hour, count }) => [hour, count]),
    ).toEqual([
      [1, 1],
      [9, 2],
    ]);
  });

  it('is for physicians and auditors only', async () => {
    await as('physician').get(`/analytics/alarms?from=${FROM}&to=${TO}`).expect(200);
    for (const role of ['nurse', 'admin'] as const)
      await as(role).get(`/analytics/alarms?from=${FROM}&to=${TO}`).expect(403);
  });

  it.each([
    ['no window', ''],
    ['an end before the start', `?from=${TO}&to=${FROM}`],
    ['more than a year', `?from=2024-01-01T00:00:00Z&to=${TO}`],
    ['a time that is not one', `?from=yesterday&to=${TO}`],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_case, query) => {
    const reply = await as('auditor').get(`/analytics/alarms${query}`).expect(400);
    expect(reply.body.code).toBe('VALIDATION_FAILED');
  });
});
