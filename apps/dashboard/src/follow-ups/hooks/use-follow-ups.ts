import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** Another nurse may record a call meanwhile: the list is read again this often. */
const FOLLOW_UPS_REFRESH_MS = 60_000;

/** The day's follow-up tasks and every earlier one still open (an audited read). */
export function useFollowUps(date: string) {
  return useQuery({
    queryKey: queryKeys.followUps.due(date),
    queryFn: ({ signal }) => apiClient.listFollowUps(date, signal),
    refetchInterval: FOLLOW_UPS_REFRESH_MS,
  });
}

/** Records the outcome of one call; the list is read again either way (a 409 means done elsewhere). */
export function useRecordFollowUpDone(followUpId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (outcome: string) => apiClient.recordFollowUpDone(followUpId, outcome),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.followUps.all }),
  });
}
