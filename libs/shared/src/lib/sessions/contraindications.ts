import type { AssessmentInput, Checklist, ContraindicationFlag, Override } from './clinical.schema';
import type { ContraindicationCode } from './contraindication-codes';
import type { Screening } from './screening.schema';

export interface ContraindicationLimits {
  /** Uncontrolled hypertension: ketamine raises blood pressure further. */
  systolicMax: number;
  diastolicMax: number;
  /** Ketamine can depress breathing; start only from a normal saturation. */
  spo2Min: number;
}

export const DEFAULT_CONTRAINDICATION_LIMITS: ContraindicationLimits = {
  systolicMax: 160,
  diastolicMax: 100,
  spo2Min: 94,
};

const CHECKLIST_FLAGS: Array<
  [keyof Omit<Checklist, 'pregnancyTest'>, ContraindicationCode, string]
> = [
  ['consent', 'NO_CONSENT', 'informed consent not recorded'],
  ['fasting', 'NOT_FASTING', 'patient has not fasted'],
  ['escortHome', 'NO_ESCORT', 'no escort home arranged'],
  ['psychiatricEvaluation', 'NO_PSYCHIATRIC_EVALUATION', 'psychiatric evaluation not done'],
  ['medicationsReviewed', 'MEDICATIONS_NOT_REVIEWED', 'current medications not reviewed'],
];

/** Substance use this recent may still be acting: intoxication or withdrawal is not ruled out. */
export const RECENT_SUBSTANCE_USE_MS = 24 * 60 * 60_000;

type Finding = [code: ContraindicationCode, message: string];

/** Typed by the code union, so that every flag raised has its words (CONTRAINDICATION_WORDS). */
const flagOf = (code: ContraindicationCode, message: string): ContraindicationFlag => ({
  code,
  message,
});

const SCREENING_ANSWERS: Array<[(screening: Screening) => boolean, ...Finding]> = [
  [(s) => s.psychosisOrMania === 'current', 'ACTIVE_PSYCHOSIS_OR_MANIA', 'psychosis or mania now'],
  [(s) => s.psychosisOrMania === 'past', 'PSYCHOSIS_OR_MANIA_HISTORY', 'past psychosis or mania'],
  [(s) => s.cardiacHistory, 'CARDIAC_HISTORY', 'cardiac history'],
  [(s) => s.uncontrolledHypertension, 'UNCONTROLLED_HYPERTENSION', 'uncontrolled hypertension'],
  [(s) => s.breathAlcohol === 'positive', 'BREATH_ALCOHOL_POSITIVE', 'breath alcohol positive'],
  [(s) => s.breathAlcohol === 'not-done', 'BREATH_ALCOHOL_NOT_DONE', 'breath alcohol not tested'],
  [
    (s) => s.urineDrugScreen === 'positive',
    'URINE_DRUG_SCREEN_POSITIVE',
    'urine drug screen positive',
  ],
  [
    (s) => s.urineDrugScreen === 'not-done',
    'URINE_DRUG_SCREEN_NOT_DONE',
    'urine drug screen not done',
  ],
  [(s) => s.interactingMedicines.benzodiazepines, 'TAKES_BENZODIAZEPINES', 'takes benzodiazepines'],
  [(s) => s.interactingMedicines.lamotrigine, 'TAKES_LAMOTRIGINE', 'takes lamotrigine'],
  [(s) => s.interactingMedicines.maoi, 'TAKES_MAOI', 'takes an MAOI'],
  [(s) => s.interactingMedicines.stimulants, 'TAKES_STIMULANTS', 'takes stimulants'],
  [(s) => s.priorKetamineOrPcpMisuse, 'KETAMINE_OR_PCP_MISUSE', 'prior ketamine or PCP misuse'],
  [
    (s) => s.raisedIntracranialPressure,
    'RAISED_INTRACRANIAL_PRESSURE',
    'raised intracranial pressure',
  ],
  [
    (s) => s.raisedIntraocularPressure,
    'RAISED_INTRAOCULAR_PRESSURE',
    'raised intraocular pressure',
  ],
  [(s) => s.hyperthyroidism, 'HYPERTHYROIDISM', 'hyperthyroidism'],
  [(s) => s.sleepApnoea, 'SLEEP_APNOEA', 'sleep apnoea'],
  [(s) => s.airwayRisk, 'AIRWAY_RISK', 'airway risk'],
];

/** What the screening answers stand for, in the order the form asks them. */
export function screeningFindings(screening: Screening, at: number): ContraindicationFlag[] {
  const findings = SCREENING_ANSWERS.filter(([applies]) => applies(screening)).map(
    ([, code, message]) => flagOf(code, message),
  );
  const lastUse = screening.substanceLastUseAt ? Date.parse(screening.substanceLastUseAt) : null;
  if (
    screening.substanceUse !== 'none' &&
    (lastUse === null || at - lastUse < RECENT_SUBSTANCE_USE_MS)
  ) {
    findings.push(flagOf('RECENT_SUBSTANCE_USE', 'substance used within the last 24 hours'));
  }
  return findings;
}

/**
 * What stands between this patient and the infusion, judged at `at` (epoch ms, for how recent a
 * substance use is); an empty list means it may start.
 */
export function contraindications(
  { baseline, checklist, screening }: AssessmentInput,
  at: number,
  limits: ContraindicationLimits = DEFAULT_CONTRAINDICATION_LIMITS,
): ContraindicationFlag[] {
  const flags: ContraindicationFlag[] = [];
  if (baseline.systolic >= limits.systolicMax) {
    flags.push(
      flagOf(
        'HYPERTENSION_SYSTOLIC',
        `baseline systolic ${baseline.systolic} ≥ ${limits.systolicMax}`,
      ),
    );
  }
  if (baseline.diastolic >= limits.diastolicMax) {
    flags.push(
      flagOf(
        'HYPERTENSION_DIASTOLIC',
        `baseline diastolic ${baseline.diastolic} ≥ ${limits.diastolicMax}`,
      ),
    );
  }
  if (baseline.spo2 < limits.spo2Min) {
    flags.push(flagOf('SPO2_LOW', `baseline SpO2 ${baseline.spo2} < ${limits.spo2Min}`));
  }
  for (const [item, code, message] of CHECKLIST_FLAGS) {
    if (!checklist[item]) flags.push({ code, message });
  }
  if (checklist.pregnancyTest === 'positive') {
    flags.push(flagOf('PREGNANCY_POSITIVE', 'pregnancy test positive'));
  }
  flags.push(...screeningFindings(screening, at));
  return flags.map((flag) =>
    ABSOLUTE_CONTRAINDICATIONS.includes(flag.code) ? { ...flag, absolute: true } : flag,
  );
}

/**
 * No physician may start over these: without informed consent there is no treatment; ketamine in
 * pregnancy is excluded by every protocol the clinics follow; it worsens an active psychosis or
 * mania and raised intracranial pressure; and a positive breath alcohol is acute intoxication.
 */
export const ABSOLUTE_CONTRAINDICATIONS: readonly string[] = [
  'NO_CONSENT',
  'PREGNANCY_POSITIVE',
  'ACTIVE_PSYCHOSIS_OR_MANIA',
  'RAISED_INTRACRANIAL_PRESSURE',
  'BREATH_ALCOHOL_POSITIVE',
];

/**
 * The flags that still stand between the patient and the start: every absolute one, and every
 * other one that no physician's override names.
 */
export function uncoveredFlags(
  flags: readonly ContraindicationFlag[],
  override: Pick<Override, 'flags'> | null,
): ContraindicationFlag[] {
  const covered = new Set(override?.flags ?? []);
  return flags.filter((flag) => flag.absolute || !covered.has(flag.code));
}
