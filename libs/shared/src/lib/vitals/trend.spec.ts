import fc from 'fast-check';
import { downsample, keepExtremes } from './trend';

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

interface Reading {
  id: number;
  time: number;
  spo2?: number;
  heartRate?: number;
}

const SIGNS = [(r: Reading) => r.spo2, (r: Reading) => r.heartRate] as const;

const readings = fc
  .array(
    fc.record(
      {
        time: fc.integer({ min: -50, max: 1_050 }),
        spo2: fc.integer({ min: 50, max: 100 }),
        heartRate: fc.integer({ min: 20, max: 220 }),
      },
      { requiredKeys: ['time'] },
    ),
    { maxLength: 400 },
  )
  .map((list) => list.map((reading, id): Reading => ({ id, ...reading })));

const windows = fc.record({
  from: fc.integer({ min: 0, max: 500 }),
  length: fc.integer({ min: 0, max: 1_000 }),
  intervals: fc.integer({ min: 1, max: 60 }),
});

/** Which of the equal intervals of [from, to] a time falls in, as the contract of keepExtremes says. */
function intervalOf(time: number, from: number, to: number, intervals: number): number {
  return to > from
    ? Math.min(intervals - 1, Math.floor(((time - from) / (to - from)) * intervals))
    : 0;
}

describe('keepExtremes', () => {
  it('keeps, in every interval, the minimum and maximum of each value', () => {
    fc.assert(
      fc.property(readings, windows, (series, { from, length, intervals }) => {
        const to = from + length;
        const kept = keepExtremes(series, {
          time: (r) => r.time,
          values: SIGNS,
          from,
          to,
          intervals,
        });
        const inside = series.filter((r) => r.time >= from && r.time <= to);
        for (let interval = 0; interval < intervals; interval += 1) {
          const inInterval = (r: Reading) => intervalOf(r.time, from, to, intervals) === interval;
          for (const value of SIGNS) {
            const all = inside.filter(inInterval).flatMap((r) => value(r) ?? []);
            const survived = kept.filter(inInterval).flatMap((r) => value(r) ?? []);
            if (all.length === 0) continue;
            expect(Math.min(...survived)).toBe(Math.min(...all));
            expect(Math.max(...survived)).toBe(Math.max(...all));
          }
        }
      }),
    );
  });

  it('keeps only readings of the window, in time order, the first and the last among them, at most six per interval', () => {
    fc.assert(
      fc.property(readings, windows, (series, { from, length, intervals }) => {
        const to = from + length;
        const kept = keepExtremes(series, {
          time: (r) => r.time,
          values: SIGNS,
          from,
          to,
          intervals,
        });
        const inside = series.filter((r) => r.time >= from && r.time <= to);
        expect(kept.every((r) => series.includes(r) && r.time >= from && r.time <= to)).toBe(true);
        expect(new Set(kept).size).toBe(kept.length);
        kept
          .slice(1)
          .forEach((r, index) => expect(r.time).toBeGreaterThanOrEqual(kept[index]!.time));
        expect(kept.length).toBeLessThanOrEqual(intervals * 6);
        if (inside.length > 0) {
          const times = inside.map((r) => r.time);
          expect(kept[0]?.time).toBe(Math.min(...times));
          expect(kept.at(-1)?.time).toBe(Math.max(...times));
        }
      }),
    );
  });

  it('keeps a 2-minute desaturation to 83 % in four hours of 1 Hz readings drawn 300 points wide', () => {
    const start = Date.parse('2026-12-06T08:00:00.000Z');
    const series = Array.from({ length: 4 * 3_600 }, (_, second): Reading => {
      // Down to 83 % and back within two minutes, the lowest for three seconds.
      const spo2 = Math.min(97, 83 + Math.round(Math.abs(second - 7_261) / 4));
      return { id: second, time: start + second * 1_000, spo2 };
    });
    const kept = keepExtremes(series, {
      time: (r) => r.time,
      values: [(r) => r.spo2],
      from: start,
      to: start + 4 * 3_600_000,
      intervals: 300,
    });
    expect(kept.length).toBeLessThanOrEqual(1_200);
    expect(kept.some((r) => r.spo2 === 83)).toBe(true);
    const everyNth = series.filter((_, index) => index % Math.ceil(series.length / 300) === 0);
    expect(everyNth.some((r) => r.spo2 === 83)).toBe(false);
  });
});
