import type { AssessmentInput } from './clinical.schema';
import { contraindications, uncoveredFlags } from './contraindications';

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
};
const codes = (input: AssessmentInput) =>
  contraindications(input.baseline, input.checklist).map((flag) => flag.code);

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
    { ...clean.baseline, systolic: 172, diastolic: 104 },
    { ...clean.checklist, consent: false, pregnancyTest: 'positive' },
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
