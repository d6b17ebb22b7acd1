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
