import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DatabaseConfig } from '../config/app-config';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';

const ADMIN_PASSWORD = 'first-start admin password';

describe.each(testDatabases())('first start on $name', (database) => {
  let config: DatabaseConfig;
  let app: NestExpressApplication | null = null;
  const loginAs = (username: string, password: string) =>
    request(app!.getHttpServer()).post('/api/v1/auth/login').send({ username, password });

  beforeAll(async () => {
    config = await database.create();
  });

  afterEach(async () => {
    await app?.close();
    app = null;
  });

  afterAll(() => database.drop());

  it('creates admin from VIGIL_ADMIN_PASSWORD on an empty database', async () => {
    ({ app } = await startTestApp(config, { adminPassword: ADMIN_PASSWORD }));
    const reply = await loginAs('admin', ADMIN_PASSWORD).expect(200);
    expect(reply.body.user).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('never resets it on a later start with another password', async () => {
    ({ app } = await startTestApp(config, { adminPassword: 'another long password' }));
    await loginAs('admin', 'another long password').expect(401);
    await loginAs('admin', ADMIN_PASSWORD).expect(200);
  });

  it('slows down password guessing from one address', async () => {
    ({ app } = await startTestApp(config, { loginRateLimit: 3 }));
    for (let attempt = 0; attempt < 3; attempt += 1) await loginAs('nobody', 'guess').expect(401);
    const limited = await loginAs('nobody', 'guess').expect(429);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      message: expect.stringMatching(/too many requests/i),
    });
  });
});
