import { HttpException, Inject, Logger, type OnModuleDestroy, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  DEVICES_NAMESPACE,
  errorCodeForStatus,
  isErrorCode,
  type ErrorCode,
  type SocketErrorReply,
  type VitalsAccepted,
} from '@vigil/shared';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Authenticator } from '../auth/authenticator';
import type { Principal } from '../auth/principal';
import { WsAccessGuard } from '../auth/ws-access.guard';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { deviceRoom } from '../realtime/rooms';
import { apiKeyFromHandshake, authenticateSockets } from '../realtime/socket-authentication';
import { SecurityEvents } from '../security/security-events';
import { VitalsIngestService } from './vitals-ingest.service';

const envelopeSchema = z.object({ sessionId: z.uuid() }).loose();

/** The REST refusal's stable code (and its details) beside the status and message. */
export interface DeviceErrorReply extends SocketErrorReply {
  error: SocketErrorReply['error'] & { code: ErrorCode; details?: Record<string, unknown> };
}

/** Bedside monitors that keep a socket open; the ack carries what REST would have answered. */
@WebSocketGateway({ namespace: DEVICES_NAMESPACE })
@UseGuards(WsAccessGuard)
export class DevicesGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(DevicesGateway.name);
  private revocations: Subscription | null = null;

  @WebSocketServer()
  private readonly namespace!: Namespace;

  constructor(
    private readonly ingest: VitalsIngestService,
    private readonly authenticator: Authenticator,
    private readonly securityEvents: SecurityEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use(
      authenticateSockets(
        this.authenticator,
        { devices: true },
        apiKeyFromHandshake,
        (socket, principal) => {
          if (principal.kind === 'device') void socket.join(deviceRoom(principal.deviceId));
        },
      ),
    );
    // Other instances cache device keys for a moment: a revocation is relayed to each at once.
    namespace.on('device.revoked', (deviceId: string) =>
      this.securityEvents.publish({ kind: 'device-revoked', deviceId, fromOtherInstance: true }),
    );
    this.revocations = this.securityEvents.stream.subscribe((event) => {
      if (event.kind !== 'device-revoked' || event.fromOtherInstance) return;
      // Disconnecting a room reaches every instance through the adapter.
      this.namespace.in(deviceRoom(event.deviceId)).disconnectSockets(true);
      if (this.config.redisUrl) this.namespace.serverSideEmit('device.revoked', event.deviceId);
    });
  }

  onModuleDestroy(): void {
    this.revocations?.unsubscribe();
  }

  @SubscribeMessage('vitals')
  @Access({ devices: true })
  async vitals(
    @ConnectedSocket() socket: Socket,
    @MessageBody() message: unknown,
  ): Promise<VitalsAccepted | DeviceErrorReply> {
    const principal = (socket.data as { principal: Principal }).principal;
    try {
      const envelope = envelopeSchema.safeParse(message);
      if (!envelope.success) {
        return {
          error: {
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: ['sessionId must be a session id (UUID)'],
          },
        };
      }
      const { sessionId, ...body } = envelope.data;
      return await this.ingest.ingest(principal, sessionId, this.ingest.validate(body));
    } catch (error) {
      if (error instanceof HttpException) return { error: refusalOf(error) };
      this.logger.error(
        error instanceof Error ? (error.stack ?? error.message) : 'non-error thrown',
      );
      return {
        error: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal server error' },
      };
    }
  }
}

function refusalOf(error: HttpException): DeviceErrorReply['error'] {
  const statusCode = error.getStatus();
  const response = error.getResponse();
  if (typeof response === 'string')
    return { statusCode, code: errorCodeForStatus(statusCode), message: response };
  const body = response as {
    code?: unknown;
    message: string | string[];
    details?: Record<string, unknown>;
  };
  return {
    statusCode,
    code: isErrorCode(body.code) ? body.code : errorCodeForStatus(statusCode),
    message: body.message,
    ...(body.details && { details: body.details }),
  };
}
