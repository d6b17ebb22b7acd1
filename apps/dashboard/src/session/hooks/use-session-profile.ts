import { useQuery } from '@tanstack/react-query';
import type { Session } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/**
 * The limits the session's alarms are judged by (undefined until loaded): those it started with,
 * not its profile as edited since, and read again whenever the session changes.
 */
export function useSessionProfile(session: Pick<Session, 'id' | 'revision'> | undefined) {
  return useQuery({
    queryKey: queryKeys.sessions.limits(session?.id ?? '', session?.revision ?? 0),
    queryFn: ({ signal }) => apiClient.sessionLimits(session!.id, signal),
    enabled: session !== undefined,
  });
}
