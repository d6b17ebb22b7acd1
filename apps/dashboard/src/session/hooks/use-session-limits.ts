import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Session, ThresholdProfileInput } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/**
 * A physician's change of this session's limits. The answer is the limits now in force; the
 * session's revision moved with them, so the session (and with it the trends' limits) is read
 * again, and the change joins the timeline.
 */
export function useSetSessionLimits(session: Pick<Session, 'id' | 'revision'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ThresholdProfileInput) => apiClient.setSessionLimits(session.id, input),
    onSuccess: (stored) => {
      queryClient.setQueryData(queryKeys.sessions.limits(session.id, session.revision), stored);
      void queryClient.invalidateQueries({
        queryKey: queryKeys.sessions.detail(session.id),
        exact: true,
      });
    },
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.sessions.log(session.id), exact: true }),
  });
}
