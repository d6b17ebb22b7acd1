import { QueryClient } from '@tanstack/react-query';
import type { Alert, Role } from '@vigil/shared';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { anAlert } from '../../../test/alert.fixture';
import { anAuthResponse } from '../../../test/auth.fixture';
import {
  FakeAudioContext,
  installFakeAudioContext,
  latestAudioContext,
} from '../../../test/fake-audio-context';
import { FakeClinicianSocket } from '../../../test/fake-clinician-socket';
import { installFakeFetch, jsonResponse } from '../../../test/fake-fetch';
import { aSession } from '../../../test/session.fixture';
import { authStore } from '../../auth/state/auth-store';
import { CONNECTION_ALARM_AFTER_MS } from '../../realtime/state/connection-watch';
import { ALARM_SIGNALS, burstPulseOffsetsMs } from '../../ward/utils/alarm-signal';
import { App } from './app';

/** Another chair than the one whose screen is open: bay 4 desaturates. */
const bay4Alarm = anAlert({ id: 'a-4', sessionId: 's-4', bay: '4', priority: 'high' });

/** The API of a small ward: the session of bay 1 and whatever open alerts the test holds. */
function installWardApi(openAlerts: readonly Alert[] = []) {
  return installFakeFetch({
    'GET /sessions': () => jsonResponse(200, [aSession({ id: 's-1', bay: '1' })]),
    'GET /sessions/s-1': () => jsonResponse(200, aSession({ id: 's-1', bay: '1' })),
    'GET /sessions/s-1/vitals': () => jsonResponse(200, []),
    'GET /sessions/s-1/log': () => jsonResponse(200, []),
    'GET /bays': () => jsonResponse(200, []),
    'GET /alerts': ({ query }) =>
      jsonResponse(
        200,
        openAlerts.filter((alert) => alert.state === query.get('state')),
      ),
    'GET /audit': () => jsonResponse(200, []),
    'GET /audit/verify': () => jsonResponse(200, { valid: true, entries: 0 }),
    'GET /users': () => jsonResponse(200, []),
    'GET /devices': () => jsonResponse(200, []),
    'POST /auth/logout': () => jsonResponse(204),
  });
}

function renderSignedIn(role: Role, path: string) {
  authStore.signIn(anAuthResponse(role));
  const socket = new FakeClinicianSocket();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MemoryRouter initialEntries={[path]}>
      <App queryClient={queryClient} createSocket={() => socket.asSocket()} />
    </MemoryRouter>,
  );
  act(() => socket.simulateConnect());
  return socket;
}

const soundingPitches = () =>
  new Set(
    latestAudioContext()
      .pendingPulses()
      .map((pulse) => pulse.frequencyHz),
  );

/** Alert events reach the screens through the query cache, a tick after they arrive. */
const soundsHigh = () =>
  waitFor(() => expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz])));

const topBar = () => screen.getByRole('navigation', { name: 'Main' }).closest('header')!;

describe('the alarm sound on every page (app shell)', () => {
  let restoreAudioContext: () => void;

  beforeEach(() => authStore.clear());
  afterEach(() => restoreAudioContext());

  it('sounds another chair’s alarm for a nurse on a session screen, with the pause in the top bar', async () => {
    restoreAudioContext = installFakeAudioContext('running');
    installWardApi();
    const socket = renderSignedIn('nurse', '/sessions/s-1');
    await screen.findByRole('heading', { name: 'Timeline' });
    expect(latestAudioContext().pendingPulses()).toEqual([]);

    act(() => socket.serverEmit('alert.raised', bay4Alarm));
    await soundsHigh();

    const controls = within(topBar()).getByRole('group', { name: 'Alarm sound' });
    fireEvent.click(within(controls).getByRole('button', { name: 'Pause alarm audio (2 min)' }));
    expect(within(controls).getByTestId('audio-paused')).toHaveTextContent(/Audio paused.*2:00/);
    expect(latestAudioContext().pendingPulses()).toEqual([]);
  });

  it('keeps one sound and one pause from page to page: the ward shows the same pause, once', async () => {
    restoreAudioContext = installFakeAudioContext('running');
    installWardApi([bay4Alarm]);
    renderSignedIn('nurse', '/sessions/s-1');
    await screen.findByRole('heading', { name: 'Timeline' });
    await soundsHigh();
    const controls = screen.getByRole('group', { name: 'Alarm sound' });
    fireEvent.click(within(controls).getByRole('button', { name: 'Pause alarm audio (2 min)' }));
    expect(within(controls).getByTestId('audio-paused')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('link', { name: '← Ward' }));
    await screen.findByRole('heading', { level: 1, name: 'Ward' });
    // The ward's header shows the controls; the top bar leaves them out so they are not doubled.
    expect(screen.queryByRole('group', { name: 'Alarm sound' })).not.toBeInTheDocument();
    expect(screen.getAllByTestId('audio-paused')).toHaveLength(1);
    expect(screen.getByRole('main')).toContainElement(screen.getByTestId('audio-paused'));
    expect(FakeAudioContext.instances).toHaveLength(1);
    expect(latestAudioContext().pendingPulses()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel audio pause' }));
    expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
    expect(screen.queryByTestId('audio-paused')).not.toBeInTheDocument();
    fireEvent.click(within(topBar()).getByRole('link', { name: 'Alerts' }));
    await screen.findByRole('heading', { level: 1, name: 'Alerts' });
    expect(
      within(topBar()).getByRole('button', { name: 'Pause alarm audio (2 min)' }),
    ).toBeInTheDocument();
    expect(FakeAudioContext.instances).toHaveLength(1);
    expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.high.frequencyHz]));
  });

  it('asks in the top bar for the click the browser waits for, on any page', async () => {
    restoreAudioContext = installFakeAudioContext('suspended');
    installWardApi([bay4Alarm]);
    renderSignedIn('physician', '/alerts');
    const controls = await screen.findByRole('group', { name: 'Alarm sound' });
    expect(within(controls).getByTestId('alarm-sound-blocked')).toHaveTextContent(
      'Alarm sound is off until this page is clicked.',
    );
    fireEvent.click(within(controls).getByRole('button', { name: 'Enable alarm sound' }));
    expect(latestAudioContext().resume).toHaveBeenCalled();
    expect(within(controls).queryByTestId('alarm-sound-blocked')).not.toBeInTheDocument();
  });

  it('plays a reminder for a physician on the alert inbox when the server reminds', async () => {
    restoreAudioContext = installFakeAudioContext('running');
    const acknowledged: Alert = { ...bay4Alarm, state: 'acknowledged', acknowledgedBy: 'nurse' };
    installWardApi([acknowledged]);
    const socket = renderSignedIn('physician', '/alerts');
    await screen.findByTestId('alert-row-a-4');
    expect(latestAudioContext().pendingPulses()).toEqual([]);

    act(() =>
      socket.serverEmit('alert.updated', {
        ...acknowledged,
        remindedAt: '2026-11-25T10:20:00.000Z',
      }),
    );
    await soundsHigh();
    // One burst, not the repeating signal: the alarm stays acknowledged.
    expect(latestAudioContext().pendingPulses()).toHaveLength(
      burstPulseOffsetsMs(ALARM_SIGNALS.high).length,
    );
  });

  it('keeps the pause on a wall display, which has no top bar', async () => {
    restoreAudioContext = installFakeAudioContext('running');
    installWardApi([bay4Alarm]);
    renderSignedIn('nurse', '/ward?kiosk=1');
    await screen.findByRole('heading', { level: 1, name: 'Ward' });
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
    await soundsHigh();
    fireEvent.click(screen.getByRole('button', { name: 'Pause alarm audio (2 min)' }));
    expect(screen.getByTestId('audio-paused')).toHaveTextContent(/Audio paused.*2:00/);
    expect(latestAudioContext().pendingPulses()).toEqual([]);
  });

  describe('a screen without the server', () => {
    afterEach(() => jest.useRealTimers());

    it('sounds a technical alarm after 10 s, says so in the kiosk header, and stops when the server is back', async () => {
      restoreAudioContext = installFakeAudioContext('running');
      installWardApi();
      const socket = renderSignedIn('nurse', '/ward?kiosk=1');
      await screen.findByTestId('bed-tile-1');
      jest.useFakeTimers();

      act(() => socket.simulateDisconnect(true));
      act(() => jest.advanceTimersByTime(CONNECTION_ALARM_AFTER_MS - 1_000));
      expect(latestAudioContext().pendingPulses()).toEqual([]);
      expect(screen.queryByTestId('connection-alarm')).not.toBeInTheDocument();

      act(() => jest.advanceTimersByTime(1_000));
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
      const header = screen.getByRole('heading', { level: 1, name: 'Ward' }).closest('header')!;
      expect(within(header).getByTestId('connection-alarm')).toHaveTextContent(
        /Technical alarm: no connection to the server since \d\d:\d\d:\d\d/,
      );
      expect(
        screen.getAllByRole('alert').some((alert) => /^Technical alarm — /.test(alert.textContent)),
      ).toBe(true);

      act(() => socket.simulateConnect());
      expect(latestAudioContext().pendingPulses()).toEqual([]);
      expect(screen.queryByTestId('connection-alarm')).not.toBeInTheDocument();
    });

    it('sounds it on any page for a clinician, also when the client will not retry', async () => {
      restoreAudioContext = installFakeAudioContext('running');
      installWardApi();
      const socket = renderSignedIn('physician', '/alerts');
      await screen.findByRole('heading', { level: 1, name: 'Alerts' });
      jest.useFakeTimers();
      act(() => socket.simulateDisconnect(false));
      act(() => jest.advanceTimersByTime(CONNECTION_ALARM_AFTER_MS));
      expect(soundingPitches()).toEqual(new Set([ALARM_SIGNALS.medium.frequencyHz]));
    });
  });

  it('stops the sound and lets the audio device go at logout', async () => {
    restoreAudioContext = installFakeAudioContext('running');
    installWardApi([bay4Alarm]);
    renderSignedIn('nurse', '/alerts');
    await screen.findByTestId('alert-row-a-4');
    await soundsHigh();

    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    await screen.findByRole('heading', { name: 'Vigil — sign in' });
    expect(latestAudioContext().close).toHaveBeenCalled();
    expect(latestAudioContext().pendingPulses()).toEqual([]);
  });

  it.each<[Role, string]>([
    ['auditor', '/alerts'],
    ['admin', '/admin'],
  ])('plays no sound for an %s, and shows no sound controls', async (role, path) => {
    restoreAudioContext = installFakeAudioContext('running');
    installWardApi([bay4Alarm]);
    const socket = renderSignedIn(role, path);
    await screen.findByRole('navigation', { name: 'Main' });
    act(() => socket.serverEmit('alert.raised', { ...bay4Alarm, id: 'a-5' }));
    expect(FakeAudioContext.instances).toHaveLength(0);
    expect(screen.queryByRole('group', { name: 'Alarm sound' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Pause alarm audio/ })).not.toBeInTheDocument();
  });
});
