import { Logger } from '@nestjs/common';
import type { RedisClient, RedisConnection } from '../redis/redis.module';
import { InstanceFrames, type SharedFrame } from './instance-frames';

const frame: SharedFrame = {
  chairs: [{ bay: '3', sessionId: 's3', samples: [] }],
  delayMs: 12,
};

/** Redis that is down until `up()`: every publish fails, as the client's do while it reconnects. */
function flakyRedis() {
  let available = false;
  const published: string[] = [];
  const client = {
    publish: (_channel: string, message: string) => {
      if (!available) return Promise.reject(new Error('The client is closed'));
      published.push(message);
      return Promise.resolve(1);
    },
  } as unknown as RedisClient;
  const redis = {
    enabled: true,
    key: (name: string) => `test:${name}`,
    connect: () => Promise.resolve(client),
  } as unknown as RedisConnection;
  return { redis, published, up: () => (available = true) };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('InstanceFrames', () => {
  afterEach(() => jest.restoreAllMocks());

  it('says once that frames are not reaching the other instances while Redis is down, and once that they are again', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const { redis, published, up } = flakyRedis();
    const frames = new InstanceFrames(redis);

    for (let tick = 0; tick < 5; tick++) frames.share(frame);
    await settled();
    up();
    frames.share(frame);
    frames.share(frame);
    await settled();

    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/not reaching the other instances/);
    expect(log).toHaveBeenCalledTimes(1);
    expect(published.map((message) => JSON.parse(message) as unknown)).toEqual([
      expect.objectContaining(frame),
      expect.objectContaining(frame),
    ]);
  });

  it('shares nothing without Redis', () => {
    const connect = jest.fn();
    const frames = new InstanceFrames({ enabled: false, connect } as unknown as RedisConnection);

    frames.share(frame);

    expect(connect).not.toHaveBeenCalled();
  });
});
