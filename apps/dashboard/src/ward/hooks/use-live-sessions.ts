import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { LIVE_SESSIONS_REFRESH_MS } from '../constants/ward.constants';
import { reconcileFetchedSessions } from '../utils/merge-vitals';

/** The sessions occupying a chair, kept current by the realtime effect between refreshes. */
export function useLiveSessions() {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.sessions.live();
  return useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<readonly Session[]> => {
      const fetched = await apiClient.listLiveSessions(signal);
      return reconcileFetchedSessions(fetched, queryClient.getQueryData(queryKey));
    },
    refetchInterval: LIVE_SESSIONS_REFRESH_MS,
  });
}
