import type { Page } from 'playwright-core';

export interface PulseRecord {
  frequencyHz: number;
  /** performance.now() when the pulse was handed to the audio clock. */
  scheduledAt: number;
}

type PulseWindow = Window & { vigilPulses: PulseRecord[] };

/**
 * An init script (page.addInitScript) that records every oscillator the page starts, so a test
 * can tell which alarm signal the real Web Audio API was asked to play, and when.
 */
export function recordAlarmPulses(): void {
  const pulses: PulseRecord[] = [];
  (window as unknown as PulseWindow).vigilPulses = pulses;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
    pulses.push({ frequencyHz: this.frequency.value, scheduledAt: performance.now() });
    start.call(this, when);
  };
}

/** How many pulses of `frequencyHz` the page has scheduled since `since` (performance.now()). */
export function pulsesSince(page: Page, since: number, frequencyHz: number): Promise<number> {
  return page.evaluate(
    ([from, pitch]) =>
      (window as unknown as PulseWindow).vigilPulses.filter(
        (pulse) => pulse.scheduledAt > from && pulse.frequencyHz === pitch,
      ).length,
    [since, frequencyHz] as const,
  );
}

/** Waits until the page has scheduled at least `count` pulses of `frequencyHz` since `since`. */
export async function waitForPulses(
  page: Page,
  since: number,
  frequencyHz: number,
  { count, timeout }: { count: number; timeout: number },
): Promise<void> {
  await page.waitForFunction(
    ([from, pitch, atLeast]) =>
      (window as unknown as PulseWindow).vigilPulses.filter(
        (pulse) => pulse.scheduledAt > from && pulse.frequencyHz === pitch,
      ).length >= atLeast,
    [since, frequencyHz, count] as const,
    { timeout },
  );
}
