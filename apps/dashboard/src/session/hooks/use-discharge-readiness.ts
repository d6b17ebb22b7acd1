import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/**
 * How often an open discharge form asks again: the recovery clock, readings and alerts move, and a
 * checklist the nurse acts on must not be older than a few seconds. Session and alert events of
 * the session refresh it at once (apply-realtime-events).
 */
export const DISCHARGE_READINESS_REFRESH_MS = 5_000;

/** The discharge criteria as the server judges them now, with the facts the form judges by. */
export function useDischargeReadiness(sessionId: string) {
  return useQuery({
    queryKey: queryKeys.sessions.dischargeReadiness(sessionId),
    queryFn: ({ signal }) => apiClient.getDischargeReadiness(sessionId, signal),
    refetchInterval: DISCHARGE_READINESS_REFRESH_MS,
  });
}
