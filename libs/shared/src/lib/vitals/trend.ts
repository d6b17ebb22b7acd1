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

/** An interval's first and last item, and the items holding each value's minimum and maximum. */
function representatives<T>(
  members: readonly T[],
  values: ReadonlyArray<(item: T) => number | undefined>,
): T[] {
  const chosen = [members[0], members.at(-1)];
  for (const value of values) {
    let lowest: { item: T; reading: number } | undefined;
    let highest: { item: T; reading: number } | undefined;
    for (const item of members) {
      const reading = value(item);
      if (reading === undefined || !Number.isFinite(reading)) continue;
      if (!lowest || reading < lowest.reading) lowest = { item, reading };
      if (!highest || reading > highest.reading) highest = { item, reading };
    }
    chosen.push(lowest?.item, highest?.item);
  }
  return chosen.filter((item): item is T => item !== undefined);
}

export interface ExtremesWindow<T> {
  /** The item's time, in ms since the epoch. */
  time: (item: T) => number;
  /** The values each interval keeps the extremes of; `undefined` where an item did not measure one. */
  values: ReadonlyArray<(item: T) => number | undefined>;
  from: number;
  to: number;
  /** How many equal intervals [from, to] is cut into: about the chart's width in points. */
  intervals: number;
}

/**
 * Thins a time series for drawing without losing what matters: [from, to] is cut into equal
 * intervals and each keeps its first and last item and, for every value, an item holding the
 * interval's minimum and one holding its maximum (M4 decimation). A line through what is kept
 * reaches every interval's lowest and highest reading, so a brief desaturation stays on a chart of
 * hours, where keeping every n-th reading would drop it. Items outside [from, to] are left out;
 * the rest keep their time order, at most 2 + 2 × values per interval.
 */
export function keepExtremes<T>(items: readonly T[], window: ExtremesWindow<T>): T[] {
  const { time, values, from, to } = window;
  const intervals = Math.max(1, Math.floor(window.intervals));
  const span = to - from;
  const intervalOf = (at: number) =>
    span > 0 ? Math.min(intervals - 1, Math.floor(((at - from) / span) * intervals)) : 0;
  const inside = items
    .filter((item) => time(item) >= from && time(item) <= to)
    .sort((a, b) => time(a) - time(b));
  const groups: T[][] = [];
  let group: T[] = [];
  let current: number | null = null;
  for (const item of inside) {
    const interval = intervalOf(time(item));
    if (interval !== current) {
      group = [];
      groups.push(group);
      current = interval;
    }
    group.push(item);
  }
  const kept = new Set(groups.flatMap((members) => representatives(members, values)));
  return inside.filter((item) => kept.has(item));
}
