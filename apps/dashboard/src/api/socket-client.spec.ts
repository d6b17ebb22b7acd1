import { FakeClinicianSocket } from '../../test/fake-clinician-socket';
import { trackConnectionStatus, type ConnectionStatus } from './socket-client';

describe('trackConnectionStatus', () => {
  function track() {
    const socket = new FakeClinicianSocket();
    const statuses: ConnectionStatus[] = [];
    const stop = trackConnectionStatus(socket.asSocket(), (status) => statuses.push(status));
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

  it('stops reporting once stopped', () => {
    const { socket, statuses, stop } = track();
    stop();
    socket.simulateConnect();
    expect(statuses).toEqual([]);
    expect(socket.listenerCount('connect')).toBe(0);
  });
});
