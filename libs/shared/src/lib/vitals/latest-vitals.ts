import { classify } from '../alerts/alert-rules';
import { DEFAULT_THRESHOLD_PROFILE } from '../alerts/threshold-profile';
import { VITAL_SIGNS, type VitalSign } from './vital-ranges';
import type { LatestReading, LatestVitals, VitalMeasurements } from './vital-sample.types';

/**
 * How far back, behind a sign's newest reading, another source's reading still counts as current:
 * the default signal-loss limit, the time after which a silent source is a technical alarm anyway.
 */
export const LATEST_READINGS_WINDOW_MS = 30_000;

const RANK = { low: 0, medium: 1, high: 2 } as const;

/** How alarming a value is under the default rules for its sign: -1 when within every limit. */
function severity(sign: VitalSign, value: number): number {
  let worst = -1;
  for (const rule of DEFAULT_THRESHOLD_PROFILE.rules) {
    if (rule.sign !== sign) continue;
    const found = classify(rule, value);
    if (found) worst = Math.max(worst, RANK[found.priority]);
  }
  return worst;
}

type SourceReadings = Record<string, { value: number; at: string }>;

function readingsOf(reading: LatestReading | undefined): SourceReadings {
  if (!reading) return {};
  return reading.sources ?? { [reading.source ?? '']: { value: reading.value, at: reading.at } };
}

/** Takes one source's reading in: a source's older reading never overwrites its newer one. */
function withReading(
  sign: VitalSign,
  current: LatestReading | undefined,
  source: string,
  value: number,
  at: string,
): LatestReading {
  const readings = { ...readingsOf(current) };
  // A reading without its source that a known source already gave is that source's reading.
  const known = Object.values(readings).some((one) => one.value === value && one.at === at);
  const own = readings[source];
  if (!(source === '' && known) && (!own || Date.parse(own.at) <= Date.parse(at)))
    readings[source] = { value, at };
  const newest = Math.max(...Object.values(readings).map((one) => Date.parse(one.at)));
  const recent = Object.entries(readings).filter(
    ([, one]) => Date.parse(one.at) >= newest - LATEST_READINGS_WINDOW_MS,
  );
  const [shownSource, shown] = recent.reduce((best, candidate) => {
    const bySeverity = severity(sign, candidate[1].value) - severity(sign, best[1].value);
    if (bySeverity !== 0) return bySeverity > 0 ? candidate : best;
    return Date.parse(candidate[1].at) > Date.parse(best[1].at) ? candidate : best;
  });
  return {
    value: shown.value,
    at: shown.at,
    ...(shownSource !== '' && { source: shownSource }),
    ...(recent.length > 1 && { sources: Object.fromEntries(recent) }),
  };
}

/**
 * Folds samples into the reading to show per sign. Each source keeps its own newest reading; of
 * the sources heard within {@link LATEST_READINGS_WINDOW_MS} of the sign's newest reading, the one
 * that is the most alarming under the default limits is shown (the newest among equals), so a
 * reassuring value from one source (a manual entry, a second monitor) never hides the alarming one
 * another source is showing now. A sample without a source counts as one unnamed source.
 */
export function mergeLatestVitals(
  latest: LatestVitals,
  samples: ReadonlyArray<VitalMeasurements & { at: string; source?: string }>,
): LatestVitals {
  const merged: LatestVitals = { ...latest };
  for (const sample of samples) {
    for (const sign of VITAL_SIGNS) {
      const value = sample[sign];
      if (value === undefined || value === null) continue;
      merged[sign] = withReading(sign, merged[sign], sample.source ?? '', value, sample.at);
    }
  }
  return merged;
}
