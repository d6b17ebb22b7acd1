import type { NestExpressApplication } from '@nestjs/platform-express';
import { get, Agent } from 'node:http';
import request from 'supertest';
import { startTestApp } from '../../test/test-app';

describe('the HTTP server', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApp({ type: 'sqlite', path: ':memory:' }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps an idle connection open longer than the proxy in front of it (nginx: 60 s)', async () => {
    const agent = new Agent({ keepAlive: true });
    const keepAlive = await new Promise<string | string[] | undefined>((resolve, reject) => {
      get(`${url}/api/v1/health`, { agent }, (response) => {
        response.resume();
        resolve(response.headers['keep-alive']);
      }).on('error', reject);
    });
    agent.destroy();
    expect(keepAlive).toBe('timeout=65');
  });

  it.each(['/api/v1/sessions', '/api/v1/auth/me', '/api/v1/no-such-route'])(
    'tells browsers and proxies to keep no copy of %s (patient data), refusals included',
    async (path) => {
      const reply = await request(app.getHttpServer()).get(path);
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.headers['pragma']).toBe('no-cache');
    },
  );

  it('leaves the health check, which names no patient, without no-store', async () => {
    const reply = await request(app.getHttpServer()).get('/api/v1/health').expect(200);
    expect(reply.headers['cache-control']).toBeUndefined();
  });
});
