import type { Alert } from '@vigil/shared';
import { Link } from 'react-router';
import { sessionPath } from '../../app/routes/route-access';
import { AlertAge } from '../../alerts/components/alert-age';
import { AlertPriorityBadge } from '../../alerts/components/alert-priority';
import { UndeliveredWarning } from '../../alerts/components/undelivered-warning';
import { useAcknowledgeAlert } from '../../alerts/hooks/use-open-alerts';
import { escalationLabel } from '../../alerts/utils/alert-labels';
import { ErrorNotice } from '../../ui/components/error-notice';
import '../../alerts/components/alert-table.css';

/** What the server is told an alert was acknowledged from. */
export const PHONE_LABEL = 'phone';

interface OnCallAlertCardProps {
  alert: Alert;
  canAcknowledge: boolean;
  /** The person touched the card: they have opened the alert. */
  onOpen: () => void;
}

/** One alert, large enough to read and acknowledge with a thumb. */
export function OnCallAlertCard({ alert, canAcknowledge, onOpen }: OnCallAlertCardProps) {
  const acknowledge = useAcknowledgeAlert();
  const escalation = escalationLabel(alert.escalationLevel);
  return (
    <article
      className="on-call-card"
      data-testid={`on-call-alert-${alert.id}`}
      data-priority={alert.priority}
      data-alarm-state={alert.state}
      aria-label={`Bay ${alert.bay}: ${alert.message}`}
      onClick={onOpen}
    >
      <header className="on-call-card__header">
        <AlertPriorityBadge priority={alert.priority} state={alert.state} />
        <span className="on-call-card__bay">Bay {alert.bay}</span>
        <AlertAge raisedAt={alert.raisedAt} />
      </header>
      <p className="on-call-card__message">{alert.message}</p>
      <UndeliveredWarning alert={alert} />
      {escalation && <p className="on-call-card__detail">{escalation}</p>}
      {alert.state === 'acknowledged' && (
        <p className="on-call-card__detail" data-testid="on-call-acknowledged">
          Acknowledged{alert.acknowledgedBy && ` by ${alert.acknowledgedBy}`}
          {alert.acknowledgedFrom && ` (${alert.acknowledgedFrom})`}
        </p>
      )}
      <div className="on-call-card__actions">
        {canAcknowledge && alert.state === 'active' && (
          <button
            className="button button--primary on-call-card__acknowledge"
            type="button"
            disabled={acknowledge.isPending}
            onClick={() => acknowledge.mutate({ alertId: alert.id, from: PHONE_LABEL })}
          >
            {acknowledge.isPending ? 'Acknowledging…' : `Acknowledge bay ${alert.bay}`}
          </button>
        )}
        <Link className="button" to={sessionPath(alert.sessionId)}>
          Open session
        </Link>
      </div>
      {acknowledge.isError && (
        <ErrorNotice title="Could not acknowledge" error={acknowledge.error} />
      )}
    </article>
  );
}
