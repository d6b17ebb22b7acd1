import type { SessionPatientSummary } from '@vigil/shared';

type Identified = Pick<SessionPatientSummary, 'displayName' | 'mrn'>;

/**
 * The two identifiers in one line, where a screen names the patient in text (a link, a
 * confirmation): `Jane Doe (MRN 0001)`. The ward wall alone names patients by initials.
 */
export function patientIdentifiers(patient: Identified): string {
  return `${patient.displayName} (MRN ${patient.mrn})`;
}
