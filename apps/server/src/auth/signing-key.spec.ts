import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config';
import { testDatabases } from '../../test/test-databases';
import { startTestApp } from '../../test/test-app';
import { login, seedUsers } from '../../test/test-users';
import { SigningKey, signingKeyFromSecret } from './signing-key';

const SECRET = 'a-deployment-secret-of-more-than-32-characters';

describe.each(testDatabases())('the token signing key on $name', (database) => {
  let config: DatabaseConfig;
  let storedKey = '';
  const storedKeys = async (app: NestExpressApplication) =>
    app
      .get(DataSource)
      .query<Array<{ value: string }>>(
        "SELECT value FROM app_secret WHERE name = 'token-signing-key'",
      );

  beforeAll(async () => {
    config = await database.create();
  });

  afterAll(() => database.drop());

  it('without VIGIL_SECRET is kept in the database as before, and a warning says so', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const { app } = await startTestApp(config);
    try {
      storedKey = app.get(SigningKey).key;
      expect(await storedKeys(app)).toEqual([{ value: storedKey }]);
      expect(warn.mock.calls.some(([message]) => String(message).includes('VIGIL_SECRET'))).toBe(
        true,
      );
    } finally {
      warn.mockRestore();
      await app.close();
    }
  });

  it('with VIGIL_SECRET is derived from it, stored nowhere, and the old stored key forges nothing', async () => {
    const { app } = await startTestApp(config, { secret: SECRET });
    try {
      expect(app.get(SigningKey).key).toBe(signingKeyFromSecret(SECRET));
      expect(await storedKeys(app)).toEqual([]);
      await seedUsers(app);
      const token = await login(app, 'nurse');
      const claims = new JwtService().decode<{ sub: string; sid: string; exp: number }>(token);
      // What a dump of the database taken before VIGIL_SECRET was set would have revealed.
      const withOldKey = await new JwtService().signAsync(claims, { secret: storedKey });
      const me = (bearer: string) =>
        request(app.getHttpServer())
          .get('/api/v1/auth/me')
          .set('Authorization', `Bearer ${bearer}`);
      await me(token).expect(200);
      await me(withOldKey).expect(401);
    } finally {
      await app.close();
    }
  });

  it('is the same on every replica given the same secret, and differs with another', () => {
    expect(signingKeyFromSecret(SECRET)).toBe(signingKeyFromSecret(SECRET));
    expect(signingKeyFromSecret(SECRET)).not.toBe(signingKeyFromSecret(`${SECRET}!`));
  });
});
