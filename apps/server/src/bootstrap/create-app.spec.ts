import type { NestExpressApplication } from '@nestjs/platform-express';
import { get, Agent } from 'node:http';
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
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      get(`${url}/api/v1/health`, { agent }, (response) => {
        response.resume();
        resolve(response.headers['keep-alive']);
      }).on('error', reject);
    });
    agent.destroy();
    expect(keepAlive).toBe('timeout=65');
  });
});
