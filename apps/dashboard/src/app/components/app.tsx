import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ClinicianSocket } from '../../api/socket-client';
import { authStore } from '../../auth/state/auth-store';
import { AppRoutes } from './app-routes';

interface AppProps {
  queryClient: QueryClient;
  /** Tests pass a fake; the app uses the one real client. */
  createSocket?: () => ClinicianSocket;
}

/** Everything but the router, which main.tsx (BrowserRouter) or a test (MemoryRouter) provides. */
export function App({ queryClient, createSocket }: AppProps) {
  useForgetDataOfEndedLogin(queryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <AppRoutes createSocket={createSocket} />
    </QueryClientProvider>
  );
}

/** Patient data and user lists must not outlive the login that loaded them (shared kiosks). */
function useForgetDataOfEndedLogin(queryClient: QueryClient) {
  useEffect(() => {
    let userId = authStore.getSnapshot().session?.user.id ?? null;
    return authStore.subscribe(() => {
      const nextUserId = authStore.getSnapshot().session?.user.id ?? null;
      if (userId !== null && nextUserId !== userId) queryClient.clear();
      userId = nextUserId;
    });
  }, [queryClient]);
}
