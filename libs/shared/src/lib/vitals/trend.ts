import { VITAL_SIGNS, type VitalSign } from './vital-ranges';
import type { VitalMeasurements } from './vital-sample.types';

export interface TrendStat {
  min: number;
  max: number;
  mean: number;
}

export interface TrendPoint {
  /** Start of the bucket. */
  at: string;
  samples: number;
  values: Partial<Record<VitalSign, TrendStat>>;
}

/**
 * Long ranges reduced to one point per bucket with min, mean and max, so a chart of hours stays
 * light and a brief dip still shows in the minimum.
 */
export function downsample(
  samples: ReadonlyArray<VitalMeasurements & { at: string }>,
  bucketMs: number,
): TrendPoint[] {
  const buckets = new Map<
    number,
    { count: number; sums: Map<VitalSign, { min: number; max: number; sum: number; n: number }> }
  >();
  for (const sample of samples) {
    const start = Math.floor(Date.parse(sample.at) / bucketMs) * bucketMs;
    let bucket = buckets.get(start);
    if (!bucket) {
      bucket = { count: 0, sums: new Map() };
      buckets.set(start, bucket);
    }
    bucket.count += 1;
    for (const sign of VITAL_SIGNS) {
      const value = sample[sign];
      if (value === undefined || value === null) continue;
      const stat = bucket.sums.get(sign);
      if (stat) {
        stat.min = Math.min(stat.min, value);
        stat.max = Math.max(stat.max, value);
        stat.sum += value;
        stat.n += 1;
      } else {
        bucket.sums.set(sign, { min: value, max: value, sum: value, n: 1 });
      }
    }
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, bucket]) => ({
      at: new Date(start).toISOString(),
      samples: bucket.count,
      values: Object.fromEntries(
        [...bucket.sums.entries()].map(([sign, stat]) => [
          sign,
          { min: stat.min, max: stat.max, mean: Math.round((stat.sum / stat.n) * 10) / 10 },
        ]),
      ),
    }));
}
