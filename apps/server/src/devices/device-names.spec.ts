import type { NestExpressApplication } from '@nestjs/platform-express';
import { testDatabases } from '../../test/test-databases';
import { startTestApp } from '../../test/test-app';
import { apiAs, login, seedUsers } from '../../test/test-users';

describe.each(testDatabases())('names a nurse reads, on $name', (database) => {
  let app: NestExpressApplication;
  let admin: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    admin = apiAs(app, await login(app, 'admin'));
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('refuses a bay name with a bidi override, naming the field, and stores nothing', async () => {
    const before = (await admin.get('/devices').expect(200)).body as unknown[];
    const reply = await admin
      .post('/devices')
      .send({ label: 'Monitor 7', bay: '\u202E7 yaB' })
      .expect(400);
    expect(reply.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: [
        'bay must not contain control or invisible formatting characters (such as bidi overrides)',
      ],
    });
    expect((await admin.get('/devices').expect(200)).body).toHaveLength(before.length);
  });
});
