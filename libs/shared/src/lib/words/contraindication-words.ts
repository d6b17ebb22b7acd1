import type { ContraindicationCode } from '../sessions/contraindication-codes';
import { wordsOrCode } from './alert-words';

/** A contraindication flag in a nurse's words. */
export const CONTRAINDICATION_WORDS: Readonly<Record<ContraindicationCode, string>> = {
  HYPERTENSION_SYSTOLIC: 'Baseline systolic pressure too high',
  HYPERTENSION_DIASTOLIC: 'Baseline diastolic pressure too high',
  SPO2_LOW: 'Baseline SpO2 too low',
  NO_CONSENT: 'No informed consent recorded',
  NOT_FASTING: 'Patient has not fasted',
  NO_ESCORT: 'No escort home arranged',
  NO_PSYCHIATRIC_EVALUATION: 'Psychiatric evaluation not done',
  MEDICATIONS_NOT_REVIEWED: 'Current medications not reviewed',
  PREGNANCY_POSITIVE: 'Pregnancy test positive',
  ACTIVE_PSYCHOSIS_OR_MANIA: 'Psychosis or mania now',
  PSYCHOSIS_OR_MANIA_HISTORY: 'Past psychosis or mania',
  CARDIAC_HISTORY: 'Cardiac history',
  UNCONTROLLED_HYPERTENSION: 'Uncontrolled hypertension',
  BREATH_ALCOHOL_POSITIVE: 'Breath alcohol positive: acutely intoxicated',
  BREATH_ALCOHOL_NOT_DONE: 'Breath alcohol not tested: intoxication not ruled out',
  URINE_DRUG_SCREEN_POSITIVE: 'Urine drug screen positive',
  URINE_DRUG_SCREEN_NOT_DONE: 'Urine drug screen not done: intoxication not ruled out',
  RECENT_SUBSTANCE_USE: 'Substance used within the last 24 hours',
  TAKES_BENZODIAZEPINES: 'Takes benzodiazepines',
  TAKES_LAMOTRIGINE: 'Takes lamotrigine',
  TAKES_MAOI: 'Takes an MAOI',
  TAKES_STIMULANTS: 'Takes stimulants',
  KETAMINE_OR_PCP_MISUSE: 'Prior ketamine or PCP misuse',
  RAISED_INTRACRANIAL_PRESSURE: 'Raised intracranial pressure',
  RAISED_INTRAOCULAR_PRESSURE: 'Raised intraocular pressure',
  HYPERTHYROIDISM: 'Hyperthyroidism',
  SLEEP_APNOEA: 'Sleep apnoea',
  AIRWAY_RISK: 'Airway risk',
};

/** The words of a flag read back from a stored assessment (an unknown code as stored). */
export function contraindicationCodeWords(code: string): string {
  return wordsOrCode(CONTRAINDICATION_WORDS, code);
}
