import { anAlert } from '../../../test/alert.fixture';
import {
  notificationSupport,
  notifyAlertRaised,
  requestNotificationPermission,
  type NotificationEnvironment,
} from './alert-notifications';

function fakeNotificationApi(permission: NotificationPermission) {
  const shown: { title: string; options?: NotificationOptions }[] = [];
  class FakeNotification {
    static permission = permission;
    static requestPermission = jest.fn(() => Promise.resolve<NotificationPermission>('granted'));
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options });
    }
    close() {}
  }
  return {
    shown,
    Notification: FakeNotification as unknown as NotificationEnvironment['Notification'],
    requestPermission: FakeNotification.requestPermission,
  };
}

describe('alert notifications', () => {
  const alert = anAlert({ bay: '4', priority: 'high', message: 'SpO2 84 < 85' });

  it('shows a raised alert when the tab is hidden and permission was granted', () => {
    const api = fakeNotificationApi('granted');
    const shown = notifyAlertRaised(alert, {
      isHidden: () => true,
      Notification: api.Notification,
    });
    expect(shown).toBe(true);
    expect(api.shown).toEqual([
      {
        title: 'Bay 4 — HIGH: SpO2 84 < 85',
        options: expect.objectContaining({ tag: alert.id }) as NotificationOptions,
      },
    ]);
  });

  it('shows nothing while the tab is visible', () => {
    const api = fakeNotificationApi('granted');
    expect(
      notifyAlertRaised(alert, { isHidden: () => false, Notification: api.Notification }),
    ).toBe(false);
    expect(api.shown).toHaveLength(0);
  });

  it.each<NotificationPermission>(['default', 'denied'])(
    'shows nothing when permission is %s',
    (permission) => {
      const api = fakeNotificationApi(permission);
      expect(
        notifyAlertRaised(alert, { isHidden: () => true, Notification: api.Notification }),
      ).toBe(false);
      expect(api.shown).toHaveLength(0);
    },
  );

  it('copes with a browser without the Notification API', async () => {
    const env: NotificationEnvironment = { isHidden: () => true };
    expect(notifyAlertRaised(alert, env)).toBe(false);
    expect(notificationSupport(env)).toBe('unsupported');
    await expect(requestNotificationPermission(env)).resolves.toBe('unsupported');
  });

  it('uses the real browser’s API only where it exists (jsdom has none)', () => {
    expect(notifyAlertRaised(alert)).toBe(false);
  });
});
