import { formatDose, totalDoseMg } from './order-dose';

describe('order dose', () => {
  it('totals the dose for the weight to the tenth of a milligram', () => {
    expect(totalDoseMg(0.5, 72.4)).toBe(36.2);
    expect(totalDoseMg(0.75, 81.3)).toBe(61);
  });

  it('writes a dose without trailing zeros', () => {
    expect(formatDose(0.5)).toBe('0.5');
    expect(formatDose(1.25)).toBe('1.25');
    expect(formatDose(2)).toBe('2');
  });
});
