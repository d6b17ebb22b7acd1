import {
  KETAMINE_BALANCE_TOLERANCE_MG,
  ketamineGivenWithoutDraw,
  type KetamineBalance,
} from '../administration/controlled-substance';
import type { LatestVitals } from '../vitals/vital-sample.types';
import {
  ALDRETE_DISCHARGE_MIN,
  ALDRETE_ITEMS,
  MOAAS_DISCHARGE_MIN,
  type Baseline,
  type DischargeInput,
} from './clinical.schema';

/** Blood pressure and heart rate back within this fraction of the pre-infusion baseline. */
export const DISCHARGE_BASELINE_TOLERANCE = 0.2;
/** SpO2 at or above this, and no more than DISCHARGE_SPO2_BELOW_BASELINE under the baseline. */
export const DISCHARGE_SPO2_MIN = 94;
export const DISCHARGE_SPO2_BELOW_BASELINE = 3;
/** A reading older than this says nothing about the patient who is about to leave. */
export const DISCHARGE_READING_MAX_AGE_MS = 5 * 60_000;
export const DEFAULT_RECOVERY_MINIMUM_MIN = 30;

/** `KETAMINE_BALANCE`'s value when no draw is on record (met only while nothing was given). */
export const KETAMINE_NONE_DRAWN = 'none drawn';
/** `KETAMINE_BALANCE`'s value for a session started before the controlled-substance record. */
export const KETAMINE_BEFORE_RECORD = 'before the record';

export const DISCHARGE_CRITERION_CODES = [
  'ALDRETE_TOTAL',
  'MOAAS',
  'RECOVERY_TIME',
  'RECENT_SPO2',
  'RECENT_BLOOD_PRESSURE',
  'RECENT_HEART_RATE',
  'SPO2_LEVEL',
  'BLOOD_PRESSURE_BASELINE',
  'HEART_RATE_BASELINE',
  'OPEN_ALERTS',
  'ESCORT',
  'KETAMINE_BALANCE',
] as const;
export type DischargeCriterionCode = (typeof DISCHARGE_CRITERION_CODES)[number];

export interface DischargeCriterion {
  code: DischargeCriterionCode;
  met: boolean;
  /** Waits for what the nurse has not entered yet (the scores, the escort). */
  pending?: boolean;
  /** What was found: a score, minutes, a reading (`132/84`), a count. */
  value?: number | string;
  /** What it must reach, in the same words (`≥ 9`, `30 min`, `120/80 ± 20 %`). */
  limit?: number | string;
}

/** What the server knows of the patient in recovery; the form adds the scores and the escort. */
export interface DischargeFacts {
  baseline: Baseline | null;
  latest: LatestVitals;
  /** When the infusion stopped and recovery began; null before. */
  recoveryStartedAt: string | null;
  recoveryMinimumMin: number;
  /** Active or acknowledged alerts of the session. */
  openAlerts: number;
  /** The controlled-substance record against the pump's: drawn − given − wasted. */
  ketamine: KetamineBalance;
  /**
   * Started before the administration record existed (`startedBeforePumpRecord`): no record of
   * the draw to close. Absent counts as false, so the balance is kept.
   */
  startedBeforeAdministrationRecord: boolean;
}

export interface DischargeReadiness {
  ready: boolean;
  criteria: DischargeCriterion[];
  facts: DischargeFacts;
}

/**
 * Every discharge criterion, met or not. The server runs it on the submitted form to gate the
 * discharge; the session screen runs it on the draft form and the server's facts for a live
 * checklist, so both always judge alike.
 */
export function dischargeCriteria(
  input: Partial<DischargeInput> | null,
  facts: DischargeFacts,
  now: number,
): DischargeCriterion[] {
  return [
    aldreteCriterion(input?.aldrete),
    moaasCriterion(input?.moaas),
    recoveryTimeCriterion(facts, now),
    ...recentReadingCriteria(facts.latest, now),
    spo2LevelCriterion(facts, now),
    bloodPressureCriterion(facts, now),
    heartRateCriterion(facts, now),
    {
      code: 'OPEN_ALERTS',
      met: facts.openAlerts === 0,
      value: facts.openAlerts,
      limit: 0,
    },
    escortCriterion(input?.escort),
    ketamineCriterion(facts),
  ];
}

export function dischargeReadiness(
  input: Partial<DischargeInput> | null,
  facts: DischargeFacts,
  now: number,
): DischargeReadiness {
  const criteria = dischargeCriteria(input, facts, now);
  return { ready: criteria.every((criterion) => criterion.met), criteria, facts };
}

function aldreteCriterion(
  aldrete: Partial<DischargeInput['aldrete']> | undefined,
): DischargeCriterion {
  const scores = ALDRETE_ITEMS.map((item) => aldrete?.[item]);
  if (scores.some((score) => score === undefined)) {
    return { code: 'ALDRETE_TOTAL', met: false, pending: true, limit: ALDRETE_DISCHARGE_MIN };
  }
  const total = scores.reduce<number>((sum, score) => sum + (score ?? 0), 0);
  return {
    code: 'ALDRETE_TOTAL',
    met: total >= ALDRETE_DISCHARGE_MIN,
    value: total,
    limit: ALDRETE_DISCHARGE_MIN,
  };
}

function moaasCriterion(moaas: number | undefined): DischargeCriterion {
  if (moaas === undefined) {
    return { code: 'MOAAS', met: false, pending: true, limit: MOAAS_DISCHARGE_MIN };
  }
  return {
    code: 'MOAAS',
    met: moaas >= MOAAS_DISCHARGE_MIN,
    value: moaas,
    limit: MOAAS_DISCHARGE_MIN,
  };
}

function recoveryTimeCriterion(facts: DischargeFacts, now: number): DischargeCriterion {
  const limit = facts.recoveryMinimumMin;
  if (!facts.recoveryStartedAt) return { code: 'RECOVERY_TIME', met: false, value: 0, limit };
  const minutes = Math.max(0, (now - Date.parse(facts.recoveryStartedAt)) / 60_000);
  return { code: 'RECOVERY_TIME', met: minutes >= limit, value: Math.floor(minutes), limit };
}

/** A reading is recent when taken within the last five minutes (a clock a little ahead counts). */
function recentValue(latest: LatestVitals, sign: keyof LatestVitals, now: number): number | null {
  const reading = latest[sign];
  if (!reading) return null;
  return now - Date.parse(reading.at) <= DISCHARGE_READING_MAX_AGE_MS ? reading.value : null;
}

function recentReadingCriteria(latest: LatestVitals, now: number): DischargeCriterion[] {
  const systolic = recentValue(latest, 'systolic', now);
  const diastolic = recentValue(latest, 'diastolic', now);
  return [
    { code: 'RECENT_SPO2', met: recentValue(latest, 'spo2', now) !== null, limit: '5 min' },
    {
      code: 'RECENT_BLOOD_PRESSURE',
      met: systolic !== null && diastolic !== null,
      limit: '5 min',
    },
    {
      code: 'RECENT_HEART_RATE',
      met: recentValue(latest, 'heartRate', now) !== null,
      limit: '5 min',
    },
  ];
}

function spo2LevelCriterion(facts: DischargeFacts, now: number): DischargeCriterion {
  const spo2 = recentValue(facts.latest, 'spo2', now);
  const floor = facts.baseline
    ? Math.max(DISCHARGE_SPO2_MIN, facts.baseline.spo2 - DISCHARGE_SPO2_BELOW_BASELINE)
    : DISCHARGE_SPO2_MIN;
  return {
    code: 'SPO2_LEVEL',
    met: spo2 !== null && spo2 >= floor,
    ...(spo2 !== null && { value: spo2 }),
    limit: floor,
  };
}

function withinBaseline(value: number | null, base: number): boolean {
  return value !== null && Math.abs(value - base) <= base * DISCHARGE_BASELINE_TOLERANCE;
}

function bloodPressureCriterion(facts: DischargeFacts, now: number): DischargeCriterion {
  const systolic = recentValue(facts.latest, 'systolic', now);
  const diastolic = recentValue(facts.latest, 'diastolic', now);
  const value = systolic !== null && diastolic !== null ? `${systolic}/${diastolic}` : undefined;
  if (!facts.baseline) {
    return { code: 'BLOOD_PRESSURE_BASELINE', met: false, ...(value && { value }) };
  }
  const { systolic: baseSystolic, diastolic: baseDiastolic } = facts.baseline;
  return {
    code: 'BLOOD_PRESSURE_BASELINE',
    met: withinBaseline(systolic, baseSystolic) && withinBaseline(diastolic, baseDiastolic),
    ...(value && { value }),
    limit: `${baseSystolic}/${baseDiastolic}`,
  };
}

function heartRateCriterion(facts: DischargeFacts, now: number): DischargeCriterion {
  const heartRate = recentValue(facts.latest, 'heartRate', now);
  const value = heartRate ?? undefined;
  if (!facts.baseline) {
    return { code: 'HEART_RATE_BASELINE', met: false, ...(value !== undefined && { value }) };
  }
  return {
    code: 'HEART_RATE_BASELINE',
    met: withinBaseline(heartRate, facts.baseline.heartRate),
    ...(value !== undefined && { value }),
    limit: facts.baseline.heartRate,
  };
}

function escortCriterion(
  escort: Partial<DischargeInput['escort']> | undefined,
): DischargeCriterion {
  const name = escort?.name?.trim();
  if (!name) return { code: 'ESCORT', met: false, pending: escort === undefined };
  return { code: 'ESCORT', met: true, value: name };
}

/**
 * Every mg drawn is given or wasted before the patient leaves, and what the pump gave was drawn:
 * a session with nothing drawn goes home only if nothing was given, or if it started before the
 * record existed (nothing to close).
 */
function ketamineCriterion({
  ketamine,
  startedBeforeAdministrationRecord,
}: DischargeFacts): DischargeCriterion {
  const limit = `0 ± ${KETAMINE_BALANCE_TOLERANCE_MG} mg`;
  if (ketamine.recorded) {
    return {
      code: 'KETAMINE_BALANCE',
      met: ketamine.closed,
      value: `${ketamine.balanceMg} mg`,
      limit,
    };
  }
  return {
    code: 'KETAMINE_BALANCE',
    met: !ketamineGivenWithoutDraw(ketamine, startedBeforeAdministrationRecord),
    value: startedBeforeAdministrationRecord ? KETAMINE_BEFORE_RECORD : KETAMINE_NONE_DRAWN,
    limit,
  };
}
