import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** The session's timeline; reloaded after each command and each `session.updated` event. */
export function useSessionLog(sessionId: string) {
  return useQuery({
    queryKey: queryKeys.sessions.log(sessionId),
    queryFn: ({ signal }) => apiClient.getSessionLog(sessionId, signal),
    staleTime: Infinity,
  });
}
