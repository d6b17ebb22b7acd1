import type { InfusionPlan } from '../administration/infusion-plan';
import type { PumpEvent } from '../administration/pump-record';
import type { Patient } from '../patients/create-patient.schema';
import type { LatestVitals } from '../vitals/vital-sample.types';
import type { Assessment, Override } from './clinical.schema';
import type { SessionOrder } from './create-session.schema';
import type { SessionAction, SessionState } from './session-state';

export const INDICATIONS = [
  'alcohol-use-disorder',
  'opioid-use-disorder',
  'cocaine-use-disorder',
  'stimulant-use-disorder',
  'depression',
  'other',
] as const;

export type Indication = (typeof INDICATIONS)[number];

/**
 * Who the session is for. The ward wall shows the initials only (it is read from the door); every
 * other screen shows two identifiers, the full name and the MRN, and the date of birth when known.
 */
export interface SessionPatientSummary extends Pick<
  Patient,
  'id' | 'displayName' | 'mrn' | 'birthDate'
> {
  initials: string;
}

export interface Session {
  id: string;
  patientId: string;
  patient: SessionPatientSummary;
  bay: string;
  indication: Indication;
  doseMgPerKg: number;
  totalDoseMg: number;
  plannedDurationMin: number;
  /** The physician's signed order; null while a nurse's draft waits for a physician. */
  order: SessionOrder | null;
  /** The order in the pump's terms: concentration, volume and rate in mL/h. */
  infusionPlan: InfusionPlan;
  /** The administration record, in time order: what the pump did. */
  pumpEvents: PumpEvent[];
  /**
   * mg delivered by the time of the read, from the pump record (from the planned rate for a
   * session older than the record); a screen keeps counting from pumpEvents between updates.
   */
  deliveredMg: number;
  /** A physician's reason for a duration outside 40–60 minutes, with who and when. */
  durationOverride: Override | null;
  thresholdProfileId: string;
  assignedNurseId: string | null;
  supervisingPhysicianId: string | null;
  state: SessionState;
  /** Bumped by every change: of two copies, the one with the higher revision is current. */
  revision: number;
  createdAt: string;
  /** When the patient is expected in the chair (the creation time unless given). */
  scheduledAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Closed pauses, in milliseconds; with pausedAt a screen can keep the infusion clock itself. */
  pausedMs: number;
  pausedAt: string | null;
  /** Infusion minutes so far, pauses excluded. */
  elapsedMin: number;
  latestVitals: LatestVitals;
  assessment: Assessment | null;
  /** A physician's decision to start despite the assessment's flags. */
  override: Override | null;
  /** What the state machine allows next; the server still checks the clinical gates. */
  allowedActions: SessionAction[];
}
