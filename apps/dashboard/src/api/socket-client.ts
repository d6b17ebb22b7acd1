import {
  CLINICIANS_NAMESPACE,
  type ClinicianClientEvents,
  type ClinicianServerEvents,
} from '@vigil/shared';
import { io, type Socket } from 'socket.io-client';

export type ClinicianSocket = Socket<ClinicianServerEvents, ClinicianClientEvents>;

/**
 * `connecting`: first attempt since page load. `reconnecting`: connection lost, the client is
 * retrying by itself. `disconnected`: the server refused or closed the connection and the client
 * will not retry on its own.
 */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

export type HandshakeAuth = Record<string, string>;

/** The one place the handshake auth is built; login will put `{ token }` here. */
export function buildHandshakeAuth(): HandshakeAuth {
  return {};
}

export function createClinicianSocket(): ClinicianSocket {
  return io(CLINICIANS_NAMESPACE, {
    path: '/socket.io',
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
    // A callback rather than an object: it runs before every reconnection, so it will pick up
    // a refreshed token.
    auth: (send) => send(buildHandshakeAuth()),
  });
}

type StatusSource = Pick<ClinicianSocket, 'on' | 'off' | 'active'>;

/** Reports every status change of the socket; returns the function that stops reporting. */
export function trackConnectionStatus(
  socket: StatusSource,
  onStatus: (status: ConnectionStatus) => void,
): () => void {
  const reportConnected = () => onStatus('connected');
  const reportLoss = () => onStatus(socket.active ? 'reconnecting' : 'disconnected');
  socket.on('connect', reportConnected);
  socket.on('disconnect', reportLoss);
  socket.on('connect_error', reportLoss);
  return () => {
    socket.off('connect', reportConnected);
    socket.off('disconnect', reportLoss);
    socket.off('connect_error', reportLoss);
  };
}
