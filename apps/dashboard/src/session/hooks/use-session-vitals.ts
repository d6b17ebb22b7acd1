import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { VitalSample } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { mergeRecentSamples } from '../../ward/utils/merge-vitals';
import { SESSION_VITALS_WINDOW } from '../constants/session.constants';

/**
 * Every sample since `from` (the session's start), loaded once and then grown by the socket's
 * `vitals` events, which the realtime effect merges into this same cache entry.
 */
export function useSessionVitals(sessionId: string, from: string | undefined) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.sessions.vitals(sessionId);
  return useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<readonly VitalSample[]> => {
      const fetched = await apiClient.listSessionVitals(sessionId, new Date(from!), signal);
      // Merge rather than replace: samples may have arrived by socket during the request.
      const cached = queryClient.getQueryData<readonly VitalSample[]>(queryKey) ?? [];
      return mergeRecentSamples(cached, fetched, SESSION_VITALS_WINDOW);
    },
    enabled: from !== undefined,
    staleTime: Infinity,
  });
}
