import fc from 'fast-check';
import { spreadLabels, valueDomain } from './chart-labels';

describe('valueDomain', () => {
  it('takes in the readings and every line, with room to spare, on round numbers', () => {
    expect(valueDomain([78, 117, 160, 180, 80, 90, 100, 110, 130])).toEqual([70, 190]);
    expect(valueDomain([94, 90, 97, 99])).toEqual([88, 100]);
    expect(valueDomain([])).toEqual([0, 100]);
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
