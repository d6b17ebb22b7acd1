import { createDeviceSchema, type CreateDeviceInput } from '@vigil/shared';
import { TextField } from '../../ui/components/form-field';
import { refusalFieldErrors } from '../../ui/errors/refusal-words';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useRegisterDevice } from '../hooks/use-devices';
import { OneTimeKeyNotice } from './one-time-key-notice';

const FIELDS = ['label', 'bay'] as const;

const EMPTY = { label: '', bay: '' };

/** An empty bay means a device that may send for any bay. */
function toInput({ label, bay }: typeof EMPTY): CreateDeviceInput {
  return bay.trim() === '' ? { label } : { label, bay };
}

export function RegisterDeviceForm() {
  const register = useRegisterDevice();
  const { draft, setField, errors, setErrors, handleSubmit, reset } = useSchemaForm({
    initial: EMPTY,
    schema: createDeviceSchema,
    toInput,
  });
  const submit = handleSubmit((input) =>
    register.mutate(input, {
      onSuccess: reset,
      onError: (error) => setErrors(refusalFieldErrors(error, FIELDS)),
    }),
  );

  return (
    <>
      <form aria-labelledby="register-device-title" onSubmit={submit} noValidate>
        <h3 id="register-device-title">Register a device</h3>
        <div className="form-row">
          <TextField
            id="register-device-label"
            label="Label"
            autoComplete="off"
            hint="How the monitor is known on the ward, e.g. Monitor 3"
            value={draft.label}
            onValueChange={setField('label')}
            error={errors.label}
          />
          <TextField
            id="register-device-bay"
            label="Bay"
            autoComplete="off"
            hint="Optional: the device may then only send readings for this bay"
            value={draft.bay}
            onValueChange={setField('bay')}
            error={errors.bay}
          />
          <div className="form-actions">
            <button className="button button--primary" type="submit" disabled={register.isPending}>
              {register.isPending ? 'Registering…' : 'Register device'}
            </button>
          </div>
        </div>
        {errors.form && (
          <p className="form-error" role="alert">
            Could not register the device: {errors.form}
          </p>
        )}
      </form>
      {register.data && (
        // Forgetting the mutation (gcTime 0) drops the only copy of the key in this page.
        <OneTimeKeyNotice device={register.data} onDismiss={() => register.reset()} />
      )}
    </>
  );
}
