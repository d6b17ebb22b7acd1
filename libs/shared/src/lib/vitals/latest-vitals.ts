import { VITAL_SIGNS } from './vital-ranges';
import type { LatestVitals, VitalMeasurements } from './vital-sample.types';

/** Folds samples into the newest reading per sign; an older sample never overwrites a newer one. */
export function mergeLatestVitals(
  latest: LatestVitals,
  samples: ReadonlyArray<VitalMeasurements & { at: string }>,
): LatestVitals {
  const merged: LatestVitals = { ...latest };
  for (const sample of samples) {
    const at = Date.parse(sample.at);
    for (const sign of VITAL_SIGNS) {
      const value = sample[sign];
      if (value === undefined || value === null) continue;
      const current = merged[sign];
      if (!current || Date.parse(current.at) <= at) merged[sign] = { value, at: sample.at };
    }
  }
  return merged;
}
