import type { NestExpressApplication } from '@nestjs/platform-express';
import { ERROR_CODES } from '@vigil/shared';
import request from 'supertest';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { seedUsers, tokensByRole } from '../../test/test-users';

describe('error bodies', () => {
  let app: NestExpressApplication;
  let nurse: string;

  beforeAll(async () => {
    ({ app } = await startTestApp({ type: 'sqlite', path: ':memory:' }));
    await seedUsers(app);
    ({ nurse } = await tokensByRole(app));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('answers a body that is not JSON with 400 MALFORMED_BODY, not a missing route', async () => {
    const reply = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": "nurse", ');
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_BODY' });
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const reply = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ username: 'x'.repeat(1_100_000), password: 'y' }));
    expect(reply.status).toBe(413);
    expect(reply.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('gives every refusal a code from the shared list', async () => {
    const unauthenticated = await request(app.getHttpServer()).get('/api/v1/sessions');
    expect(unauthenticated.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    const invalid = await request(app.getHttpServer())
      .post('/api/v1/patients')
      .set('Authorization', `Bearer ${nurse}`)
      .send({ mrn: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    expect(ERROR_CODES).toContain(invalid.body.code);
    const missing = await request(app.getHttpServer())
      .get('/api/v1/sessions/6d1f8f6a-9d1c-4b67-8d55-0c1a7c0e2a11')
      .set('Authorization', `Bearer ${nurse}`);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('names a duplicate MRN with its own code', async () => {
    const patient = { mrn: 'ERR-1', displayName: 'Pat Doe', weightKg: 70 };
    const post = () =>
      request(app.getHttpServer())
        .post('/api/v1/patients')
        .set('Authorization', `Bearer ${nurse}`)
        .send(patient);
    await post().expect(201);
    const again = await post().expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'MRN_TAKEN' });
  });
});

describe.each(testDatabases())('NUL characters on $name', (database) => {
  let app: NestExpressApplication;
  let nurse: string;

  beforeAll(async () => {
    ({ app } = await startTestApp(await database.create()));
    await seedUsers(app);
    ({ nurse } = await tokensByRole(app));
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('refuses one anywhere in a body or a query with 400 naming the field, never a 500', async () => {
    const login = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ username: 'nur\u0000se', password: 'x' });
    expect(login.status).toBe(400);
    expect(login.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: ['username must not contain NUL characters'],
    });
    const patient = await request(app.getHttpServer())
      .post('/api/v1/patients')
      .set('Authorization', `Bearer ${nurse}`)
      .send({ mrn: 'NUL-1', displayName: 'Pat\u0000Doe', weightKg: 70 });
    expect(patient.status).toBe(400);
    const search = await request(app.getHttpServer())
      .get('/api/v1/sessions?patient=a%00b')
      .set('Authorization', `Bearer ${nurse}`);
    expect(search.status).toBe(400);
    expect(search.body.message).toEqual(['patient must not contain NUL characters']);
  });
});
