import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { type DelayReports, worstDelayMs } from '../utils/system-delay';

const NONE_YET: DelayReports = [];

/**
 * Vigil's own delay as the last seconds' frames told it; null while no frame has come in them.
 * Judged when a frame arrives or the ward changes (frames re-render it), not on a clock of its
 * own: without frames there are no readings to be late.
 */
export function useSystemDelay(): number | null {
  const { data, dataUpdatedAt } = useQuery({
    queryKey: queryKeys.systemDelay,
    // Frames write it (applyVitalsFrame); there is nothing to fetch.
    queryFn: () => NONE_YET,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return worstDelayMs(data, dataUpdatedAt);
}
