import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp } from '../../test/test-app';

describe('GET /health', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    ({ app } = await startTestApp({ type: 'sqlite', path: ':memory:' }));
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
  });

  it('says ok with each part when all is well', async () => {
    const reply = await request(app.getHttpServer()).get('/api/v1/health').expect(200);
    expect(reply.body).toEqual({ status: 'ok', db: 'up', redis: 'disabled' });
  });

  it('answers 503 naming the part that failed', async () => {
    await app.get(DataSource).destroy();
    const reply = await request(app.getHttpServer()).get('/api/v1/health').expect(503);
    expect(reply.body).toEqual({ status: 'error', db: 'down', redis: 'disabled' });
  });
});
