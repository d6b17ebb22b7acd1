import { downsample } from './trend';

describe('downsample', () => {
  it('reduces samples to buckets with min, mean and max per sign, in time order', () => {
    const points = downsample(
      [
        { at: '2026-11-25T10:01:10.000Z', spo2: 97, heartRate: 80 },
        { at: '2026-11-25T10:00:05.000Z', spo2: 98 },
        { at: '2026-11-25T10:00:35.000Z', spo2: 86, systolic: 140 },
      ],
      60_000,
    );
    expect(points).toEqual([
      {
        at: '2026-11-25T10:00:00.000Z',
        samples: 2,
        values: {
          spo2: { min: 86, max: 98, mean: 92 },
          systolic: { min: 140, max: 140, mean: 140 },
        },
      },
      {
        at: '2026-11-25T10:01:00.000Z',
        samples: 1,
        values: { spo2: { min: 97, max: 97, mean: 97 }, heartRate: { min: 80, max: 80, mean: 80 } },
      },
    ]);
  });

  it('returns nothing for no samples', () => {
    expect(downsample([], 60_000)).toEqual([]);
  });
});
