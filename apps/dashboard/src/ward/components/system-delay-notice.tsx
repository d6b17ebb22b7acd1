import { formatDelay, LATE_AFTER_MS } from '../utils/system-delay';

/**
 * Vigil's own delay, as a distributed alarm system must say it (IEC 60601-1-8): how long readings
 * wait in Vigil before they reach this screen. Past LATE_AFTER_MS it is a warning in words, since
 * chair alarms are then late by as much.
 */
export function SystemDelayNotice({ delayMs }: { delayMs: number | null }) {
  if (delayMs === null) return null;
  if (delayMs < LATE_AFTER_MS) {
    return (
      <p className="ward-screen__delay" data-testid="system-delay" data-late="false">
        Vigil delay {formatDelay(delayMs)}
      </p>
    );
  }
  return (
    <p
      className="ward-screen__delay ward-screen__delay--late"
      role="alert"
      data-testid="system-delay"
      data-late="true"
    >
      Vigil is running late: readings and their alarms reach this screen up to{' '}
      {formatDelay(delayMs)} after they arrive. The bedside monitors stay the primary alarm.
    </p>
  );
}
