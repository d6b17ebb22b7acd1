import { HttpException } from '@nestjs/common';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { DEVICES_NAMESPACE, type SocketErrorReply, type VitalsAccepted } from '@vigil/shared';
import { z } from 'zod';
import { VitalsIngestService } from './vitals-ingest.service';

const DEVICE_SOURCE = 'device-socket';

const envelopeSchema = z.object({ sessionId: z.uuid('must be a session id (UUID)') }).loose();

/** Bedside monitors that keep a socket open; the ack carries what REST would have answered. */
@WebSocketGateway({ namespace: DEVICES_NAMESPACE })
export class DevicesGateway {
  constructor(private readonly ingest: VitalsIngestService) {}

  @SubscribeMessage('vitals')
  async vitals(@MessageBody() message: unknown): Promise<VitalsAccepted | SocketErrorReply> {
    try {
      const envelope = envelopeSchema.safeParse(message);
      if (!envelope.success) {
        return { error: { statusCode: 400, message: ['sessionId must be a session id (UUID)'] } };
      }
      const { sessionId, ...body } = envelope.data;
      return await this.ingest.ingest(sessionId, DEVICE_SOURCE, this.ingest.validate(body));
    } catch (error) {
      if (error instanceof HttpException) {
        const response = error.getResponse();
        const text =
          typeof response === 'string'
            ? response
            : (response as { message: string | string[] }).message;
        return { error: { statusCode: error.getStatus(), message: text } };
      }
      return { error: { statusCode: 500, message: 'Internal server error' } };
    }
  }
}
