import { mergeLatestVitals } from './latest-vitals';

describe('mergeLatestVitals', () => {
  it('keeps each sign with its own time', () => {
    const latest = mergeLatestVitals({}, [
      { at: '2026-11-25T10:00:00.000Z', systolic: 130, diastolic: 80, heartRate: 70 },
      { at: '2026-11-25T10:00:01.000Z', heartRate: 72, spo2: 98 },
    ]);
    expect(latest).toEqual({
      systolic: { value: 130, at: '2026-11-25T10:00:00.000Z' },
      diastolic: { value: 80, at: '2026-11-25T10:00:00.000Z' },
      heartRate: { value: 72, at: '2026-11-25T10:00:01.000Z' },
      spo2: { value: 98, at: '2026-11-25T10:00:01.000Z' },
    });
  });

  it('never lets a late-arriving older sample overwrite a newer value', () => {
    const latest = mergeLatestVitals({ heartRate: { value: 90, at: '2026-11-25T10:00:05.000Z' } }, [
      { at: '2026-11-25T10:00:01.000Z', heartRate: 60 },
    ]);
    expect(latest.heartRate).toEqual({ value: 90, at: '2026-11-25T10:00:05.000Z' });
  });
});
