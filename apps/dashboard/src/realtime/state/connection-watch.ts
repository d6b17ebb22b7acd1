import type { ConnectionStatus } from '../../api/socket-client';

/**
 * How long a screen may be without the server before it sounds a technical alarm. Long enough to
 * ride out a token refresh or a server restart behind a load balancer; short against the 30 s
 * after which a chair's own signal loss raises an alarm the screen would then miss.
 */
export const CONNECTION_ALARM_AFTER_MS = 10_000;

export interface ConnectionState {
  status: ConnectionStatus;
  /** Since when (epoch ms) the screen has been without the server; null while connected. */
  lostSince: number | null;
  /** The technical alarm: without the server for CONNECTION_ALARM_AFTER_MS or more. */
  alarming: boolean;
}

/**
 * Follows the live connection's status and raises the technical alarm once the screen has gone
 * CONNECTION_ALARM_AFTER_MS without the server, whether it lost it or never had it since the page
 * opened. Subscribe/getSnapshot suit useSyncExternalStore.
 */
export class ConnectionWatch {
  private state: ConnectionState;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(openedAt = Date.now()) {
    this.state = { status: 'connecting', lostSince: openedAt, alarming: false };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ConnectionState => this.state;

  /** Arms the alarm for a screen that has not connected yet; `stop` disarms it. */
  start(now = Date.now()): void {
    if (this.state.lostSince !== null) this.armAlarm(this.state.lostSince, now);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  readonly report = (status: ConnectionStatus): void => {
    if (status === 'connected') {
      this.stop();
      this.update({ status, lostSince: null, alarming: false });
      return;
    }
    const now = Date.now();
    const lostSince = this.state.lostSince ?? now;
    if (this.state.lostSince === null) this.armAlarm(lostSince, now);
    this.update({ ...this.state, status, lostSince });
  };

  private armAlarm(lostSince: number, now: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => this.update({ ...this.state, alarming: true }),
      Math.max(0, lostSince + CONNECTION_ALARM_AFTER_MS - now),
    );
  }

  private update(next: ConnectionState): void {
    const same = (Object.keys(next) as Array<keyof ConnectionState>).every(
      (key) => next[key] === this.state[key],
    );
    if (same) return;
    this.state = next;
    this.listeners.forEach((listener) => listener());
  }
}
