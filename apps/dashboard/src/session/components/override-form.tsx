import { overrideSchema, type ContraindicationFlag } from '@vigil/shared';
import { CheckboxField, TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useRecordOverride } from '../hooks/use-session-commands';
import { contraindicationWords } from '../utils/contraindication-words';
import { ServerRefusal } from './server-refusal';

interface OverrideDraft {
  reason: string;
  flags: readonly string[];
}

const NONE: OverrideDraft = { reason: '', flags: [] };

/**
 * A physician's decision to start despite the flags it names, with the clinical reason on record.
 * Each flag is ticked on its own, so one decision never clears more than the physician weighed;
 * no consent and a positive pregnancy test are shown as blocking, with nothing to tick.
 */
export function OverrideForm({
  sessionId,
  flags,
}: {
  sessionId: string;
  flags: readonly ContraindicationFlag[];
}) {
  const record = useRecordOverride(sessionId);
  const { draft, setField, errors, handleSubmit, reset } = useSchemaForm({
    initial: NONE,
    schema: overrideSchema,
    toInput: ({ reason, flags: covered }) => ({ reason, flags: [...covered] }),
  });
  const absolute = flags.filter((flag) => flag.absolute);
  const overridable = flags.filter((flag) => !flag.absolute);
  const submit = handleSubmit((input) => record.mutate(input, { onSuccess: reset }));
  const toggle = (code: string) => (checked: boolean) =>
    setField('flags')(
      checked ? [...draft.flags, code] : draft.flags.filter((covered) => covered !== code),
    );

  return (
    <section aria-labelledby="override-form-title">
      <h3 id="override-form-title">Physician override</h3>
      {absolute.length > 0 && (
        <div className="form-error" role="alert" data-testid="absolute-contraindications">
          <p>No override can allow the infusion while these stand:</p>
          <ul>
            {absolute.map((flag) => (
              <li key={flag.code}>{contraindicationWords(flag.code, flag)}</li>
            ))}
          </ul>
        </div>
      )}
      {overridable.length > 0 && (
        <form aria-label="Physician override" onSubmit={submit} noValidate>
          <fieldset className="override-form__flags">
            <legend>Flags this decision covers</legend>
            {overridable.map((flag) => (
              <CheckboxField
                key={flag.code}
                id={`override-flag-${flag.code}`}
                label={contraindicationWords(flag.code, flag)}
                checked={draft.flags.includes(flag.code)}
                onCheckedChange={toggle(flag.code)}
              />
            ))}
            {errors.flags && (
              <p className="form-field__error" role="alert">
                Tick each flag this decision covers.
              </p>
            )}
          </fieldset>
          <p className="form-field__hint">
            The infusion may start once every flag is covered. Your name and reason are recorded.
          </p>
          <div className="form-row">
            <TextField
              id="override-reason"
              label="Clinical reason"
              value={draft.reason}
              onValueChange={setField('reason')}
              error={errors.reason}
            />
            <div className="form-actions">
              <button className="button button--danger" type="submit" disabled={record.isPending}>
                {record.isPending ? 'Recording…' : 'Override the ticked flags'}
              </button>
            </div>
          </div>
          {record.error && <ServerRefusal title="Override refused" error={record.error} />}
        </form>
      )}
    </section>
  );
}
