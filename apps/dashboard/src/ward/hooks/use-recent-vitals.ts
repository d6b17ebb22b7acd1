import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { VitalSample } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { RECENT_VITALS_WINDOW } from '../constants/ward.constants';
import { mergeRecentSamples } from '../utils/merge-vitals';

/**
 * A session's last minutes of samples. Loaded once, then grown by socket events; it is never
 * stale on a timer because the realtime effect invalidates it after every reconnect.
 */
export function useRecentVitals(sessionId: string) {
  const queryClient = useQueryClient();
  const queryKey = queryKeys.sessions.recentVitals(sessionId);
  return useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<readonly VitalSample[]> => {
      const from = new Date(Date.now() - RECENT_VITALS_WINDOW.windowMs);
      const fetched = await apiClient.listSessionVitals(sessionId, from, signal);
      // Merge rather than replace: samples may have arrived by socket during the request.
      const cached = queryClient.getQueryData<readonly VitalSample[]>(queryKey) ?? [];
      return mergeRecentSamples(cached, fetched, RECENT_VITALS_WINDOW);
    },
    staleTime: Infinity,
  });
}
