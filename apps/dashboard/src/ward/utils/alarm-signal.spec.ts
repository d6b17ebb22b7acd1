import {
  ALARM_SIGNALS,
  burstDurationMs,
  burstPeriodMs,
  burstPulseOffsetsMs,
  HARMONIC_AMPLITUDES,
  pulseStartsBetween,
} from './alarm-signal';

const within = (value: number, min: number, max: number) => value >= min && value <= max;
const decibels = (ratio: number) => 20 * Math.log10(ratio);

describe('IEC 60601-1-8 alarm signals', () => {
  describe('high priority', () => {
    const high = ALARM_SIGNALS.high;
    const [x1, x2, long1, x3, half, x4, x5, long2, x6] = high.gapsMs;

    it('is a burst of ten pulses of 75–200 ms', () => {
      expect(burstPulseOffsetsMs(high)).toHaveLength(10);
      expect(within(high.pulseMs, 75, 200)).toBe(true);
    });

    it('spaces its pulses x x (2x+td) x … x x (2x+td) x, with x of 50–125 ms', () => {
      for (const x of [x2, x3, x4, x5, x6]) expect(x).toBe(x1);
      expect(within(x1!, 50, 125)).toBe(true);
      expect(long1).toBe(2 * x1! + high.pulseMs);
      expect(long2).toBe(long1);
    });

    it('parts the two halves of the burst by 0.35–1.30 s', () => {
      expect(within(half!, 350, 1_300)).toBe(true);
    });

    it('repeats its burst 2.5–15 s apart', () => {
      expect(within(high.interBurstMs, 2_500, 15_000)).toBe(true);
      expect(within(burstPeriodMs(high), 2_500, 15_000)).toBe(true);
    });
  });

  describe('medium priority', () => {
    const medium = ALARM_SIGNALS.medium;

    it('is a burst of three pulses of 125–250 ms, 125–250 ms apart', () => {
      expect(burstPulseOffsetsMs(medium)).toHaveLength(3);
      expect(within(medium.pulseMs, 125, 250)).toBe(true);
      for (const gap of medium.gapsMs) expect(within(gap, 125, 250)).toBe(true);
    });

    it('repeats 2.5–30 s apart, and more slowly than high priority', () => {
      expect(within(medium.interBurstMs, 2_500, 30_000)).toBe(true);
      expect(within(burstPeriodMs(medium), 2_500, 30_000)).toBe(true);
      expect(burstPeriodMs(medium)).toBeGreaterThan(burstPeriodMs(ALARM_SIGNALS.high));
    });
  });

  it.each(Object.entries(ALARM_SIGNALS))(
    '%s pulses rise and fall in 10–20 %% of a pulse',
    (_, s) => {
      expect(within(s.rampMs / s.pulseMs, 0.1, 0.2)).toBe(true);
    },
  );

  it.each(Object.entries(ALARM_SIGNALS))(
    '%s tone has at least four harmonics in 300–4000 Hz within 15 dB of the fundamental',
    (_, signal) => {
      const fundamental = HARMONIC_AMPLITUDES[1]!;
      const harmonics = HARMONIC_AMPLITUDES.flatMap((amplitude, n) =>
        n >= 2 && amplitude > 0 ? [{ hz: n * signal.frequencyHz, amplitude }] : [],
      ).filter(({ hz, amplitude }) => {
        return within(hz, 300, 4_000) && decibels(fundamental / amplitude) <= 15;
      });
      expect(harmonics.length).toBeGreaterThanOrEqual(4);
      expect(within(signal.frequencyHz, 150, 1_000)).toBe(true);
    },
  );
});

describe('burstPulseOffsetsMs', () => {
  it('starts each pulse after the previous pulse and its gap', () => {
    expect(burstPulseOffsetsMs(ALARM_SIGNALS.medium)).toEqual([0, 400, 800]);
    expect(burstDurationMs(ALARM_SIGNALS.medium)).toBe(1_000);
  });
});

describe('pulseStartsBetween', () => {
  const medium = ALARM_SIGNALS.medium;
  const period = burstPeriodMs(medium);

  it('gives the first burst from the start of the pattern', () => {
    expect(pulseStartsBetween(medium, 0, 1_000)).toEqual([0, 400, 800]);
  });

  it('repeats the burst every period', () => {
    expect(pulseStartsBetween(medium, period, period + 1_000)).toEqual([
      period,
      period + 400,
      period + 800,
    ]);
  });

  it('plays nothing in the silence between bursts', () => {
    expect(pulseStartsBetween(medium, 1_000, period)).toEqual([]);
  });

  it.each(Object.keys(ALARM_SIGNALS) as Array<keyof typeof ALARM_SIGNALS>)(
    'loses and repeats no %s pulse when scheduled in short windows',
    (priority) => {
      const signal = ALARM_SIGNALS[priority];
      const end = 3 * burstPeriodMs(signal);
      const windowed: number[] = [];
      for (let from = 0; from < end; from += 137) {
        windowed.push(...pulseStartsBetween(signal, from, Math.min(from + 137, end)));
      }
      expect(windowed).toEqual(pulseStartsBetween(signal, 0, end));
      expect(windowed).toHaveLength(3 * burstPulseOffsetsMs(signal).length);
    },
  );
});
