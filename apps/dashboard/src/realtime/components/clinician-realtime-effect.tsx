import { useQueryClient } from '@tanstack/react-query';
import type { Alert } from '@vigil/shared';
import { useEffect } from 'react';
import { ApiError } from '../../api/api-error';
import {
  createClinicianSocket,
  SOCKET_UNAUTHORIZED,
  trackConnectionStatus,
  type ClinicianSocket,
  type ConnectionStatus,
} from '../../api/socket-client';
import { refreshAccessToken } from '../../auth/services/session-service';
import { authStore } from '../../auth/state/auth-store';
import { useOpenAlerts } from '../../alerts/hooks/use-open-alerts';
import { notifyAlertRaised } from '../../alerts/utils/alert-notifications';
import {
  applyAlertEvent,
  applySessionUpdate,
  applyVitalsEvent,
  applyVitalsFrame,
  resynchronise,
} from '../utils/apply-realtime-events';
import { applyOrderAwaiting, applyOrderSigned } from '../../schedule/utils/order-notices';
import { applyAlarmSuspendChange } from '../../ward/hooks/use-alarm-suspends';

/** After a refresh that failed for a reason other than 401 (network, 5xx), try again this soon. */
export const AUTH_RETRY_MS = 5_000;

/**
 * Tokens live ~15 minutes, so expiry closes a connection far less often than this; a server that
 * closes it again sooner gets a pause before the next attempt rather than a reconnect storm (each
 * reconnect reloads the ward, and every read of patient data is audited).
 */
export const RAPID_SERVER_DISCONNECT_MS = 60_000;

interface ClinicianRealtimeEffectProps {
  onStatusChange: (status: ConnectionStatus) => void;
  /** Tests pass a fake; the app uses the one real client. */
  createSocket?: () => ClinicianSocket;
  /** Shows a raised alert as a system notification when the tab is hidden and allowed to. */
  notify?: (alert: Alert) => void;
}

const notifyInBrowser = (alert: Alert): void => {
  notifyAlertRaised(alert);
};

/**
 * Owns the clinicians' socket while someone is signed in and feeds its events into the cache.
 * Socket.IO does not retry a connection the server refused or closed, and the server does both
 * for an expired token; this reconnects with a refreshed one.
 */
export function ClinicianRealtimeEffect({
  onStatusChange,
  createSocket = createClinicianSocket,
  notify = notifyInBrowser,
}: ClinicianRealtimeEffectProps) {
  const queryClient = useQueryClient();
  // Held for as long as someone is signed in, so every alert event has a set to merge into.
  useOpenAlerts();

  useEffect(() => {
    const socket = createSocket();
    let disposed = false;
    let recovering = false;
    let refreshedAfterRefusal = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let lastServerDisconnectAt = Number.NEGATIVE_INFINITY;

    const recoverAuthorisation = () => {
      recovering = true;
      refreshAccessToken().then(
        () => {
          recovering = false;
          refreshedAfterRefusal = true;
          if (!disposed) socket.connect();
        },
        (error: unknown) => {
          // A 401 ended the session (and this component with it); a blip is tried again.
          if (disposed || (error instanceof ApiError && error.statusCode === 401)) return;
          retryTimer = setTimeout(recoverAuthorisation, AUTH_RETRY_MS);
        },
      );
    };

    // Registered before the status tracker, so it sees the reconnection already under way.
    socket.on('disconnect', (reason) => {
      // How the server ends a connection whose token expired: the handshake sends the current one.
      if (reason !== 'io server disconnect') return;
      const now = Date.now();
      const rapid = now - lastServerDisconnectAt < RAPID_SERVER_DISCONNECT_MS;
      lastServerDisconnectAt = now;
      if (!rapid) {
        socket.connect();
        return;
      }
      recovering = true;
      retryTimer = setTimeout(() => {
        recovering = false;
        if (!disposed) socket.connect();
      }, AUTH_RETRY_MS);
    });
    socket.on('connect_error', (error) => {
      if (error.message !== SOCKET_UNAUTHORIZED) return;
      if (refreshedAfterRefusal) {
        // Even a freshly issued token is refused: this login is over.
        authStore.endSession('expired');
        return;
      }
      recoverAuthorisation();
    });
    const stopTracking = trackConnectionStatus(socket, onStatusChange, {
      isRecovering: () => recovering,
    });
    socket.on('connect', () => {
      refreshedAfterRefusal = false;
      resynchronise(queryClient);
    });
    socket.on('vitals', (event) => applyVitalsEvent(queryClient, event));
    socket.on('vitals.frame', (frame) => applyVitalsFrame(queryClient, frame));
    socket.on('session.updated', (session) => applySessionUpdate(queryClient, session));
    socket.on('alert.raised', (alert) => {
      applyAlertEvent(queryClient, alert);
      notify(alert);
    });
    socket.on('alert.updated', (alert) => applyAlertEvent(queryClient, alert));
    socket.on('alarm-suspend.changed', (changed) => applyAlarmSuspendChange(queryClient, changed));
    // Only physicians are sent these: an order a nurse drafted waits for them, or was signed.
    socket.on('order.awaiting-signature', (notice) => applyOrderAwaiting(queryClient, notice));
    socket.on('order.signed', (signed) => applyOrderSigned(queryClient, signed));
    // The receipt says this screen holds the alert (so its sound and inbox have it), not that a
    // person saw it: the server records the first screen of each person to answer.
    socket.on('alert.routed', ({ alert }, received) => {
      applyAlertEvent(queryClient, alert);
      received('received');
    });
    onStatusChange('connecting');
    socket.connect();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      stopTracking();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [queryClient, onStatusChange, createSocket, notify]);

  return null;
}
