import type { LatestVitals } from '../vitals/vital-sample.types';

/**
 * The infusion starts only on a patient the monitor is watching: its newest reading is younger
 * than this at the start, so a monitor left unattached is found before the ketamine runs.
 */
export const START_READING_MAX_AGE_MS = 2 * 60_000;

/** The time of the newest reading of any sign, or null when there is none. */
export function newestReadingAt(latest: LatestVitals): string | null {
  const times = Object.values(latest).flatMap((reading) => (reading ? [reading.at] : []));
  return times.reduce<string | null>(
    (newest, at) => (newest === null || Date.parse(at) > Date.parse(newest) ? at : newest),
    null,
  );
}

/** Whether a reading this recent lets the infusion start at `at` (epoch ms). */
export function isRecentEnoughToStart(readingAt: string | null, at: number): boolean {
  return readingAt !== null && at - Date.parse(readingAt) < START_READING_MAX_AGE_MS;
}
