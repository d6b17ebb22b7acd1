import type { AssessmentInput } from '@vigil/shared';

/** A baseline and checklist that flag nothing: a session assessed with it may start at once. */
export const CLEAN_ASSESSMENT: AssessmentInput = {
  baseline: { systolic: 124, diastolic: 78, heartRate: 72, spo2: 98, respRate: 14 },
  checklist: {
    consent: true,
    fasting: true,
    escortHome: true,
    psychiatricEvaluation: true,
    medicationsReviewed: true,
    pregnancyTest: 'not-applicable',
  },
};
