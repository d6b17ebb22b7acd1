import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { login, seedUsers, TEST_PASSWORD } from '../../test/test-users';

describe.each(testDatabases())('user administration on $name', (database) => {
  let app: NestExpressApplication;
  let admin: string;
  const http = () => request(app.getHttpServer());
  const asAdmin = (call: request.Test) => call.set('Authorization', `Bearer ${admin}`);
  const account = (username: string, role = 'nurse') => ({
    username,
    displayName: username,
    role,
    password: TEST_PASSWORD,
  });

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    admin = await login(app, 'admin');
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('creates a user, never returns the password, and refuses a duplicate username', async () => {
    const created = await asAdmin(http().post('/api/v1/users'))
      .send(account('day-nurse'))
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      username: 'day-nurse',
      displayName: 'day-nurse',
      role: 'nurse',
      disabled: false,
      lockedUntil: null,
      createdAt: expect.any(String),
    });
    const again = await asAdmin(http().post('/api/v1/users'))
      .send(account('day-nurse'))
      .expect(409);
    expect(again.body).toMatchObject({
      code: 'USERNAME_TAKEN',
      message: 'username day-nurse is taken',
    });
  });

  it('names every bad field of a new user', async () => {
    const reply = await asAdmin(http().post('/api/v1/users'))
      .send({ username: 'A B', displayName: '', role: 'superuser', password: 'short' })
      .expect(400);
    expect(reply.body.message).toEqual([
      'username must be 3–64 characters: lower-case letters, digits, . _ -',
      'displayName must not be empty',
      'role must be one of nurse, physician, auditor, admin',
      'password must be at least 12 characters',
    ]);
  });

  it('lets a re-enable let in at once an account held back by wrong passwords', async () => {
    const user = (
      await asAdmin(http().post('/api/v1/users')).send(account('locked-out')).expect(201)
    ).body;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await http()
        .post('/api/v1/auth/login')
        .send({ username: 'locked-out', password: 'wrong' })
        .expect(401);
    }
    await http()
      .post('/api/v1/auth/login')
      .send({ username: 'locked-out', password: TEST_PASSWORD })
      .expect(401);
    const unlocked = await asAdmin(http().patch(`/api/v1/users/${user.id}`))
      .send({ disabled: false })
      .expect(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    await http()
      .post('/api/v1/auth/login')
      .send({ username: 'locked-out', password: TEST_PASSWORD })
      .expect(200);
  });

  it('always keeps an enabled admin', async () => {
    const self = (await http().get('/api/v1/auth/me').set('Authorization', `Bearer ${admin}`)).body;
    const selfDemote = await asAdmin(http().patch(`/api/v1/users/${self.id}`))
      .send({ role: 'nurse' })
      .expect(409);
    expect(selfDemote.body.code).toBe('OWN_ADMIN_ACCOUNT');
    const second = (
      await asAdmin(http().post('/api/v1/users')).send(account('second-admin', 'admin')).expect(201)
    ).body;
    const secondToken = await login(app, 'second-admin');
    await http()
      .patch(`/api/v1/users/${self.id}`)
      .set('Authorization', `Bearer ${secondToken}`)
      .send({ disabled: true })
      .expect(200);
    const last = await http()
      .patch(`/api/v1/users/${second.id}`)
      .set('Authorization', `Bearer ${secondToken}`)
      .send({ disabled: true })
      .expect(409);
    expect(last.body.message).toMatch(/cannot disable or demote themself/);
  });
});
