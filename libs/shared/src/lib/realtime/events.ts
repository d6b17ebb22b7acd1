import type { AlarmSuspendChanged } from '../alerts/alarm-suspend';
import type { AlertRouted } from '../alerts/alert-routing';
import type { Alert } from '../alerts/alert.types';
import type { ErrorCode } from '../errors/error-codes';
import type { OrderAwaitingSignature, OrderSigned } from '../sessions/order-notices';
import type { Session } from '../sessions/session.types';
import type { VitalSample, VitalsAccepted, VitalsBatchInput } from '../vitals/vital-sample.types';

export const CLINICIANS_NAMESPACE = '/clinicians';
export const DEVICES_NAMESPACE = '/devices';

/**
 * Why a handshake was refused (the connect_error's message): `unauthorized` — no valid
 * credentials, log in again; `forbidden` — valid, but this role may not use the namespace.
 */
export const SOCKET_REFUSALS = { unauthorized: 'unauthorized', forbidden: 'forbidden' } as const;

export interface VitalsEvent {
  sessionId: string;
  samples: VitalSample[];
}

/** Every chair that changed since the last frame, each with its new samples in time order. */
export interface VitalsFrame {
  items: VitalsEvent[];
  /**
   * Vigil's own delay: how long the frame's longest-waiting reading took from its arrival at the
   * server to this frame's sending, in ms on the server's clock (the network to the screen adds
   * little). It grows when the server falls behind its load.
   */
  delayMs?: number;
}

/**
 * The `/clinicians` handshake. `frames: true` asks for `vitals.frame` instead of one `vitals` per
 * chair while the socket watches the whole ward; a narrowed screen gets `vitals` either way (it
 * watches few chairs).
 */
export interface ClinicianHandshakeAuth {
  token: string;
  frames?: boolean;
}

export interface WatchRequest {
  bays?: string[];
  sessionIds?: string[];
}

export interface WatchReply {
  bays: string[] | 'all';
  sessionIds: string[];
}

/** A refused socket request: the REST error body's status, code and message. */
export interface SocketErrorReply {
  error: {
    statusCode: number;
    code: ErrorCode;
    message: string | string[];
    details?: Record<string, unknown>;
  };
}

/** `/clinicians`: what the server pushes to a ward screen or a physician's phone. */
export interface ClinicianServerEvents {
  vitals: (event: VitalsEvent) => void;
  /** A few a second, to whole-ward screens that opted in; each instance frames what it ingested. */
  'vitals.frame': (frame: VitalsFrame) => void;
  'alert.raised': (alert: Alert) => void;
  'alert.updated': (alert: Alert) => void;
  /**
   * Sent to each person an alert is routed to (its own event, so that only their screens sound
   * for it); every screen acknowledges it, and the first acknowledgement is the receipt.
   */
  'alert.routed': (routed: AlertRouted, received: (receipt: 'received') => void) => void;
  'session.updated': (session: Session) => void;
  /** A chair's alarms were suspended for a probe change, or the suspend ended early. */
  'alarm-suspend.changed': (changed: AlarmSuspendChanged) => void;
  /**
   * To the physicians asked to sign a nurse's drafted order (the supervising physician, or every
   * physician on duty): each of their screens.
   */
  'order.awaiting-signature': (notice: OrderAwaitingSignature) => void;
  /** To every physician's screens: the order is signed, a notice of it is done with. */
  'order.signed': (signed: OrderSigned) => void;
}

export interface ClinicianClientEvents {
  watch: (request: WatchRequest, ack: (reply: WatchReply | SocketErrorReply) => void) => void;
}

export interface DeviceVitalsMessage extends VitalsBatchInput {
  sessionId: string;
}

/** `/devices`: bedside monitors push readings and get the REST reply as the ack. */
export interface DeviceClientEvents {
  vitals: (
    message: DeviceVitalsMessage,
    ack: (reply: VitalsAccepted | SocketErrorReply) => void,
  ) => void;
}

export type DeviceServerEvents = Record<string, never>;
