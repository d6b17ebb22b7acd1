import { newestReadingAge } from './newest-reading-age';

describe('newestReadingAge', () => {
  const now = Date.parse('2026-11-25T10:01:00.000Z');

  it('measures from the newest reading of any sign', () => {
    const age = newestReadingAge(
      {
        systolic: { value: 120, at: '2026-11-25T09:55:00.000Z' },
        heartRate: { value: 70, at: '2026-11-25T10:00:48.000Z' },
      },
      now,
    );
    expect(age).toBe(12_000);
  });

  it('is null when there is no reading at all', () => {
    expect(newestReadingAge({}, now)).toBeNull();
  });
});
