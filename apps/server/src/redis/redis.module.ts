import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createClient } from 'redis';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * The Redis connection shared by everything that must be common to all instances. Null when
 * REDIS_URL is unset: a single instance then keeps that state in process.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private client: RedisClient | null = null;
  /** Shut down: a late caller (a frame's timer, a sweep) gets no new connection to leak. */
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async connect(): Promise<RedisClient | null> {
    if (!this.config.redisUrl || this.closed) return null;
    if (!this.client) {
      this.client = createClient({ url: this.config.redisUrl });
      this.client.on('error', () => undefined); // the client reconnects by itself; health reports it
      await this.client.connect();
    }
    return this.client;
  }

  /** A key or stream name of this deployment's own (VIGIL_REDIS_PREFIX). */
  key(name: string): string {
    return `${this.config.redisPrefix}:${name}`;
  }

  get enabled(): boolean {
    return this.config.redisUrl !== null;
  }

  async ping(): Promise<boolean> {
    try {
      const client = await this.connect();
      return client !== null && client.isReady && (await client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** A second connection for subscribers, which Redis dedicates to that one use. */
  async duplicate(): Promise<RedisClient> {
    const client = await this.connect();
    if (!client) throw new Error('Redis is not configured');
    const copy = client.duplicate();
    copy.on('error', () => undefined);
    await copy.connect();
    return copy;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.client?.isOpen) await this.client.quit();
    this.client = null;
  }
}

@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
