import { DEFAULT_THRESHOLD_PROFILE, type ThresholdProfileInput } from '@vigil/shared';
import fc from 'fast-check';
import { draftFromProfile, parseProfileDraft, ruleError, type ProfileDraft } from './profile-draft';

const { id: _id, ...DEFAULT_INPUT } = DEFAULT_THRESHOLD_PROFILE;

function editRule(
  draft: ProfileDraft,
  code: string,
  change: Partial<ProfileDraft['rules'][number]>,
) {
  return {
    ...draft,
    rules: draft.rules.map((rule) => (rule.code === code ? { ...rule, ...change } : rule)),
  };
}

describe('profile draft', () => {
  it('reads back exactly the profile it was made from', () => {
    expect(parseProfileDraft(draftFromProfile(DEFAULT_INPUT))).toEqual({
      ok: true,
      profile: DEFAULT_INPUT,
    });
  });

  it('round-trips any valid change of the limits, delays and relative limits', () => {
    const spo2 = DEFAULT_INPUT.rules[0]!;
    fc.assert(
      fc.property(
        // The SpO2 high limit (medium − 4) stays at or above its safety floor, 85.
        fc.integer({ min: 89, max: 96 }),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 600 }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
        (medium, delayS, clearS, relative) => {
          const profile: ThresholdProfileInput = {
            ...DEFAULT_INPUT,
            rules: [
              {
                ...spo2,
                medium,
                high: medium - 4,
                delayS,
                clearS,
                ...(relative !== undefined && { baselineRelative: { high: relative } }),
              },
              ...DEFAULT_INPUT.rules.slice(1),
            ],
          };
          expect(parseProfileDraft(draftFromProfile(profile))).toEqual({ ok: true, profile });
        },
      ),
    );
  });

  it('takes a blank limit as no limit, and a blank timer as missing', () => {
    const draft = editRule(draftFromProfile(DEFAULT_INPUT), 'SPO2_LOW', { medium: '' });
    const result = parseProfileDraft(draft);
    expect(result.ok && result.profile.rules[0]).toMatchObject({ medium: null, high: 90 });
    expect(parseProfileDraft({ ...draft, signalLossS: ' ' })).toEqual({
      ok: false,
      errors: { signalLossS: 'is required' },
    });
  });

  it('names each field the shared schema refuses, by its path', () => {
    const draft = editRule(draftFromProfile(DEFAULT_INPUT), 'SYSTOLIC_HIGH', {
      delayS: 'soon',
      relativeMedium: '1.5',
    });
    const result = parseProfileDraft({ ...draft, escalationHighS: '9999', name: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(ruleError(result.errors, 1, 'delayS')).toBe('must be a number of seconds');
    expect(ruleError(result.errors, 1, 'relativeMedium')).toBe('must be between 0 and 1');
    expect(result.errors['escalationS.high']).toBe('must be between 0 and 600');
    expect(result.errors.name).toBe('must not be empty');
  });

  it('names the safety floor a value would pass, beside its field', () => {
    const draft = editRule(draftFromProfile(DEFAULT_INPUT), 'SPO2_LOW', { high: '84' });
    const result = parseProfileDraft({ ...draft, recoveryMinimumMin: '241' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(ruleError(result.errors, 0, 'high')).toBe(
      'must be at least 85: the SpO2 high limit (safety floor)',
    );
    expect(result.errors.recoveryMinimumMin).toBe('must be between 0 and 240');
  });

  it('names a rule whose limits contradict each other once each value is readable', () => {
    const draft = editRule(draftFromProfile(DEFAULT_INPUT), 'SYSTOLIC_HIGH', { high: '150' });
    const result = parseProfileDraft(draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(ruleError(result.errors, 1, 'high')).toBe('must be at or above medium (160)');
  });
});
