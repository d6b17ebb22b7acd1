import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RedisConnection } from '../redis/redis.module';
import { isLoginThrottled } from './login-throttle';
import { RATE_LIMIT_WINDOW_MS, REQUESTS_PER_WINDOW } from './rate-limits';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * `default`: REQUESTS_PER_WINDOW a minute per caller. `login`: VIGIL_LOGIN_RATE_LIMIT attempts a minute
 * per address on the login route (the account lockout protects each account as well).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [RedisConnection, APP_CONFIG],
      useFactory: async (redis: RedisConnection, config: AppConfig) => {
        const client = await redis.connect();
        return {
          throttlers: [
            { name: 'default', ttl: RATE_LIMIT_WINDOW_MS, limit: REQUESTS_PER_WINDOW },
            {
              name: 'login',
              ttl: RATE_LIMIT_WINDOW_MS,
              limit: config.loginRateLimit,
              skipIf: (context) => !isLoginThrottled(context),
            },
          ],
          ...(client
            ? { storage: new RedisThrottlerStorage(client, (name) => redis.key(name)) }
            : {}),
        };
      },
    }),
  ],
})
export class ThrottlingModule {}
