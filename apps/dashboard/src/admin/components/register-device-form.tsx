import { createDeviceSchema, type CreateDeviceInput } from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { describeError } from '../../ui/components/error-notice';
import { TextField } from '../../ui/components/form-field';
import {
  issuesToFieldErrors,
  serverMessagesToFieldErrors,
  type FieldErrors,
} from '../../ui/forms/field-errors';
import { useRegisterDevice } from '../hooks/use-devices';
import { OneTimeKeyNotice } from './one-time-key-notice';

const FIELDS = ['label', 'bay'] as const;
type DeviceField = (typeof FIELDS)[number];

const EMPTY = { label: '', bay: '' };

/** An empty bay means a device that may send for any bay. */
function toInput({ label, bay }: typeof EMPTY): CreateDeviceInput {
  return bay.trim() === '' ? { label } : { label, bay };
}

export function RegisterDeviceForm() {
  const register = useRegisterDevice();
  const [draft, setDraft] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors<DeviceField>>({});

  const setField = (field: DeviceField) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createDeviceSchema.safeParse(toInput(draft));
    if (!parsed.success) {
      setErrors(issuesToFieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    register.mutate(parsed.data, {
      onSuccess: () => setDraft(EMPTY),
      onError: (error) =>
        setErrors(
          error instanceof ApiError && error.statusCode !== 403
            ? serverMessagesToFieldErrors(error.messages, FIELDS)
            : { form: describeError(error) },
        ),
    });
  };

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
