import type { SessionState } from '@vigil/shared';
import type { PatientEntity } from '../patients/patient.entity';
import type { SessionEntity } from '../sessions/session.entity';

export interface FhirPatient {
  resourceType: 'Patient';
  id: string;
  identifier: Array<{
    use: 'usual';
    type: { coding: Array<{ system: string; code: 'MR'; display: string }>; text: string };
    value: string;
  }>;
  name: Array<{ text: string }>;
  birthDate?: string;
}

export type EncounterStatus = 'planned' | 'arrived' | 'in-progress' | 'finished' | 'cancelled';

export interface FhirEncounter {
  resourceType: 'Encounter';
  id: string;
  status: EncounterStatus;
  class: { system: string; code: 'AMB'; display: string };
  type: Array<{ text: string }>;
  subject: { reference: string };
  period?: { start?: string; end?: string };
  location: Array<{ location: { display: string } }>;
}

export function toFhirPatient(patient: PatientEntity): FhirPatient {
  return {
    resourceType: 'Patient',
    id: patient.id,
    identifier: [
      {
        use: 'usual',
        type: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
              code: 'MR',
              display: 'Medical record number',
            },
          ],
          text: 'MRN',
        },
        value: patient.mrn,
      },
    ],
    name: [{ text: patient.displayName }],
    ...(patient.birthDate && { birthDate: patient.birthDate }),
  };
}

/**
 * The session's state as an encounter's: one that ended before its infusion began was cancelled,
 * one that ended after (discharged, or aborted in pause or recovery) is finished.
 */
export function encounterStatus(
  session: Pick<SessionEntity, 'state' | 'startedAt'>,
): EncounterStatus {
  const byState: Record<SessionState, EncounterStatus> = {
    scheduled: 'planned',
    assessed: 'arrived',
    infusing: 'in-progress',
    paused: 'in-progress',
    recovery: 'in-progress',
    discharged: 'finished',
    aborted: session.startedAt === null ? 'cancelled' : 'finished',
  };
  return byState[session.state];
}

/** One infusion session as its Encounter: ambulatory, from the infusion's start to its end. */
export function toFhirEncounter(session: SessionEntity): FhirEncounter {
  const period = {
    ...(session.startedAt && { start: session.startedAt }),
    ...(session.endedAt && { end: session.endedAt }),
  };
  return {
    resourceType: 'Encounter',
    id: session.id,
    status: encounterStatus(session),
    class: {
      system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
      code: 'AMB',
      display: 'ambulatory',
    },
    type: [{ text: 'IV ketamine infusion' }],
    subject: { reference: `Patient/${session.patientId}` },
    ...(Object.keys(period).length > 0 && { period }),
    location: [{ location: { display: `Bay ${session.bay}` } }],
  };
}
