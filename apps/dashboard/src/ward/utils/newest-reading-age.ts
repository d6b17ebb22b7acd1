import type { LatestVitals } from '@vigil/shared';

/** Milliseconds since the newest reading of any sign, or null when there is none. */
export function newestReadingAge(latestVitals: LatestVitals, now: number): number | null {
  const times = Object.values(latestVitals).map((reading) => Date.parse(reading.at));
  return times.length === 0 ? null : now - Math.max(...times);
}
