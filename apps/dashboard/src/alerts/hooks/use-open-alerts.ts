import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Alert } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';
import { alertJournalFor } from '../utils/alert-event-journal';
import { applyAlertEvent, replaceOpenAlerts, type OpenAlerts } from '../utils/open-alerts';
import { screenLabel } from '../utils/screen-label';

/** The server's open alerts: the active and the acknowledged ones, asked for side by side. */
async function fetchOpenAlerts(queryClient: QueryClient, signal: AbortSignal): Promise<OpenAlerts> {
  const journal = alertJournalFor(queryClient);
  const mark = journal.mark();
  const [active, acknowledged] = await Promise.all([
    apiClient.listAlerts({ state: 'active' }, signal),
    apiClient.listAlerts({ state: 'acknowledged' }, signal),
  ]);
  return replaceOpenAlerts([...active, ...acknowledged], journal.since(mark));
}

/** Records an alert as the newest word on it and applies it to the cached open alerts. */
export function applyAlertToCache(queryClient: QueryClient, alert: Alert): void {
  alertJournalFor(queryClient).record(alert);
  queryClient.setQueryData<OpenAlerts>(
    queryKeys.alerts.open(),
    (current) => current && applyAlertEvent(current, alert),
  );
}

interface OpenAlertsOptions<T> {
  select?: (alerts: OpenAlerts) => T;
  /**
   * True where the realtime effect keeps the cache current (it reloads after every reconnect);
   * otherwise the list is reloaded whenever a screen showing it opens.
   */
  live?: boolean;
}

export function useOpenAlerts<T = OpenAlerts>({ select, live = true }: OpenAlertsOptions<T> = {}) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.alerts.open(),
    queryFn: ({ signal }) => fetchOpenAlerts(queryClient, signal),
    select,
    staleTime: live ? Infinity : 0,
  });
}

export interface AcknowledgeRequest {
  alertId: string;
  note?: string;
  /** Where from: this screen's own name unless said ("phone"). */
  from?: string;
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ alertId, note, from = screenLabel() }: AcknowledgeRequest) =>
      apiClient.acknowledgeAlert(alertId, note, from),
    onSuccess: (alert) => applyAlertToCache(queryClient, alert),
  });
}
