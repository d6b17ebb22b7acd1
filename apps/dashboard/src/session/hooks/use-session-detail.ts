import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { newestSessionsFor } from '../../realtime/state/newest-sessions';
import { newestSessionCopy } from '../../ward/utils/merge-vitals';

/**
 * One session with its assessment, override and allowed actions. Not refetched on a timer (every
 * read is audited): the realtime effect reloads it when a `session.updated` event names it, and
 * the commands below replace it with the server's answer. A read that an event overtook answers
 * with the newer copy.
 */
export function useSessionDetail(sessionId: string) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.sessions.detail(sessionId);
  return useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<Session> => {
      const fetched = await apiClient.getSession(sessionId, signal);
      const newest = newestSessionsFor(queryClient).note(fetched);
      return newestSessionCopy(queryClient.getQueryData<Session>(queryKey), newest);
    },
    staleTime: Infinity,
  });
}
