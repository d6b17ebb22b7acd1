import fc from 'fast-check';
import { doseAxis, labelWidthPx } from './dose-axis';

describe('the dose chart’s axes', () => {
  it('labels a small dose with the precision its step needs and the unit, never a cut ".15"', () => {
    const axis = doseAxis(0.2, 'mg', 0.1);
    expect(axis.ticks).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
    expect(axis.ticks.map(axis.format)).toEqual([
      '0.00 mg',
      '0.05 mg',
      '0.10 mg',
      '0.15 mg',
      '0.20 mg',
    ]);
    expect(axis.domain).toEqual([0, 0.2]);
  });

  it('labels a whole dose and a pump rate in whole numbers', () => {
    const mg = doseAxis(36.3, 'mg', 0.1);
    expect(mg.ticks).toEqual([0, 10, 20, 30, 40]);
    expect(mg.format(40)).toBe('40 mg');
    const rate = doseAxis(60, 'mL/h', 10);
    expect(rate.ticks).toEqual([0, 20, 40, 60]);
    expect(rate.format(60)).toBe('60 mL/h');
  });

  it('keeps a readable scale before anything is delivered', () => {
    expect(doseAxis(0, 'mg', 0.1).ticks).toEqual([0, 0.05, 0.1]);
  });

  it('is as wide as its longest label, more than the 40 px that cut "0.15"', () => {
    const axis = doseAxis(0.2, 'mg', 0.1);
    expect(axis.widthPx).toBeGreaterThan(labelWidthPx('0.15 mg'));
    expect(axis.widthPx).toBeGreaterThan(40);
  });

  it('reaches the largest value on round ticks, each label reading its tick, at any scale', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 5000, noNaN: true }), (max) => {
        const axis = doseAxis(max, 'mg', 0.1);
        expect(axis.domain[1]).toBeGreaterThanOrEqual(max);
        expect(axis.ticks.length).toBeGreaterThanOrEqual(2);
        expect(axis.ticks.length).toBeLessThanOrEqual(6);
        for (const tick of axis.ticks) {
          expect(Number.parseFloat(axis.format(tick))).toBeCloseTo(tick, 9);
          expect(axis.widthPx).toBeGreaterThan(labelWidthPx(axis.format(tick)));
        }
      }),
    );
  });
});
