import { REDIS_TEST_URL, serviceAvailable } from '../../test/services';
import { type AppConfig, loadConfig } from '../config/app-config';
import { RedisConnection } from './redis.module';

(serviceAvailable('redis') ? describe : describe.skip)('RedisConnection', () => {
  const config: AppConfig = { ...loadConfig({ LOG_LEVEL: 'silent' }), redisUrl: REDIS_TEST_URL };

  it('opens no new connection once shut down, for a late frame or sweep to leak', async () => {
    const redis = new RedisConnection(config);
    const client = await redis.connect();
    expect(client?.isReady).toBe(true);

    await redis.onApplicationShutdown();

    expect(client?.isOpen).toBe(false);
    expect(await redis.connect()).toBeNull();
    expect(await redis.ping()).toBe(false);
  });
});
