import { useMemo } from 'react';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { receivesLiveUpdates } from '../../realtime/utils/live-roles';
import { AwaitingSignatureList } from '../../schedule/components/awaiting-signature-list';
import { mayRecord, maySignOrder } from '../../session/utils/session-permissions';
import { ErrorNotice } from '../../ui/components/error-notice';
import { useOpenAlerts } from '../hooks/use-open-alerts';
import type { NotificationEnvironment } from '../utils/alert-notifications';
import { sortForInbox } from '../utils/open-alerts';
import { AlertTable } from './alert-table';
import { NotificationPermission } from './notification-permission';
import '../../ui/components/form-field.css';
import '../../ui/components/page.css';
import './alerts-screen.css';

interface AlertsScreenProps {
  /** Tests pass their own browser. */
  notificationEnv?: NotificationEnvironment;
}

/** Every open alert on the ward, the most urgent and longest waiting first. */
export function AlertsScreen({ notificationEnv }: AlertsScreenProps) {
  const { role } = useCurrentUser();
  // Roles with the live connection (auditors too) have this list kept current by it.
  const live = receivesLiveUpdates(role);
  const { data, error } = useOpenAlerts({ live });
  const alerts = useMemo(() => (data ? sortForInbox(data) : undefined), [data]);

  return (
    <main className="page alerts-screen" aria-labelledby="alerts-title">
      <header className="alerts-screen__header">
        <h1 id="alerts-title">Alerts</h1>
        {alerts && (
          <p className="page__status" data-testid="open-alert-count">
            {alerts.length} open {alerts.length === 1 ? 'alert' : 'alerts'}
          </p>
        )}
      </header>
      {mayRecord(role) ? (
        <NotificationPermission env={notificationEnv} />
      ) : (
        <p className="page__status" data-testid="read-only-notice">
          Read only: your role reviews alerts and cannot acknowledge them.
        </p>
      )}
      {error && (
        <ErrorNotice
          title={alerts ? 'Could not refresh alerts' : 'Could not load alerts'}
          error={error}
        />
      )}
      {!alerts && !error && <p role="status">Loading alerts…</p>}
      {maySignOrder(role) && <AwaitingSignatureList />}
      {alerts?.length === 0 && <p className="page__status">No open alerts.</p>}
      {alerts && alerts.length > 0 && (
        <section className="page__section" aria-label="Open alerts">
          <AlertTable
            alerts={alerts}
            caption="Open alerts, highest priority and longest waiting first"
            canAcknowledge={mayRecord(role)}
            linkToSession
          />
        </section>
      )}
    </main>
  );
}
