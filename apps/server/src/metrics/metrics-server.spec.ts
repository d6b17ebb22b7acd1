import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { startTestApp } from '../../test/test-app';
import { MetricsServer } from './metrics-server';

describe('Prometheus metrics', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    ({ app } = await startTestApp({ type: 'sqlite', path: ':memory:' }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('are served on their own port', async () => {
    await request(app.getHttpServer()).get('/api/v1/health').expect(200);
    const port = app.get(MetricsServer).port;
    expect(port).toBeGreaterThan(0);
    const reply = await request(`http://127.0.0.1:${port}`).get('/metrics').expect(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain/);
    expect(reply.text).toContain('vigil_http_request_duration_seconds_count');
    expect(reply.text).toContain('vigil_process_cpu_seconds_total');
    await request(`http://127.0.0.1:${port}`).get('/api/v1/health').expect(404);
  });

  it.each(['/metrics', '/metrics/', '/METRICS', '/api/v1/metrics'])(
    'are not served on the public port at all (%s)',
    async (path) => {
      const reply = await request(app.getHttpServer()).get(path).expect(404);
      expect(reply.text).not.toContain('vigil_');
    },
  );
});
