import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { KetamineDrawInput, KetamineWasteInput } from '@vigil/shared';
import { useState } from 'react';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

function refreshRecord(queryClient: QueryClient, sessionId: string) {
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.ketamine(sessionId) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.sessions.log(sessionId), exact: true });
  void queryClient.invalidateQueries({
    queryKey: queryKeys.sessions.dischargeReadiness(sessionId),
    exact: true,
  });
}

/** What was drawn and wasted; read again after each entry this screen makes. */
export function useKetamineRecord(sessionId: string) {
  return useQuery({
    queryKey: queryKeys.sessions.ketamine(sessionId),
    queryFn: ({ signal }) => apiClient.getKetamineRecord(sessionId, signal),
    staleTime: Infinity,
  });
}

export function useDrawKetamine(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: KetamineDrawInput) => apiClient.drawKetamine(sessionId, input),
    onSettled: () => refreshRecord(queryClient, sessionId),
  });
}

/**
 * The witnessed waste. Not a TanStack mutation: a mutation keeps its variables (here the
 * witness's password) in the cache after the request; this keeps them only in the request.
 */
export function useWasteKetamine(sessionId: string) {
  const queryClient = useQueryClient();
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const waste = async (input: KetamineWasteInput): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await apiClient.wasteKetamine(sessionId, input);
      return true;
    } catch (refusal) {
      setError(refusal);
      return false;
    } finally {
      setPending(false);
      refreshRecord(queryClient, sessionId);
    }
  };
  return { waste, isPending, error };
}
