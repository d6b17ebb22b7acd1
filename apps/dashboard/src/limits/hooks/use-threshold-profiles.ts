import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ThresholdProfile, ThresholdProfileInput } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

export function useThresholdProfiles() {
  return useQuery({
    queryKey: queryKeys.thresholdProfiles.list(),
    queryFn: ({ signal }) => apiClient.listThresholdProfiles(signal),
  });
}

export interface ProfileSave {
  profileId: string;
  input: ThresholdProfileInput;
}

export function useSaveThresholdProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ profileId, input }: ProfileSave) =>
      apiClient.saveThresholdProfile(profileId, input),
    onSuccess: (saved) => {
      queryClient.setQueryData<ThresholdProfile[]>(
        queryKeys.thresholdProfiles.list(),
        (profiles) =>
          profiles && profiles.map((profile) => (profile.id === saved.id ? saved : profile)),
      );
    },
  });
}

/** Listing them is audited on the server: asked once per visit, not on every focus. */
export function usePreviewableSessions() {
  return useQuery({
    queryKey: queryKeys.thresholdProfiles.previewableSessions(),
    queryFn: ({ signal }) => apiClient.listPreviewableSessions(signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/**
 * What a profile would have raised on a recorded session. Each replay is an audited read of the
 * session's readings, so each profile is replayed once per session while the page is open, and
 * the previous answer stays on screen while the next one loads.
 */
export function useProfilePreview(sessionId: string | null, profile: ThresholdProfileInput | null) {
  return useQuery({
    queryKey: queryKeys.thresholdProfiles.preview(sessionId ?? '', profile ?? EMPTY_PROFILE),
    queryFn: ({ signal }) =>
      apiClient.previewThresholdProfile({ sessionId: sessionId!, profile: profile! }, signal),
    enabled: sessionId !== null && profile !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
}

/** Only a stand-in for the key of a disabled query; never sent. */
const EMPTY_PROFILE = {} as ThresholdProfileInput;
