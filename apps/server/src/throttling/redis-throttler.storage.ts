import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RedisClient } from '../redis/redis.module';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Fixed-window counters in Redis, so that a limit holds for the whole deployment and not per
 * replica. A caller over the limit stays blocked for blockDuration (its own key).
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyOf: (name: string) => string,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const hitsKey = this.keyOf(`throttle:${throttlerName}:${key}`);
    const blockKey = `${hitsKey}:blocked`;
    const blockedFor = await this.redis.pTTL(blockKey);
    if (blockedFor > 0) {
      return {
        totalHits: limit + 1,
        timeToExpire: blockedFor / 1000,
        isBlocked: true,
        timeToBlockExpire: blockedFor / 1000,
      };
    }
    const [hits, , expiresIn] = (await this.redis
      .multi()
      .incr(hitsKey)
      .pExpire(hitsKey, ttl, 'NX')
      .pTTL(hitsKey)
      .exec()) as unknown as [number, number, number];
    const isBlocked = hits > limit;
    if (isBlocked && blockDuration > 0) await this.redis.set(blockKey, '1', { PX: blockDuration });
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, expiresIn) / 1000,
      isBlocked,
      timeToBlockExpire: isBlocked ? blockDuration / 1000 : 0,
    };
  }
}
