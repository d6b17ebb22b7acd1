/** What the frames of the last seconds said of Vigil's own delay, oldest first. */
export type DelayReports = ReadonlyArray<{ at: number; delayMs: number }>;

/** The screen shows the worst delay of this window, so a single late frame stays readable. */
export const DELAY_WINDOW_MS = 10_000;
/**
 * Past this, readings (and the alarms they raise) reach the screen late enough to matter: half a
 * physiological rule's 10 s delay. The screen says so as a warning, not only as a number.
 */
export const LATE_AFTER_MS = 5_000;

export function recordDelay(
  reports: DelayReports | undefined,
  delayMs: number,
  now: number,
): DelayReports {
  return [
    ...(reports ?? []).filter((report) => now - report.at < DELAY_WINDOW_MS),
    { at: now, delayMs },
  ];
}

/** The worst delay reported within the window, or null when no frame came in it. */
export function worstDelayMs(reports: DelayReports | undefined, now: number): number | null {
  const recent = (reports ?? []).filter((report) => now - report.at < DELAY_WINDOW_MS);
  return recent.length === 0 ? null : Math.max(...recent.map((report) => report.delayMs));
}

/** Tenths of a second below ten seconds, whole seconds above. */
export function formatDelay(delayMs: number): string {
  const seconds = delayMs / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}
