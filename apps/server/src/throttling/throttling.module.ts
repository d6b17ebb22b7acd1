import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RedisConnection } from '../redis/redis.module';
import { isLoginThrottled } from './login-throttle';
import { RedisThrottlerStorage } from './redis-throttler.storage';

const MINUTE = 60_000;

/**
 * `default`: 1,200 requests a minute per caller, far above a monitor's one batch a second and a
 * screen's reads, far below a runaway loop. `login`: VIGIL_LOGIN_RATE_LIMIT attempts a minute
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
            { name: 'default', ttl: MINUTE, limit: 1_200 },
            {
              name: 'login',
              ttl: MINUTE,
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
