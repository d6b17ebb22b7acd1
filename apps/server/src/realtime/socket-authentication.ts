import { SOCKET_REFUSALS } from '@vigil/shared';
import type { Socket } from 'socket.io';
import type { AccessRule } from '../auth/access.decorator';
import { decideAccess } from '../auth/access-policy';
import type { Authenticator } from '../auth/authenticator';
import type { Credentials } from '../auth/credentials';
import type { Principal } from '../auth/principal';

export interface SocketData {
  principal?: Principal;
}

/**
 * Handshake middleware for a namespace: the credentials must authenticate and satisfy the
 * namespace's rule, else the connection is refused with `unauthorized` or `forbidden`.
 */
export function authenticateSockets(
  authenticator: Authenticator,
  rule: AccessRule,
  credentialsOf: (auth: Record<string, unknown>) => Credentials,
  onAccepted: (socket: Socket, principal: Principal) => void,
) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    const credentials = credentialsOf(socket.handshake.auth ?? {});
    authenticator
      .authenticate(credentials, {
        target: `socket ${socket.nsp.name}`,
        ip: socket.handshake.address,
      })
      .then((principal) => {
        const decision = decideAccess(rule, principal);
        if (decision !== 'allow' || !principal) {
          next(
            new Error(
              decision === 'forbidden' ? SOCKET_REFUSALS.forbidden : SOCKET_REFUSALS.unauthorized,
            ),
          );
          return;
        }
        (socket.data as SocketData).principal = principal;
        onAccepted(socket, principal);
        next();
      })
      .catch(() => next(new Error(SOCKET_REFUSALS.unauthorized)));
  };
}

export const tokenFromHandshake = (auth: Record<string, unknown>): Credentials =>
  typeof auth['token'] === 'string' && auth['token']
    ? { kind: 'token', token: auth['token'] }
    : null;

export const apiKeyFromHandshake = (auth: Record<string, unknown>): Credentials =>
  typeof auth['apiKey'] === 'string' && auth['apiKey']
    ? { kind: 'device-key', apiKey: auth['apiKey'] }
    : null;
