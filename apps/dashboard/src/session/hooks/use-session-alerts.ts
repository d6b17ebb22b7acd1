import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** Every alert of the session, resolved ones too; alert events keep it current while open. */
export function useSessionAlerts(sessionId: string) {
  return useQuery({
    queryKey: queryKeys.alerts.ofSession(sessionId),
    queryFn: ({ signal }) => apiClient.listAlerts({ sessionId }, signal),
    staleTime: Infinity,
  });
}
