import type { SessionPatientSummary } from '@vigil/shared';

interface PatientIdentifiersProps {
  patient: Pick<SessionPatientSummary, 'displayName' | 'mrn' | 'birthDate'>;
  /** The date of birth too, where there is room for it (a session's header). */
  withBirthDate?: boolean;
}

/** The two identifiers every screen but the ward wall shows: the full name and the MRN. */
export function PatientIdentifiers({ patient, withBirthDate = false }: PatientIdentifiersProps) {
  return (
    <span className="patient-identifiers">
      <span className="patient-identifiers__name" data-testid="patient-name">
        {patient.displayName}
      </span>{' '}
      <span className="patient-identifiers__mrn numeric" data-testid="patient-mrn">
        (MRN {patient.mrn})
      </span>
      {withBirthDate && patient.birthDate && (
        <>
          {' '}
          <span className="patient-identifiers__born numeric" data-testid="patient-birth-date">
            born {patient.birthDate}
          </span>
        </>
      )}
    </span>
  );
}
