import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { REDIS_TEST_URL, serviceAvailable } from '../../test/services';
import { startTestApp } from '../../test/test-app';
import { testDatabases } from '../../test/test-databases';
import { UnitOfWork } from '../database/unit-of-work';
import { AlertTimers } from './alert-timers.service';

const [sqlite] = testDatabases();

// Needs Redis; .ci/run makes it mandatory, so in CI this never skips.
(serviceAvailable('redis') ? describe : describe.skip)('the alert sweep with Redis', () => {
  let apps: NestExpressApplication[] = [];

  beforeAll(async () => {
    const database = await sqlite.create();
    apps = [
      (await startTestApp(database, { redisUrl: REDIS_TEST_URL })).app,
      (await startTestApp(database, { redisUrl: REDIS_TEST_URL })).app,
    ];
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await sqlite.drop();
  });

  it('runs on one instance a second: the other finds the lease taken and reads nothing', async () => {
    // The timers stop, their last lease runs out, then both sweep at one moment as replicas may.
    apps.forEach((app) => app.get(AlertTimers).onApplicationShutdown());
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // The sweep reads on the server's connection and, for its live sessions, on the reader's.
    const reads = apps.map((app) => [
      jest.spyOn(app.get(DataSource), 'query'),
      jest.spyOn(app.get(UnitOfWork), 'readOffTheEventLoop'),
    ]);
    await Promise.all(apps.map((app) => app.get(AlertTimers).sweep()));
    const swept = reads.filter((spies) => spies.some((spy) => spy.mock.calls.length > 0));
    expect(swept).toHaveLength(1);
    expect(swept[0]?.[1]?.mock.calls).toHaveLength(1);
  });
});
