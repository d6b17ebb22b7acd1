import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  type Alert,
  type AlertDelivery,
  type AlertRouted,
  CLINICIANS_NAMESPACE,
  type Role,
} from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { prepareSession } from '../../test/clinical';
import { REDIS_TEST_URL, serviceAvailable } from '../../test/services';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, login, seedUsers, TEST_PASSWORD, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import type { DatabaseConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { UsersService } from '../users/users.service';
import { AlertQueries } from './alert-queries';
import { AlertRouting } from './alert-routing';
import { AlertTimers } from './alert-timers.service';

const SECOND = 1000;
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

interface Screen {
  socket: Socket;
  routed: AlertRouted[];
}

/** The steps at which a screen was sent one alert (a sweep far ahead also loses the signal). */
const levelsOf = (shown: Screen, alertId: string) =>
  shown.routed.filter((event) => event.alert.id === alertId).map((event) => event.level);

/** A clinician's screen that acknowledges every routed alert, as the dashboard does. */
async function screen(url: string, token: string, acknowledges = true): Promise<Screen> {
  const socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { token },
  });
  const routed: AlertRouted[] = [];
  socket.on('alert.routed', (event: AlertRouted, received: (receipt: 'received') => void) => {
    routed.push(event);
    if (acknowledges) received('received');
  });
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, routed };
}

async function userIds(app: NestExpressApplication, admin: string): Promise<Map<string, string>> {
  const users = (await apiAs(app, admin).get('/users').expect(200)).body as Array<{
    id: string;
    username: string;
  }>;
  return new Map(users.map((user) => [user.username, user.id]));
}

async function addUser(app: NestExpressApplication, username: string, role: Role): Promise<void> {
  await app.get(UnitOfWork).run((manager) =>
    app.get(UsersService).ensure(manager, actorOf(systemPrincipal('test')), {
      username,
      displayName: `Test ${username}`,
      role,
      password: TEST_PASSWORD,
    }),
  );
}

/** A desaturating infusion, assigned to the nurse and the physician; its SPO2_LOW alert. */
async function desaturated(
  app: NestExpressApplication,
  tokens: Record<Role, string>,
  ids: Map<string, string>,
  bay: string,
  assignedNurse = 'nurse',
): Promise<Alert> {
  const as = (role: Role) => apiAs(app, tokens[role]);
  const patient = await as('nurse')
    .post('/patients')
    .send({ mrn: `ROUTE-${bay}`, displayName: 'Route Patient', weightKg: 70 })
    .expect(201);
  const session = await as('physician')
    .post('/sessions')
    .send({
      patientId: patient.body.id,
      bay,
      indication: 'depression',
      doseMgPerKg: 0.5,
      assignedNurseId: ids.get(assignedNurse),
      supervisingPhysicianId: ids.get('physician'),
    })
    .expect(201);
  await prepareSession(app, session.body.id);
  await as('nurse')
    .post(`/sessions/${session.body.id}/vitals`)
    .send({ samples: [{ at: new Date(Date.now() - SECOND).toISOString(), spo2: 83 }] })
    .expect(202);
  await settle();
  const [alert] = (await as('nurse').get(`/alerts?sessionId=${session.body.id}`).expect(200))
    .body as Alert[];
  if (!alert) throw new Error('no alert was raised');
  return alert;
}

describe.each(testDatabases())('alert routing and receipts on $name', (database) => {
  let app: NestExpressApplication;
  let url: string;
  let tokens: Record<Role, string>;
  let ids: Map<string, string>;
  const screens: Screen[] = [];

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await database.create()));
    app.get(AlertTimers).onApplicationShutdown();
    await seedUsers(app);
    await addUser(app, 'second-nurse', 'nurse');
    await addUser(app, 'third-nurse', 'nurse');
    tokens = await tokensByRole(app);
    ids = await userIds(app, tokens.admin);
  });

  afterAll(async () => {
    screens.forEach(({ socket }) => socket.close());
    await app?.close();
    await database.drop();
  });

  const deliveriesOf = async (alertId: string): Promise<AlertDelivery[]> =>
    (await apiAs(app, tokens.auditor).get(`/alerts/${alertId}/deliveries`).expect(200)).body;

  it('sends each step to its people once, records the first receipt and the opening, and audits the sending', async () => {
    const nurse = await screen(url, tokens.nurse);
    const physician = await screen(url, tokens.physician);
    const secondNurse = await screen(url, await login(app, 'second-nurse'));
    screens.push(nurse, physician, secondNurse);

    const alert = await desaturated(app, tokens, ids, 'R1');
    expect(nurse.routed).toEqual([{ alert: expect.objectContaining({ id: alert.id }), level: 0 }]);
    expect(levelsOf(physician, alert.id)).toEqual([]);
    expect(await deliveriesOf(alert.id)).toEqual([
      {
        userId: ids.get('nurse'),
        role: 'nurse',
        level: 0,
        sentAt: expect.any(String),
        deliveredAt: expect.any(String),
      },
    ]);

    const timers = app.get(AlertTimers);
    // A second apart, as the sweeps run: the receipt of the first step's sending is in by then.
    await timers.sweep(Date.now() + 61 * SECOND);
    await settle();
    await timers.sweep(Date.now() + 62 * SECOND);
    await settle();
    expect(levelsOf(physician, alert.id)).toEqual([1]);
    expect(levelsOf(secondNurse, alert.id)).toEqual([]);

    await timers.sweep(Date.now() + 190 * SECOND);
    await settle();
    await timers.sweep(Date.now() + 191 * SECOND);
    await settle();
    expect(levelsOf(secondNurse, alert.id)).toEqual([2]);
    expect(levelsOf(nurse, alert.id)).toEqual([0]);
    expect(levelsOf(physician, alert.id)).toEqual([1]);

    await apiAs(app, tokens.physician).post(`/alerts/${alert.id}/seen`).expect(200);
    const deliveries = await deliveriesOf(alert.id);
    expect(deliveries.map(({ userId, level }) => ({ userId, level }))).toEqual([
      { userId: ids.get('nurse'), level: 0 },
      { userId: ids.get('physician'), level: 1 },
      { userId: ids.get('second-nurse'), level: 2 },
    ]);
    expect(deliveries.every((delivery) => delivery.deliveredAt)).toBe(true);
    expect(deliveries[1]?.seenAt).toEqual(expect.any(String));
    expect(deliveries[0]!.seenAt).toBeUndefined();

    const audit = await app.get(AuditService).list({ sessionId: alert.sessionId, limit: 1000 });
    const actions = (action: string) => audit.filter((entry) => entry.action === action);
    const levels = (action: string) =>
      actions(action)
        .filter((entry) => entry.entityId === alert.id)
        .map((entry) => entry.detail['level']);
    expect(levels('alert.escalated')).toEqual([1, 2]);
    expect(levels('alert.routed')).toEqual([0, 1, 2]);
    expect(actions('alert.seen')).toHaveLength(1);
  });

  it('sends again to a person none of whose screens confirmed, and records the receipt when one does', async () => {
    const thirdNurse = await login(app, 'third-nurse');
    const silent = await screen(url, thirdNurse, false);
    screens.push(silent);
    const alert = await desaturated(app, tokens, ids, 'R2', 'third-nurse');
    expect(levelsOf(silent, alert.id)).toEqual([0]);
    expect((await deliveriesOf(alert.id))[0]!.deliveredAt).toBeUndefined();

    const routing = app.get(AlertRouting);
    const stored = await app.get(AlertQueries).get(alert.id);
    if (!stored) throw new Error('the alert was not stored');
    await routing.route(stored, Date.now() + 5 * SECOND);
    await settle();
    expect(silent.routed).toHaveLength(1);
    await routing.route(stored, Date.now() + 60 * SECOND);
    await settle();
    expect(silent.routed).toHaveLength(2);
    expect((await deliveriesOf(alert.id))[0]!.deliveredAt).toBeUndefined();

    const answering = await screen(url, thirdNurse);
    screens.push(answering);
    await routing.route(stored, Date.now() + 120 * SECOND);
    await settle();
    expect(answering.routed.map((event) => event.alert.id)).toEqual([alert.id]);
    expect((await deliveriesOf(alert.id))[0]).toMatchObject({
      userId: ids.get('third-nurse'),
      deliveredAt: expect.any(String),
    });
  });

  it('routes every sounding alarm of a sweep to its own people, read for all of them at once', async () => {
    const first = await desaturated(app, tokens, ids, 'R3');
    const second = await desaturated(app, tokens, ids, 'R4');
    // Each chair handed to another nurse after its alarm sounded: the sweep reaches the new one.
    const dataSource = app.get(DataSource);
    const p = (n: number) => (dataSource.options.type === 'postgres' ? `$${n}` : '?');
    for (const [alert, nurse] of [
      [first, 'second-nurse'],
      [second, 'third-nurse'],
    ] as const) {
      await dataSource.query(
        `UPDATE infusion_session SET assigned_nurse_id = ${p(1)} WHERE id = ${p(2)}`,
        [ids.get(nurse), alert.sessionId],
      );
    }
    const secondNurse = await screen(url, await login(app, 'second-nurse'));
    const thirdNurse = await screen(url, await login(app, 'third-nurse'));
    screens.push(secondNurse, thirdNurse);

    // Private: what the sweep's routing reads, once for all the alarms it routes.
    const routing = app.get<AlertRouting, { routingReads: (alerts: Alert[]) => unknown }>(
      AlertRouting,
    );
    const reads = jest.spyOn(routing, 'routingReads');
    await app.get(AlertTimers).sweep(Date.now() + 5 * SECOND);
    await settle();
    const readTogether = reads.mock.calls.some(([alerts]) =>
      [first.id, second.id].every((id) => alerts.some((alert) => alert.id === id)),
    );
    reads.mockRestore();
    expect(readTogether).toBe(true);
    expect(levelsOf(secondNurse, first.id)).toEqual([0]);
    expect(levelsOf(thirdNurse, second.id)).toEqual([0]);
    expect(levelsOf(secondNurse, second.id)).toEqual([]);
    expect(levelsOf(thirdNurse, first.id)).toEqual([]);
    const sentTo = async (alert: Alert) =>
      (await deliveriesOf(alert.id)).map(({ userId, level }) => ({ userId, level }));
    expect(await sentTo(first)).toEqual(
      expect.arrayContaining([{ userId: ids.get('second-nurse'), level: 0 }]),
    );
    expect(await sentTo(second)).not.toContainEqual({ userId: ids.get('second-nurse'), level: 0 });
  });

  it('answers 404 for the deliveries of an alert that does not exist', async () => {
    const reply = await apiAs(app, tokens.nurse)
      .get('/alerts/00000000-0000-4000-8000-000000000000/deliveries')
      .expect(404);
    expect(reply.body.code).toBe('NOT_FOUND');
  });
});

const postgres = testDatabases().find((database) => database.name === 'postgres');

(postgres && serviceAvailable('redis') ? describe : describe.skip)(
  'alert routing over two instances on PostgreSQL and Redis',
  () => {
    let apps: NestExpressApplication[] = [];
    let first: NestExpressApplication;
    let second: NestExpressApplication;
    let secondUrl: string;
    let tokens: Record<Role, string>;
    let ids: Map<string, string>;
    const screens: Screen[] = [];

    beforeAll(async () => {
      const config: DatabaseConfig = await (postgres as NonNullable<typeof postgres>).create();
      ({ app: first } = await startTestApp(config, { redisUrl: REDIS_TEST_URL }));
      ({ app: second, url: secondUrl } = await startTestApp(config, { redisUrl: REDIS_TEST_URL }));
      apps = [first, second];
      apps.forEach((app) => app.get(AlertTimers).onApplicationShutdown());
      await seedUsers(first);
      tokens = await tokensByRole(first);
      ids = await userIds(first, tokens.admin);
    });

    afterAll(async () => {
      screens.forEach(({ socket }) => socket.close());
      await Promise.all(apps.map((app) => app.close()));
      await postgres?.drop();
    });

    it('sends each step once when both instances route it at the same moment, and takes the receipt from a screen on the other instance', async () => {
      const nurse = await screen(secondUrl, tokens.nurse);
      const physician = await screen(secondUrl, tokens.physician);
      screens.push(nurse, physician);
      const alert = await desaturated(first, tokens, ids, 'C1');
      expect(levelsOf(nurse, alert.id)).toEqual([0]);

      await first.get(AlertTimers).sweep(Date.now() + 61 * SECOND);
      await settle();
      const escalated = await first.get(AlertQueries).get(alert.id);
      if (!escalated) throw new Error('the alert was not stored');
      expect(escalated.escalationLevel).toBe(1);
      // Both instances route the step at once, as two sweeps or a sweep and a publication may.
      await Promise.all(apps.map((app) => app.get(AlertRouting).route(escalated)));
      await settle();
      // The step is routed once (one delivery row, one alert.routed entry, checked below). The
      // sweep above judged time 61 s ahead, so it may already have re-sent the step to a screen
      // whose receipt was still on its way: the screen saw step 1 and nothing else.
      expect(new Set(levelsOf(physician, alert.id))).toEqual(new Set([1]));

      const deliveries = (
        await apiAs(second, tokens.auditor).get(`/alerts/${alert.id}/deliveries`).expect(200)
      ).body as AlertDelivery[];
      expect(
        deliveries.map(({ role, level, deliveredAt }) => ({ role, level, deliveredAt })),
      ).toEqual([
        { role: 'nurse', level: 0, deliveredAt: expect.any(String) },
        { role: 'physician', level: 1, deliveredAt: expect.any(String) },
      ]);
      const audit = await second
        .get(AuditService)
        .list({ sessionId: alert.sessionId, limit: 1000 });
      const ofAlert = (action: string) =>
        audit.filter((entry) => entry.action === action && entry.entityId === alert.id);
      expect(ofAlert('alert.routed')).toHaveLength(2);
      expect(ofAlert('alert.escalated')).toHaveLength(1);
    });
  },
);
