import type { NestExpressApplication } from '@nestjs/platform-express';
import { CLINICIANS_NAMESPACE, type Duty, type Role, type Session } from '@vigil/shared';
import { io } from 'socket.io-client';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { DataSource } from 'typeorm';
import { apiAs, seedUsers, TEST_PASSWORD, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';

const HOUR = 3600_000;

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

async function userNamed(app: NestExpressApplication, username: string): Promise<UserEntity> {
  return app.get(DataSource).getRepository(UserEntity).findOneByOrFail({ username });
}
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

describe.each(testDatabases())('duty and assignments on $name', (database) => {
  let app: NestExpressApplication;
  let url: string;
  let tokens: Record<Role, string>;
  let ids: Map<string, string>;
  const as = (role: Role) => apiAs(app, tokens[role]);
  const id = (username: string) => ids.get(username) ?? '';

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await database.create()));
    await seedUsers(app);
    tokens = await tokensByRole(app);
    const users = await app.get(DataSource).getRepository(UserEntity).find();
    ids = new Map(users.map((user) => [user.username, user.id]));
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('makes a nurse charge nurse until the given time, audited, and names who is on duty', async () => {
    const until = inHours(8);
    const set: Duty = (
      await as('physician')
        .put('/duty/charge-nurse')
        .send({ userId: id('nurse'), until })
        .expect(200)
    ).body;
    expect(set.chargeNurse).toMatchObject({ userId: id('nurse'), username: 'nurse', until });

    const socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token: tokens.physician },
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    try {
      const duty: Duty = (await as('auditor').get('/duty').expect(200)).body;
      expect(duty.chargeNurse?.userId).toBe(id('nurse'));
      expect(duty.onDuty).toEqual([
        expect.objectContaining({ userId: id('physician'), role: 'physician' }),
      ]);
    } finally {
      socket.disconnect();
    }
    const audit = (await app.get(AuditService).list({ actor: 'physician' })).filter(
      (entry) => entry.action === 'duty.charge-nurse',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'physician', entityId: id('nurse') });
  });

  it('ends the current shift at a handover: one charge nurse at a time', async () => {
    await addUser(app, 'night-nurse', 'nurse');
    ids.set('night-nurse', (await userNamed(app, 'night-nurse')).id);
    await as('nurse')
      .put('/duty/charge-nurse')
      .send({ userId: id('nurse'), until: inHours(4) });
    const until = inHours(10);
    const handedOver: Duty = (
      await as('nurse')
        .put('/duty/charge-nurse')
        .send({ userId: id('night-nurse'), until })
        .expect(200)
    ).body;
    expect(handedOver.chargeNurse).toMatchObject({ userId: id('night-nurse'), until });
    const open = await app
      .get(DataSource)
      .query(
        `SELECT COUNT(*) AS n FROM charge_nurse_shift WHERE ends_at > '${new Date().toISOString()}'`,
      );
    expect(Number(open[0].n)).toBe(1);
  });

  it('leaves one charge nurse when handovers race', async () => {
    await Promise.all(
      ['nurse', 'night-nurse', 'nurse', 'night-nurse'].map((username) =>
        as('nurse')
          .put('/duty/charge-nurse')
          .send({ userId: id(username), until: inHours(6) })
          .expect(200),
      ),
    );
    const open = await app
      .get(DataSource)
      .query(
        `SELECT COUNT(*) AS n FROM charge_nurse_shift WHERE ends_at > '${new Date().toISOString()}'`,
      );
    expect(Number(open[0].n)).toBe(1);
  });

  it.each([
    ['a physician', () => ({ userId: id('physician'), until: inHours(1) })],
    ['a time past', () => ({ userId: id('nurse'), until: inHours(-1) })],
    ['a shift over a day', () => ({ userId: id('nurse'), until: inHours(25) })],
    ['no time', () => ({ userId: id('nurse') })],
  ])('refuses %s as charge nurse with 400 VALIDATION_FAILED', async (_case, body) => {
    const reply = await as('nurse').put('/duty/charge-nurse').send(body()).expect(400);
    expect(reply.body.code).toBe('VALIDATION_FAILED');
  });

  it('lets neither an auditor nor an admin set the charge nurse', async () => {
    for (const role of ['auditor', 'admin'] as const)
      await as(role)
        .put('/duty/charge-nurse')
        .send({ userId: id('nurse'), until: inHours(1) })
        .expect(403);
  });

  describe('a session assignment', () => {
    let session: Session;

    beforeAll(async () => {
      const patient = await as('nurse')
        .post('/patients')
        .send({ mrn: 'DUTY-1', displayName: 'Duty Patient', weightKg: 70 })
        .expect(201);
      session = (
        await as('physician')
          .post('/sessions')
          .send({
            patientId: patient.body.id,
            bay: 'D1',
            indication: 'alcohol-use-disorder',
            doseMgPerKg: 0.5,
          })
          .expect(201)
      ).body;
    });

    it('changes the assigned nurse and physician on the next revision, audited', async () => {
      const changed: Session = (
        await as('nurse')
          .put(`/sessions/${session.id}/assignment`)
          .send({ assignedNurseId: id('nurse'), supervisingPhysicianId: id('physician') })
          .expect(200)
      ).body;
      expect(changed).toMatchObject({
        assignedNurseId: id('nurse'),
        supervisingPhysicianId: id('physician'),
        revision: session.revision + 1,
      });
      const cleared: Session = (
        await as('physician')
          .put(`/sessions/${session.id}/assignment`)
          .send({ assignedNurseId: null })
          .expect(200)
      ).body;
      expect(cleared).toMatchObject({
        assignedNurseId: null,
        supervisingPhysicianId: id('physician'),
      });
      const audit = (await app.get(AuditService).list({ sessionId: session.id })).filter(
        (entry) => entry.action === 'session.assignment',
      );
      expect(audit.map((entry) => entry.actor)).toEqual(['nurse', 'physician']);
    });

    it('refuses a person of the wrong role and an empty body, storing nothing', async () => {
      const before: Session = (await as('nurse').get(`/sessions/${session.id}`).expect(200)).body;
      for (const body of [
        { assignedNurseId: id('physician') },
        { supervisingPhysicianId: id('nurse') },
        {},
      ]) {
        const reply = await as('nurse')
          .put(`/sessions/${session.id}/assignment`)
          .send(body)
          .expect(400);
        expect(reply.body.code).toBe('VALIDATION_FAILED');
      }
      const after: Session = (await as('nurse').get(`/sessions/${session.id}`).expect(200)).body;
      expect(after.revision).toBe(before.revision);
    });

    it('is refused to an auditor', async () => {
      await as('auditor')
        .put(`/sessions/${session.id}/assignment`)
        .send({ assignedNurseId: id('nurse') })
        .expect(403);
    });
  });
});
