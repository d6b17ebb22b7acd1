import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { testDatabases } from '../../test/test-databases';
import { startTestApp } from '../../test/test-app';
import { login, seedUsers, TEST_PASSWORD } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { RejectedCredentials } from './rejected-credentials';
import { SigningKey } from './signing-key';

describe.each(testDatabases())('authentication on $name', (database) => {
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());
  const me = (token: string) =>
    http().get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);
  const lastAudit = async (action: string) =>
    (await app.get(AuditService).list({ limit: 5000 }))
      .filter((entry) => entry.action === action)
      .at(-1);

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('logs in with username and password and returns a short-lived token and the user', async () => {
    const reply = await http()
      .post('/api/v1/auth/login')
      .send({ username: 'nurse', password: TEST_PASSWORD })
      .expect(200);
    expect(reply.body).toEqual({
      accessToken: expect.any(String),
      expiresAt: expect.any(String),
      user: { id: expect.any(String), username: 'nurse', displayName: 'Test nurse', role: 'nurse' },
    });
    const lifetime = Date.parse(reply.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(10 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(15 * 60_000);
    expect((await me(reply.body.accessToken).expect(200)).body.username).toBe('nurse');
    expect(await lastAudit('auth.login')).toMatchObject({ actor: 'nurse', role: 'nurse' });
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    const wrong = await http()
      .post('/api/v1/auth/login')
      .send({ username: 'physician', password: 'nope' })
      .expect(401);
    const unknown = await http()
      .post('/api/v1/auth/login')
      .send({ username: 'ghost', password: 'nope' })
      .expect(401);
    expect(wrong.body.message).toBe('invalid username or password');
    expect(unknown.body.message).toBe(wrong.body.message);
    await app.get(RejectedCredentials).flush();
    expect(Object.keys((await lastAudit('auth.failed'))?.detail['reasons'] as object)).toEqual(
      expect.arrayContaining(['wrong-password', 'unknown-user']),
    );
  });

  it('ends the login on logout: the same token is refused at once', async () => {
    const token = await login(app, 'physician');
    await http().post('/api/v1/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
    expect((await me(token).expect(401)).body.message).toBe('login has ended');
  });

  it('refreshes a valid token into a new one for the same login', async () => {
    const token = await login(app, 'auditor');
    const reply = await http()
      .post('/api/v1/auth/refresh')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(reply.body.user.username).toBe('auditor');
    await me(reply.body.accessToken).expect(200);
  });

  it('refuses expired and forged tokens with 401 and audits them', async () => {
    const token = await login(app, 'nurse');
    const claims = new JwtService().decode<{ sub: string; sid: string }>(token);
    const jwt = new JwtService();
    const expired = await jwt.signAsync(
      { sub: claims.sub, sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 5 },
      { secret: app.get(SigningKey).key },
    );
    const forged = await jwt.signAsync(
      { sub: claims.sub, sid: claims.sid, exp: Math.floor(Date.now() / 1000) + 600 },
      { secret: 'not-the-key' },
    );
    expect((await me(expired).expect(401)).body.message).toBe('access token expired');
    expect((await me(forged).expect(401)).body.message).toBe('access token invalid');
    expect((await me('garbage').expect(401)).body.message).toBe('access token invalid');
    await app.get(RejectedCredentials).flush();
    expect(await lastAudit('auth.failed')).toMatchObject({
      role: 'anonymous',
      detail: {
        reasons: { 'token: access token expired': 1, 'token: access token invalid': 2 },
        targets: ['GET /api/v1/auth/me'],
      },
    });
  });

  it('refuses a token signed with the key but without an expiry, or living longer than Vigil issues', async () => {
    const token = await login(app, 'nurse');
    const { sub, sid } = new JwtService().decode<{ sub: string; sid: string }>(token);
    const secret = app.get(SigningKey).key;
    const jwt = new JwtService();
    const forever = await jwt.signAsync({ sub, sid }, { secret });
    const aDay = await jwt.signAsync(
      { sub, sid, exp: Math.floor(Date.now() / 1000) + 24 * 3600 },
      { secret },
    );
    expect((await me(forever).expect(401)).body.message).toBe('access token invalid');
    expect((await me(aDay).expect(401)).body.message).toBe('access token invalid');
  });

  it('disconnects a disabled user at once: existing tokens stop working and login is refused', async () => {
    const admin = await login(app, 'admin');
    const created = await http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        username: 'leaver',
        displayName: 'Leaver',
        role: 'physician',
        password: TEST_PASSWORD,
      })
      .expect(201);
    const token = await login(app, 'leaver');
    await http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ disabled: true })
      .expect(200);
    await me(token).expect(401);
    await http()
      .post('/api/v1/auth/login')
      .send({ username: 'leaver', password: TEST_PASSWORD })
      .expect(401);
  });

  it('refuses a role escalation in a request body: 403 for a nurse, 400 for an unknown field', async () => {
    const nurse = await login(app, 'nurse');
    const self = (await me(nurse)).body;
    await http()
      .patch(`/api/v1/users/${self.id}`)
      .set('Authorization', `Bearer ${nurse}`)
      .send({ role: 'admin' })
      .expect(403);
    const sneaky = await http()
      .post('/api/v1/auth/login')
      .send({ username: 'nurse', password: TEST_PASSWORD, role: 'admin' })
      .expect(400);
    expect(sneaky.body.message).toEqual(['role is not a recognised field']);
    expect((await me(nurse)).body.role).toBe('nurse');
    expect(await lastAudit('access.denied')).toMatchObject({
      actor: 'nurse',
      detail: { target: 'PATCH /api/v1/users/:id' },
    });
  });

  it('bootstraps nothing from an empty VIGIL_ADMIN_PASSWORD and names bad login input', async () => {
    const reply = await http().post('/api/v1/auth/login').send({ username: '' }).expect(400);
    expect(reply.body.message).toEqual(['username must not be empty', 'password is required']);
  });
});
