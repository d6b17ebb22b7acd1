import { reasonSchema } from '@vigil/shared';
import { TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useRecordOverride } from '../hooks/use-session-commands';
import { ServerRefusal } from './server-refusal';

/** A physician's decision to start despite the assessment's flags, with the reason on record. */
export function OverrideForm({ sessionId }: { sessionId: string }) {
  const record = useRecordOverride(sessionId);
  const { draft, setField, errors, handleSubmit, reset } = useSchemaForm({
    initial: { reason: '' },
    schema: reasonSchema,
  });
  const submit = handleSubmit((input) => record.mutate(input, { onSuccess: reset }));

  return (
    <form aria-labelledby="override-form-title" onSubmit={submit} noValidate>
      <h3 id="override-form-title">Physician override</h3>
      <p className="form-field__hint">
        Lets the infusion start despite the flags above. Your name and reason are recorded.
      </p>
      <div className="form-row">
        <TextField
          id="override-reason"
          label="Reason"
          value={draft.reason}
          onValueChange={setField('reason')}
          error={errors.reason}
        />
        <div className="form-actions">
          <button className="button button--danger" type="submit" disabled={record.isPending}>
            {record.isPending ? 'Recording…' : 'Override flags'}
          </button>
        </div>
      </div>
      {record.error && <ServerRefusal title="Override refused" error={record.error} />}
    </form>
  );
}
