import { useState } from 'react';
import {
  notificationSupport,
  requestNotificationPermission,
  type NotificationEnvironment,
  type NotificationSupport,
} from '../utils/alert-notifications';

const STATUS_TEXT: Record<Exclude<NotificationSupport, 'default'>, string> = {
  granted: 'Browser notifications are on: a new alert shows one while this tab is hidden.',
  denied: 'Browser notifications are blocked in this browser’s settings.',
  unsupported: 'This browser cannot show notifications.',
};

/** Asks for permission only when pressed, never on load. */
export function NotificationPermission({ env }: { env?: NotificationEnvironment }) {
  const [support, setSupport] = useState<NotificationSupport>(() => notificationSupport(env));
  if (support !== 'default') {
    return (
      <p className="page__status" data-testid="notification-status">
        {STATUS_TEXT[support]}
      </p>
    );
  }
  return (
    <button
      className="button alerts-screen__notify"
      type="button"
      onClick={() => {
        requestNotificationPermission(env).then(setSupport, () => setSupport('denied'));
      }}
    >
      Enable browser notifications
    </button>
  );
}
