import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SessionSearchQueryInput } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { newestFirst } from '../utils/session-search-filters';

/**
 * The sessions a search finds. Each search is an audited read of patient records, so it runs
 * only once filters are set, and again only when asked (never on a timer or a refocus).
 */
export function useSessionSearch(query: SessionSearchQueryInput, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.sessionSearch.results(query),
    queryFn: ({ signal }) => apiClient.searchSessions(query, signal),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    select: newestFirst,
    placeholderData: keepPreviousData,
  });
}
