import {
  dischargeCriteria,
  ketamineBalance,
  type DischargeCriterion,
  type DischargeFacts,
} from '@vigil/shared';
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

  describe('the ketamine record', () => {
    const ketamineSentence = (facts: Pick<DischargeFacts, 'ketamine'> & Partial<DischargeFacts>) =>
      dischargeCriterionSentence(
        dischargeCriteria(
          null,
          {
            baseline: null,
            latest: {},
            recoveryStartedAt: null,
            recoveryMinimumMin: 30,
            openAlerts: 0,
            startedBeforeAdministrationRecord: false,
            ...facts,
          },
          Date.now(),
        ).find((criterion) => criterion.code === 'KETAMINE_BALANCE') as DischargeCriterion,
      );

    it('says ketamine was given with no draw recorded, not "nothing drawn" as if all were well', () => {
      expect(ketamineSentence({ ketamine: ketamineBalance([], 0.2) })).toBe(
        'Ketamine given but no draw recorded (record the draw, and the waste witnessed)',
      );
    });

    it('says nothing was drawn only when nothing was given', () => {
      expect(ketamineSentence({ ketamine: ketamineBalance([], 0) })).toBe(
        'Ketamine record: nothing drawn, nothing given',
      );
    });

    it('names a session from before the record as such', () => {
      expect(
        ketamineSentence({
          ketamine: ketamineBalance([], 40),
          startedBeforeAdministrationRecord: true,
        }),
      ).toBe('Ketamine record: none kept (session started before the controlled-substance record)');
    });

    it('names the balance once a draw is on record', () => {
      const drawn = { kind: 'drawn' as const, mg: 50 };
      expect(ketamineSentence({ ketamine: ketamineBalance([drawn], 40) })).toBe(
        'Ketamine unaccounted for: 10 mg (record the waste, witnessed)',
      );
      expect(
        ketamineSentence({ ketamine: ketamineBalance([drawn, { kind: 'wasted', mg: 10 }], 40) }),
      ).toBe('Ketamine drawn, given and wasted: balanced');
    });
  });
});
