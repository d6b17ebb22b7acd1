import fc from 'fast-check';
import { worsePriority } from './alert-rules';
import { replayProfile, type ReplaySample } from './profile-replay';
import type { VitalMeasurements } from '../vitals/vital-sample.types';
import { DEFAULT_THRESHOLD_PROFILE, type ThresholdRule } from './threshold-profile';

const START = Date.parse('2026-11-25T10:00:00.000Z');
const at = (second: number) => new Date(START + second * 1000).toISOString();

/** One reading a second, each with the given measurements. */
function everySecond(values: VitalMeasurements[]): ReplaySample[] {
  return values.map((measurements, second) => ({ at: at(second), ...measurements }));
}

const withRule = (code: string, change: Partial<ThresholdRule>) => ({
  ...DEFAULT_THRESHOLD_PROFILE,
  rules: DEFAULT_THRESHOLD_PROFILE.rules.map((rule) =>
    rule.code === code ? { ...rule, ...change } : rule,
  ),
});

const vitalSample = fc.record(
  {
    spo2: fc.integer({ min: 70, max: 100 }),
    heartRate: fc.integer({ min: 30, max: 150 }),
    systolic: fc.integer({ min: 70, max: 200 }),
    diastolic: fc.integer({ min: 40, max: 120 }),
    respRate: fc.integer({ min: 4, max: 20 }),
  },
  { requiredKeys: [] },
);
const recording = fc.array(vitalSample, { maxLength: 150 }).map(everySecond);

describe('replayProfile (examples)', () => {
  it('replays each source on its own clock: manual entries of 98 hide no monitor desaturation', () => {
    const monitor = Array.from({ length: 12 }, (_, second) => ({
      at: at(second),
      spo2: 92,
      source: 'device:monitor',
    }));
    const manual = [0, 4, 8].map((second) => ({
      at: new Date(START + second * 1000 + 4_900).toISOString(),
      spo2: 98,
      source: 'user:nurse',
    }));
    expect(replayProfile(DEFAULT_THRESHOLD_PROFILE, null, [...manual, ...monitor])).toEqual([
      expect.objectContaining({ code: 'SPO2_LOW', raisedAt: at(10), clearedAt: null }),
    ]);
  });

  it('follows a desaturation from its raise after the delay, through its upgrade, to the latch', () => {
    const samples = everySecond([
      ...Array(11).fill({ spo2: 92 }),
      { spo2: 88 },
      ...Array(15).fill({ spo2: 98 }),
    ]);
    expect(replayProfile(DEFAULT_THRESHOLD_PROFILE, null, samples)).toEqual([
      {
        code: 'SPO2_LOW',
        priority: 'high',
        raisedPriority: 'medium',
        raisedAt: at(10),
        value: 92,
        threshold: 94,
        message: 'SpO2 92 < 94',
        upgrades: [{ priority: 'high', value: 88, threshold: 90, at: at(11) }],
        clearedAt: null,
        latched: true,
      },
    ]);
  });

  it('resolves a medium alert once the condition has been clear for the clear time', () => {
    const samples = everySecond([
      ...Array(11).fill({ heartRate: 72 }),
      ...Array(16).fill({ heartRate: 115 }),
      ...Array(11).fill({ heartRate: 80 }),
    ]);
    const [episode] = replayProfile(DEFAULT_THRESHOLD_PROFILE, null, samples);
    expect(episode).toMatchObject({
      code: 'HR_HIGH',
      priority: 'medium',
      raisedAt: at(26),
      clearedAt: at(37),
      latched: false,
    });
  });

  it('tells a high alert still open because its condition persists from a latched one', () => {
    const samples = everySecond([{ systolic: 185, diastolic: 90 }]);
    expect(replayProfile(DEFAULT_THRESHOLD_PROFILE, null, samples)).toEqual([
      expect.objectContaining({ code: 'SYSTOLIC_HIGH', priority: 'high', latched: false }),
    ]);
  });

  it('applies limits relative to the baseline, the stricter one winning', () => {
    const relative = withRule('SYSTOLIC_HIGH', { baselineRelative: { medium: 0.2 } });
    const samples = everySecond([{ systolic: 150 }]);
    expect(replayProfile(relative, null, samples)).toEqual([]);
    expect(replayProfile(relative, { systolic: 124 }, samples)).toEqual([
      expect.objectContaining({
        code: 'SYSTOLIC_HIGH',
        threshold: 149,
        message: 'Systolic 150 ≥ 149',
      }),
    ]);
  });

  it('raises a deep desaturation at once, under the profile’s own limit', () => {
    const samples = everySecond([{ spo2: 96 }, { spo2: 91 }, { spo2: 87 }]);
    expect(replayProfile(DEFAULT_THRESHOLD_PROFILE, null, samples)).toEqual([]);
    const stricter = { ...DEFAULT_THRESHOLD_PROFILE, deepDesaturationSpo2: 90 };
    expect(replayProfile(stricter, null, samples)).toEqual([
      expect.objectContaining({ code: 'SPO2_LOW', raisedAt: at(2), value: 87 }),
    ]);
  });

  it('replays readings in time order whatever order they come in, and skips unreadable times', () => {
    const samples = everySecond(Array(12).fill({ spo2: 92 }));
    const shuffled = [...samples.slice(6), { at: 'not a time', spo2: 99 }, ...samples.slice(0, 6)];
    expect(replayProfile(DEFAULT_THRESHOLD_PROFILE, null, shuffled)).toEqual(
      replayProfile(DEFAULT_THRESHOLD_PROFILE, null, samples),
    );
  });
});

describe('replayProfile (properties)', () => {
  it('keeps one episode per code at a time: each starts after the previous one cleared', () => {
    fc.assert(
      fc.property(recording, (samples) => {
        const episodes = replayProfile(DEFAULT_THRESHOLD_PROFILE, null, samples);
        for (const rule of DEFAULT_THRESHOLD_PROFILE.rules) {
          const ofCode = episodes.filter((episode) => episode.code === rule.code);
          ofCode.slice(0, -1).forEach((episode, index) => {
            expect(episode.clearedAt).not.toBeNull();
            // Every episode but the last has a next one.
            expect(ofCode[index + 1]!.raisedAt >= episode.clearedAt!).toBe(true);
          });
        }
      }),
    );
  });

  it('only ever upgrades, and reports the worst priority reached', () => {
    fc.assert(
      fc.property(recording, (samples) => {
        for (const episode of replayProfile(DEFAULT_THRESHOLD_PROFILE, null, samples)) {
          let current = episode.raisedPriority;
          for (const upgrade of episode.upgrades) {
            expect(worsePriority(upgrade.priority, current)).toBe(true);
            current = upgrade.priority;
          }
          expect(episode.priority).toBe(current);
          expect(episode.latched && episode.clearedAt).toBeFalsy();
          if (episode.latched) expect(episode.priority).toBe('high');
        }
      }),
    );
  });

  it('raises nothing for a rule without limits, whatever the readings', () => {
    const silenced = withRule('SPO2_LOW', { medium: null, high: null });
    fc.assert(
      fc.property(recording, (samples) => {
        const codes = replayProfile(silenced, null, samples).map((episode) => episode.code);
        expect(codes).not.toContain('SPO2_LOW');
      }),
    );
  });

  it('raises nothing on readings that stay within every limit', () => {
    const calm = fc.record({
      spo2: fc.integer({ min: 95, max: 100 }),
      heartRate: fc.integer({ min: 55, max: 100 }),
      systolic: fc.integer({ min: 100, max: 150 }),
      diastolic: fc.integer({ min: 60, max: 90 }),
      respRate: fc.integer({ min: 12, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(calm, { maxLength: 120 }), (values) => {
        expect(replayProfile(DEFAULT_THRESHOLD_PROFILE, null, everySecond(values))).toEqual([]);
      }),
    );
  });

  it('raises no later under a shorter delay than under a longer one', () => {
    const first = (delayS: number, samples: ReplaySample[]) =>
      replayProfile(withRule('HR_HIGH', { delayS }), null, samples).find(
        (episode) => episode.code === 'HR_HIGH',
      );
    fc.assert(
      fc.property(recording, fc.integer({ min: 0, max: 14 }), (samples, delayS) => {
        const eager = first(delayS, samples);
        const lax = first(15, samples);
        if (lax) expect(eager && eager.raisedAt <= lax.raisedAt).toBe(true);
      }),
    );
  });
});
