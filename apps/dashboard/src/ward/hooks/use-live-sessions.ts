import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { newestSessionsFor } from '../../realtime/state/newest-sessions';
import { reconcileFetchedSessions } from '../utils/merge-vitals';

/**
 * The sessions occupying a chair. Never refetched on a timer: the realtime effect reloads it after
 * every (re)connect and applies `session.updated` between, and each read is audited server-side.
 */
export function useLiveSessions() {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.sessions.live();
  return useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<readonly Session[]> => {
      const fetched = await apiClient.listLiveSessions(signal);
      const newest = newestSessionsFor(queryClient);
      fetched.forEach((session) => newest.note(session));
      return reconcileFetchedSessions(fetched, queryClient.getQueryData(queryKey), (id) =>
        newest.get(id),
      );
    },
    staleTime: Infinity,
  });
}
