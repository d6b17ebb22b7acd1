import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChargeNurseInput } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** No event announces a handover made on another screen: asked again this often. */
const DUTY_REFRESH_MS = 60_000;

/** Who is charge nurse now, and who has a live screen. */
export function useDuty() {
  return useQuery({
    queryKey: queryKeys.duty.current(),
    queryFn: ({ signal }) => apiClient.getDuty(signal),
    refetchInterval: DUTY_REFRESH_MS,
  });
}

/** The nurses and physicians one may pick (GET /clinicians). */
export function useClinicians() {
  return useQuery({
    queryKey: queryKeys.duty.clinicians(),
    queryFn: ({ signal }) => apiClient.listClinicians(signal),
    staleTime: 5 * 60_000,
  });
}

/** Takes the charge-nurse role, or hands it to another nurse; the answer is the duty as it stands. */
export function useSetChargeNurse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChargeNurseInput) => apiClient.setChargeNurse(input),
    onSuccess: (duty) => queryClient.setQueryData(queryKeys.duty.current(), duty),
  });
}
