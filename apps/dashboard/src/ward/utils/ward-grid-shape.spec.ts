import fc from 'fast-check';
import { wardGridShape } from './ward-grid-shape';

const FULL_HD = 1920 / 1080;

describe('wardGridShape', () => {
  it('fills a 1920×1080 screen with large tiles for a few chairs', () => {
    expect(wardGridShape(6, FULL_HD)).toEqual({ columns: 3, rows: 2 });
    expect(wardGridShape(4, FULL_HD)).toEqual({ columns: 2, rows: 2 });
    expect(wardGridShape(8, FULL_HD)).toEqual({ columns: 4, rows: 2 });
    expect(wardGridShape(1, FULL_HD)).toEqual({ columns: 1, rows: 1 });
  });

  it('keeps 24 chairs to six columns by four rows on the same screen', () => {
    expect(wardGridShape(24, FULL_HD)).toEqual({ columns: 6, rows: 4 });
    expect(wardGridShape(12, FULL_HD)).toEqual({ columns: 4, rows: 3 });
  });

  it('turns the grid for a screen on its side', () => {
    expect(wardGridShape(6, 1080 / 1920)).toEqual({ columns: 2, rows: 3 });
    expect(wardGridShape(24, 1080 / 1920)).toEqual({ columns: 3, rows: 8 });
  });

  it('falls back to a 16:9 screen for a size it cannot use', () => {
    expect(wardGridShape(6, 0)).toEqual({ columns: 3, rows: 2 });
    expect(wardGridShape(6, Number.NaN)).toEqual({ columns: 3, rows: 2 });
    expect(wardGridShape(0, FULL_HD)).toEqual({ columns: 1, rows: 1 });
  });

  it('always has a place for every chair and never a whole empty row', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.3, max: 4 }),
        (chairs, aspect) => {
          const { columns, rows } = wardGridShape(chairs, aspect);
          expect(columns * rows).toBeGreaterThanOrEqual(chairs);
          expect(columns).toBeLessThanOrEqual(chairs);
          expect(columns * (rows - 1)).toBeLessThan(chairs);
        },
      ),
    );
  });
});
