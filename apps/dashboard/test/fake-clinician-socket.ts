import type { ClinicianServerEvents } from '@vigil/shared';
import type { ClinicianSocket } from '../src/api/socket-client';

type Listener = (...args: never[]) => void;

/** Enough of a Socket.IO client to drive the realtime code from a test, without a server. */
export class FakeClinicianSocket {
  active = false;
  connected = false;
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  connect = jest.fn(() => {
    this.active = true;
    return this;
  });

  disconnect = jest.fn(() => {
    this.active = false;
    this.connected = false;
    return this;
  });

  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  simulateConnect(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** `willRetry` mirrors `socket.active`: false when the server closed or refused the connection. */
  simulateDisconnect(willRetry: boolean): void {
    this.connected = false;
    this.active = willRetry;
    this.fire('disconnect', willRetry ? 'transport close' : 'io server disconnect');
  }

  /**
   * A failed handshake. A refusal by the server's middleware (`unauthorized`) is not retried by
   * Socket.IO (`willRetry` false); a transport failure is.
   */
  simulateConnectError(message: string, willRetry = false): void {
    this.connected = false;
    this.active = willRetry;
    this.fire('connect_error', new Error(message));
  }

  serverEmit<E extends keyof ClinicianServerEvents>(
    event: E,
    ...args: Parameters<ClinicianServerEvents[E]>
  ): void {
    this.fire(event, ...args);
  }

  asSocket(): ClinicianSocket {
    return this as unknown as ClinicianSocket;
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      (listener as (...values: unknown[]) => void)(...args);
    }
  }
}
