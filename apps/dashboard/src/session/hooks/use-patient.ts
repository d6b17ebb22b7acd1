import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** One patient's record, read once while the screen that needs it is open (an audited read). */
export function usePatient(patientId: string) {
  return useQuery({
    queryKey: queryKeys.patients.detail(patientId),
    queryFn: ({ signal }) => apiClient.getPatient(patientId, signal),
    staleTime: Infinity,
  });
}
