import fc from 'fast-check';
import { spreadLabels, valueAxis } from './chart-labels';

describe('valueAxis', () => {
  const BP = { min: 20, max: 300 };

  it('takes in the readings and every line, with room to spare, on round ticks', () => {
    expect(valueAxis([78, 117, 160, 180, 80, 90, 100, 110, 130], BP)).toEqual({
      domain: [60, 200],
      ticks: [60, 80, 100, 120, 140, 160, 180, 200],
    });
  });

  it('never reaches past what the sign can measure', () => {
    expect(valueAxis([94, 90, 97, 100], { min: 0, max: 100 })).toEqual({
      domain: [88, 100],
      ticks: [88, 90, 92, 94, 96, 98, 100],
    });
  });

  it('shows the whole range when there is nothing to draw', () => {
    expect(valueAxis([], { min: 0, max: 80 }).domain).toEqual([0, 80]);
  });

  it('keeps to a few ticks whatever the values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 20, max: 300 }), { minLength: 1 }), (values) => {
        const { domain, ticks } = valueAxis(values, BP);
        expect(ticks.length).toBeLessThanOrEqual(8);
        expect(domain[0]).toBeLessThanOrEqual(Math.min(...values));
        expect(domain[1]).toBeGreaterThanOrEqual(Math.max(...values));
      }),
    );
  });
});

describe('spreadLabels', () => {
  it('leaves labels beside their lines when they have room', () => {
    expect(spreadLabels([180, 160], [60, 180], 120, 12)).toEqual([0, 20]);
  });

  it('nudges crowded labels apart, in the order of their lines', () => {
    // The diastolic and low-systolic limits of the default profile, 10 mmHg = 10 px apart.
    const placed = spreadLabels([110, 100, 90, 80], [60, 180], 120, 12);
    expect(placed).toEqual([70, 82, 94, 106]);
  });

  it('keeps every label inside the plot and at least the gap from the next', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 60, max: 180 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 14 }),
        (values, gap) => {
          const height = 138;
          const placed = spreadLabels(values, [60, 180], height, gap);
          const sorted = [...placed].sort((a, b) => a - b);
          for (const px of placed) {
            expect(px).toBeGreaterThanOrEqual(0);
            expect(px).toBeLessThanOrEqual(height);
          }
          sorted.slice(1).forEach((px, index) => {
            expect(px - (sorted[index] ?? 0)).toBeGreaterThanOrEqual(gap - 1e-9);
          });
        },
      ),
    );
  });
});
