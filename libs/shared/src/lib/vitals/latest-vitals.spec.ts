import fc from 'fast-check';
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

describe('mergeLatestVitals with several sources', () => {
  const MONITOR = 'device:monitor';
  const MANUAL = 'user:nurse';
  const time = (second: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, second)).toISOString();

  it('shows the monitor’s desaturation while a manual entry on a fast clock says 98', () => {
    const latest = mergeLatestVitals({}, [
      { at: time(10), spo2: 72, source: MONITOR },
      { at: time(15), spo2: 98, source: MANUAL },
    ]);
    expect(latest.spo2).toMatchObject({ value: 72, at: time(10), source: MONITOR });
    expect(latest.spo2?.sources).toEqual({
      [MONITOR]: { value: 72, at: time(10) },
      [MANUAL]: { value: 98, at: time(15) },
    });
  });

  it('shows the newest value once the alarming source is itself reassuring again', () => {
    const alarming = mergeLatestVitals({}, [
      { at: time(10), spo2: 72, source: MONITOR },
      { at: time(15), spo2: 98, source: MANUAL },
    ]);
    const latest = mergeLatestVitals(alarming, [{ at: time(16), spo2: 96, source: MONITOR }]);
    expect(latest.spo2).toMatchObject({ value: 96, at: time(16), source: MONITOR });
  });

  it('lets a source silent for longer than the window go', () => {
    const latest = mergeLatestVitals({}, [
      { at: time(0), spo2: 72, source: MONITOR },
      { at: time(31), spo2: 98, source: MANUAL },
    ]);
    expect(latest.spo2).toEqual({ value: 98, at: time(31), source: MANUAL });
  });

  it('whatever arrives in whatever order, never shows a normal value while a source heard within the window alarms', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            source: fc.constantFrom(MONITOR, MANUAL, 'device:second'),
            second: fc.integer({ min: 0, max: 59 }),
            spo2: fc.integer({ min: 70, max: 100 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (readings) => {
          const samples = readings.map(({ source, second, spo2 }) => ({
            source,
            at: time(second),
            spo2,
          }));
          const shown = mergeLatestVitals({}, samples).spo2!;
          const newestOf = new Map<string, { at: number; spo2: number }>();
          for (const sample of samples) {
            const at = Date.parse(sample.at);
            const known = newestOf.get(sample.source);
            if (!known || known.at <= at) newestOf.set(sample.source, { at, spo2: sample.spo2 });
          }
          const newest = Math.max(...[...newestOf.values()].map((one) => one.at));
          const recent = [...newestOf.values()].filter((one) => one.at >= newest - 30_000);
          // Below 90 is the default high limit, below 94 the medium one.
          if (recent.some((one) => one.spo2 < 90)) expect(shown.value).toBeLessThan(90);
          else if (recent.some((one) => one.spo2 < 94)) expect(shown.value).toBeLessThan(94);
        },
      ),
    );
  });
});
