import { useNow } from '../../ui/hooks/use-now';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { formatAge } from '../../ward/utils/format-age';

/** How long ago the alert was raised, ticking every second. */
export function AlertAge({ raisedAt }: { raisedAt: string }) {
  const now = useNow();
  return (
    <time dateTime={raisedAt} title={formatLocalDateTime(raisedAt)} data-testid="alert-age">
      {formatAge(now - Date.parse(raisedAt))}
    </time>
  );
}
