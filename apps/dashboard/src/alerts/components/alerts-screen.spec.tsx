import type { Alert, Role } from '@vigil/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { anAlert } from '../../../test/alert.fixture';
import { anAuthResponse } from '../../../test/auth.fixture';
import {
  installFakeFetch,
  jsonResponse,
  nestError,
  requestsTo,
  type FakeRoute,
} from '../../../test/fake-fetch';
import { aPatientSummary, aSession } from '../../../test/session.fixture';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import type { NotificationEnvironment } from '../utils/alert-notifications';
import { AlertsScreen } from './alerts-screen';

const now = Date.parse('2026-11-25T10:20:00.000Z');
const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

const openAlerts: Alert[] = [
  anAlert({
    id: 'low-old',
    bay: '2',
    priority: 'low',
    code: 'BP_OVERDUE',
    message: 'No blood pressure for 12 min',
    raisedAt: minutesAgo(15),
  }),
  anAlert({
    id: 'high-new',
    sessionId: 's-4',
    bay: '4',
    priority: 'high',
    message: 'SpO2 86 < 90',
    raisedAt: minutesAgo(1),
  }),
  anAlert({
    id: 'medium-acked',
    bay: '5',
    priority: 'medium',
    state: 'acknowledged',
    code: 'SYSTOLIC_HIGH',
    message: 'Systolic 165 ≥ 160',
    raisedAt: minutesAgo(8),
    acknowledgedBy: 'nurse',
    acknowledgedAt: minutesAgo(7),
  }),
  anAlert({
    id: 'high-old',
    bay: '3',
    priority: 'high',
    code: 'HR_HIGH',
    message: 'HR 135 > 130',
    raisedAt: minutesAgo(3),
    escalationLevel: 1,
  }),
];

function renderInbox(
  role: Role,
  notificationEnv?: NotificationEnvironment,
  sessionRoutes: Record<string, FakeRoute> = {},
) {
  authStore.clear();
  authStore.signIn(anAuthResponse(role));
  const fetchMock = installFakeFetch({
    'GET /sessions': () => jsonResponse(200, []),
    'GET /schedule': () => jsonResponse(200, []),
    ...sessionRoutes,
    'GET /alerts/high-new/deliveries': () => jsonResponse(200, []),
    'GET /alerts/high-old/deliveries': () =>
      jsonResponse(200, [
        {
          userId: 'u-1',
          role: 'nurse',
          level: 0,
          sentAt: minutesAgo(3),
          deliveredAt: minutesAgo(3),
        },
      ]),
    'GET /alerts': ({ query }) =>
      jsonResponse(
        200,
        openAlerts.filter((alert) => alert.state === query.get('state')),
      ),
    'POST /alerts/high-new/acknowledge': () =>
      jsonResponse(
        200,
        anAlert({
          ...openAlerts[1],
          state: 'acknowledged',
          acknowledgedBy: role,
          acknowledgedAt: minutesAgo(0),
        }),
      ),
  });
  const view = renderWithProviders(<AlertsScreen notificationEnv={notificationEnv} />, {
    path: '/alerts',
  });
  return { fetchMock, ...view };
}

const rowIds = () =>
  screen
    .getAllByTestId(/^alert-row-/)
    .map((row) => row.getAttribute('data-testid')?.replace('alert-row-', ''));

describe('AlertsScreen', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('lists open alerts by priority, high first, then the longest waiting first', async () => {
    const { fetchMock } = renderInbox('physician');
    await screen.findByTestId('alert-row-high-old');
    expect(rowIds()).toEqual(['high-old', 'high-new', 'medium-acked', 'low-old']);
    expect(screen.getByTestId('open-alert-count')).toHaveTextContent('4 open alerts');
    expect(
      requestsTo(fetchMock, 'GET /alerts').map((request) => request.query.get('state')),
    ).toEqual(['active', 'acknowledged']);
  });

  it('shows priority in words with an icon, bay, message, age, escalation and state', async () => {
    renderInbox('nurse');
    const row = await screen.findByTestId('alert-row-high-old');
    expect(row).toHaveTextContent('HIGH');
    expect(within(row).getByTestId('alarm-icon')).toHaveAttribute('data-priority', 'high');
    expect(row).toHaveTextContent('3');
    expect(row).toHaveTextContent('HR 135 > 130');
    expect(within(row).getByTestId('alert-age')).toHaveTextContent('3 min ago');
    expect(within(row).getByTestId('alert-escalation')).toHaveTextContent(
      'Escalated to physicians',
    );
    expect(within(row).getByTestId('alert-state')).toHaveTextContent('Active');
    expect(within(row).getByRole('link', { name: 'Open bay 3 session' })).toHaveAttribute(
      'href',
      '/sessions/session-1',
    );

    const acked = screen.getByTestId('alert-row-medium-acked');
    expect(within(acked).getByTestId('alert-state')).toHaveTextContent('Acknowledged by nurse');
    expect(within(acked).getByTestId('alert-escalation')).toHaveTextContent('—');
    expect(within(acked).queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
  });

  it('warns on its own of an open alert no person’s screen has confirmed', async () => {
    renderInbox('nurse');
    const unconfirmed = await screen.findByTestId('alert-row-high-new');
    expect(await within(unconfirmed).findByTestId('alert-undelivered')).toHaveTextContent(
      'Not yet delivered to anyone',
    );
    const delivered = screen.getByTestId('alert-row-high-old');
    await waitFor(() =>
      expect(within(delivered).queryByTestId('alert-undelivered')).not.toBeInTheDocument(),
    );
  });

  it('keeps the age ticking', async () => {
    renderInbox('nurse');
    const row = await screen.findByTestId('alert-row-high-new');
    expect(within(row).getByTestId('alert-age')).toHaveTextContent('1 min ago');
    act(() => {
      jest.advanceTimersByTime(60_000);
    });
    expect(within(row).getByTestId('alert-age')).toHaveTextContent('2 min ago');
  });

  it('acknowledges with the optional note and shows the row as acknowledged', async () => {
    const { fetchMock } = renderInbox('physician');
    const row = await screen.findByTestId('alert-row-high-new');
    fireEvent.change(within(row).getByPlaceholderText('Note (optional)'), {
      target: { value: '  oxygen on  ' },
    });
    fireEvent.click(within(row).getByRole('button', { name: 'Acknowledge' }));

    await waitFor(() =>
      expect(within(row).getByTestId('alert-state')).toHaveTextContent('Acknowledged by physician'),
    );
    expect(requestsTo(fetchMock, 'POST /alerts/high-new/acknowledge')[0]?.body).toEqual({
      note: 'oxygen on',
      from: 'Workstation',
    });
    expect(within(row).queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(row).toHaveAttribute('data-alarm-state', 'acknowledged');
  });

  it('acknowledges in one click without a note', async () => {
    const { fetchMock } = renderInbox('nurse');
    const row = await screen.findByTestId('alert-row-high-new');
    fireEvent.click(within(row).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() =>
      expect(requestsTo(fetchMock, 'POST /alerts/high-new/acknowledge')).toHaveLength(1),
    );
    expect(requestsTo(fetchMock, 'POST /alerts/high-new/acknowledge')[0]?.body).toEqual({
      from: 'Workstation',
    });
  });

  it('says why an acknowledgement was refused', async () => {
    authStore.clear();
    authStore.signIn(anAuthResponse('nurse'));
    installFakeFetch({
      'GET /alerts': ({ query }) =>
        jsonResponse(200, query.get('state') === 'active' ? [openAlerts[1]] : []),
      'POST /alerts/high-new/acknowledge': () => nestError(409, 'Alert is already resolved'),
    });
    renderWithProviders(<AlertsScreen />);
    const row = await screen.findByTestId('alert-row-high-new');
    fireEvent.click(within(row).getByRole('button', { name: 'Acknowledge' }));
    expect(await within(row).findByRole('alert')).toHaveTextContent(
      'Could not acknowledge: Alert is already resolved',
    );
  });

  it('gives an auditor no acknowledge button and no notifications', async () => {
    const requestPermission = jest.fn();
    renderInbox('auditor', {
      isHidden: () => true,
      Notification: { permission: 'default', requestPermission } as never,
    });
    await screen.findByTestId('alert-row-high-new');
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(screen.queryByPlaceholderText('Note (optional)')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enable browser notifications' }),
    ).not.toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /^Open bay/ })).toHaveLength(4);
    expect(screen.getByTestId('read-only-notice')).toHaveTextContent(
      'Read only: your role reviews alerts and cannot acknowledge them.',
    );
  });

  it('asks for notification permission only when the button is pressed', async () => {
    const requestPermission = jest.fn(() => Promise.resolve<NotificationPermission>('granted'));
    renderInbox('physician', {
      isHidden: () => false,
      Notification: { permission: 'default', requestPermission } as never,
    });
    await screen.findByTestId('alert-row-high-new');
    expect(requestPermission).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Enable browser notifications' }));
    expect(await screen.findByTestId('notification-status')).toHaveTextContent(
      'Browser notifications are on',
    );
    expect(requestPermission).toHaveBeenCalledTimes(1);
  });

  it('explains when the browser has no notifications', async () => {
    renderInbox('nurse', { isHidden: () => false });
    expect(await screen.findByTestId('notification-status')).toHaveTextContent(
      'This browser cannot show notifications.',
    );
  });

  describe('dose orders waiting for a signature', () => {
    const waiting = {
      'GET /sessions': () =>
        jsonResponse(200, [
          aSession({ id: 's-live', bay: '2', state: 'assessed', order: null, startedAt: null }),
          aSession({ id: 's-signed', bay: '3', state: 'assessed', startedAt: null }),
        ]),
      'GET /schedule': ({ query }: { query: URLSearchParams }) =>
        jsonResponse(
          200,
          query.get('date') === '2026-11-25'
            ? [
                aSession({
                  id: 's-later',
                  bay: '6',
                  state: 'scheduled',
                  order: null,
                  startedAt: null,
                  scheduledAt: '2026-11-25T13:00:00.000Z',
                  patient: aPatientSummary({
                    id: 'p-6',
                    initials: 'AB',
                    displayName: 'Ann Bell',
                    mrn: 'MRN-6',
                  }),
                }),
              ]
            : [],
        ),
    };

    it('lists for a physician each session that cannot start before they sign, linking to it', async () => {
      renderInbox('physician', undefined, waiting);
      const list = await screen.findByTestId('awaiting-signature');
      await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(2));
      expect(
        within(list)
          .getAllByRole('link')
          .map((link) => link.getAttribute('href')),
      ).toEqual(['/sessions/s-live', '/sessions/s-later']);
      expect(
        within(list).getByRole('link', { name: /Bay 6 · Ann Bell \(MRN MRN-6\)/ }),
      ).toHaveTextContent('Scheduled');
    });

    it('shows a nurse no such list: signing is a physician’s', async () => {
      const { fetchMock } = renderInbox('nurse', undefined, waiting);
      await screen.findByTestId('alert-row-high-old');
      expect(screen.queryByTestId('awaiting-signature')).not.toBeInTheDocument();
      expect(requestsTo(fetchMock, 'GET /schedule')).toHaveLength(0);
    });
  });
});
