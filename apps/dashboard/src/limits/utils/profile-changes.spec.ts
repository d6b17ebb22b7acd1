import { DEFAULT_THRESHOLD_PROFILE } from '@vigil/shared';
import { describeProfileChanges } from './profile-changes';

const { id: _id, ...SAVED } = DEFAULT_THRESHOLD_PROFILE;

describe('describeProfileChanges', () => {
  it('says nothing when nothing changed', () => {
    expect(
      describeProfileChanges(SAVED, JSON.parse(JSON.stringify(SAVED)) as typeof SAVED),
    ).toEqual([]);
  });

  it('names each changed value with its old and new value', () => {
    const edited = {
      ...SAVED,
      name: 'Stricter',
      escalationS: { ...SAVED.escalationS, high: 30 },
      rules: SAVED.rules.map((rule) =>
        rule.code === 'SPO2_LOW'
          ? { ...rule, medium: 92, high: null, baselineRelative: { medium: 0.05 } }
          : rule,
      ),
    };
    expect(describeProfileChanges(SAVED, edited)).toEqual([
      'Name: “Default (ketamine infusion)” → “Stricter”',
      'Escalate high after (s): 60 → 30',
      'SpO2 low — medium limit: 94 → 92',
      'SpO2 low — high limit: 90 → none',
      'SpO2 low — baseline-relative medium: none → 0.05',
    ]);
  });

  it('names a rule added or removed', () => {
    const [spo2, ...others] = SAVED.rules;
    expect(describeProfileChanges({ ...SAVED, rules: others }, SAVED)).toEqual([
      'SpO2 low: new rule',
    ]);
    expect(describeProfileChanges(SAVED, { ...SAVED, rules: [spo2!] })).toHaveLength(6);
  });
});
