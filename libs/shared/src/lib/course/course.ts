import type { AlertPriority } from '../alerts/alert.types';
import type { SideEffectCode } from '../observations/side-effects';
import type { Outcome } from '../outcomes/outcome.schema';
import type { SessionState } from '../sessions/session-state';

/**
 * At Yale 43 % of the severe hypertension episodes came in a patient's first three infusions:
 * those are watched more closely for blood pressure.
 */
export const CLOSER_BLOOD_PRESSURE_WATCH_INFUSIONS = 3;

export function needsCloserBloodPressureWatch(number: number): boolean {
  return number >= 1 && number <= CLOSER_BLOOD_PRESSURE_WATCH_INFUSIONS;
}

/** Where a delivered dose comes from: the record of the pump, or the plan (sessions before it). */
export type DeliveredDoseSource = 'pump-record' | 'planned-rate';

export interface CourseInfusion {
  sessionId: string;
  /** Its place in the patient's series, from 1. */
  number: number;
  /** When it started, or when it is scheduled. */
  date: string;
  state: SessionState;
  doseMgPerKg: number;
  /** What was delivered: from the pump record, or estimated from the planned rate before it. */
  deliveredMg: number;
  deliveredSource: DeliveredDoseSource;
  peakSystolic: number | null;
  peakDiastolic: number | null;
  peakHeartRate: number | null;
  minSpo2: number | null;
  /** Every alert the session raised, by priority. */
  alerts: Record<AlertPriority, number>;
  sideEffects: SideEffectCode[];
  /** The highest full CADSS (0–92) recorded, and of the 6-item short form (0–24). */
  maxCadss: number | null;
  maxCadss6: number | null;
  /** The lowest MOAA/S recorded: the deepest sedation. */
  minMoaas: number | null;
  outcomes: Outcome[];
  closerBloodPressureWatch: boolean;
}

export interface TreatmentCourse {
  patientId: string;
  plannedInfusions?: number;
  infusions: CourseInfusion[];
}

export interface CourseCandidate {
  id: string;
  state: SessionState;
  scheduledAt: string;
  startedAt: string | null;
  createdAt: string;
}

/** A session aborted before its infusion started gave none: it has no place in the series. */
export function gaveAnInfusion(session: CourseCandidate): boolean {
  return !(session.state === 'aborted' && session.startedAt === null);
}

/** When the infusion took place, or is to. */
export function infusionDate(session: CourseCandidate): string {
  return session.startedAt ?? session.scheduledAt;
}

/**
 * The series in order of its dates (ties by when they were scheduled, then by id, so every reader
 * numbers alike), each with its number from 1: the sessions that gave or will give an infusion.
 */
export function numberCourse<T extends CourseCandidate>(
  sessions: readonly T[],
): Array<{ session: T; number: number }> {
  return sessions
    .filter(gaveAnInfusion)
    .sort(
      (a, b) =>
        infusionDate(a).localeCompare(infusionDate(b)) ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    )
    .map((session, index) => ({ session, number: index + 1 }));
}
