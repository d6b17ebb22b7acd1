import { aSample } from '../../../test/session.fixture';
import { sparklinePoints, sparklinePolyline } from './sparkline-points';

const box = { width: 104, height: 24, inset: 2, valueMargin: 2 };

describe('sparkline points', () => {
  it('takes one sign’s readings in time, skipping samples without it', () => {
    const samples = [
      aSample({ at: '2026-11-25T10:00:00.000Z', heartRate: 70 }),
      aSample({ at: '2026-11-25T10:00:01.000Z', spo2: 97 }),
      aSample({ at: '2026-11-25T10:00:02.000Z', heartRate: 74, spo2: 96 }),
    ];
    expect(sparklinePoints(samples, 'heartRate')).toEqual([
      { time: Date.parse('2026-11-25T10:00:00.000Z'), value: 70 },
      { time: Date.parse('2026-11-25T10:00:02.000Z'), value: 74 },
    ]);
  });

  it('draws nothing from fewer than two readings', () => {
    expect(sparklinePolyline([], box)).toBeNull();
    expect(sparklinePolyline([{ time: 0, value: 70 }], box)).toBeNull();
  });

  it('spans the box: first reading left, last right, highest up, lowest down', () => {
    const polyline = sparklinePolyline(
      [
        { time: 0, value: 70 },
        { time: 5_000, value: 80 },
        { time: 10_000, value: 60 },
      ],
      box,
    );
    // Values 60–80 widened to 58–82: 24 units over 20 px of height.
    expect(polyline).toBe('2,12 52,3.7 102,20.3');
  });

  it('draws a flat trend across the middle', () => {
    expect(
      sparklinePolyline(
        [
          { time: 0, value: 98 },
          { time: 1_000, value: 98 },
        ],
        box,
      ),
    ).toBe('2,12 102,12');
  });
});
