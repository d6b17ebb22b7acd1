import { coveredBySuspend, suspendInForce, suspendSecondsLeft, type Alert } from '@vigil/shared';
import { useAuthSession } from '../../auth/hooks/use-auth-session';
import { refusalSentences } from '../../ui/errors/refusal-words';
import { useNow } from '../../ui/hooks/use-now';
import { useAlarmSuspends, useAlarmSuspendToggle } from '../hooks/use-alarm-suspends';

interface TileAlarmNotesProps {
  bay: string;
  /** The session's open alerts. */
  alerts: readonly Alert[];
  /** False on a wall display, where nobody works: the suspend shows, its button does not. */
  controls?: boolean;
}

/** "1:32" */
export function minutesAndSeconds(totalSeconds: number): string {
  const seconds = totalSeconds % 60;
  return `${Math.floor(totalSeconds / 60)}:${seconds.toString().padStart(2, '0')}`;
}

/** "Acknowledged by nurse (Ward screen 2)": the newest acknowledgement of the chair's alarms. */
export function acknowledgementLine(alerts: readonly Alert[]): string | null {
  const newest = alerts
    .filter((alert) => alert.state === 'acknowledged' && alert.acknowledgedBy)
    .sort((a, b) => (b.acknowledgedAt ?? '').localeCompare(a.acknowledgedAt ?? ''))[0];
  if (!newest) return null;
  const from = newest.acknowledgedFrom ? ` (${newest.acknowledgedFrom})` : '';
  return `Acknowledged by ${newest.acknowledgedBy}${from}`;
}

/**
 * Under the tile's alarm: who acknowledged it and from where, and the chair's probe-change
 * suspend with the time left (nurses and physicians start and end it here).
 */
export function TileAlarmNotes({ bay, alerts, controls = true }: TileAlarmNotesProps) {
  const now = useNow();
  const role = useAuthSession().session?.user.role;
  const { data: suspends } = useAlarmSuspends();
  const toggle = useAlarmSuspendToggle(bay);
  const suspend = suspendInForce(
    suspends?.find((known) => known.bay === bay),
    alerts,
    now,
  );
  const acknowledged = acknowledgementLine(alerts);
  // A chair sounding an alarm the suspend does not cover cannot be suspended: no button then.
  const suspendable =
    suspend !== null ||
    alerts.every((alert) => alert.state !== 'active' || coveredBySuspend(alert));
  const canSuspend = controls && suspendable && (role === 'nurse' || role === 'physician');
  return (
    <>
      {acknowledged && (
        <p className="bed-tile__acknowledged" data-testid="tile-acknowledged">
          {acknowledged}
        </p>
      )}
      {(suspend || canSuspend) && (
        <div className="bed-tile__suspend" data-testid="tile-suspend">
          {suspend && (
            // The time left apart from the words, so a narrow tile shortens the words, not it.
            <span className="bed-tile__suspend-status" role="status">
              <span className="bed-tile__suspend-words">Alarms suspended for probe change — </span>
              <span className="bed-tile__suspend-left">
                {minutesAndSeconds(suspendSecondsLeft(suspend, now))} left
              </span>
            </span>
          )}
          {canSuspend && (
            <button
              className="button"
              type="button"
              disabled={toggle.isPending}
              onClick={() => toggle.mutate(!suspend)}
            >
              {suspend ? 'End suspend' : 'Suspend alarms for probe change'}
            </button>
          )}
          {toggle.isError && <span role="alert">{refusalSentences(toggle.error).join(' ')}</span>}
        </div>
      )}
    </>
  );
}
