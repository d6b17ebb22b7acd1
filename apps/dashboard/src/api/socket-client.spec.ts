import { anAuthResponse } from '../../test/auth.fixture';
import { FakeClinicianSocket } from '../../test/fake-clinician-socket';
import { authStore } from '../auth/state/auth-store';
import { buildHandshakeAuth, trackConnectionStatus, type ConnectionStatus } from './socket-client';

describe('buildHandshakeAuth', () => {
  beforeEach(() => authStore.clear());

  it('sends no token while nobody is signed in', () => {
    expect(buildHandshakeAuth()).toEqual({ frames: true });
  });

  it('sends the current token, so a reconnect after a refresh uses the new one, and asks for frames', () => {
    authStore.signIn(anAuthResponse('nurse', { token: 'first' }));
    expect(buildHandshakeAuth()).toEqual({ token: 'first', frames: true });
    authStore.renew('first', anAuthResponse('nurse', { token: 'second' }));
    expect(buildHandshakeAuth()).toEqual({ token: 'second', frames: true });
  });
});

describe('trackConnectionStatus', () => {
  function track(isRecovering?: () => boolean) {
    const socket = new FakeClinicianSocket();
    const statuses: ConnectionStatus[] = [];
    const stop = trackConnectionStatus(socket.asSocket(), (status) => statuses.push(status), {
      isRecovering,
    });
    return { socket, statuses, stop };
  }

  it('reports connected, then reconnecting when the link drops and the client retries', () => {
    const { socket, statuses } = track();
    socket.simulateConnect();
    socket.simulateDisconnect(true);
    socket.simulateConnect();
    expect(statuses).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('reports disconnected when the server closes the connection for good', () => {
    const { socket, statuses } = track();
    socket.simulateConnect();
    socket.simulateDisconnect(false);
    expect(statuses).toEqual(['connected', 'disconnected']);
  });

  it('reports reconnecting, not disconnected, while the app itself is about to reconnect', () => {
    const { socket, statuses } = track(() => true);
    socket.simulateConnect();
    socket.simulateDisconnect(false);
    expect(statuses).toEqual(['connected', 'reconnecting']);
  });

  it('stops reporting once stopped', () => {
    const { socket, statuses, stop } = track();
    stop();
    socket.simulateConnect();
    expect(statuses).toEqual([]);
    expect(socket.listenerCount('connect')).toBe(0);
  });
});
