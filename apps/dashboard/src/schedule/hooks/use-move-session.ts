import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { mergeNewestSession } from '../../realtime/utils/apply-realtime-events';

/** A scheduled session to another chair; the day's list shows it there at once. */
export function useMoveSession(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bay: string) => apiClient.moveSessionBay(sessionId, { bay }),
    onSuccess: (session) => {
      mergeNewestSession(queryClient, session);
      void queryClient.invalidateQueries({ queryKey: queryKeys.bays.all });
    },
  });
}
