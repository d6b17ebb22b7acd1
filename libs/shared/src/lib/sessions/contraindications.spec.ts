import type { AssessmentInput } from './clinical.schema';
import { contraindications } from './contraindications';
import { unmetDischargeCriteria } from './discharge-criteria';

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
      'PREGNANCY',
    ]);
  });
});

describe('unmetDischargeCriteria', () => {
  const at = '2026-11-25T10:00:00.000Z';
  const near = {
    systolic: { value: 140, at },
    diastolic: { value: 70, at },
    heartRate: { value: 80, at },
    spo2: { value: 97, at },
  };

  it('discharges at Aldrete 9 with vitals within 20 % of baseline and an escort', () => {
    expect(
      unmetDischargeCriteria(
        { aldreteScore: 9, escortPresent: true },
        { baseline: clean.baseline, latest: near, unresolvedHighAlerts: 0 },
      ),
    ).toEqual([]);
  });

  it('names every unmet criterion', () => {
    expect(
      unmetDischargeCriteria(
        { aldreteScore: 8, escortPresent: false },
        {
          baseline: clean.baseline,
          latest: { ...near, heartRate: { value: 90, at } },
          unresolvedHighAlerts: 1,
        },
      ),
    ).toEqual([
      'modified Aldrete score 8 < 9',
      'heartRate 90 is not within 20 % of baseline 72',
      '1 high-priority alert(s) not resolved',
      'no escort present',
    ]);
  });

  it('refuses without a baseline to compare with', () => {
    expect(
      unmetDischargeCriteria(
        { aldreteScore: 10, escortPresent: true },
        { baseline: null, latest: near, unresolvedHighAlerts: 0 },
      ),
    ).toEqual(['no baseline vitals to compare with']);
  });
});
