import { BP_STALE_READING_AFTER_MS, STALE_READING_AFTER_MS } from '../constants/ward.constants';
import { silenceWords, staleAfterMs, staleSignAges } from './sign-staleness';

const now = Date.parse('2026-11-25T10:12:00.000Z');
const secondsAgo = (seconds: number) => new Date(now - seconds * 1_000).toISOString();

describe('sign staleness', () => {
  it('gives blood pressure, from a cycling cuff, a longer limit than the continuous signs', () => {
    expect(staleAfterMs('spo2')).toBe(STALE_READING_AFTER_MS);
    expect(staleAfterMs('heartRate')).toBe(30_000);
    expect(staleAfterMs('systolic')).toBe(BP_STALE_READING_AFTER_MS);
    expect(staleAfterMs('diastolic')).toBe(17 * 60_000);
  });

  it('names the one sign that stopped while the others go on, with its age', () => {
    const ages = staleSignAges(
      {
        heartRate: { value: 76, at: secondsAgo(1) },
        spo2: { value: 97, at: secondsAgo(45) },
        respRate: { value: 14, at: secondsAgo(30) },
        systolic: { value: 128, at: secondsAgo(14 * 60) },
        diastolic: { value: 82, at: secondsAgo(14 * 60) },
      },
      now,
    );
    expect(ages).toEqual({ spo2: 45_000 });
  });

  it('marks a blood pressure older than the longest cuff cycle and its grace', () => {
    const ages = staleSignAges(
      {
        systolic: { value: 128, at: secondsAgo(18 * 60) },
        diastolic: { value: 82, at: secondsAgo(18 * 60) },
        heartRate: { value: 76, at: secondsAgo(1) },
      },
      now,
    );
    expect(ages).toEqual({ systolic: 18 * 60_000, diastolic: 18 * 60_000 });
  });

  it('leaves out a sign never read', () => {
    expect(staleSignAges({}, now)).toEqual({});
  });

  it('says how long a sign has been silent, in seconds then minutes', () => {
    expect(silenceWords('SpO2', 45_000)).toBe('no SpO2 for 45 s');
    expect(silenceWords('blood pressure', 18 * 60_000 + 5_000)).toBe(
      'no blood pressure for 18 min',
    );
  });
});
