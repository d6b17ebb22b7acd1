import type { Alert, Duty } from '@vigil/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { anAlert } from '../../../test/alert.fixture';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { OnCallScreen } from './on-call-screen';

// The signed-in nurse is `user-nurse` (auth fixture).
const mySession = aSession({ id: 's-1', bay: '1', assignedNurseId: 'user-nurse' });
const theirSession = aSession({ id: 's-2', bay: '2', assignedNurseId: 'user-other' });
const mine = anAlert({ id: 'a-mine', sessionId: 's-1', bay: '1', message: 'SpO2 86 < 90' });
const theirs = anAlert({
  id: 'a-theirs',
  sessionId: 's-2',
  bay: '2',
  code: 'HR_HIGH',
  priority: 'medium',
  message: 'HR 115 > 110',
});
const duty: Duty = { chargeNurse: null, onDuty: [] };

function serve(alerts: Alert[]) {
  authStore.clear();
  authStore.signIn(anAuthResponse('nurse'));
  return installFakeFetch({
    'GET /alerts': ({ query }) =>
      jsonResponse(
        200,
        alerts.filter((alert) => alert.state === query.get('state')),
      ),
    'GET /sessions': () => jsonResponse(200, [mySession, theirSession]),
    'GET /duty': () => jsonResponse(200, duty),
    'GET /alerts/a-mine/deliveries': () => jsonResponse(200, [{ deliveredAt: mine.raisedAt }]),
    'GET /alerts/a-theirs/deliveries': () => jsonResponse(200, [{ deliveredAt: mine.raisedAt }]),
    'POST /alerts/a-mine/seen': () => jsonResponse(200, {}),
    'POST /alerts/a-mine/acknowledge': () =>
      jsonResponse(200, {
        ...mine,
        state: 'acknowledged',
        acknowledgedBy: 'nurse',
        acknowledgedFrom: 'phone',
        revision: 2,
      }),
  });
}

function giveWakeLock(wakeLock: Partial<WakeLock> | undefined) {
  Object.defineProperty(navigator, 'wakeLock', { value: wakeLock, configurable: true });
}

afterEach(() => {
  authStore.clear();
  Reflect.deleteProperty(navigator, 'wakeLock');
});

describe('the on-call phone', () => {
  it('puts the alerts routed to me first and every other open alert below', async () => {
    serve([theirs, mine]);
    renderWithProviders(<OnCallScreen />);

    const my = await screen.findByRole('region', { name: 'My alerts (1)' });
    expect(within(my).getByTestId('on-call-alert-a-mine')).toHaveTextContent('SpO2 86 < 90');
    const others = screen.getByRole('region', { name: 'Other open alerts on the ward (1)' });
    expect(within(others).getByTestId('on-call-alert-a-theirs')).toHaveTextContent('Bay 2');
  });

  it('acknowledges from the phone, saying so, and shows it acknowledged', async () => {
    const fetchMock = serve([mine]);
    renderWithProviders(<OnCallScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge bay 1' }));

    expect(await screen.findByTestId('on-call-acknowledged')).toHaveTextContent(
      'Acknowledged by nurse (phone)',
    );
    expect(requestsTo(fetchMock, 'POST /alerts/a-mine/acknowledge')[0]?.body).toEqual({
      from: 'phone',
    });
    expect(requestsTo(fetchMock, 'POST /alerts/a-mine/seen')).toHaveLength(1);
  });

  it('marks an alert seen when its card is touched, once', async () => {
    const fetchMock = serve([mine]);
    renderWithProviders(<OnCallScreen />);
    const card = await screen.findByTestId('on-call-alert-a-mine');
    expect(requestsTo(fetchMock, 'POST /alerts/a-mine/seen')).toHaveLength(0);

    fireEvent.click(card);
    fireEvent.click(card);
    await waitFor(() => expect(requestsTo(fetchMock, 'POST /alerts/a-mine/seen')).toHaveLength(1));
  });

  it('keeps the screen awake and takes the lock again when the page is shown again', async () => {
    const release = jest.fn(() => Promise.resolve());
    const sentinel = { release, addEventListener: jest.fn() };
    const request = jest.fn(() => Promise.resolve(sentinel));
    giveWakeLock({ request } as unknown as WakeLock);
    serve([]);
    const { unmount } = renderWithProviders(<OnCallScreen />);

    expect(await screen.findByTestId('wake-lock-note')).toHaveTextContent(
      'The screen stays awake while this page is open.',
    );
    expect(request).toHaveBeenCalledWith('screen');
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
      await Promise.resolve();
    });
    expect(request).toHaveBeenCalledTimes(2);
    unmount();
    expect(release).toHaveBeenCalled();
  });

  it('says so when the browser cannot keep the screen awake', async () => {
    serve([]);
    renderWithProviders(<OnCallScreen />);
    expect(await screen.findByTestId('wake-lock-note')).toHaveTextContent(
      'This browser cannot keep the screen awake',
    );
    expect(await screen.findByText('No open alert is routed to you.')).toBeInTheDocument();
  });

  it('says so when the phone refuses to keep the screen awake', async () => {
    giveWakeLock({
      request: () => Promise.reject(new Error('NotAllowedError')),
    });
    serve([]);
    renderWithProviders(<OnCallScreen />);
    await waitFor(() =>
      expect(screen.getByTestId('wake-lock-note')).toHaveTextContent(
        'The phone did not let this page keep the screen awake',
      ),
    );
  });
});
