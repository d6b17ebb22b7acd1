import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp } from '../../test/test-app';

describe('the built dashboard as served', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-dashboard-'));
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="/assets/app-3f9a1c.js">');
    writeFileSync(
      join(dir, 'assets', 'app-3f9a1c.js'),
      'console.log(1);\n//# sourceMappingURL=app-3f9a1c.js.map',
    );
    writeFileSync(join(dir, 'assets', 'app-3f9a1c.js.map'), '{"sources":["secret.ts"]}');
    ({ app } = await startTestApp({ type: 'sqlite', path: ':memory:' }, { dashboardDir: dir }));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets browsers keep content-hashed assets for a year', async () => {
    const reply = await http().get('/assets/app-3f9a1c.js').expect(200);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/ward'])(
    'has the browser revalidate the page that names them (%s)',
    async (path) => {
      const reply = await http().get(path).expect(200);
      expect(reply.text).toContain('app-3f9a1c.js');
      expect(reply.headers['cache-control']).toBe('no-cache');
    },
  );

  it('serves no source map', async () => {
    await http().get('/assets/app-3f9a1c.js.map').expect(404);
  });

  it('answers the API and the metrics paths with 404, never the page', async () => {
    await http().get('/api/v1/nothing-here').expect(404);
    await http().get('/metrics').expect(404);
    await http().get('/metrics/').expect(404);
  });
});
