import { formatAge } from './format-age';

describe('formatAge', () => {
  it.each([
    [0, '0 s ago'],
    [12_400, '12 s ago'],
    [59_999, '59 s ago'],
    [60_000, '1 min ago'],
    [4 * 60_000 + 59_000, '4 min ago'],
    [2 * 3_600_000, '2 h ago'],
  ])('shows %i ms as "%s"', (ageMs, text) => {
    expect(formatAge(ageMs)).toBe(text);
  });

  it('shows a reading stamped ahead of this clock as just taken', () => {
    expect(formatAge(-3_000)).toBe('0 s ago');
  });
});
