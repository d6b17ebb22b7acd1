import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  createClinicianSocket,
  trackConnectionStatus,
  type ClinicianSocket,
  type ConnectionStatus,
} from '../../api/socket-client';
import {
  applySessionUpdate,
  applyVitalsEvent,
  resynchronise,
} from '../utils/apply-realtime-events';

interface ClinicianRealtimeEffectProps {
  onStatusChange: (status: ConnectionStatus) => void;
  /** Tests pass a fake; the app uses the one real client. */
  createSocket?: () => ClinicianSocket;
}

/** Owns the clinicians' socket for the page's lifetime and feeds its events into the cache. */
export function ClinicianRealtimeEffect({
  onStatusChange,
  createSocket = createClinicianSocket,
}: ClinicianRealtimeEffectProps) {
  const queryClient = useQueryClient();

  useEffect(() => {
    const socket = createSocket();
    const stopTracking = trackConnectionStatus(socket, onStatusChange);
    socket.on('connect', () => resynchronise(queryClient));
    socket.on('vitals', (event) => applyVitalsEvent(queryClient, event));
    socket.on('session.updated', (session) => applySessionUpdate(queryClient, session));
    onStatusChange('connecting');
    socket.connect();
    return () => {
      stopTracking();
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [queryClient, onStatusChange, createSocket]);

  return null;
}
