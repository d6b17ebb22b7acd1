import { useQuery } from '@tanstack/react-query';
import type { ThresholdProfile } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** The threshold profile the session's alarms are judged by (undefined until loaded). */
export function useSessionProfile(profileId: string) {
  return useQuery({
    queryKey: queryKeys.thresholdProfiles.list(),
    queryFn: ({ signal }) => apiClient.listThresholdProfiles(signal),
    select: (profiles: ThresholdProfile[]) => profiles.find((profile) => profile.id === profileId),
  });
}
