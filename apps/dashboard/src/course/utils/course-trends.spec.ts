import type { CourseInfusion, VitalSample } from '@vigil/shared';
import fc from 'fast-check';
import { infusionsToOverlay, minuteTick, overlaidTrend, seriesKey } from './course-trends';

const START = Date.parse('2026-12-01T10:00:00.000Z');
const sample = (startedAt: number, seconds: number, heartRate?: number): VitalSample => ({
  sessionId: 's',
  seq: null,
  at: new Date(startedAt + seconds * 1000).toISOString(),
  receivedAt: new Date(startedAt + seconds * 1000).toISOString(),
  ...(heartRate !== undefined && { heartRate }),
});

describe('the overlaid course trends', () => {
  it('puts each infusion on minutes since its own start, leaving out readings before it', () => {
    const secondStart = START + 7 * 24 * 3600_000;
    const points = overlaidTrend(
      [
        {
          number: 1,
          startedAt: new Date(START).toISOString(),
          samples: [sample(START, -60, 70), sample(START, 0, 80), sample(START, 600, 95)],
        },
        {
          number: 2,
          startedAt: new Date(secondStart).toISOString(),
          samples: [
            sample(secondStart, 600, 88),
            sample(secondStart, 900),
            sample(secondStart, 1200, 90),
          ],
        },
      ],
      'heartRate',
    );
    expect(points).toEqual([
      { minute: 0, [seriesKey(1)]: 80 },
      { minute: 10, [seriesKey(1)]: 95, [seriesKey(2)]: 88 },
      { minute: 20, [seriesKey(2)]: 90 },
    ]);
  });

  it('keeps every infusion’s highest and lowest reading however long the series', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 30, max: 200 }), { minLength: 1, maxLength: 3000 }),
        (rates) => {
          const samples = rates.map((rate, index) => sample(START, index * 2, rate));
          const points = overlaidTrend(
            [{ number: 3, startedAt: new Date(START).toISOString(), samples }],
            'heartRate',
          );
          const drawn = points.map((point) => point[seriesKey(3)]!);
          expect(Math.max(...drawn)).toBe(Math.max(...rates));
          expect(Math.min(...drawn)).toBe(Math.min(...rates));
          expect(points.length).toBeLessThanOrEqual(120 * 4 + 2);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('overlays the last five infusions that started', () => {
    const infusion = (number: number, state: CourseInfusion['state']) =>
      ({ number, state }) as CourseInfusion;
    const course = [
      ...[1, 2, 3, 4, 5, 6].map((number) => infusion(number, 'discharged')),
      infusion(7, 'recovery'),
      infusion(8, 'scheduled'),
    ];
    expect(infusionsToOverlay(course).map((one) => one.number)).toEqual([3, 4, 5, 6, 7]);
  });

  it('labels the minutes axis so the ticks of a short infusion do not all read 0 min', () => {
    expect([0, 0.05, 0.1, 0.15].map(minuteTick)).toEqual(['0 s', '3 s', '6 s', '9 s']);
    expect([1, 2.5, 9.96].map(minuteTick)).toEqual(['1 min', '2.5 min', '10 min']);
    expect([10, 42.4].map(minuteTick)).toEqual(['10 min', '42 min']);
  });
});
