import type { Baseline, Checklist, ContraindicationFlag, Override } from './clinical.schema';

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

const CHECKLIST_FLAGS: Array<[keyof Omit<Checklist, 'pregnancyTest'>, string, string]> = [
  ['consent', 'NO_CONSENT', 'informed consent not recorded'],
  ['fasting', 'NOT_FASTING', 'patient has not fasted'],
  ['escortHome', 'NO_ESCORT', 'no escort home arranged'],
  ['psychiatricEvaluation', 'NO_PSYCHIATRIC_EVALUATION', 'psychiatric evaluation not done'],
  ['medicationsReviewed', 'MEDICATIONS_NOT_REVIEWED', 'current medications not reviewed'],
];

/** What stands between this patient and the infusion; an empty list means it may start. */
export function contraindications(
  baseline: Baseline,
  checklist: Checklist,
  limits: ContraindicationLimits = DEFAULT_CONTRAINDICATION_LIMITS,
): ContraindicationFlag[] {
  const flags: ContraindicationFlag[] = [];
  if (baseline.systolic >= limits.systolicMax) {
    flags.push({
      code: 'HYPERTENSION_SYSTOLIC',
      message: `baseline systolic ${baseline.systolic} ≥ ${limits.systolicMax}`,
    });
  }
  if (baseline.diastolic >= limits.diastolicMax) {
    flags.push({
      code: 'HYPERTENSION_DIASTOLIC',
      message: `baseline diastolic ${baseline.diastolic} ≥ ${limits.diastolicMax}`,
    });
  }
  if (baseline.spo2 < limits.spo2Min) {
    flags.push({ code: 'SPO2_LOW', message: `baseline SpO2 ${baseline.spo2} < ${limits.spo2Min}` });
  }
  for (const [item, code, message] of CHECKLIST_FLAGS) {
    if (!checklist[item]) flags.push({ code, message });
  }
  if (checklist.pregnancyTest === 'positive') {
    flags.push({ code: 'PREGNANCY_POSITIVE', message: 'pregnancy test positive' });
  }
  return flags.map((flag) =>
    ABSOLUTE_CONTRAINDICATIONS.includes(flag.code) ? { ...flag, absolute: true } : flag,
  );
}

/**
 * No physician may start over these: without informed consent there is no treatment, and
 * ketamine in pregnancy is excluded by every protocol the clinics follow.
 */
export const ABSOLUTE_CONTRAINDICATIONS: readonly string[] = ['NO_CONSENT', 'PREGNANCY_POSITIVE'];

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
