import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ClinicianSocket, ConnectionStatus } from './api/socket-client';
import { ClinicianRealtimeEffect } from './realtime/components/clinician-realtime-effect';
import { ConnectionBanner } from './ui/components/connection-banner';
import { WardScreen } from './ward/components/ward-screen';

interface AppProps {
  queryClient: QueryClient;
  createSocket?: () => ClinicianSocket;
}

export function App({ queryClient, createSocket }: AppProps) {
  const [connectionStatus, setConnectionStatus] = useState<ConnectionStatus>('connecting');
  return (
    <QueryClientProvider client={queryClient}>
      <ClinicianRealtimeEffect onStatusChange={setConnectionStatus} createSocket={createSocket} />
      <ConnectionBanner status={connectionStatus} />
      <WardScreen />
    </QueryClientProvider>
  );
}
