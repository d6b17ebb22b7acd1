import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CLINICIANS_NAMESPACE } from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers, TEST_PASSWORD } from '../../test/test-users';
import { SigningKey } from '../auth/signing-key';

describe.each(testDatabases())('clinician socket authentication on $name', (database) => {
  let app: NestExpressApplication;
  let url: string;
  const http = () => request(app.getHttpServer());

  function connect(auth: Record<string, unknown>): Promise<Socket> {
    const socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth,
      reconnection: false,
    });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (error) => {
        socket.close();
        reject(error);
      });
    });
  }

  const disconnection = (socket: Socket) =>
    new Promise<string>((resolve) => socket.once('disconnect', resolve));

  beforeAll(async () => {
    ({ app, url } = await startTestApp(await database.create()));
    await seedUsers(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('refuses a handshake without a token, with a forged one, or from a role that sees no patients', async () => {
    await expect(connect({})).rejects.toThrow('unauthorized');
    await expect(connect({ token: 'forged' })).rejects.toThrow('unauthorized');
    await expect(connect({ token: await login(app, 'admin') })).rejects.toThrow('forbidden');
  });

  it.each(['nurse', 'physician', 'auditor'])(
    'accepts a %s and lets it narrow what it watches',
    async (role) => {
      const socket = await connect({ token: await login(app, role) });
      try {
        expect(await socket.emitWithAck('watch', { bays: ['3'] })).toEqual({
          bays: ['3'],
          sessionIds: [],
        });
        expect(await socket.emitWithAck('watch', {})).toEqual({ bays: 'all', sessionIds: [] });
        expect(await socket.emitWithAck('watch', { sessionIds: ['x'] })).toEqual({
          error: {
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: ['sessionIds[0] must be a session id (UUID)'],
          },
        });
      } finally {
        socket.close();
      }
    },
  );

  it('disconnects the sockets of a login that ends', async () => {
    const token = await login(app, 'nurse');
    const socket = await connect({ token });
    const closed = disconnection(socket);
    await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    expect(await closed).toBe('io server disconnect');
  });

  it('disconnects every socket of a user who is disabled', async () => {
    const admin = await login(app, 'admin');
    const user = await http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        username: 'nightshift',
        displayName: 'Night Shift',
        role: 'nurse',
        password: TEST_PASSWORD,
      })
      .expect(201);
    const sockets = await Promise.all([
      connect({ token: await login(app, 'nightshift') }),
      connect({ token: await login(app, 'nightshift') }),
    ]);
    const closed = Promise.all(sockets.map(disconnection));
    await http()
      .patch(`/api/v1/users/${user.body.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ disabled: true })
      .expect(200);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
  });

  it('disconnects a socket when its token expires', async () => {
    const token = await login(app, 'physician');
    const claims = new JwtService().decode<{ sub: string; sid: string }>(token);
    const shortLived = await new JwtService().signAsync(
      { sub: claims.sub, sid: claims.sid, exp: Math.floor(Date.now() / 1000) + 2 },
      { secret: app.get(SigningKey).key },
    );
    const socket = await connect({ token: shortLived });
    const started = Date.now();
    expect(await disconnection(socket)).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(3_500);
  });
});
