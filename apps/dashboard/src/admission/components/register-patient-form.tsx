import { createPatientSchema, type Patient } from '@vigil/shared';
import { TextField } from '../../ui/components/form-field';
import { refusalFieldErrors } from '../../ui/errors/refusal-words';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useRegisterPatient } from '../hooks/use-admission-commands';
import { EMPTY_PATIENT_DRAFT, patientInput } from '../utils/patient-draft';

const FIELDS = ['displayName', 'birthDate', 'mrn', 'weightKg'] as const;

interface RegisterPatientFormProps {
  onRegistered: (patient: Patient) => void;
}

/** A patient new to the clinic, checked by the shared create-patient schema before it is sent. */
export function RegisterPatientForm({ onRegistered }: RegisterPatientFormProps) {
  const register = useRegisterPatient();
  const { draft, setField, errors, setErrors, handleSubmit } = useSchemaForm({
    initial: EMPTY_PATIENT_DRAFT,
    schema: createPatientSchema,
    toInput: patientInput,
  });
  const submit = handleSubmit((input) =>
    register.mutate(input, {
      onSuccess: onRegistered,
      onError: (error) => setErrors(refusalFieldErrors(error, FIELDS)),
    }),
  );

  return (
    <section className="page__section" aria-labelledby="register-patient-title">
      <h2 id="register-patient-title">Register a new patient</h2>
      <form aria-label="Register a new patient" onSubmit={submit} noValidate>
        <div className="form-row">
          <TextField
            id="register-name"
            label="Full name"
            autoComplete="off"
            value={draft.displayName}
            onValueChange={setField('displayName')}
            error={errors.displayName}
          />
          <TextField
            id="register-birth-date"
            label="Date of birth"
            type="date"
            value={draft.birthDate}
            onValueChange={setField('birthDate')}
            error={errors.birthDate}
          />
          <TextField
            id="register-mrn"
            label="MRN"
            autoComplete="off"
            value={draft.mrn}
            onValueChange={setField('mrn')}
            error={errors.mrn}
          />
          <TextField
            id="register-weight"
            label="Weight (kg)"
            inputMode="decimal"
            value={draft.weightKg}
            onValueChange={setField('weightKg')}
            error={errors.weightKg}
          />
        </div>
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="form-actions">
          <button className="button button--primary" type="submit" disabled={register.isPending}>
            {register.isPending ? 'Registering…' : 'Register patient'}
          </button>
        </div>
      </form>
    </section>
  );
}
