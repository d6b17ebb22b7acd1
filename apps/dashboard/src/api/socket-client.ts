import {
  type ClinicianHandshakeAuth,
  CLINICIANS_NAMESPACE,
  type ClinicianClientEvents,
  type ClinicianServerEvents,
} from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';
import { authStore } from '../auth/state/auth-store';

export type ClinicianSocket = Socket<ClinicianServerEvents, ClinicianClientEvents>;

/**
 * `connecting`: first attempt since page load. `reconnecting`: connection lost, the client is
 * retrying by itself. `disconnected`: the server refused or closed the connection and the client
 * will not retry on its own.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Without a token the server refuses the handshake, and the app refreshes and reconnects. */
export type HandshakeAuth = Partial<ClinicianHandshakeAuth>;

/** The message of the `connect_error` with which the server refuses a missing or expired token. */
export const SOCKET_UNAUTHORIZED = 'unauthorized';

/**
 * The one place the handshake auth is built: the current (possibly just refreshed) token, and
 * `frames`, since the app's one socket watches the whole ward: a few `vitals.frame` a second
 * rather than one `vitals` per chair.
 */
export function buildHandshakeAuth(): HandshakeAuth {
  const token = authStore.getAccessToken();
  return token ? { token, frames: true } : { frames: true };
}

export function createClinicianSocket(): ClinicianSocket {
  return io(CLINICIANS_NAMESPACE, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
    // A callback rather than an object: it runs before every reconnection, so it picks up a
    // refreshed token.
    auth: (send) => send(buildHandshakeAuth()),
  });
}

type StatusSource = Pick<ClinicianSocket, 'on' | 'off' | 'active'>;

interface TrackingOptions {
  /**
   * True while the app itself is about to reconnect a socket that Socket.IO will not retry
   * (a refused or expired token): that is a reconnection, not a connection lost for good.
   */
  isRecovering?: () => boolean;
}

/** Reports every status change of the socket; returns the function that stops reporting. */
export function trackConnectionStatus(
  socket: StatusSource,
  onStatus: (status: ConnectionStatus) => void,
  { isRecovering = () => false }: TrackingOptions = {},
): () => void {
  const reportConnected = () => onStatus('connected');
  const reportLoss = () =>
    onStatus(socket.active || isRecovering() ? 'reconnecting' : 'disconnected');
  socket.on('connect', reportConnected);
  socket.on('disconnect', reportLoss);
  socket.on('connect_error', reportLoss);
  return () => {
    socket.off('connect', reportConnected);
    socket.off('disconnect', reportLoss);
    socket.off('connect_error', reportLoss);
  };
}
