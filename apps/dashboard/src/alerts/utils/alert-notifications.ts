import type { Alert } from '@vigil/shared';
import { alarmSummary } from './alert-labels';

/** What of the browser a notification needs; tests pass their own. */
export interface NotificationEnvironment {
  isHidden: () => boolean;
  /** Undefined where the browser has no Notification API (older WebViews, jsdom). */
  Notification?: Pick<typeof Notification, 'permission' | 'requestPermission'> &
    (new (title: string, options?: NotificationOptions) => Notification);
}

export function browserNotificationEnvironment(): NotificationEnvironment {
  return {
    isHidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
    Notification: typeof Notification === 'undefined' ? undefined : Notification,
  };
}

export type NotificationSupport = NotificationPermission | 'unsupported';

export function notificationSupport(
  env: NotificationEnvironment = browserNotificationEnvironment(),
): NotificationSupport {
  return env.Notification ? env.Notification.permission : 'unsupported';
}

/** Only a tab nobody is looking at, and only once the user has allowed it. */
export function shouldNotify(env: NotificationEnvironment): boolean {
  return env.Notification?.permission === 'granted' && env.isHidden();
}

/** A raised alert as a system notification; returns whether one was shown. */
export function notifyAlertRaised(
  alert: Alert,
  env: NotificationEnvironment = browserNotificationEnvironment(),
): boolean {
  if (!env.Notification || !shouldNotify(env)) return false;
  try {
    const notification = new env.Notification(`Bay ${alert.bay} — ${alarmSummary(alert)}`, {
      body: alert.message,
      tag: alert.id,
      requireInteraction: alert.priority === 'high',
    });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
    return true;
  } catch {
    // Some browsers (Android Chrome) only allow notifications from a service worker.
    return false;
  }
}

/** Asks for permission; only ever from a button the user pressed. */
export async function requestNotificationPermission(
  env: NotificationEnvironment = browserNotificationEnvironment(),
): Promise<NotificationSupport> {
  if (!env.Notification) return 'unsupported';
  return env.Notification.requestPermission();
}
