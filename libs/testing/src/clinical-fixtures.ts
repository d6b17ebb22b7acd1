import { CLEAR_SCREENING, type AssessmentInput } from '@vigil/shared';

export { CLEAR_SCREENING };

/** A baseline, checklist and screening that flag nothing: a session assessed with it may start at once. */
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
  screening: CLEAR_SCREENING,
};

/**
 * The monitor's first reading, at the assessed baseline: an infusion starts only once the chair's
 * monitor has sent one within the last two minutes. Taken half a minute before, so that a test's
 * sudden desaturation right after the start is not judged against it as a probe artefact.
 */
export function baselineReading(at = Date.now() - 30_000): {
  samples: Array<Record<string, unknown>>;
} {
  const { systolic, diastolic, heartRate, spo2, respRate } = CLEAN_ASSESSMENT.baseline;
  return {
    samples: [{ at: new Date(at).toISOString(), systolic, diastolic, heartRate, spo2, respRate }],
  };
}
