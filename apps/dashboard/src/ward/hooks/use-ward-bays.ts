import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** A chair registered since the screen opened shows up within this long. */
const BAYS_REFRESH_MS = 60_000;

/**
 * The chairs the ward has, occupied or not. Unlike the sessions this read is not audited (it
 * names no patient), so it may be refreshed on a timer; the realtime effect also reloads it
 * after every reconnect.
 */
export function useWardBays() {
  return useQuery({
    queryKey: queryKeys.bays.list(),
    queryFn: ({ signal }) => apiClient.listBays(signal),
    refetchInterval: BAYS_REFRESH_MS,
  });
}
