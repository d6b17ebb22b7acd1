import { useMemo } from 'react';
import { mayOpen } from '../../app/routes/route-access';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { mayRecord } from '../../session/utils/session-permissions';
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
  // Roles that watch the ward hold a live connection that keeps this list current.
  const live = mayOpen(role, 'ward');
  const { data, error, refetch, isFetching } = useOpenAlerts({ live });
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
      {live ? (
        <NotificationPermission env={notificationEnv} />
      ) : (
        <p className="page__status">
          Read only, as loaded when this page opened.{' '}
          <button
            className="button"
            type="button"
            disabled={isFetching}
            onClick={() => void refetch()}
          >
            Reload
          </button>
        </p>
      )}
      {error && (
        <ErrorNotice
          title={alerts ? 'Could not refresh alerts' : 'Could not load alerts'}
          error={error}
        />
      )}
      {!alerts && !error && <p role="status">Loading alerts…</p>}
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
