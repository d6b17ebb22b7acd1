import fc from 'fast-check';
import { assessmentSchema, type AssessmentInput } from './clinical.schema';
import {
  ABSOLUTE_CONTRAINDICATIONS,
  contraindications,
  RECENT_SUBSTANCE_USE_MS,
  uncoveredFlags,
} from './contraindications';
import {
  CLEAR_SCREENING,
  PSYCHIATRIC_HISTORY,
  SUBSTANCE_USE,
  TEST_RESULTS,
  type Screening,
} from './screening.schema';

const AT = Date.parse('2026-11-25T10:00:00.000Z');

const clean: AssessmentInput = {
  baseline: { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98 },
  checklist: {
    consent: true,
    fasting: true,
    escortHome: true,
    psychiatricEvaluation: true,
    medicationsReviewed: true,
    pregnancyTest: 'negative',
  },
  screening: CLEAR_SCREENING,
};
const codes = (input: AssessmentInput) => contraindications(input, AT).map((flag) => flag.code);
const screened = (screening: Partial<Screening>) =>
  contraindications({ ...clean, screening: { ...CLEAR_SCREENING, ...screening } }, AT);

describe('contraindications', () => {
  it('flags nothing for a normal baseline and a complete checklist', () => {
    expect(codes(clean)).toEqual([]);
  });

  it('uses the contract defaults at their exact limits: systolic ≥ 160, diastolic ≥ 100, SpO2 < 94', () => {
    expect(
      codes({ ...clean, baseline: { ...clean.baseline, systolic: 159, diastolic: 99, spo2: 94 } }),
    ).toEqual([]);
    expect(
      codes({ ...clean, baseline: { ...clean.baseline, systolic: 160, diastolic: 100, spo2: 93 } }),
    ).toEqual(['HYPERTENSION_SYSTOLIC', 'HYPERTENSION_DIASTOLIC', 'SPO2_LOW']);
  });

  it('flags every unmet checklist item and a positive pregnancy test', () => {
    const checklist = {
      consent: false,
      fasting: false,
      escortHome: false,
      psychiatricEvaluation: false,
      medicationsReviewed: false,
      pregnancyTest: 'positive' as const,
    };
    expect(codes({ ...clean, checklist })).toEqual([
      'NO_CONSENT',
      'NOT_FASTING',
      'NO_ESCORT',
      'NO_PSYCHIATRIC_EVALUATION',
      'MEDICATIONS_NOT_REVIEWED',
      'PREGNANCY_POSITIVE',
    ]);
  });
});

describe('what an override covers', () => {
  const flagged = contraindications(
    {
      ...clean,
      baseline: { ...clean.baseline, systolic: 172, diastolic: 104 },
      checklist: { ...clean.checklist, consent: false, pregnancyTest: 'positive' },
    },
    AT,
  );

  it('marks no consent and a positive pregnancy test as absolute', () => {
    expect(flagged.filter((flag) => flag.absolute).map((flag) => flag.code)).toEqual([
      'NO_CONSENT',
      'PREGNANCY_POSITIVE',
    ]);
  });

  it('leaves every flag standing without an override', () => {
    expect(uncoveredFlags(flagged, null)).toEqual(flagged);
  });

  it('clears only the flags the override names, never an absolute one', () => {
    const override = { flags: ['HYPERTENSION_SYSTOLIC', 'NO_CONSENT', 'PREGNANCY_POSITIVE'] };
    expect(uncoveredFlags(flagged, override).map((flag) => flag.code)).toEqual([
      'HYPERTENSION_DIASTOLIC',
      'NO_CONSENT',
      'PREGNANCY_POSITIVE',
    ]);
  });
});

describe('the structured screening', () => {
  it('maps each finding to its flag, absolute where no protocol allows the infusion', () => {
    const flags = screened({
      psychosisOrMania: 'current',
      cardiacHistory: true,
      uncontrolledHypertension: true,
      breathAlcohol: 'positive',
      urineDrugScreen: 'positive',
      interactingMedicines: {
        benzodiazepines: true,
        lamotrigine: true,
        maoi: true,
        stimulants: true,
      },
      priorKetamineOrPcpMisuse: true,
      raisedIntracranialPressure: true,
      raisedIntraocularPressure: true,
      hyperthyroidism: true,
      sleepApnoea: true,
      airwayRisk: true,
    });
    expect(flags.map((flag) => [flag.code, flag.absolute === true])).toEqual([
      ['ACTIVE_PSYCHOSIS_OR_MANIA', true],
      ['CARDIAC_HISTORY', false],
      ['UNCONTROLLED_HYPERTENSION', false],
      ['BREATH_ALCOHOL_POSITIVE', true],
      ['URINE_DRUG_SCREEN_POSITIVE', false],
      ['TAKES_BENZODIAZEPINES', false],
      ['TAKES_LAMOTRIGINE', false],
      ['TAKES_MAOI', false],
      ['TAKES_STIMULANTS', false],
      ['KETAMINE_OR_PCP_MISUSE', false],
      ['RAISED_INTRACRANIAL_PRESSURE', true],
      ['RAISED_INTRAOCULAR_PRESSURE', false],
      ['HYPERTHYROIDISM', false],
      ['SLEEP_APNOEA', false],
      ['AIRWAY_RISK', false],
    ]);
  });

  it('flags a past psychosis or mania as overridable, and tests not done as not ruled out', () => {
    expect(
      screened({
        psychosisOrMania: 'past',
        breathAlcohol: 'not-done',
        urineDrugScreen: 'not-done',
      }),
    ).toEqual([
      { code: 'PSYCHOSIS_OR_MANIA_HISTORY', message: 'past psychosis or mania' },
      { code: 'BREATH_ALCOHOL_NOT_DONE', message: 'breath alcohol not tested' },
      { code: 'URINE_DRUG_SCREEN_NOT_DONE', message: 'urine drug screen not done' },
    ]);
  });

  it('flags substance use within 24 hours of the assessment, not one a day or more before', () => {
    const usedAgo = (ms: number) =>
      screened({
        substanceUse: 'current',
        substanceLastUseAt: new Date(AT - ms).toISOString(),
      }).map((flag) => flag.code);
    expect(usedAgo(RECENT_SUBSTANCE_USE_MS - 1)).toEqual(['RECENT_SUBSTANCE_USE']);
    expect(usedAgo(RECENT_SUBSTANCE_USE_MS)).toEqual([]);
  });

  it('refuses a screening with an unanswered question or a use without its time', () => {
    const { airwayRisk: _unanswered, ...withoutAirway } = CLEAR_SCREENING;
    expect(assessmentSchema.safeParse({ ...clean, screening: withoutAirway }).success).toBe(false);
    expect(
      assessmentSchema.safeParse({
        ...clean,
        screening: { ...CLEAR_SCREENING, substanceUse: 'past' },
      }).success,
    ).toBe(false);
    expect(assessmentSchema.safeParse({ ...clean, screening: CLEAR_SCREENING }).success).toBe(true);
  });

  const anyScreening: fc.Arbitrary<Screening> = fc.record({
    psychosisOrMania: fc.constantFrom(...PSYCHIATRIC_HISTORY),
    cardiacHistory: fc.boolean(),
    uncontrolledHypertension: fc.boolean(),
    substanceUse: fc.constantFrom(...SUBSTANCE_USE),
    substanceLastUseAt: fc
      .integer({ min: 0, max: 30 * 24 * 3600 })
      .map((seconds) => new Date(AT - seconds * 1000).toISOString()),
    breathAlcohol: fc.constantFrom(...TEST_RESULTS),
    urineDrugScreen: fc.constantFrom(...TEST_RESULTS),
    interactingMedicines: fc.record({
      benzodiazepines: fc.boolean(),
      lamotrigine: fc.boolean(),
      maoi: fc.boolean(),
      stimulants: fc.boolean(),
    }),
    priorKetamineOrPcpMisuse: fc.boolean(),
    raisedIntracranialPressure: fc.boolean(),
    raisedIntraocularPressure: fc.boolean(),
    hyperthyroidism: fc.boolean(),
    sleepApnoea: fc.boolean(),
    airwayRisk: fc.boolean(),
  });
  it('names each finding once, and every flag a finding is a clinical sentence', () => {
    fc.assert(
      fc.property(anyScreening, (screening) => {
        const flags = screened(screening);
        expect(new Set(flags.map((flag) => flag.code)).size).toBe(flags.length);
        for (const flag of flags) expect(flag.message).toMatch(/^[a-z].{5,}/);
      }),
    );
  });

  it('never lets a further finding clear a flag, and no override clears an absolute one', () => {
    fc.assert(
      fc.property(anyScreening, fc.boolean(), (screening, airwayRisk) => {
        const before = screened(screening);
        const after = screened({ ...screening, airwayRisk: screening.airwayRisk || airwayRisk });
        expect(after.map((flag) => flag.code)).toEqual(
          expect.arrayContaining(before.map((flag) => flag.code)),
        );
        const everything = { flags: after.map((flag) => flag.code) };
        for (const standing of uncoveredFlags(after, everything)) {
          expect(ABSOLUTE_CONTRAINDICATIONS).toContain(standing.code);
        }
        expect(uncoveredFlags(after, everything)).toEqual(after.filter((flag) => flag.absolute));
      }),
    );
  });
});
