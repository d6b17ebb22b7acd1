import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../src/bootstrap/create-app';
import { type AppConfig, type DatabaseConfig, loadConfig } from '../src/config/app-config';

/** The whole application, as main.ts builds it, on a given database and a free port. */
export async function startTestApp(
  database: DatabaseConfig,
  overrides: Partial<AppConfig> = {},
): Promise<{ app: NestExpressApplication; url: string }> {
  const config: AppConfig = {
    ...loadConfig({ LOG_LEVEL: 'silent', VIGIL_DASHBOARD_DIR: '/nonexistent' }),
    port: 0,
    database,
    // Suites log in far more often than a person; the login limit has a test of its own.
    loginRateLimit: 1_000,
    // Metrics listen on a port of their own; several apps run at once in one test process.
    metricsPort: 0,
    ...overrides,
  };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}` };
}
