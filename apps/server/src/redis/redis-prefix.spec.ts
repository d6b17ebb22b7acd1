import type { NestExpressApplication } from '@nestjs/platform-express';
import { CLINICIANS_NAMESPACE, type Session } from '@vigil/shared';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { io, type Socket } from 'socket.io-client';
import { REDIS_TEST_URL, serviceAvailable } from '../../test/services';
import { testDatabases } from '../../test/test-databases';
import { startTestApp } from '../../test/test-app';
import { login, seedUsers } from '../../test/test-users';
import { loadConfig } from '../config/app-config';
import { ClinicianGateway } from '../realtime/clinician.gateway';

(serviceAvailable('redis') ? describe : describe.skip)('deployments sharing one Redis', () => {
  const run = randomBytes(4).toString('hex');
  const ours = `test-${run}-ours`;
  const theirs = `test-${run}-theirs`;
  const started: Array<{ app: NestExpressApplication; drop: () => Promise<void> }> = [];
  const sockets: Socket[] = [];

  async function instance(prefix: string) {
    const database = testDatabases()[0];
    const { app, url } = await startTestApp(await database.create(), {
      redisUrl: REDIS_TEST_URL,
      redisPrefix: prefix,
    });
    started.push({ app, drop: () => database.drop() });
    return { app, url };
  }

  async function watchWard(url: string, token: string): Promise<Session[]> {
    const socket = io(`${url}${CLINICIANS_NAMESPACE}`, {
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    });
    sockets.push(socket);
    const seen: Session[] = [];
    socket.on('session.updated', (session: Session) => seen.push(session));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return seen;
  }

  const sessionIn = (bay: string) => ({ id: randomBytes(8).toString('hex'), bay }) as Session;
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const { app, drop } of started) {
      await app.close();
      await drop();
    }
    const redis = createClient({ url: REDIS_TEST_URL });
    await redis.connect();
    for (const prefix of [ours, theirs]) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(keys);
    }
    await redis.quit();
  });

  it("hears its own replicas' events and never another deployment's", async () => {
    const screen = await instance(ours);
    const replica = await instance(ours);
    const elsewhere = await instance(theirs);
    await seedUsers(screen.app);
    const seen = await watchWard(screen.url, await login(screen.app, 'nurse'));

    const fromElsewhere = sessionIn('X1');
    elsewhere.app.get(ClinicianGateway).publishSessionUpdated(fromElsewhere);
    const fromReplica = sessionIn('A1');
    replica.app.get(ClinicianGateway).publishSessionUpdated(fromReplica);
    await settle();
    expect(seen.map((session) => session.id)).toEqual([fromReplica.id]);
  });

  it('keeps every key and stream under the deployment prefix', async () => {
    const redis = createClient({ url: REDIS_TEST_URL });
    await redis.connect();
    try {
      const keys = await redis.keys(`${ours}:*`);
      expect(keys).toEqual(expect.arrayContaining([`${ours}:socket.io`]));
      expect(keys.some((key) => key.startsWith(`${ours}:throttle:`))).toBe(true);
    } finally {
      await redis.quit();
    }
  });
});

describe('the default Redis prefix', () => {
  it('differs between databases and agrees between replicas of one', () => {
    const prefix = (url: string) => loadConfig({ DATABASE_URL: url }).redisPrefix;
    expect(prefix('postgres://a:secret@db:5432/clinic_a')).toBe(
      prefix('postgres://b:other@db:5432/clinic_a'),
    );
    expect(prefix('postgres://db:5432/clinic_a')).not.toBe(prefix('postgres://db:5432/clinic_b'));
    expect(prefix('sqlite:/srv/a.sqlite')).not.toBe(prefix('sqlite:/srv/b.sqlite'));
    expect(prefix('postgres://a:secret@db/clinic_a')).not.toContain('secret');
    expect(loadConfig({ VIGIL_REDIS_PREFIX: 'ward-7' }).redisPrefix).toBe('ward-7');
  });
});
