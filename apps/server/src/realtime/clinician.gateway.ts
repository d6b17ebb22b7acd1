import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  CLINICIANS_NAMESPACE,
  formatIssues,
  type ClinicianClientEvents,
  type ClinicianServerEvents,
  type Session,
  type VitalSample,
  type WatchReply,
  type WatchRequest,
} from '@vigil/shared';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { WARD_ROOM, bayRoom, sessionAudience, sessionRoom } from './rooms';

type ClinicianNamespace = Namespace<ClinicianClientEvents, ClinicianServerEvents>;
type ClinicianSocket = Socket<ClinicianClientEvents, ClinicianServerEvents>;

const watchSchema = z.strictObject({
  bays: z.array(z.string().min(1)).max(200).optional(),
  sessionIds: z.array(z.uuid('must be a session id (UUID)')).max(200).optional(),
});

/**
 * The one place that talks to clinician sockets. Services call its typed methods and never touch
 * Socket.IO themselves.
 */
@WebSocketGateway({ namespace: CLINICIANS_NAMESPACE })
export class ClinicianGateway implements OnGatewayConnection {
  private readonly logger = new Logger(ClinicianGateway.name);

  @WebSocketServer()
  private readonly namespace!: ClinicianNamespace;

  handleConnection(socket: ClinicianSocket): void {
    // A recovered connection keeps the rooms it had; only a new one starts on the whole ward.
    if (!socket.recovered) void socket.join(WARD_ROOM);
  }

  @SubscribeMessage('watch')
  async watch(
    @ConnectedSocket() socket: ClinicianSocket,
    @MessageBody() body: unknown,
  ): Promise<WatchReply | { error: { statusCode: number; message: string[] } }> {
    const parsed = watchSchema.safeParse(body ?? {});
    if (!parsed.success) {
      return { error: { statusCode: 400, message: formatIssues(parsed.error) } };
    }
    const request: WatchRequest = parsed.data;
    const wanted = new Set<string>();
    const everything = !request.bays?.length && !request.sessionIds?.length;
    if (everything) wanted.add(WARD_ROOM);
    request.bays?.forEach((bay) => wanted.add(bayRoom(bay)));
    request.sessionIds?.forEach((id) => wanted.add(sessionRoom(id)));
    for (const room of socket.rooms) {
      if (room !== socket.id && !wanted.has(room)) await socket.leave(room);
    }
    await socket.join([...wanted]);
    this.logger.debug(`socket ${socket.id} watches ${[...wanted].join(', ')}`);
    return {
      bays: everything ? 'all' : (request.bays ?? []),
      sessionIds: request.sessionIds ?? [],
    };
  }

  publishVitals(bay: string, sessionId: string, samples: VitalSample[]): void {
    if (samples.length === 0) return;
    this.namespace.to(sessionAudience(bay, sessionId)).emit('vitals', { sessionId, samples });
  }

  publishSessionUpdated(session: Session): void {
    this.namespace.to(sessionAudience(session.bay, session.id)).emit('session.updated', session);
  }
}
