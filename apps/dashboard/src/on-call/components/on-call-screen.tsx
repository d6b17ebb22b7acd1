import { useMemo } from 'react';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { useMarkAlertSeen } from '../../alerts/hooks/use-mark-alert-seen';
import { useOpenAlerts } from '../../alerts/hooks/use-open-alerts';
import { sortForInbox } from '../../alerts/utils/open-alerts';
import { useDuty } from '../../duty/hooks/use-duty';
import { mayRecord } from '../../session/utils/session-permissions';
import { ErrorNotice } from '../../ui/components/error-notice';
import { useLiveSessions } from '../../ward/hooks/use-live-sessions';
import { useScreenWakeLock, type WakeLockStatus } from '../hooks/use-screen-wake-lock';
import { splitMyAlerts } from '../utils/my-alerts';
import { OnCallAlertCard } from './on-call-alert-card';
import '../../ui/components/form-field.css';
import './on-call-screen.css';

const WAKE_LOCK_NOTES: Record<WakeLockStatus, string> = {
  pending: 'Keeping the screen awake…',
  active: 'The screen stays awake while this page is open.',
  unsupported:
    'This browser cannot keep the screen awake: set the phone’s screen timeout to its longest while on call.',
  refused:
    'The phone did not let this page keep the screen awake (battery saver?): it may lock, and an alarm then sounds unseen.',
};

/**
 * The on-call phone: the alerts routed to this person first (by the server's routing rule, from
 * the sessions' assignments, the charge nurse and each alert's step), then every other open alert
 * of the ward, so none is out of sight. It sounds through the app shell's alarm sound like any
 * clinician's screen, and keeps the screen awake.
 */
export function OnCallScreen() {
  const user = useCurrentUser();
  const wakeLock = useScreenWakeLock();
  const markSeen = useMarkAlertSeen();
  const alerts = useOpenAlerts();
  const sessions = useLiveSessions();
  const duty = useDuty();
  const split = useMemo(
    () =>
      alerts.data &&
      splitMyAlerts(
        sortForInbox(alerts.data),
        user,
        sessions.data ?? [],
        duty.data?.chargeNurse ?? null,
      ),
    [alerts.data, user, sessions.data, duty.data],
  );
  const canAcknowledge = mayRecord(user.role);
  const card = (alert: NonNullable<typeof split>['mine'][number]) => (
    <li key={alert.id}>
      <OnCallAlertCard
        alert={alert}
        canAcknowledge={canAcknowledge}
        onOpen={() => markSeen(alert.id)}
      />
    </li>
  );

  return (
    <main className="on-call" aria-labelledby="on-call-title">
      <header className="on-call__header">
        <h1 id="on-call-title">On call</h1>
        <p className="on-call__note" role="status" data-testid="wake-lock-note">
          {WAKE_LOCK_NOTES[wakeLock]}
        </p>
      </header>
      {alerts.error && (
        <ErrorNotice
          title={alerts.data ? 'Could not refresh alerts' : 'Could not load alerts'}
          error={alerts.error}
        />
      )}
      {!split && !alerts.error && <p role="status">Loading alerts…</p>}
      {split && (
        <>
          <section className="on-call__section" aria-labelledby="my-alerts-title">
            <h2 id="my-alerts-title">My alerts ({split.mine.length})</h2>
            {split.mine.length === 0 ? (
              <p className="on-call__note">No open alert is routed to you.</p>
            ) : (
              <ul className="on-call__list">{split.mine.map(card)}</ul>
            )}
          </section>
          {split.others.length > 0 && (
            <section className="on-call__section" aria-labelledby="other-alerts-title">
              <h2 id="other-alerts-title">Other open alerts on the ward ({split.others.length})</h2>
              <ul className="on-call__list">{split.others.map(card)}</ul>
            </section>
          )}
        </>
      )}
    </main>
  );
}
