import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { useDebouncedValue } from '../../ui/hooks/use-debounced-value';
import { searchableText } from '../utils/patient-draft';

/** Typing pauses this long before the register is searched: one audited read per pause, not per key. */
export const PATIENT_SEARCH_DEBOUNCE_MS = 300;

/**
 * The patients whose name or MRN contains what was typed, once it is at least two characters and
 * typing has paused. Each search is an audited read, so an answer is kept for the visit rather
 * than asked again on focus.
 */
export function usePatientSearch(typed: string) {
  const settled = useDebouncedValue(searchableText(typed), PATIENT_SEARCH_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: queryKeys.patients.search(settled ?? ''),
    queryFn: ({ signal }) => apiClient.searchPatients(settled!, signal),
    enabled: settled !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    placeholderData: keepPreviousData,
  });
  return { ...query, searched: settled };
}
