import type { Patient } from '@vigil/shared';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PatientFinder } from './patient-finder';
import { PatientIdentity } from './patient-identity';
import { RegisterPatientForm } from './register-patient-form';
import { ScheduleSessionForm } from './schedule-session-form';
import '../../ui/components/page.css';
import '../../ui/components/form-field.css';
import './admission-screen.css';

/** The query parameter that names the chair an admission was opened for. */
export const ADMIT_BAY_PARAM = 'bay';

/**
 * Admitting a patient: find them in the register or register them, then schedule their session
 * (in the chair the admission was opened for, when it was opened from an empty chair).
 */
export function AdmissionScreen() {
  const [params] = useSearchParams();
  const bay = params.get(ADMIT_BAY_PARAM) ?? '';
  const [patient, setPatient] = useState<Patient | null>(null);

  return (
    <main className="page admission-screen" aria-labelledby="admission-title">
      <h1 id="admission-title">{bay ? `Admit a patient to bay ${bay}` : 'Admit a patient'}</h1>
      {patient ? (
        <>
          <section className="page__section" aria-labelledby="admitted-patient-title">
            <h2 id="admitted-patient-title">Patient</h2>
            <p data-testid="chosen-patient">
              <PatientIdentity patient={patient} />
            </p>
            <button className="button" type="button" onClick={() => setPatient(null)}>
              Choose another patient
            </button>
          </section>
          <ScheduleSessionForm patient={patient} bay={bay} />
        </>
      ) : (
        <>
          <PatientFinder onChoose={setPatient} />
          <RegisterPatientForm onRegistered={setPatient} />
        </>
      )}
    </main>
  );
}
