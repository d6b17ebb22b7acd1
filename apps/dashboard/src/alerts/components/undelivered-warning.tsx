import { useQuery } from '@tanstack/react-query';
import { deliveredToNobody, type Alert } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { queryKeys } from '../../api/query-keys';

/** While nobody's screen has confirmed it, asked again this often (a receipt brings no event). */
const RECHECK_MS = 10_000;

/**
 * "Not yet delivered to anyone", on its own line, for an open alert no person's screen has
 * confirmed. Read again on every event of the alert (its revision) and while the warning stands.
 */
export function UndeliveredWarning({ alert }: { alert: Alert }) {
  const open = alert.state !== 'resolved';
  const { data: deliveries } = useQuery({
    queryKey: [...queryKeys.alerts.deliveries(alert.id), alert.revision],
    queryFn: ({ signal }) => apiClient.listAlertDeliveries(alert.id, signal),
    enabled: open,
    refetchInterval: (query) =>
      query.state.data && !deliveredToNobody(query.state.data) ? false : RECHECK_MS,
  });
  if (!open || !deliveries || !deliveredToNobody(deliveries)) return null;
  return (
    <span className="alert-table__undelivered" role="alert" data-testid="alert-undelivered">
      Not yet delivered to anyone
    </span>
  );
}
