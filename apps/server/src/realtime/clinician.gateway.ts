import { Inject, Logger, type OnModuleDestroy, UseGuards } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { type Observable, Subject, type Subscription } from 'rxjs';
import {
  type AlarmSuspendChanged,
  type Alert,
  type AlertRouted,
  type OrderAwaitingSignature,
  type OrderSigned,
  type CareTeamMember,
  type ClinicianHandshakeAuth,
  CLINICIANS_NAMESPACE,
  formatIssues,
  type ClinicianClientEvents,
  type ClinicianServerEvents,
  type Session,
  type SocketErrorReply,
  type VitalSample,
  type VitalsEvent,
  type WatchReply,
  type WatchRequest,
} from '@vigil/shared';
import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { Access } from '../auth/access.decorator';
import { Authenticator } from '../auth/authenticator';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WsAccessGuard } from '../auth/ws-access.guard';
import { SecurityEvents } from '../security/security-events';
import { InstanceFrames, type SharedFrame } from './instance-frames';
import { NarrowedFrames } from './narrowed-frames';
import {
  NARROWED_FRAMES_ROOM,
  PHYSICIANS_ROOM,
  WARD_FRAMES_ROOM,
  WARD_ROOM,
  WARD_ROOMS,
  bayRoom,
  hasPerChairScreen,
  isAudienceRoom,
  loginRoom,
  sessionAudience,
  sessionRoom,
  sessionVitalsAudience,
  userRoom,
  watchOfRooms,
} from './rooms';
import { authenticateSockets, type SocketData, tokenFromHandshake } from './socket-authentication';
import { type ChairVitals, frameDelayMs, VitalsCoalescer } from './vitals-coalescer';

/** Between Vigil instances (through the Redis adapter), never to clients. */
interface InstanceEvents {
  'alert.changed': (alert: Alert) => void;
  'session.changed': (sessionId: string) => void;
}

type ClinicianNamespace = Namespace<ClinicianClientEvents, ClinicianServerEvents, InstanceEvents>;
type ClinicianSocket = Socket<ClinicianClientEvents, ClinicianServerEvents>;

/** How long a screen has to acknowledge a routed alert before the sweep sends it again. */
const ROUTED_ACK_MS = 5_000;

const watchSchema = z.strictObject({
  bays: z.array(z.string().min(1)).max(200).optional(),
  sessionIds: z.array(z.uuid('must be a session id (UUID)')).max(200).optional(),
});

/**
 * The one place that talks to clinician sockets. Services call its typed methods and never touch
 * Socket.IO themselves.
 */
@WebSocketGateway({ namespace: CLINICIANS_NAMESPACE })
@UseGuards(WsAccessGuard)
export class ClinicianGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger(ClinicianGateway.name);
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private revocations: Subscription | null = null;
  private readonly vitals = new VitalsCoalescer((frame) => this.sendVitals(frame));
  private readonly narrowedFrames = new NarrowedFrames();

  private readonly alertChanges = new Subject<Alert>();
  /** Alerts raised or changed by other instances, for the state that follows them here. */
  readonly alertsFromOtherInstances: Observable<Alert> = this.alertChanges.asObservable();

  private readonly sessionChanges = new Subject<string>();
  /** Sessions whose row changed, here or on another instance: copies of them are out of date. */
  readonly sessionsChanged: Observable<string> = this.sessionChanges.asObservable();

  @WebSocketServer()
  private readonly namespace!: ClinicianNamespace;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly securityEvents: SecurityEvents,
    private readonly instanceFrames: InstanceFrames,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: ClinicianNamespace): void {
    namespace.use(
      authenticateSockets(
        this.authenticator,
        { roles: PATIENT_DATA_READERS },
        tokenFromHandshake,
        (socket, principal) => {
          if (principal.kind !== 'user') return;
          void socket.join([
            userRoom(principal.userId),
            loginRoom(principal.authSessionId),
            ...(principal.role === 'physician' ? [PHYSICIANS_ROOM] : []),
          ]);
          // The socket lives no longer than its token; the client reconnects with a fresh one.
          const timer = setTimeout(
            () => socket.disconnect(true),
            principal.tokenExpiresAt - Date.now(),
          );
          this.expiryTimers.set(socket.id, timer);
          socket.once('disconnect', () => {
            clearTimeout(timer);
            this.expiryTimers.delete(socket.id);
          });
        },
      ),
    );
    namespace.on('alert.changed', (alert) => this.alertChanges.next(alert));
    namespace.on('session.changed', (sessionId) => this.sessionChanges.next(sessionId));
    this.instanceFrames.onFrame((frame) => this.sendFrameHere(frame));
    // Disconnecting a room reaches every instance through the adapter.
    this.revocations = this.securityEvents.stream.subscribe((event) => {
      if (event.kind === 'user-access-revoked')
        this.namespace.in(userRoom(event.userId)).disconnectSockets(true);
      if (event.kind === 'login-ended')
        this.namespace.in(loginRoom(event.authSessionId)).disconnectSockets(true);
    });
  }

  onModuleDestroy(): void {
    this.vitals.drain();
    this.alertChanges.complete();
    this.sessionChanges.complete();
    this.revocations?.unsubscribe();
    this.expiryTimers.forEach((timer) => clearTimeout(timer));
  }

  handleConnection(socket: ClinicianSocket): void {
    socket.once('disconnect', () => this.narrowedFrames.forget(socket.id));
    // A recovered connection keeps the rooms it had, its watch with them; only a new one starts
    // on the whole ward.
    if (!socket.recovered) void socket.join(wholeWardRoom(socket));
    else if (socket.rooms.has(NARROWED_FRAMES_ROOM))
      this.narrowedFrames.watch(socket.id, watchOfRooms(socket.rooms));
  }

  @SubscribeMessage('watch')
  @Access({ roles: PATIENT_DATA_READERS })
  async watch(
    @ConnectedSocket() socket: ClinicianSocket,
    @MessageBody() body: unknown,
  ): Promise<WatchReply | SocketErrorReply> {
    const parsed = watchSchema.safeParse(body ?? {});
    if (!parsed.success) {
      return {
        error: { statusCode: 400, code: 'VALIDATION_FAILED', message: formatIssues(parsed.error) },
      };
    }
    const request: WatchRequest = parsed.data;
    const wanted = new Set<string>();
    const everything = !request.bays?.length && !request.sessionIds?.length;
    if (everything) wanted.add(wholeWardRoom(socket));
    request.bays?.forEach((bay) => wanted.add(bayRoom(bay)));
    request.sessionIds?.forEach((id) => wanted.add(sessionRoom(id)));
    const narrowedFrames = !everything && asksForFrames(socket);
    // Taken before the rooms change and let go after: a frame meanwhile may come twice, as a
    // frame and per chair, but never not at all.
    if (narrowedFrames) {
      wanted.add(NARROWED_FRAMES_ROOM);
      this.narrowedFrames.watch(socket.id, {
        bays: request.bays ?? [],
        sessionIds: request.sessionIds ?? [],
      });
    }
    // Only what the screen shows changes: the user's and login's rooms are how revocation
    // reaches this socket, so it never leaves them.
    for (const room of socket.rooms) {
      if (isAudienceRoom(room) && !wanted.has(room)) await socket.leave(room);
    }
    await socket.join([...wanted]);
    if (!narrowedFrames) this.narrowedFrames.forget(socket.id);
    this.logger.debug(`socket ${socket.id} watches ${[...wanted].join(', ')}`);
    return {
      bays: everything ? 'all' : (request.bays ?? []),
      sessionIds: request.sessionIds ?? [],
    };
  }

  /** Coalesced: a few frames a second, each with every chair that changed in it. */
  publishVitals(bay: string, sessionId: string, samples: VitalSample[]): void {
    this.vitals.add(bay, sessionId, samples);
  }

  /**
   * A frame, three ways: one `vitals.frame` with every chair to the whole-ward screens that asked
   * for frames, one `vitals.frame` with its own chairs to each screen that asked for frames and
   * watches some (what a screen receives no longer grows with its chairs), and one `vitals` per
   * chair to everyone else who watches it. Each instance frames the readings it ingested, sends the
   * frame to its own screens and hands it once to the other instances, which do the same with it.
   */
  private sendVitals(chairs: ChairVitals[]): void {
    const frame: SharedFrame = { chairs, delayMs: frameDelayMs(chairs, Date.now()) };
    this.sendFrameHere(frame);
    this.instanceFrames.share(frame);
  }

  /** A frame to this instance's own screens (`local`: the adapter carries no readings). */
  private sendFrameHere({ chairs, delayMs }: SharedFrame): void {
    const local = this.namespace.local;
    const rooms = this.namespace.adapter.rooms;
    for (const { bay, sessionId, samples } of chairs) {
      const audience = sessionVitalsAudience(bay, sessionId);
      if (!hasPerChairScreen(rooms, audience)) continue;
      local.to(audience).except(NARROWED_FRAMES_ROOM).emit('vitals', { sessionId, samples });
    }
    local.to(WARD_FRAMES_ROOM).emit('vitals.frame', { items: chairs.map(item), delayMs });
    for (const [screenId, own] of this.narrowedFrames.split(chairs))
      local.to(screenId).emit('vitals.frame', { items: own.map(item), delayMs });
  }

  /** Alerts are sent at once, one event per change, never coalesced. */
  publishAlert(event: 'alert.raised' | 'alert.updated', alert: Alert): void {
    this.namespace.to(sessionAudience(alert.bay, alert.sessionId)).emit(event, alert);
    // Alone, there is no other instance (and the in-process adapter has no server-side emit).
    if (this.config.redisUrl) this.namespace.serverSideEmit('alert.changed', alert);
  }

  /**
   * Nurses and physicians with a live screen on any instance (through the adapter): who is on
   * duty for the last step of an alert.
   */
  async onDuty(): Promise<CareTeamMember[]> {
    const sockets = await this.namespace.fetchSockets();
    const members = new Map<string, CareTeamMember>();
    for (const socket of sockets) {
      const principal = (socket.data as SocketData).principal;
      if (
        principal?.kind === 'user' &&
        (principal.role === 'nurse' || principal.role === 'physician')
      )
        members.set(principal.userId, { userId: principal.userId, role: principal.role });
    }
    return [...members.values()];
  }

  /**
   * The alert to every screen of one person, each screen asked for an acknowledgement on its
   * own (its socket id is a room on every instance), so that the first screen to answer is the
   * receipt, whichever instance holds it and however long another screen stays silent.
   */
  async sendRouted(userId: string, routed: AlertRouted, received: () => void): Promise<void> {
    const screens = await this.namespace.in(userRoom(userId)).fetchSockets();
    let answered = false;
    for (const screen of screens) {
      this.namespace
        .to(screen.id)
        .timeout(ROUTED_ACK_MS)
        .emit('alert.routed', routed, (_timedOut, replies) => {
          if (answered || replies.length === 0) return;
          answered = true;
          received();
        });
    }
  }

  /** To every ward screen and every screen of the chair. */
  publishAlarmSuspend(changed: AlarmSuspendChanged): void {
    this.namespace.to([...WARD_ROOMS, bayRoom(changed.bay)]).emit('alarm-suspend.changed', changed);
  }

  /** To every screen of one physician asked to sign a drafted order, on any instance. */
  sendOrderAwaitingSignature(userId: string, notice: OrderAwaitingSignature): void {
    this.namespace.to(userRoom(userId)).emit('order.awaiting-signature', notice);
  }

  /** To every physician's screens, so that whichever was asked drops its notice. */
  publishOrderSigned(signed: OrderSigned): void {
    this.namespace.to(PHYSICIANS_ROOM).emit('order.signed', signed);
  }

  /** Called as soon as a change of the session's row has committed, before anything else. */
  announceSessionChanged(sessionId: string): void {
    this.sessionChanges.next(sessionId);
    if (this.config.redisUrl) this.namespace.serverSideEmit('session.changed', sessionId);
  }

  publishSessionUpdated(session: Session): void {
    this.namespace.to(sessionAudience(session.bay, session.id)).emit('session.updated', session);
  }
}

function asksForFrames(socket: ClinicianSocket): boolean {
  return (socket.handshake.auth as Partial<ClinicianHandshakeAuth>).frames === true;
}

/** The whole ward as this socket asked to receive it: frames, or one `vitals` per chair. */
function wholeWardRoom(socket: ClinicianSocket): string {
  return asksForFrames(socket) ? WARD_FRAMES_ROOM : WARD_ROOM;
}

function item({ sessionId, samples }: ChairVitals): VitalsEvent {
  return { sessionId, samples };
}
