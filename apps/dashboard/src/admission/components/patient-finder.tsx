import type { Patient } from '@vigil/shared';
import { useState } from 'react';
import { TextField } from '../../ui/components/form-field';
import { usePatientSearch } from '../hooks/use-patient-search';
import { PATIENT_SEARCH_MIN_CHARACTERS, searchableText } from '../utils/patient-draft';
import { PatientIdentity } from './patient-identity';

interface PatientFinderProps {
  onChoose: (patient: Patient) => void;
}

/** Search the register as one types (a name or an MRN), and pick the patient from the answers. */
export function PatientFinder({ onChoose }: PatientFinderProps) {
  const [typed, setTyped] = useState('');
  const search = usePatientSearch(typed);
  const tooShort = searchableText(typed) === null;
  const answered = !tooShort && search.searched === searchableText(typed) && !search.isFetching;

  return (
    <section className="page__section" aria-labelledby="patient-finder-title">
      <h2 id="patient-finder-title">Find the patient</h2>
      <TextField
        id="patient-search"
        label="Name or MRN"
        type="search"
        autoComplete="off"
        value={typed}
        onValueChange={setTyped}
        hint={`At least ${PATIENT_SEARCH_MIN_CHARACTERS} characters of the name or the MRN.`}
      />
      {search.error && !tooShort && (
        <p className="form-error" role="alert">
          Could not search the register: {search.error.message}
        </p>
      )}
      {!tooShort && !answered && !search.error && <p role="status">Searching…</p>}
      {answered && search.data?.length === 0 && (
        <p className="page__status">No patient matches. Register them below.</p>
      )}
      {!tooShort && search.data && search.data.length > 0 && (
        <ul className="admission-screen__results" data-testid="patient-results">
          {search.data.map((patient) => (
            <li key={patient.id}>
              <PatientIdentity patient={patient} />
              <button className="button" type="button" onClick={() => onChoose(patient)}>
                Choose
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
