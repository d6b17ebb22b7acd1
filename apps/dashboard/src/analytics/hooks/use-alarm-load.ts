import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';

/** One window's alarm load; nothing is asked while the window is incomplete. */
export function useAlarmLoad(from: string, to: string) {
  const complete = Boolean(from && to);
  return useQuery({
    queryKey: ['analytics', 'alarms', from, to] as const,
    queryFn: ({ signal }) => apiClient.getAlarmLoad({ from, to }, signal),
    enabled: complete,
  });
}
