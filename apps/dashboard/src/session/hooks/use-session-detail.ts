import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/**
 * One session with its assessment, override and allowed actions. Not refetched on a timer (every
 * read is audited): the realtime effect reloads it when a `session.updated` event names it, and
 * the commands below replace it with the server's answer.
 */
export function useSessionDetail(sessionId: string) {
  return useQuery({
    queryKey: queryKeys.sessions.detail(sessionId),
    queryFn: ({ signal }) => apiClient.getSession(sessionId, signal),
    staleTime: Infinity,
  });
}
