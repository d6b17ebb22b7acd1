import type { ConnectionStatus } from '../../api/socket-client';
import { assertNever } from '../utils/assert-never';
import './connection-banner.css';

interface ConnectionBannerProps {
  status: ConnectionStatus;
}

/** A ward screen that silently stops updating is a hazard: say so whenever it is not live. */
export function ConnectionBanner({ status }: ConnectionBannerProps) {
  switch (status) {
    case 'connected':
      return null;
    case 'connecting':
      return (
        <div className="connection-banner connection-banner--pending" role="status">
          Connecting to live updates…
        </div>
      );
    case 'reconnecting':
      return (
        <div className="connection-banner connection-banner--lost" role="alert">
          Live updates lost — reconnecting…
        </div>
      );
    case 'disconnected':
      return (
        <div className="connection-banner connection-banner--lost" role="alert">
          Live updates lost — the server closed the connection. Reload the page.
        </div>
      );
    default:
      return assertNever(status);
  }
}
