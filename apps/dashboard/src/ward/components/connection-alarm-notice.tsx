import { AlertPriorityBadge } from '../../alerts/components/alert-priority';
import { CONNECTION_LOST } from '../utils/alarm-conditions';
import { formatLocalTime } from '../../ui/utils/format-date-time';

/**
 * The technical alarm of a screen without the server, in the ward's own header, which a kiosk
 * shows too: what sounds, since when, and what it means for the chairs.
 */
export function ConnectionAlarmNotice({ lostSince }: { lostSince: number }) {
  return (
    <p className="ward-screen__connection-alarm" role="alert" data-testid="connection-alarm">
      <AlertPriorityBadge priority={CONNECTION_LOST.priority} state="active" />
      <span>
        Technical alarm: no connection to the server since {formatLocalTime(lostSince)} — chair
        alarms cannot reach this screen.
      </span>
    </p>
  );
}
