import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** The nurses and physicians a session may be given to. */
export function useClinicians() {
  return useQuery({
    queryKey: queryKeys.duty.clinicians(),
    queryFn: ({ signal }) => apiClient.listClinicians(signal),
  });
}
