import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditQueryInput } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

export function useAuditEntries(query: AuditQueryInput) {
  return useQuery({
    queryKey: queryKeys.audit.entries(query),
    queryFn: ({ signal }) => apiClient.listAuditEntries(query, signal),
    // The table stays while other filters load, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

export function useAuditVerification() {
  return useQuery({
    queryKey: queryKeys.audit.verification(),
    queryFn: ({ signal }) => apiClient.verifyAuditChain(signal),
  });
}
