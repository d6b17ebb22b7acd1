import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AssignmentInput } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { mergeNewestSession } from '../../realtime/utils/apply-realtime-events';

/** Changes who is sent the session's alerts first and at the first escalation; audited. */
export function useSetAssignment(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AssignmentInput) => apiClient.setAssignment(sessionId, input),
    onSuccess: (session) => void mergeNewestSession(queryClient, session),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.sessions.log(sessionId), exact: true }),
  });
}
