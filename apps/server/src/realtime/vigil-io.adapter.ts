import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Namespace, type Server, type ServerOptions } from 'socket.io';
import type { RedisClient } from '../redis/redis.module';
import { LiveVitalsAdapter } from './live-vitals.adapter';

/** Socket.IO recovers a dropped connection's missed events for this long; beyond it, clients resync. */
const RECOVERY_WINDOW_MS = 2 * 60 * 1000;

/**
 * Where Socket.IO is wired, in one place: connection-state recovery always, and with Redis the
 * Streams adapter, which resumes after a Redis blip without losing packets and, unlike the
 * pub/sub adapter, keeps recovery working across instances.
 */
export class VigilIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: RedisClient | null,
    private readonly corsOrigins: string[],
    /** This deployment's Redis names (VIGIL_REDIS_PREFIX): two deployments never share a stream. */
    private readonly redisKey: (name: string) => string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      cors: this.corsOrigins.length ? { origin: this.corsOrigins, credentials: true } : undefined,
      // Recovered connections authenticate again: the token may have expired or been revoked
      // while the client was away, and the expiry timer must be set for the new connection.
      connectionStateRecovery: {
        maxDisconnectionDuration: RECOVERY_WINDOW_MS,
        skipMiddlewares: false,
      },
      adapter: this.redis
        ? createAdapter(this.redis, {
            streamName: this.redisKey('socket.io'),
            channelPrefix: this.redisKey('socket.io'),
            sessionKeyPrefix: this.redisKey('sio:session:'),
          })
        : LiveVitalsAdapter,
    }) as Server;
  }

  /**
   * Nest hands each gateway's namespace here, and a namespace has no close(): without this the
   * clinicians' sockets stayed open after SIGTERM and kept the process alive. Closing the root
   * server disconnects this instance's sockets only (never another replica's) and stops the
   * Redis adapter.
   */
  override async close(server: Server | Namespace): Promise<void> {
    const root = server instanceof Namespace ? server.server : server;
    await new Promise<void>((resolve) => {
      void root.close(() => resolve());
    });
  }
}
