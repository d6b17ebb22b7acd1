import type { ContraindicationFlag } from '@vigil/shared';

const FLAG_WORDS: Readonly<Record<string, string>> = {
  HYPERTENSION_SYSTOLIC: 'Baseline systolic pressure too high',
  HYPERTENSION_DIASTOLIC: 'Baseline diastolic pressure too high',
  SPO2_LOW: 'Baseline SpO2 too low',
  NO_CONSENT: 'No informed consent recorded',
  NOT_FASTING: 'Patient has not fasted',
  NO_ESCORT: 'No escort home arranged',
  NO_PSYCHIATRIC_EVALUATION: 'Psychiatric evaluation not done',
  MEDICATIONS_NOT_REVIEWED: 'Current medications not reviewed',
  PREGNANCY_POSITIVE: 'Pregnancy test positive',
};

/**
 * A contraindication in a nurse's words. With the assessment's flag at hand its message carries
 * the values (`baseline systolic 172 ≥ 160`); a code alone (a refusal's details) gets its name.
 */
export function contraindicationWords(code: string, flag?: ContraindicationFlag): string {
  const name = FLAG_WORDS[code] ?? code;
  return flag ? `${name} (${flag.message})` : name;
}
