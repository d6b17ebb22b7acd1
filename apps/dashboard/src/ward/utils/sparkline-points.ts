import type { VitalSample, VitalSign } from '@vigil/shared';

export interface SparklinePoint {
  time: number;
  value: number;
}

export function sparklinePoints(
  samples: readonly VitalSample[],
  sign: VitalSign,
): SparklinePoint[] {
  return samples.flatMap((sample) => {
    const value = sample[sign];
    return value === undefined ? [] : [{ time: Date.parse(sample.at), value }];
  });
}

export interface SparklineBox {
  width: number;
  height: number;
  /** Kept clear on every side, so the stroke is not cut at the edges. */
  inset: number;
  /** Added above the highest and below the lowest value, so a flat trend sits mid-height. */
  valueMargin: number;
}

/**
 * The `points` of an SVG polyline: time across the box from the first to the last reading, the
 * value up it from the lowest to the highest (each widened by `valueMargin`). Null with fewer
 * than two readings, which draw no line.
 */
export function sparklinePolyline(
  points: readonly SparklinePoint[],
  { width, height, inset, valueMargin }: SparklineBox,
): string | null {
  if (points.length < 2) return null;
  let firstTime = Infinity;
  let lastTime = -Infinity;
  let low = Infinity;
  let high = -Infinity;
  for (const { time, value } of points) {
    firstTime = Math.min(firstTime, time);
    lastTime = Math.max(lastTime, time);
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  low -= valueMargin;
  high += valueMargin;
  const timeSpan = Math.max(1, lastTime - firstTime);
  const valueSpan = Math.max(1, high - low);
  const plotWidth = width - 2 * inset;
  const plotHeight = height - 2 * inset;
  const round = (n: number) => Math.round(n * 10) / 10;
  return points
    .map(({ time, value }) => {
      const x = inset + ((time - firstTime) / timeSpan) * plotWidth;
      const y = inset + (1 - (value - low) / valueSpan) * plotHeight;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}
