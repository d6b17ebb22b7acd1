import { SignalArrivals } from './signal-arrivals';

describe('SignalArrivals', () => {
  it('counts a batch from its arrival, and after its commit only if it was stored', () => {
    const arrivals = new SignalArrivals();
    const stored = arrivals.received('a', [{ spo2: 97, heartRate: 80 }], 1_000);
    const refused = arrivals.received('a', [{ spo2: 97, systolic: 128 }], 2_000);
    expect(arrivals.of('a')).toEqual({ spo2: 2_000, heartRate: 1_000, pressure: 2_000 });

    refused(false);
    expect(arrivals.of('a')).toEqual({ spo2: 1_000, heartRate: 1_000, pressure: null });
    stored(true);
    stored(false);
    expect(arrivals.of('a')).toEqual({ spo2: 1_000, heartRate: 1_000, pressure: null });
  });

  it('counts no sign a batch did not carry', () => {
    const arrivals = new SignalArrivals();
    arrivals.received('a', [{ heartRate: 80 }], 1_000);
    expect(arrivals.of('a')).toEqual({ spo2: null, heartRate: 1_000, pressure: null });
    expect(arrivals.of('b')).toEqual({ spo2: null, heartRate: null, pressure: null });
  });

  it('forgets sessions no longer watched, but not while a batch of theirs is in flight', () => {
    const arrivals = new SignalArrivals();
    arrivals.received('ended', [{ spo2: 97 }], 1_000)(true);
    const inFlight = arrivals.received('new', [{ spo2: 97 }], 2_000);
    arrivals.received('watched', [{ spo2: 97 }], 3_000)(true);
    arrivals.keepOnly(new Set(['watched']));
    expect(arrivals.of('ended').spo2).toBeNull();
    expect(arrivals.of('new').spo2).toBe(2_000);
    expect(arrivals.of('watched').spo2).toBe(3_000);
    inFlight(true);
  });
});
