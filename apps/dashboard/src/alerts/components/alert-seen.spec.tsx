import type { Role } from '@vigil/shared';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { anAlert } from '../../../test/alert.fixture';
import { anAuthResponse } from '../../../test/auth.fixture';
import { installFakeFetch, jsonResponse, requestsTo } from '../../../test/fake-fetch';
import { renderWithProviders } from '../../../test/render-with-providers';
import { authStore } from '../../auth/state/auth-store';
import { applyAlertToCache } from '../hooks/use-open-alerts';
import { AlertsScreen } from './alerts-screen';
import { SessionAlerts } from './session-alerts';

const spo2 = anAlert({ id: 'a-spo2', sessionId: 's-1', bay: '1' });
const heartRate = anAlert({
  id: 'a-hr',
  sessionId: 's-1',
  bay: '1',
  code: 'HR_HIGH',
  priority: 'medium',
  message: 'HR 115 > 110',
});
const otherChair = anAlert({ id: 'a-other', sessionId: 's-2', bay: '2' });

function signInAndServe(role: Role) {
  authStore.clear();
  authStore.signIn(anAuthResponse(role));
  const seen = () =>
    jsonResponse(200, { userId: `user-${role}`, role, level: 0, sentAt: spo2.raisedAt });
  return installFakeFetch({
    'GET /alerts': ({ query }) =>
      jsonResponse(200, query.get('state') === 'active' ? [spo2, heartRate, otherChair] : []),
    'GET /sessions': () => jsonResponse(200, []),
    'GET /schedule': () => jsonResponse(200, []),
    'GET /alerts/a-spo2/deliveries': () => jsonResponse(200, []),
    'GET /alerts/a-hr/deliveries': () => jsonResponse(200, []),
    'GET /alerts/a-other/deliveries': () => jsonResponse(200, []),
    'POST /alerts/a-spo2/seen': seen,
    'POST /alerts/a-hr/seen': seen,
    'POST /alerts/a-other/seen': seen,
  });
}

const seenRequests = (fetchMock: ReturnType<typeof installFakeFetch>) =>
  fetchMock.mock.calls
    .map(([input]) => (typeof input === 'string' ? input : ''))
    .filter((address) => address.endsWith('/seen'))
    .map((address) => address.replace(/^.*\/alerts\/([^/]+)\/seen$/, '$1'));

afterEach(() => authStore.clear());

describe('opening an alert marks it seen', () => {
  it('the inbox marks an alert seen when its session is opened from its row, once per alert', async () => {
    const fetchMock = signInAndServe('nurse');
    renderWithProviders(<AlertsScreen />);
    const link = await screen.findByRole('link', { name: 'Open bay 2 session' });
    expect(seenRequests(fetchMock)).toEqual([]);

    fireEvent.click(link);
    fireEvent.click(link);

    await waitFor(() => expect(seenRequests(fetchMock)).toEqual(['a-other']));
  });

  it('acknowledging from the inbox marks the alert seen as well', async () => {
    const fetchMock = signInAndServe('physician');
    renderWithProviders(<AlertsScreen />);
    await screen.findByTestId('alert-row-a-hr');
    const acknowledges = screen.getAllByRole('button', { name: 'Acknowledge' });
    fireEvent.click(acknowledges[acknowledges.length - 1]!);

    await waitFor(() => expect(requestsTo(fetchMock, 'POST /alerts/a-hr/seen')).toHaveLength(1));
  });

  it('the session screen marks each of its open alerts seen once, and no other chair’s', async () => {
    const fetchMock = signInAndServe('nurse');
    const { queryClient } = renderWithProviders(<SessionAlerts sessionId="s-1" role="nurse" />);
    await screen.findByTestId('alert-row-a-hr');
    await waitFor(() => expect(seenRequests(fetchMock).sort()).toEqual(['a-hr', 'a-spo2']));

    act(() => applyAlertToCache(queryClient, { ...spo2, message: 'SpO2 84 < 90', revision: 2 }));
    await screen.findByText('SpO2 84 < 90');
    expect(seenRequests(fetchMock).sort()).toEqual(['a-hr', 'a-spo2']);
  });

  it('an auditor reviewing alerts marks none seen', async () => {
    const fetchMock = signInAndServe('auditor');
    renderWithProviders(<SessionAlerts sessionId="s-1" role="auditor" />);
    await screen.findByTestId('alert-row-a-hr');
    fireEvent.click(screen.getByTestId('alert-row-a-spo2'));

    expect(seenRequests(fetchMock)).toEqual([]);
  });

  it('tells it again at the next showing when the server did not take it', async () => {
    signInAndServe('nurse');
    let answers = 0;
    installFakeFetch({
      'GET /alerts': ({ query }) =>
        jsonResponse(200, query.get('state') === 'active' ? [spo2] : []),
      'GET /alerts/a-spo2/deliveries': () => jsonResponse(200, []),
      'POST /alerts/a-spo2/seen': () => jsonResponse(++answers === 1 ? 503 : 200, {}),
    });
    const { queryClient } = renderWithProviders(<SessionAlerts sessionId="s-1" role="nurse" />);
    await waitFor(() => expect(answers).toBe(1));
    await act(async () => {
      await Promise.resolve();
    });

    act(() => applyAlertToCache(queryClient, { ...spo2, message: 'SpO2 84 < 90', revision: 2 }));
    await waitFor(() => expect(answers).toBe(2));
  });
});
