import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { testDatabases } from '../../test/test-databases';
import { startTestApp } from '../../test/test-app';
import { seedUsers, TEST_PASSWORD } from '../../test/test-users';
import { AuditService } from '../audit/audit.service';
import { PasswordHasher } from '../users/password-hasher';
import { FREE_LOGIN_FAILURES } from './login-delay';
import { RejectedCredentials } from './rejected-credentials';

const LOGIN_RATE_LIMIT = 10;

describe.each(testDatabases())('login limits on $name', (database) => {
  let app: NestExpressApplication;
  /** Each test speaks from addresses of its own (behind the proxy: X-Forwarded-For). */
  let nextAddress = 1;
  const freshAddress = () => `10.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;
  const loginFrom = (address: string, username: string, password: string) =>
    request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', address)
      .send({ username, password });
  const auditEntries = () => app.get(AuditService).list({ limit: 100_000 });

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create(), {
      trustProxyHops: 1,
      loginRateLimit: LOGIN_RATE_LIMIT,
    }));
    await seedUsers(app);
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('delays guesses from the address that made them, never the nurse at her own screen', async () => {
    const attacker = freshAddress();
    for (let attempt = 1; attempt <= FREE_LOGIN_FAILURES + 1; attempt += 1) {
      const wrong = await loginFrom(attacker, 'nurse', 'wrong').expect(401);
      expect(wrong.body.code).toBe('UNAUTHENTICATED');
    }
    // The right password is not even checked from there while the delay runs...
    const delayed = await loginFrom(attacker, 'nurse', TEST_PASSWORD).expect(401);
    expect(delayed.body).toMatchObject({
      code: 'LOGIN_DELAYED',
      details: { retryAt: expect.any(String) },
    });
    // ...while the nurse logs in at once from her own workstation.
    await loginFrom(freshAddress(), 'nurse', TEST_PASSWORD).expect(200);
  });

  it('treats an unknown name like a real one: delayed alike, and its password checked against a stand-in hash', async () => {
    const verify = jest.spyOn(app.get(PasswordHasher), 'verify');
    const address = freshAddress();
    await loginFrom(address, 'nobody-here', 'guess').expect(401);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify.mock.calls[0]?.[0]).toMatch(/^\$argon2id\$/);
    verify.mockRestore();
    for (let attempt = 2; attempt <= FREE_LOGIN_FAILURES + 1; attempt += 1) {
      await loginFrom(address, 'nobody-here', 'guess').expect(401);
    }
    expect((await loginFrom(address, 'nobody-here', 'guess').expect(401)).body.code).toBe(
      'LOGIN_DELAYED',
    );
  });

  it('checks one guess at a time per account and address, and loses no failure, under 40 concurrent guesses', async () => {
    const address = freshAddress();
    const verify = jest.spyOn(app.get(PasswordHasher), 'verify');
    // Past the address's login rate limit on purpose: those refusals (429) check nothing either.
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => loginFrom(address, 'physician', 'wrong')),
    );
    const checked = verify.mock.calls.length;
    verify.mockRestore();
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    const wrongPassword = replies.filter((reply) => reply.body.code === 'UNAUTHENTICATED').length;
    expect(wrongPassword).toBe(checked);
    expect(checked).toBeLessThanOrEqual(FREE_LOGIN_FAILURES + 1);
    const [row] = await app
      .get(DataSource)
      .query<Array<{ failures: number }>>(
        `SELECT failures FROM login_attempt WHERE username = 'physician' AND address = '${address}'`,
      );
    expect(Number(row?.failures)).toBe(checked);
  });

  it('counts logins per address, whatever credentials headers come with them', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= LOGIN_RATE_LIMIT; attempt += 1) {
      const reply = await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', address)
        .set('Authorization', `Bearer junk-${attempt}`)
        .set('X-Device-Key', `junk-${attempt}`)
        .send({ username: 'auditor', password: TEST_PASSWORD });
      statuses.push(reply.status);
    }
    expect(statuses.slice(0, LOGIN_RATE_LIMIT).every((status) => status === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('writes refused credentials from one address as one audit entry with their count, not one each', async () => {
    const address = freshAddress();
    const rejected = app.get(RejectedCredentials);
    await rejected.flush();
    const before = (await auditEntries()).length;
    const junk = Array.from({ length: 30 }, (_, index) =>
      request(app.getHttpServer())
        .get('/api/v1/sessions')
        .set('X-Forwarded-For', address)
        .set('X-Device-Key', `not-a-key-${index}`)
        .expect(401),
    );
    await Promise.all(junk);
    await loginFrom(address, 'ghost', 'guess').expect(401);
    expect((await auditEntries()).length).toBe(before);
    await rejected.flush();
    const written = (await auditEntries()).slice(before);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      action: 'auth.failed',
      actor: `anonymous@${address}`,
      detail: {
        count: 31,
        reasons: { 'device-key': 30, 'unknown-user': 1 },
        targets: ['GET /api/v1/sessions'],
      },
    });
    expect((await app.get(AuditService).verify()).valid).toBe(true);
  });

  it('still audits every successful login on its own', async () => {
    const before = (await auditEntries()).filter((entry) => entry.action === 'auth.login').length;
    await loginFrom(freshAddress(), 'auditor', TEST_PASSWORD).expect(200);
    const after = (await auditEntries()).filter((entry) => entry.action === 'auth.login').length;
    expect(after).toBe(before + 1);
  });
});
