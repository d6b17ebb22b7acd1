import type { Role } from '@vigil/shared';
import { useCallback, useEffect } from 'react';
import { receivesLiveUpdates } from '../../realtime/utils/live-roles';
import { mayRecord } from '../../session/utils/session-permissions';
import { useMarkAlertSeen } from '../hooks/use-mark-alert-seen';
import { useOpenAlerts } from '../hooks/use-open-alerts';
import { sortForInbox, type OpenAlerts } from '../utils/open-alerts';
import { AlertTable } from './alert-table';

interface SessionAlertsProps {
  sessionId: string;
  role: Role;
}

/**
 * The session's open alerts, above everything else on its screen; nothing when there are none.
 * Whoever opened the session has each of them in front of them: they are marked seen.
 */
export function SessionAlerts({ sessionId, role }: SessionAlertsProps) {
  const select = useCallback(
    (alerts: OpenAlerts) => sortForInbox(alerts.filter((alert) => alert.sessionId === sessionId)),
    [sessionId],
  );
  const { data: alerts } = useOpenAlerts({ select, live: receivesLiveUpdates(role) });
  const markSeen = useMarkAlertSeen();
  useEffect(() => {
    alerts?.forEach((alert) => markSeen(alert.id));
  }, [alerts, markSeen]);
  if (!alerts || alerts.length === 0) return null;
  return (
    <section
      className="page__section session-alerts"
      aria-labelledby="session-alerts-title"
      data-testid="session-alerts"
    >
      <h2 id="session-alerts-title">Open alerts ({alerts.length})</h2>
      <AlertTable
        alerts={alerts}
        caption="This session’s open alerts"
        canAcknowledge={mayRecord(role)}
      />
    </section>
  );
}
