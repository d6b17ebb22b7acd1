import type { Patient } from '@vigil/shared';

/** The two identifiers every screen but the ward wall shows: full name and MRN, then the rest. */
export function PatientIdentity({ patient }: { patient: Patient }) {
  return (
    <span className="patient-identity">
      <strong data-testid="patient-name">{patient.displayName}</strong>
      <span data-testid="patient-mrn">MRN {patient.mrn}</span>
      {patient.birthDate && <span>born {patient.birthDate}</span>}
      <span>{patient.weightKg} kg</span>
    </span>
  );
}
