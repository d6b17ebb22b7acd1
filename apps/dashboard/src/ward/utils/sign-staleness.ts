import { type LatestVitals, spokenDuration, type VitalSign } from '@vigil/shared';
import { BP_STALE_READING_AFTER_MS, STALE_READING_AFTER_MS } from '../constants/ward.constants';

/** How old a sign's latest reading may be before it no longer counts as live. */
export function staleAfterMs(sign: VitalSign): number {
  return sign === 'systolic' || sign === 'diastolic'
    ? BP_STALE_READING_AFTER_MS
    : STALE_READING_AFTER_MS;
}

export type StaleSignAges = Partial<Record<VitalSign, number>>;

/**
 * The signs whose latest reading is older than their own limit, with its age: one sign that
 * stopped (a probe off, a cuff that stopped cycling) while the others go on. A sign never read is
 * left out; its dash says so.
 */
export function staleSignAges(readings: LatestVitals, now: number): StaleSignAges {
  const stale: StaleSignAges = {};
  for (const [sign, reading] of Object.entries(readings) as [VitalSign, { at: string }][]) {
    const ageMs = now - Date.parse(reading.at);
    if (ageMs > staleAfterMs(sign)) stale[sign] = ageMs;
  }
  return stale;
}

/** "45 s", "18 min": how long a sign has been silent, short enough for the tile. */
export function silenceShort(ageMs: number): string {
  return spokenDuration(Math.max(0, ageMs) / 1_000);
}

/** "no SpO2 for 45 s": what the stale mark says to a screen reader. */
export function silenceWords(name: string, ageMs: number): string {
  return `no ${name} for ${silenceShort(ageMs)}`;
}
