import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiClient } from '../../api/api-client';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { mayRecord } from '../../session/utils/session-permissions';

/** `userId alertId` pairs already told to the server, one set per query cache (tests get fresh). */
const markedByCache = new WeakMap<QueryClient, Set<string>>();

function markedFor(queryClient: QueryClient): Set<string> {
  let marked = markedByCache.get(queryClient);
  if (!marked) {
    marked = new Set();
    markedByCache.set(queryClient, marked);
  }
  return marked;
}

/**
 * Tells the server this person opened an alert (`POST /alerts/:id/seen`), once per alert per
 * person however often the screen shows it again. Nurses and physicians only: an auditor's review
 * is no receipt. A refused or lost request is forgotten, so the next opening tells it again.
 */
export function useMarkAlertSeen(): (alertId: string) => void {
  const queryClient = useQueryClient();
  const { id: userId, role } = useCurrentUser();
  return useCallback(
    (alertId: string) => {
      if (!mayRecord(role)) return;
      const marked = markedFor(queryClient);
      const key = `${userId} ${alertId}`;
      if (marked.has(key)) return;
      marked.add(key);
      apiClient.markAlertSeen(alertId).catch(() => marked.delete(key));
    },
    [queryClient, userId, role],
  );
}
