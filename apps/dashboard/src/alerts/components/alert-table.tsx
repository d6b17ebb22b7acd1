import type { Alert } from '@vigil/shared';
import { Link } from 'react-router';
import { sessionPath } from '../../app/routes/route-access';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { useMarkAlertSeen } from '../hooks/use-mark-alert-seen';
import { alertStateLabel, escalationLabel } from '../utils/alert-labels';
import { UndeliveredWarning } from './undelivered-warning';
import { AcknowledgeAlertForm } from './acknowledge-alert-form';
import { AlertAge } from './alert-age';
import { AlertPriorityBadge } from './alert-priority';
import '../../ui/components/page.css';
import './alert-table.css';

interface AlertTableProps {
  /** Already in the order to show. */
  alerts: readonly Alert[];
  caption: string;
  /** Nurses and physicians; auditors read only. */
  canAcknowledge: boolean;
  /** The inbox links each alert to its session; the session screen is already there. */
  linkToSession?: boolean;
}

export function AlertTable({ alerts, caption, canAcknowledge, linkToSession }: AlertTableProps) {
  const markSeen = useMarkAlertSeen();
  return (
    <div className="data-table-scroll">
      <table className="data-table alert-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            <th scope="col">Bay</th>
            <th scope="col">Alert</th>
            <th scope="col">Raised</th>
            <th scope="col">Escalation</th>
            <th scope="col">State</th>
            {(canAcknowledge || linkToSession) && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr
              key={alert.id}
              data-testid={`alert-row-${alert.id}`}
              data-priority={alert.priority}
              data-alarm-state={alert.state}
            >
              <td>
                <AlertPriorityBadge priority={alert.priority} state={alert.state} />
              </td>
              <td className="alert-table__bay">{alert.bay}</td>
              <td className="alert-table__message">
                {alert.message}
                <UndeliveredWarning alert={alert} />
              </td>
              <td className="numeric">
                <AlertAge raisedAt={alert.raisedAt} />
              </td>
              <td data-testid="alert-escalation">
                {escalationLabel(alert.escalationLevel) ?? '—'}
              </td>
              <td data-testid="alert-state">
                {alertStateLabel(alert.state)}
                {alert.state === 'acknowledged' && alert.acknowledgedBy && (
                  <span className="alert-table__detail">
                    {' '}
                    by {alert.acknowledgedBy}
                    {alert.acknowledgedAt && ` at ${formatLocalDateTime(alert.acknowledgedAt)}`}
                  </span>
                )}
              </td>
              {(canAcknowledge || linkToSession) && (
                <td>
                  <div className="row-actions">
                    {canAcknowledge && alert.state === 'active' && (
                      <AcknowledgeAlertForm alert={alert} onOpen={() => markSeen(alert.id)} />
                    )}
                    {linkToSession && (
                      <Link to={sessionPath(alert.sessionId)} onClick={() => markSeen(alert.id)}>
                        Open bay {alert.bay} session
                      </Link>
                    )}
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
