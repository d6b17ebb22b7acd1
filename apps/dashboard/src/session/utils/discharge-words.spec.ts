import { dischargeCriterionSentence } from './discharge-words';

describe('the discharge criteria in words', () => {
  it('says there is no recent reading rather than "none %" when a level cannot be judged', () => {
    expect(dischargeCriterionSentence({ code: 'SPO2_LEVEL', met: false, limit: 95 })).toBe(
      'SpO2: no recent reading (needs ≥ 95)',
    );
    expect(
      dischargeCriterionSentence({ code: 'BLOOD_PRESSURE_BASELINE', met: false, limit: '124/78' }),
    ).toBe('Blood pressure: no recent reading (within 20 % of baseline 124/78)');
    expect(dischargeCriterionSentence({ code: 'HEART_RATE_BASELINE', met: false, limit: 72 })).toBe(
      'Heart rate: no recent reading (within 20 % of baseline 72)',
    );
  });

  it('gives the reading found when there is one', () => {
    expect(
      dischargeCriterionSentence({ code: 'SPO2_LEVEL', met: true, value: 98, limit: 95 }),
    ).toBe('SpO2 98 % (needs ≥ 95)');
    expect(
      dischargeCriterionSentence({
        code: 'BLOOD_PRESSURE_BASELINE',
        met: true,
        value: '122/78',
        limit: '124/78',
      }),
    ).toBe('Blood pressure 122/78 (within 20 % of baseline 124/78)');
  });
});
