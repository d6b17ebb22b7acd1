import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  CLINICIANS_NAMESPACE,
  type OrderAwaitingSignature,
  type OrderSigned,
  type Role,
} from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { apiAs, login, seedUsers, TEST_PASSWORD, tokensByRole } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { actorOf, systemPrincipal } from '../auth/principal';
import { UnitOfWork } from '../database/unit-of-work';
import { UsersService } from '../users/users.service';

/** A clinician's open screen and the order notices it has heard. */
interface Screen {
  socket: Socket;
  awaiting: OrderAwaitingSignature[];
  signed: OrderSigned[];
}

async function screen(url: string, token: string): Promise<Screen> {
  const socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { token },
  });
  const shown: Screen = { socket, awaiting: [], signed: [] };
  socket.on('order.awaiting-signature', (notice: OrderAwaitingSignature) =>
    shown.awaiting.push(notice),
  );
  socket.on('order.signed', (signed: OrderSigned) => shown.signed.push(signed));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return shown;
}

/** Resolves once the screen has heard what `seen` looks for, or fails after 5 s. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('the screen heard nothing in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(testDatabases())(
  'physicians hear of orders waiting for them on $name',
  (database) => {
    let app: NestExpressApplication;
    let url: string;
    let tokens: Record<Role, string>;
    let ids: Map<string, string>;
    let count = 0;
    const screens: Screen[] = [];
    const as = (role: Role) => apiAs(app, tokens[role]);

    async function open(token: string): Promise<Screen> {
      const opened = await screen(url, token);
      screens.push(opened);
      return opened;
    }

    async function schedule(
      by: Role,
      extra: Record<string, unknown> = {},
    ): Promise<{ id: string; bay: string }> {
      count += 1;
      const patient = await as('nurse')
        .post('/patients')
        .send({
          mrn: `ORD-${count}`,
          displayName: 'Robin Order',
          birthDate: '1975-06-01',
          weightKg: 70,
        })
        .expect(201);
      const created = await as(by)
        .post('/sessions')
        .send({
          patientId: patient.body.id,
          bay: `O${count}`,
          indication: 'depression',
          doseMgPerKg: 0.5,
          ...extra,
        })
        .expect(201);
      return { id: created.body.id as string, bay: `O${count}` };
    }

    beforeAll(async () => {
      ({ app, url } = await startTestApp(await database.create()));
      await seedUsers(app);
      await app.get(UnitOfWork).run((manager) =>
        app.get(UsersService).ensure(manager, actorOf(systemPrincipal('test')), {
          username: 'second-physician',
          displayName: 'Test second physician',
          role: 'physician',
          password: TEST_PASSWORD,
        }),
      );
      tokens = await tokensByRole(app);
      const users = (await as('admin').get('/users').expect(200)).body as Array<{
        id: string;
        username: string;
      }>;
      ids = new Map(users.map((user) => [user.username, user.id]));
    });

    afterEach(() => {
      for (const opened of screens.splice(0)) opened.socket.disconnect();
    });

    afterAll(async () => {
      await app?.close();
      await database.drop();
    });

    it('tells every physician on duty of a nurse’s drafted order, with both identifiers, and audits whom', async () => {
      const physician = await open(tokens.physician);
      const nurse = await open(tokens.nurse);
      const session = await schedule('nurse');

      await until(() => physician.awaiting.length > 0);
      expect(physician.awaiting).toEqual([
        {
          sessionId: session.id,
          bay: session.bay,
          scheduledAt: expect.any(String),
          patient: expect.objectContaining({ displayName: 'Robin Order', mrn: `ORD-${count}` }),
          doseMgPerKg: 0.5,
          draftedBy: 'nurse',
          draftedByName: 'Test nurse',
        },
      ]);
      expect(nurse.awaiting).toEqual([]);
      const [audited] = (await app.get(AuditService).list({ sessionId: session.id })).filter(
        (entry) => entry.action === 'order.notified',
      );
      expect(audited?.detail).toEqual({
        recipients: [ids.get('physician')],
        draftedBy: 'nurse',
        to: 'physicians-on-duty',
      });
    });

    it('tells no one of a session a physician scheduled with the order signed', async () => {
      const physician = await open(tokens.physician);
      const signedByPhysician = await schedule('physician');
      const drafted = await schedule('nurse');

      await until(() => physician.awaiting.some((notice) => notice.sessionId === drafted.id));
      expect(physician.awaiting.map((notice) => notice.sessionId)).toEqual([drafted.id]);
      expect(physician.awaiting.some((notice) => notice.sessionId === signedByPhysician.id)).toBe(
        false,
      );
      const entries = await app.get(AuditService).list({ sessionId: signedByPhysician.id });
      expect(entries.some((entry) => entry.action === 'order.notified')).toBe(false);
    });

    it('tells the supervising physician alone when the session names one', async () => {
      const physician = await open(tokens.physician);
      const supervising = await open(await login(app, 'second-physician'));
      const session = await schedule('nurse', {
        supervisingPhysicianId: ids.get('second-physician'),
      });

      await until(() => supervising.awaiting.length > 0);
      expect(supervising.awaiting.map((notice) => notice.sessionId)).toEqual([session.id]);
      // The other physician's screen is open too; a later notice to it would follow this one.
      const drafted = await schedule('nurse');
      await until(() => physician.awaiting.some((notice) => notice.sessionId === drafted.id));
      expect(physician.awaiting.map((notice) => notice.sessionId)).toEqual([drafted.id]);
    });

    it('tells the physicians’ screens when the order is signed, and only the first time', async () => {
      const session = await schedule('nurse');
      const physician = await open(tokens.physician);
      const supervising = await open(await login(app, 'second-physician'));
      const nurse = await open(tokens.nurse);
      const order = { doseMgPerKg: 0.5, plannedDurationMin: 40 };

      await as('physician').post(`/sessions/${session.id}/order`).send(order).expect(200);
      await until(() => physician.signed.length > 0 && supervising.signed.length > 0);
      expect(physician.signed).toEqual([{ sessionId: session.id, signedBy: 'physician' }]);
      expect(supervising.signed).toEqual(physician.signed);

      await as('physician')
        .post(`/sessions/${session.id}/order`)
        .send({ ...order, plannedDurationMin: 45 })
        .expect(200);
      // A second session's signature orders the screen's events: the re-signing sent nothing first.
      const next = await schedule('nurse');
      await as('physician').post(`/sessions/${next.id}/order`).send(order).expect(200);
      await until(() => physician.signed.some((signed) => signed.sessionId === next.id));
      expect(physician.signed.map((signed) => signed.sessionId)).toEqual([session.id, next.id]);
      expect(nurse.signed).toEqual([]);
    });
  },
);
