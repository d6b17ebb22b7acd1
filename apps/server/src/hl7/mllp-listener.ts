import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Hl7IngestService } from './hl7-ingest.service';
import { frame, MllpDecoder } from './mllp-framing';

/**
 * The MLLP listener (VIGIL_MLLP_PORT; off when unset). A connection's messages are answered one at
 * a time, in order, each ACK after its readings are durable: a gateway that waits for each ACK
 * before the next message, as MLLP senders do, never has two in flight.
 */
@Injectable()
export class MllpListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MllpListener.name);
  private server: Server | null = null;
  private readonly connections = new Map<Socket, Promise<void>>();

  constructor(
    private readonly hl7: Hl7IngestService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.mllpPort === null) return;
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.mllpPort!, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`HL7 v2 over MLLP on port ${this.port()}`);
  }

  /** The port it listens on (the one the system chose when configured as 0). */
  port(): number | null {
    return (this.server?.address() as AddressInfo | null)?.port ?? null;
  }

  /** No new message is taken; those under way are stored and answered before the database closes. */
  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.connections.keys()) socket.pause();
    await Promise.all(this.connections.values());
    for (const socket of this.connections.keys()) socket.destroy();
    await closed;
  }

  private serve(socket: Socket): void {
    const decoder = new MllpDecoder();
    this.connections.set(socket, Promise.resolve());
    socket.setNoDelay(true);
    socket.on('data', (chunk) => {
      let messages: string[];
      try {
        messages = decoder.push(chunk);
      } catch (error) {
        this.logger.warn(`MLLP connection closed: ${(error as Error).message}`);
        socket.destroy();
        return;
      }
      for (const message of messages) {
        const previous = this.connections.get(socket) ?? Promise.resolve();
        this.connections.set(
          socket,
          previous
            .then(() => this.hl7.receive(message))
            .then((ack) => {
              if (!socket.destroyed) socket.write(frame(ack));
            })
            .catch((error: unknown) => {
              // No ACK can be built: the gateway sees the connection drop and sends again.
              this.logger.error(`MLLP message unanswered: ${(error as Error).message}`);
              socket.destroy();
            }),
        );
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      const last = this.connections.get(socket);
      // Messages already taken are still stored; only their ACK has nowhere to go.
      void last?.finally(() => this.connections.delete(socket));
    });
  }
}
