import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type RedisClient, RedisConnection } from '../redis/redis.module';
import type { ChairVitals } from './vitals-coalescer';

/** One instance's frame: every chair whose readings it ingested in one tick. */
export interface SharedFrame {
  chairs: ChairVitals[];
  /** How long the frame's longest-waiting reading had been in Vigil when the frame left. */
  delayMs: number;
}

interface FrameMessage extends SharedFrame {
  origin: string;
}

/**
 * Each instance's frames to the other instances, over a Redis pub/sub channel of their own, not
 * through the Socket.IO adapter's stream. The stream keeps its last 10,000 entries so that a
 * dropped connection can recover what it missed: frames there (hundreds of chairs each, five a
 * second per instance) would take Redis's memory for readings a reconnecting screen refetches
 * anyway, and per-chair readings there pushed the alerts recovery must replay out of the stream
 * within seconds (hazard H-F22). A frame lost while Redis reconnects leaves a gap in the other
 * instances' live trends, never a reading unstored; alerts keep the stream.
 */
@Injectable()
export class InstanceFrames implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InstanceFrames.name);
  /** This instance, so that it skips its own frames coming back on the channel. */
  private readonly origin = randomUUID();
  private subscriber: RedisClient | null = null;
  private receiver: (frame: SharedFrame) => void = () => undefined;
  private sharing = true;

  constructor(private readonly redis: RedisConnection) {}

  /** Who sends the other instances' frames on to this instance's screens. */
  onFrame(receiver: (frame: SharedFrame) => void): void {
    this.receiver = receiver;
  }

  /** Listening before the server takes readings, so that no frame of another instance is missed. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.redis.enabled) return;
    this.subscriber = await this.redis.duplicate();
    await this.subscriber.subscribe(this.channel, (message) => this.receive(message));
  }

  share(frame: SharedFrame): void {
    if (!this.redis.enabled) return;
    const message: FrameMessage = { origin: this.origin, ...frame };
    this.redis
      .connect()
      .then((client) => client?.publish(this.channel, JSON.stringify(message)))
      .then(() => this.sharingResumed())
      .catch(() => this.sharingFailed());
  }

  async onApplicationShutdown(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber?.isOpen) await subscriber.quit();
  }

  private get channel(): string {
    return this.redis.key('vitals.frames');
  }

  private receive(text: string): void {
    let message: FrameMessage;
    try {
      message = JSON.parse(text) as FrameMessage;
    } catch {
      this.logger.error('a frame from another instance was not JSON; dropped');
      return;
    }
    if (message.origin === this.origin) return;
    this.receiver({ chairs: message.chairs, delayMs: message.delayMs });
  }

  /** Once per outage, not once per frame: Redis down means five failures a second. */
  private sharingFailed(): void {
    if (!this.sharing) return;
    this.sharing = false;
    this.logger.warn(
      'frames are not reaching the other instances (Redis unavailable): their screens miss this instance’s live readings until it returns; every reading is still stored',
    );
  }

  private sharingResumed(): void {
    if (this.sharing) return;
    this.sharing = true;
    this.logger.log('frames reach the other instances again');
  }
}
