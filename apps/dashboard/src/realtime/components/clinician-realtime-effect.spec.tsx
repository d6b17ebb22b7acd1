import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Alert, Session, VitalSample } from '@vigil/shared';
import { anAlert } from '../../../test/alert.fixture';
import type { OpenAlerts } from '../../alerts/utils/open-alerts';
import { act, render, waitFor } from '@testing-library/react';
import { anAuthResponse } from '../../../test/auth.fixture';
import { apiClient } from '../../api/api-client';
import { authStore } from '../../auth/state/auth-store';
import { queryKeys } from '../../api/query-keys';
import type { ConnectionStatus } from '../../api/socket-client';
import { FakeClinicianSocket } from '../../../test/fake-clinician-socket';
import { aSample, aSession } from '../../../test/session.fixture';
import { useLiveSessions } from '../../ward/hooks/use-live-sessions';
import { useRecentVitals } from '../../ward/hooks/use-recent-vitals';
import { AUTH_RETRY_MS, ClinicianRealtimeEffect } from './clinician-realtime-effect';

jest.mock('../../api/api-client');

const listLiveSessions = jest.mocked(apiClient.listLiveSessions);
const listSessionVitals = jest.mocked(apiClient.listSessionVitals);
const refreshSession = jest.mocked(apiClient.refreshSession);
const listAlerts = jest.mocked(apiClient.listAlerts);

/** Answers `GET /alerts?state=` from a list, as the server would. */
function serveAlerts(alerts: Alert[]) {
  listAlerts.mockImplementation(({ state }) =>
    Promise.resolve(alerts.filter((alert) => alert.state === state)),
  );
}

/** Subscribes to the queries the way the ward does, so invalidation triggers refetches. */
function WardQueries({ sessionId }: { sessionId: string }) {
  useLiveSessions();
  useRecentVitals(sessionId);
  return null;
}

function setUp(notify: (alert: Alert) => void = () => undefined) {
  const socket = new FakeClinicianSocket();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const statuses: ConnectionStatus[] = [];
  const onStatusChange = (status: ConnectionStatus) => statuses.push(status);
  const createSocket = () => socket.asSocket();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <ClinicianRealtimeEffect
        onStatusChange={onStatusChange}
        createSocket={createSocket}
        notify={notify}
      />
      <WardQueries sessionId="s-1" />
    </QueryClientProvider>,
  );
  const liveSessions = () =>
    queryClient.getQueryData<readonly Session[]>(queryKeys.sessions.live());
  const recentVitals = (id: string) =>
    queryClient.getQueryData<readonly VitalSample[]>(queryKeys.sessions.recentVitals(id));
  const openAlerts = () => queryClient.getQueryData<OpenAlerts>(queryKeys.alerts.open());
  return { socket, queryClient, statuses, view, liveSessions, recentVitals, openAlerts };
}

describe('ClinicianRealtimeEffect', () => {
  beforeEach(() => {
    listLiveSessions.mockResolvedValue([aSession({ id: 's-1', bay: '1' })]);
    listSessionVitals.mockResolvedValue([]);
    serveAlerts([]);
    authStore.clear();
    authStore.signIn(anAuthResponse('nurse', { token: 'old' }));
  });

  it('connects once and renders nothing', () => {
    const { socket, view } = setUp();
    expect(socket.connect).toHaveBeenCalledTimes(1);
    expect(view.container).toBeEmptyDOMElement();
  });

  it('reports the connection status as it changes', () => {
    const { socket, statuses } = setUp();
    act(() => socket.simulateConnect());
    act(() => socket.simulateDisconnect(true));
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting']);
  });

  it('merges pushed vitals into the session list and the tile’s history', async () => {
    const { socket, liveSessions, recentVitals } = setUp();
    await waitFor(() => expect(recentVitals('s-1')).toEqual([]));

    const sample = aSample({ sessionId: 's-1', at: '2026-11-25T10:00:01.000Z', spo2: 93 });
    act(() => socket.serverEmit('vitals', { sessionId: 's-1', samples: [sample] }));

    expect(liveSessions()?.[0]?.latestVitals.spo2).toEqual({ value: 93, at: sample.at });
    expect(recentVitals('s-1')).toEqual([sample]);
  });

  it('merges a vitals frame into every chair it carries in one update of the ward', async () => {
    listLiveSessions.mockResolvedValue([
      aSession({ id: 's-1', bay: '1' }),
      aSession({ id: 's-2', bay: '2' }),
    ]);
    const { socket, queryClient, liveSessions, recentVitals } = setUp();
    await waitFor(() => expect(recentVitals('s-1')).toEqual([]));
    const wardUpdates = jest.fn();
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      if (
        event.type === 'updated' &&
        event.query.queryHash === JSON.stringify(queryKeys.sessions.live())
      )
        wardUpdates();
    });

    const first = aSample({ sessionId: 's-1', at: '2026-11-25T10:00:01.000Z', spo2: 93 });
    const second = aSample({ sessionId: 's-2', at: '2026-11-25T10:00:01.000Z', heartRate: 121 });
    act(() =>
      socket.serverEmit('vitals.frame', {
        items: [
          { sessionId: 's-1', samples: [first] },
          { sessionId: 's-2', samples: [second] },
        ],
      }),
    );
    unsubscribe();

    expect(liveSessions()?.map((session) => session.latestVitals)).toEqual([
      expect.objectContaining({ spo2: { value: 93, at: first.at } }),
      expect.objectContaining({ heartRate: { value: 121, at: second.at } }),
    ]);
    expect(recentVitals('s-1')).toEqual([first]);
    expect(wardUpdates).toHaveBeenCalledTimes(1);
  });

  it('adds and removes tiles as sessions change state', async () => {
    const { socket, liveSessions } = setUp();
    await waitFor(() => expect(liveSessions()).toHaveLength(1));

    act(() => socket.serverEmit('session.updated', aSession({ id: 's-2', bay: '2' })));
    expect(liveSessions()?.map((session) => session.id)).toEqual(['s-1', 's-2']);

    act(() => socket.serverEmit('session.updated', aSession({ id: 's-1', state: 'discharged' })));
    expect(liveSessions()?.map((session) => session.id)).toEqual(['s-2']);
  });

  it('reloads the sessions and the histories after every reconnect', async () => {
    const { socket, liveSessions } = setUp();
    await waitFor(() => expect(liveSessions()).toHaveLength(1));
    await waitFor(() => expect(listSessionVitals).toHaveBeenCalledTimes(1));
    listLiveSessions.mockClear();
    listSessionVitals.mockClear();
    listLiveSessions.mockResolvedValue([
      aSession({ id: 's-1', bay: '1' }),
      aSession({ id: 's-3', bay: '3' }),
    ]);

    act(() => socket.simulateDisconnect(true));
    act(() => socket.simulateConnect());

    await waitFor(() => expect(liveSessions()).toHaveLength(2));
    expect(listLiveSessions).toHaveBeenCalledTimes(1);
    expect(listSessionVitals).toHaveBeenCalledTimes(1);
  });

  describe('open alerts', () => {
    const ids = (alerts: OpenAlerts | undefined) => alerts?.map((alert) => alert.id);

    it('loads the open alerts, active and acknowledged, at once', async () => {
      serveAlerts([
        anAlert({ id: 'a' }),
        anAlert({ id: 'b', state: 'acknowledged' }),
        anAlert({ id: 'c', state: 'resolved' }),
      ]);
      const { openAlerts } = setUp();
      await waitFor(() => expect(ids(openAlerts())).toEqual(['a', 'b']));
    });

    it('adds raised alerts, applies updates and drops resolved ones', async () => {
      const { socket, openAlerts } = setUp();
      await waitFor(() => expect(openAlerts()).toEqual([]));

      act(() => socket.serverEmit('alert.raised', anAlert({ id: 'a', priority: 'medium' })));
      act(() => socket.serverEmit('alert.raised', anAlert({ id: 'b' })));
      act(() => socket.serverEmit('alert.updated', anAlert({ id: 'a', priority: 'high' })));
      expect(openAlerts()).toEqual([anAlert({ id: 'a', priority: 'high' }), anAlert({ id: 'b' })]);

      act(() => socket.serverEmit('alert.updated', anAlert({ id: 'b', state: 'resolved' })));
      expect(ids(openAlerts())).toEqual(['a']);
    });

    it('takes an alert routed to this person and confirms its receipt once it holds it', async () => {
      const { socket, openAlerts } = setUp();
      await waitFor(() => expect(openAlerts()).toEqual([]));
      const received = jest.fn(() => {
        expect(ids(openAlerts())).toEqual(['routed']);
      });

      act(() =>
        socket.serverEmit('alert.routed', { alert: anAlert({ id: 'routed' }), level: 1 }, received),
      );
      expect(received).toHaveBeenCalledTimes(1);
      expect(received).toHaveBeenCalledWith('received');
    });

    it('offers raised alerts, and only those, for a notification', async () => {
      const notify = jest.fn();
      const { socket, openAlerts } = setUp(notify);
      await waitFor(() => expect(openAlerts()).toEqual([]));

      act(() => socket.serverEmit('alert.raised', anAlert({ id: 'a' })));
      act(() => socket.serverEmit('alert.updated', anAlert({ id: 'a', escalationLevel: 1 })));
      expect(notify).toHaveBeenCalledTimes(1);
      expect(notify).toHaveBeenCalledWith(anAlert({ id: 'a' }));
    });

    it('equals the server’s open alerts after a reconnect, whatever was missed', async () => {
      serveAlerts([anAlert({ id: 'a' }), anAlert({ id: 'b' })]);
      const { socket, openAlerts } = setUp();
      act(() => socket.simulateConnect());
      await waitFor(() => expect(ids(openAlerts())).toEqual(['a', 'b']));

      act(() => socket.simulateDisconnect(true));
      // While disconnected: a resolved, b acknowledged, c raised; no event reaches the client.
      serveAlerts([
        anAlert({ id: 'b', state: 'acknowledged' }),
        anAlert({ id: 'c', priority: 'low' }),
      ]);
      listAlerts.mockClear();
      act(() => socket.simulateConnect());

      await waitFor(() =>
        expect(openAlerts()).toEqual([
          anAlert({ id: 'c', priority: 'low' }),
          anAlert({ id: 'b', state: 'acknowledged' }),
        ]),
      );
      expect(listAlerts).toHaveBeenCalledTimes(2);
    });

    it('keeps an alert raised while the reload was in flight', async () => {
      const { socket, openAlerts } = setUp();
      await waitFor(() => expect(openAlerts()).toEqual([]));
      let answer: (alerts: Alert[]) => void = () => undefined;
      listAlerts.mockImplementation(
        ({ state }) =>
          new Promise((resolve) => {
            if (state === 'active') answer = resolve;
            else resolve([]);
          }),
      );

      listAlerts.mockClear();
      act(() => socket.simulateConnect());
      await waitFor(() => expect(listAlerts).toHaveBeenCalledTimes(2));
      act(() => socket.serverEmit('alert.raised', anAlert({ id: 'late' })));
      // The server read its state before the alert was raised.
      act(() => answer([anAlert({ id: 'early' })]));

      await waitFor(() => expect(ids(openAlerts())).toEqual(['early', 'late']));
    });
  });

  it('closes the socket and stops listening when unmounted', () => {
    const { socket, view } = setUp();
    view.unmount();
    expect(socket.disconnect).toHaveBeenCalledTimes(1);
    expect(socket.listenerCount('vitals')).toBe(0);
    expect(socket.listenerCount('vitals.frame')).toBe(0);
  });

  describe('when the server ends or refuses the login', () => {
    it('reconnects at once when the server closes the connection (its token expired)', () => {
      const { socket, statuses } = setUp();
      act(() => socket.simulateConnect());
      act(() => socket.simulateDisconnect(false));

      expect(socket.connect).toHaveBeenCalledTimes(2);
      expect(statuses).toEqual(['connecting', 'connected', 'reconnecting']);
    });

    it('refreshes the token and reconnects when the handshake is refused', async () => {
      refreshSession.mockResolvedValue(anAuthResponse('nurse', { token: 'new' }));
      const { socket, statuses } = setUp();
      act(() => socket.simulateConnectError('unauthorized'));

      expect(statuses.at(-1)).toBe('reconnecting');
      await waitFor(() => expect(socket.connect).toHaveBeenCalledTimes(2));
      expect(refreshSession).toHaveBeenCalledTimes(1);
      expect(authStore.getAccessToken()).toBe('new');
    });

    it('ends the session when even a freshly refreshed token is refused', async () => {
      refreshSession.mockResolvedValue(anAuthResponse('nurse', { token: 'new' }));
      const { socket } = setUp();
      act(() => socket.simulateConnectError('unauthorized'));
      await waitFor(() => expect(socket.connect).toHaveBeenCalledTimes(2));

      act(() => socket.simulateConnectError('unauthorized'));
      expect(authStore.getSnapshot()).toEqual({ session: null, endReason: 'expired' });
      expect(refreshSession).toHaveBeenCalledTimes(1);
    });

    it('leaves other connection failures to Socket.IO’s own retries', () => {
      const { socket, statuses } = setUp();
      act(() => socket.simulateConnectError('xhr poll error', true));

      expect(refreshSession).not.toHaveBeenCalled();
      expect(socket.connect).toHaveBeenCalledTimes(1);
      expect(statuses.at(-1)).toBe('reconnecting');
    });

    it('pauses before reconnecting when the server keeps closing the connection', () => {
      jest.useFakeTimers();
      try {
        const { socket, statuses } = setUp();
        act(() => socket.simulateConnect());
        act(() => socket.simulateDisconnect(false));
        act(() => socket.simulateConnect());
        act(() => socket.simulateDisconnect(false));

        expect(socket.connect).toHaveBeenCalledTimes(2);
        expect(statuses.at(-1)).toBe('reconnecting');
        act(() => {
          jest.advanceTimersByTime(AUTH_RETRY_MS);
        });
        expect(socket.connect).toHaveBeenCalledTimes(3);
      } finally {
        jest.useRealTimers();
      }
    });
  });
});
