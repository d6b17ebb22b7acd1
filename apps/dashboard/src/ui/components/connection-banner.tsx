import type { ConnectionState } from '../../realtime/state/connection-watch';
import { assertNever } from '../utils/assert-never';
import './connection-banner.css';

interface ConnectionBannerProps {
  connection: ConnectionState;
}

/**
 * A ward screen that silently stops updating is a hazard: say so whenever it is not live, and
 * name the technical alarm once it sounds.
 */
export function ConnectionBanner({ connection: { status, alarming } }: ConnectionBannerProps) {
  const alarm = alarming ? 'Technical alarm — ' : '';
  switch (status) {
    case 'connected':
      return null;
    case 'connecting':
      return alarming ? (
        <div className="connection-banner connection-banner--lost" role="alert">
          {alarm}cannot reach the server: no live updates, no alarms from the chairs.
        </div>
      ) : (
        <div className="connection-banner connection-banner--pending" role="status">
          Connecting to live updates…
        </div>
      );
    case 'reconnecting':
      return (
        <div className="connection-banner connection-banner--lost" role="alert">
          {alarm}Live updates lost — reconnecting…
        </div>
      );
    case 'disconnected':
      return (
        <div className="connection-banner connection-banner--lost" role="alert">
          {alarm}Live updates lost — the server closed the connection. Reload the page.
        </div>
      );
    default:
      return assertNever(status);
  }
}
