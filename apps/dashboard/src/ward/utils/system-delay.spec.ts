import { DELAY_WINDOW_MS, formatDelay, recordDelay, worstDelayMs } from './system-delay';

describe('Vigil’s own delay', () => {
  const start = Date.UTC(2026, 11, 6, 12, 0, 0);

  it('is the worst delay of the last seconds’ frames', () => {
    let reports = recordDelay(undefined, 300, start);
    reports = recordDelay(reports, 7_200, start + 1_000);
    reports = recordDelay(reports, 150, start + 2_000);
    expect(worstDelayMs(reports, start + 2_000)).toBe(7_200);
  });

  it('forgets a late frame once the window has passed it, and says nothing without frames', () => {
    let reports = recordDelay(undefined, 7_200, start);
    reports = recordDelay(reports, 150, start + DELAY_WINDOW_MS);
    expect(reports).toHaveLength(1);
    expect(worstDelayMs(reports, start + DELAY_WINDOW_MS)).toBe(150);
    expect(worstDelayMs(reports, start + 3 * DELAY_WINDOW_MS)).toBeNull();
    expect(worstDelayMs(undefined, start)).toBeNull();
  });

  it('reads in tenths of a second below ten seconds, whole seconds above', () => {
    expect(formatDelay(240)).toBe('0.2 s');
    expect(formatDelay(6_100)).toBe('6.1 s');
    expect(formatDelay(12_600)).toBe('13 s');
  });
});
