import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { newestSessionsFor } from '../../realtime/state/newest-sessions';
import { newestSessionCopy } from '../../ward/utils/merge-vitals';

/**
 * The day's list (`YYYY-MM-DD`). Read when a screen showing it opens and after every reconnect;
 * between, `session.updated` moves each session on it, and a copy older than one already seen
 * never replaces it.
 */
export function useDaySchedule(date: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.sessions.schedule(date),
    queryFn: async ({ signal }): Promise<readonly Session[]> => {
      const fetched = await apiClient.getSchedule(date, signal);
      const newest = newestSessionsFor(queryClient);
      return fetched.map((session) => newestSessionCopy(newest.get(session.id), session));
    },
    staleTime: Infinity,
  });
}
