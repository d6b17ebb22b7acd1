import fc from 'fast-check';
import {
  brokenSafetyFloors,
  DEFAULT_THRESHOLD_PROFILE,
  safetyFloorBreaches,
  thresholdProfileSchema,
  type ThresholdRule,
} from './threshold-profile';

const { id: _id, ...DEFAULT_INPUT } = DEFAULT_THRESHOLD_PROFILE;
const SIGNS = ['systolic', 'diastolic', 'heartRate', 'spo2', 'respRate'] as const;

const withRule = (code: string, change: Partial<ThresholdRule>) => ({
  ...DEFAULT_INPUT,
  rules: DEFAULT_INPUT.rules.map((rule) => (rule.code === code ? { ...rule, ...change } : rule)),
});
const without = (code: string) => ({
  ...DEFAULT_INPUT,
  rules: DEFAULT_INPUT.rules.filter((rule) => rule.code !== code),
});

function refusal(input: unknown) {
  const parsed = thresholdProfileSchema.safeParse(input);
  if (parsed.success) throw new Error('expected the profile to be refused');
  return brokenSafetyFloors(parsed.error);
}

/** Mostly the default's value, sometimes anything: enough profiles pass to make the property bite. */
function mostly<T>(usual: T, other: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: fc.constant(usual), weight: 12 }, { arbitrary: other, weight: 1 });
}

const ruleArbitrary = (rule: ThresholdRule) =>
  fc.record({
    code: fc.constant(rule.code),
    sign: mostly(rule.sign, fc.constantFrom(...SIGNS)),
    direction: mostly(rule.direction, fc.constantFrom('below' as const, 'above' as const)),
    inclusive: fc.boolean(),
    medium: mostly(rule.medium, fc.option(fc.integer({ min: 0, max: 320 }))),
    high: mostly(rule.high, fc.option(fc.integer({ min: 0, max: 320 }))),
    delayS: mostly(rule.delayS, fc.integer({ min: 0, max: 90 })),
    clearS: fc.integer({ min: 0, max: 600 }),
  });

const profileArbitrary = fc
  .record({
    rules: fc.tuple(
      ...DEFAULT_INPUT.rules.map((rule) =>
        fc.option(ruleArbitrary(rule), { freq: 8, nil: undefined }),
      ),
    ),
    deepDesaturationSpo2: mostly(85, fc.integer({ min: 0, max: 94 })),
  })
  .map(({ rules, deepDesaturationSpo2 }) => ({
    ...DEFAULT_INPUT,
    rules: rules.filter((rule) => rule !== undefined),
    deepDesaturationSpo2,
  }));

describe('safety floors (properties)', () => {
  it('accepts enough generated profiles for the properties below to mean something', () => {
    const accepted = fc
      .sample(profileArbitrary, { numRuns: 1000, seed: 12 })
      .filter((profile) => thresholdProfileSchema.safeParse(profile).success);
    expect(accepted.length).toBeGreaterThan(20);
  });

  it('no accepted profile breaks a floor', () => {
    fc.assert(
      fc.property(profileArbitrary, (input) => {
        const parsed = thresholdProfileSchema.safeParse(input);
        if (!parsed.success) return;
        const profile = parsed.data;
        const spo2 = profile.rules.find((rule) => rule.code === 'SPO2_LOW');
        expect(spo2).toMatchObject({ sign: 'spo2', direction: 'below' });
        expect(spo2!.high).toBeGreaterThanOrEqual(85);
        expect(profile.deepDesaturationSpo2).toBeGreaterThanOrEqual(80);
        for (const rule of profile.rules) {
          expect(rule.high).not.toBeNull();
          expect(rule.delayS).toBeLessThanOrEqual(30);
          if (rule.sign !== 'spo2' && rule.sign !== 'respRate')
            expect(rule.delayS).toBeLessThanOrEqual(15);
        }
        for (const sign of SIGNS)
          expect(profile.rules.some((rule) => rule.sign === sign)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('safety floors', () => {
  it('accepts the default profile, which breaks none', () => {
    expect(safetyFloorBreaches(DEFAULT_INPUT)).toEqual([]);
    expect(thresholdProfileSchema.parse(DEFAULT_INPUT)).toEqual(DEFAULT_INPUT);
  });

  it('keeps the SpO2 rule', () => {
    expect(refusal(without('SPO2_LOW'))).toEqual([{ field: 'rules', floor: 'SPO2_RULE_KEPT' }]);
  });

  it('keeps a rule with a high limit for every sign', () => {
    expect(refusal(without('RR_LOW'))).toEqual([{ field: 'rules', floor: 'SIGN_KEEPS_RULE' }]);
    expect(refusal(withRule('HR_HIGH', { medium: null, high: null }))).toEqual([
      { field: 'rules[4].high', floor: 'HIGH_LIMIT_KEPT' },
    ]);
    expect(thresholdProfileSchema.safeParse(without('HR_HIGH')).success).toBe(true);
  });

  it('refuses a high limit no reading can break', () => {
    expect(refusal(withRule('SYSTOLIC_HIGH', { high: 301 }))).toEqual([
      { field: 'rules[1].high', floor: 'HIGH_LIMIT_REACHABLE' },
    ]);
    expect(refusal(withRule('RR_LOW', { medium: 0, high: 0 }))).toEqual([
      { field: 'rules[6].high', floor: 'HIGH_LIMIT_REACHABLE' },
    ]);
    expect(thresholdProfileSchema.safeParse(withRule('SYSTOLIC_HIGH', { high: 300 })).success).toBe(
      true,
    );
  });

  it('holds the SpO2 high limit at 85 and the deep-desaturation bypass at 80', () => {
    expect(refusal(withRule('SPO2_LOW', { medium: 90, high: 84 }))).toEqual([
      { field: 'rules[0].high', floor: 'SPO2_HIGH_MINIMUM' },
    ]);
    expect(refusal({ ...DEFAULT_INPUT, deepDesaturationSpo2: 79 })).toEqual([
      { field: 'deepDesaturationSpo2', floor: 'DEEP_DESATURATION_MINIMUM' },
    ]);
    const lowest = {
      ...withRule('SPO2_LOW', { medium: 85, high: 85 }),
      deepDesaturationSpo2: 80,
    };
    expect(thresholdProfileSchema.safeParse(lowest).success).toBe(true);
  });

  it('refuses a delay over 30 s, and over 15 s for blood pressure and heart rate', () => {
    expect(refusal(withRule('SPO2_LOW', { delayS: 31 }))).toEqual([
      { field: 'rules[0].delayS', floor: 'DELAY_MAXIMUM' },
    ]);
    expect(refusal(withRule('SPO2_LOW', { delayS: 300 }))).toEqual([
      { field: 'rules[0].delayS', floor: 'DELAY_MAXIMUM' },
    ]);
    expect(refusal(withRule('HR_LOW', { delayS: 16 }))).toEqual([
      { field: 'rules[5].delayS', floor: 'PRESSURE_AND_HEART_RATE_DELAY_MAXIMUM' },
    ]);
    expect(thresholdProfileSchema.safeParse(withRule('RR_LOW', { delayS: 30 })).success).toBe(true);
  });

  it('refuses a rule that watches another sign or direction than its code names', () => {
    expect(refusal(withRule('SPO2_LOW', { direction: 'above', medium: 96, high: 98 }))).toEqual([
      { field: 'rules[0]', floor: 'RULE_MATCHES_CODE' },
    ]);
  });

  it('names each field and floor in the message, beside the ordinary validation', () => {
    const parsed = thresholdProfileSchema.safeParse({
      ...withRule('SPO2_LOW', { high: 80, delayS: 60 }),
      deepDesaturationSpo2: 70,
      reminderMin: 0,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['reminderMin', 'must be between 1 and 60'],
      ['rules.0.high', 'must be at least 85: the SpO2 high limit (safety floor)'],
      ['rules.0.delayS', 'must be at most 30 s (safety floor)'],
      ['deepDesaturationSpo2', 'must be at least 80: the deep-desaturation bypass (safety floor)'],
    ]);
  });

  it('sets the recovery minimum to 30 unless given, within 0–240', () => {
    const { recoveryMinimumMin: _minimum, ...older } = DEFAULT_INPUT;
    expect(thresholdProfileSchema.parse(older).recoveryMinimumMin).toBe(30);
    expect(
      thresholdProfileSchema.parse({ ...older, recoveryMinimumMin: 0 }).recoveryMinimumMin,
    ).toBe(0);
    expect(thresholdProfileSchema.safeParse({ ...older, recoveryMinimumMin: 241 }).success).toBe(
      false,
    );
  });
});
