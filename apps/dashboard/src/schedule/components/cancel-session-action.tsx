import { reasonSchema } from '@vigil/shared';
import { useState } from 'react';
import { useSessionTransition } from '../../session/hooks/use-session-commands';
import { ServerRefusal } from '../../session/components/server-refusal';
import { TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';

/** Cancels a session before its start, with the reason on record, once asked again. */
export function CancelSessionAction({ sessionId }: { sessionId: string }) {
  const run = useSessionTransition(sessionId);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { draft, setField, errors, handleSubmit } = useSchemaForm({
    initial: { reason: '' },
    schema: reasonSchema,
  });
  const submit = handleSubmit(
    (body) => {
      if (!confirming) {
        setConfirming(true);
        return;
      }
      run.mutate({ transition: 'abort', body }, { onSettled: () => setConfirming(false) });
    },
    { onInvalid: () => setConfirming(false) },
  );

  if (!open) {
    return (
      <button className="button" type="button" onClick={() => setOpen(true)}>
        Cancel session…
      </button>
    );
  }
  return (
    <form className="today-screen__action" aria-label="Cancel session" onSubmit={submit} noValidate>
      <TextField
        id={`cancel-reason-${sessionId}`}
        label="Reason for cancelling"
        value={draft.reason}
        onValueChange={(value) => {
          setField('reason')(value);
          setConfirming(false);
        }}
        error={errors.reason}
      />
      {confirming ? (
        <>
          <span role="status">Cancel this session before the infusion? It cannot be reopened.</span>
          <button className="button button--danger" type="submit" disabled={run.isPending}>
            Confirm cancellation
          </button>
          <button className="button" type="button" onClick={() => setConfirming(false)}>
            Go back
          </button>
        </>
      ) : (
        <>
          <button className="button button--danger" type="submit">
            Cancel session
          </button>
          <button className="button" type="button" onClick={() => setOpen(false)}>
            Keep it
          </button>
        </>
      )}
      {run.error && <ServerRefusal title="Cancellation refused" error={run.error} />}
    </form>
  );
}
