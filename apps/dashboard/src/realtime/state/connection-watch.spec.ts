import { CONNECTION_ALARM_AFTER_MS, ConnectionWatch } from './connection-watch';

const openedAt = Date.parse('2026-11-25T10:00:00.000Z');

describe('ConnectionWatch', () => {
  let watch: ConnectionWatch;

  beforeEach(() => {
    jest.useFakeTimers({ now: openedAt });
    watch = new ConnectionWatch();
    watch.start();
  });

  afterEach(() => {
    watch.stop();
    jest.useRealTimers();
  });

  it('raises no alarm for a screen that connects at once', () => {
    watch.report('connected');
    jest.advanceTimersByTime(CONNECTION_ALARM_AFTER_MS * 3);
    expect(watch.getSnapshot()).toEqual({ status: 'connected', lostSince: null, alarming: false });
  });

  it('alarms after 10 s without the server, not before, and stops when it is back', () => {
    watch.report('connected');
    jest.advanceTimersByTime(60_000);
    watch.report('reconnecting');
    const lostAt = Date.now();
    jest.advanceTimersByTime(CONNECTION_ALARM_AFTER_MS - 1);
    expect(watch.getSnapshot()).toEqual({
      status: 'reconnecting',
      lostSince: lostAt,
      alarming: false,
    });
    jest.advanceTimersByTime(1);
    expect(watch.getSnapshot().alarming).toBe(true);
    watch.report('connected');
    expect(watch.getSnapshot()).toEqual({ status: 'connected', lostSince: null, alarming: false });
  });

  it('counts from the first loss, however often the status changes during it', () => {
    watch.report('connected');
    watch.report('reconnecting');
    jest.advanceTimersByTime(6_000);
    watch.report('disconnected');
    jest.advanceTimersByTime(3_000);
    watch.report('reconnecting');
    expect(watch.getSnapshot().alarming).toBe(false);
    jest.advanceTimersByTime(1_000);
    expect(watch.getSnapshot()).toMatchObject({ status: 'reconnecting', alarming: true });
  });

  it('alarms for a screen that never reached the server since the page opened', () => {
    jest.advanceTimersByTime(CONNECTION_ALARM_AFTER_MS);
    expect(watch.getSnapshot()).toEqual({
      status: 'connecting',
      lostSince: openedAt,
      alarming: true,
    });
  });

  it('does not alarm for a loss shorter than 10 s, and starts counting afresh at the next', () => {
    watch.report('connected');
    watch.report('reconnecting');
    jest.advanceTimersByTime(CONNECTION_ALARM_AFTER_MS - 1_000);
    watch.report('connected');
    watch.report('reconnecting');
    jest.advanceTimersByTime(CONNECTION_ALARM_AFTER_MS - 1_000);
    expect(watch.getSnapshot().alarming).toBe(false);
  });

  it('tells its subscribers when the alarm begins', () => {
    const listener = jest.fn();
    watch.subscribe(listener);
    jest.advanceTimersByTime(CONNECTION_ALARM_AFTER_MS);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
