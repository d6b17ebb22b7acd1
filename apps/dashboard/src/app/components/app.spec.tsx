import { QueryClient } from '@tanstack/react-query';
import { ROLE_HOME, type Role } from '@vigil/shared';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { anAlert } from '../../../test/alert.fixture';
import { anAuthResponse } from '../../../test/auth.fixture';
import { FakeClinicianSocket } from '../../../test/fake-clinician-socket';
import { installFakeFetch, jsonResponse, nestError, requestsTo } from '../../../test/fake-fetch';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { App } from './app';

/** Shows where the router is, so a test can tell the page from the address. */
function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

function renderApp(path: string) {
  const socket = new FakeClinicianSocket();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const createSocket = () => socket.asSocket();
  render(
    <MemoryRouter initialEntries={[path]}>
      <App queryClient={queryClient} createSocket={createSocket} />
      <LocationProbe />
    </MemoryRouter>,
  );
  return { socket, queryClient };
}

const currentPath = () => screen.getByTestId('location').textContent;

function signInThroughForm(username: string) {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'demo' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

function installApi() {
  return installFakeFetch({
    'POST /auth/login': ({ body }) => {
      const { username } = body as { username: Role };
      return jsonResponse(200, anAuthResponse(username));
    },
    'POST /auth/logout': () => jsonResponse(204),
    'GET /sessions': () => jsonResponse(200, []),
    'GET /bays': () => jsonResponse(200, []),
    'GET /schedule': () => jsonResponse(200, []),
    'GET /alerts': () => jsonResponse(200, []),
    'GET /users': () => jsonResponse(200, []),
    'GET /devices': () => jsonResponse(200, []),
    'GET /audit': () => jsonResponse(200, []),
    'GET /audit/verify': () => jsonResponse(200, { valid: true, entries: 0 }),
  });
}

describe('App routing', () => {
  beforeEach(() => authStore.clear());

  it('sends a visitor without a login to the login screen', async () => {
    installApi();
    renderApp('/ward');
    expect(await screen.findByRole('heading', { name: 'Vigil — sign in' })).toBeInTheDocument();
    expect(currentPath()).toBe('/login');
  });

  it.each<[Role, string, string]>([
    ['nurse', '/ward', 'Ward'],
    ['physician', '/alerts', 'Alerts'],
    ['auditor', '/audit', 'Audit log'],
    ['admin', '/admin', 'Administration'],
  ])('takes a %s to %s after login', async (role, home, heading) => {
    installApi();
    renderApp('/login');
    signInThroughForm(role);

    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
    expect(currentPath()).toBe(home);
    expect(home).toBe(ROLE_HOME[role]);
  });

  it('returns after login to the deep link that asked for it', async () => {
    installApi();
    renderApp('/audit?actor=nurse');
    signInThroughForm('auditor');

    await screen.findByRole('heading', { level: 1, name: 'Audit log' });
    expect(currentPath()).toBe('/audit?actor=nurse');
  });

  it('takes the role home instead of to a deep link it may not open', async () => {
    installApi();
    renderApp('/admin');
    signInThroughForm('nurse');

    await screen.findByRole('heading', { level: 1, name: 'Ward' });
    expect(currentPath()).toBe('/ward');
  });

  it('tells a nurse who opens /admin plainly that it is not allowed', async () => {
    const fetchMock = installApi();
    authStore.signIn(anAuthResponse('nurse'));
    renderApp('/admin');

    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByText(/Your role, Nurse, may not open the Admin page/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the Ward page' })).toHaveAttribute(
      'href',
      '/ward',
    );
    expect(requestsTo(fetchMock, 'GET /users')).toHaveLength(0);
    expect(authStore.getAccessToken()).toBe('token-nurse');
  });

  it.each<[Role, string[]]>([
    ['nurse', ['Ward', 'Today', 'Admit', 'Alerts', 'Follow-ups']],
    // Clinical limits are a physician's (contract: roles), so the Limits page is theirs alone.
    // Alarm load is for tuning alarms from the clinic's own data (contract: physician, auditor).
    [
      'physician',
      ['Ward', 'Today', 'Admit', 'Alerts', 'Follow-ups', 'Session logs', 'Alarm load', 'Limits'],
    ],
    ['auditor', ['Alerts', 'Session logs', 'Alarm load', 'Audit']],
    ['admin', ['Audit', 'Admin']],
  ])('links a %s only to the pages it may open', async (role, links) => {
    installApi();
    authStore.signIn(anAuthResponse(role));
    renderApp(ROLE_HOME[role]);

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(links);
  });

  it('shows who is signed in, and in which role', async () => {
    installApi();
    authStore.signIn(anAuthResponse('auditor'));
    renderApp('/audit');
    expect(await screen.findByTestId('current-user')).toHaveTextContent('Audrey Auditor');
    expect(screen.getByTestId('current-user')).toHaveTextContent('Auditor');
  });

  it('opens the live connection only once signed in, and closes it at logout', async () => {
    const fetchMock = installApi();
    const { socket } = renderApp('/login');
    expect(socket.connect).not.toHaveBeenCalled();

    signInThroughForm('nurse');
    await screen.findByRole('heading', { level: 1, name: 'Ward' });
    expect(socket.connect).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('heading', { name: 'Vigil — sign in' });
    expect(socket.disconnect).toHaveBeenCalled();
    expect(authStore.getSnapshot().session).toBeNull();
    expect(requestsTo(fetchMock, 'POST /auth/logout')[0]?.headers).toMatchObject({
      Authorization: 'Bearer token-nurse',
    });
    // A deliberate logout does not send the next user back to this page.
    expect(currentPath()).toBe('/login');
    signInThroughForm('admin');
    await screen.findByRole('heading', { level: 1, name: 'Administration' });
  });

  it('opens no live connection for an admin, whom the server refuses patient data', async () => {
    installApi();
    authStore.signIn(anAuthResponse('admin'));
    const { socket } = renderApp(ROLE_HOME.admin);

    await screen.findByRole('navigation', { name: 'Main' });
    expect(socket.connect).not.toHaveBeenCalled();
    expect(screen.queryByText(/live updates/i)).not.toBeInTheDocument();
  });

  describe('an auditor, who reads patient data, is live too', () => {
    it('opens the live connection at login and says when it is not live', async () => {
      installApi();
      authStore.signIn(anAuthResponse('auditor'));
      const { socket } = renderApp(ROLE_HOME.auditor);

      await screen.findByRole('heading', { level: 1, name: 'Audit log' });
      expect(socket.connect).toHaveBeenCalledTimes(1);
      expect(screen.getByText('Connecting to live updates…')).toBeInTheDocument();
      act(() => socket.simulateConnect());
      expect(screen.queryByText(/live updates/i)).not.toBeInTheDocument();
      act(() => socket.simulateDisconnect(true));
      expect(screen.getByRole('alert')).toHaveTextContent('Live updates lost — reconnecting…');
    });

    it('sees a session it reviews change as it happens', async () => {
      let stored = aSession({ id: 's-1', bay: '4' });
      installFakeFetch({
        'GET /sessions/s-1': () => jsonResponse(200, stored),
        'GET /sessions/s-1/log': () => jsonResponse(200, []),
        'GET /sessions/s-1/vitals': () => jsonResponse(200, []),
        'GET /alerts': () => jsonResponse(200, []),
      });
      authStore.signIn(anAuthResponse('auditor'));
      const { socket } = renderApp('/sessions/s-1');
      await screen.findByTestId('read-only-notice');
      expect(screen.getByTestId('session-state')).toHaveTextContent(/infusing/i);

      // A nurse pauses the infusion: the server stores it, then pushes it.
      stored = aSession({ id: 's-1', bay: '4', state: 'paused', allowedActions: ['resume'] });
      act(() => socket.serverEmit('session.updated', stored));
      await waitFor(() => expect(screen.getByTestId('session-state')).toHaveTextContent(/paused/i));

      act(() => socket.serverEmit('alert.raised', anAlert({ id: 'a-1', sessionId: 's-1' })));
      expect(await screen.findByTestId('session-alerts')).toHaveTextContent('SpO2 86 < 90');
      expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    });

    it('sees a raised alert arrive in the inbox without reloading, and no notification offer', async () => {
      installApi();
      authStore.signIn(anAuthResponse('auditor'));
      const { socket } = renderApp('/alerts');
      expect(await screen.findByText('No open alerts.')).toBeInTheDocument();
      expect(screen.getByTestId('read-only-notice')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /notifications/i })).not.toBeInTheDocument();

      act(() => socket.serverEmit('alert.raised', anAlert({ id: 'a-2', bay: '6' })));
      expect(await screen.findByTestId('alert-row-a-2')).toBeInTheDocument();
      expect(screen.getByTestId('open-alert-count')).toHaveTextContent('1 open alert');
    });

    it('sees its audit log take the entries a pushed event stands for', async () => {
      const fetchMock = installApi();
      authStore.signIn(anAuthResponse('auditor'));
      const { socket } = renderApp('/audit');
      await screen.findByTestId('audit-count');
      await waitFor(() => expect(requestsTo(fetchMock, 'GET /audit')).toHaveLength(1));

      act(() => socket.serverEmit('alert.raised', anAlert({ id: 'a-3' })));
      await waitFor(() => expect(requestsTo(fetchMock, 'GET /audit')).toHaveLength(2));
      act(() => socket.serverEmit('session.updated', aSession({ id: 's-9', state: 'recovery' })));
      await waitFor(() => expect(requestsTo(fetchMock, 'GET /audit')).toHaveLength(3));
      // Verifying reads the whole chain: not repeated for every event.
      expect(requestsTo(fetchMock, 'GET /audit/verify')).toHaveLength(1);
    });
  });

  it('goes back to the login when the server ends the session, and returns afterwards', async () => {
    let sessionValid = true;
    installFakeFetch({
      'POST /auth/login': () => jsonResponse(200, anAuthResponse('admin')),
      'GET /users': () => (sessionValid ? jsonResponse(200, []) : nestError(401, 'Unauthorized')),
      'GET /devices': () => jsonResponse(200, []),
      'GET /audit': () => jsonResponse(200, []),
      'GET /audit/verify': () => jsonResponse(200, { valid: true, entries: 3 }),
    });
    authStore.signIn(anAuthResponse('admin'));
    const { queryClient } = renderApp('/audit');
    await screen.findByText('Chain verified — 3 entries');

    sessionValid = false;
    fireEvent.click(screen.getByRole('link', { name: 'Admin' }));
    expect(
      await screen.findByText('Your session has ended. Sign in again to continue.'),
    ).toBeInTheDocument();
    expect(currentPath()).toBe('/login');
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);

    sessionValid = true;
    signInThroughForm('admin');
    await screen.findByRole('heading', { level: 1, name: 'Administration' });
    expect(currentPath()).toBe('/admin');
  });

  it('shows the ward as a wall display at /ward?kiosk=1: no top bar, but the connection banner', async () => {
    installApi();
    authStore.signIn(anAuthResponse('nurse'));
    const { socket } = renderApp('/ward?kiosk=1');
    await screen.findByRole('heading', { level: 1, name: 'Ward' });
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Log out' })).not.toBeInTheDocument();

    act(() => {
      socket.simulateConnect();
      socket.simulateDisconnect(true);
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Live updates lost — reconnecting…');
  });

  it('keeps the top bar at the kiosk address for a role that may not open the ward', async () => {
    installApi();
    authStore.signIn(anAuthResponse('auditor'));
    renderApp('/ward?kiosk=1');
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('opens the alert inbox from the top bar', async () => {
    installApi();
    authStore.signIn(anAuthResponse('physician'));
    renderApp('/ward');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Alerts' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Alerts' })).toBeInTheDocument();
    expect(await screen.findByText('No open alerts.')).toBeInTheDocument();
    expect(currentPath()).toBe('/alerts');
  });

  it('opens the session logs from the auditor’s top bar, marking that page alone as current', async () => {
    const fetchMock = installApi();
    authStore.signIn(anAuthResponse('auditor'));
    renderApp('/audit');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    fireEvent.click(within(nav).getByRole('link', { name: 'Session logs' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Session logs' }),
    ).toBeInTheDocument();
    expect(currentPath()).toBe('/audit/sessions');
    expect(within(nav).getByRole('link', { name: 'Session logs' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'Audit' })).not.toHaveAttribute('aria-current');
    expect(requestsTo(fetchMock, 'GET /sessions')).toHaveLength(0);
  });

  it('shows a page-not-found inside the app for an unknown address', async () => {
    installApi();
    authStore.signIn(anAuthResponse('physician'));
    renderApp('/nowhere');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });

  it('sends a signed-in user from / to their home page', async () => {
    installApi();
    authStore.signIn(anAuthResponse('auditor'));
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Audit log' });
    expect(currentPath()).toBe('/audit');
  });

  it('sends a signed-in user away from the login screen', async () => {
    installApi();
    authStore.signIn(anAuthResponse('physician'));
    renderApp('/login');
    await waitFor(() => expect(currentPath()).toBe('/alerts'));
  });
});
