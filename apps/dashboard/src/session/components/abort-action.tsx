import { reasonSchema, type SessionState } from '@vigil/shared';
import { useState } from 'react';
import { TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useSessionTransition } from '../hooks/use-session-commands';
import { ServerRefusal } from './server-refusal';

interface AbortWords {
  name: string;
  open: string;
  reasonLabel: string;
  question: string;
  confirm: string;
}

/**
 * Before the start an abort cancels the session (anyone clinical); from a pause or recovery it is
 * a physician's decision that ends monitoring while the patient leaves against advice. An
 * infusion that must end early is stopped instead, so monitoring goes on.
 */
function abortWords(state: SessionState): AbortWords {
  return state === 'scheduled' || state === 'assessed'
    ? {
        name: 'Cancel session',
        open: 'Cancel session (before the start)…',
        reasonLabel: 'Reason for cancelling',
        question: 'Cancel this session before the infusion? It cannot be reopened.',
        confirm: 'Confirm cancellation',
      }
    : {
        name: 'Abort session',
        open: 'Abort session (patient leaves against advice)…',
        reasonLabel: 'Abort reason',
        question:
          'End this session and its monitoring for good? The patient leaves against advice; this cannot be undone.',
        confirm: 'Confirm abort',
      };
}

/** Ends the session for good: it asks once more before it is sent. */
export function AbortAction({ sessionId, state }: { sessionId: string; state: SessionState }) {
  const run = useSessionTransition(sessionId);
  const words = abortWords(state);
  const { draft, setField, errors, handleSubmit } = useSchemaForm({
    initial: { reason: '' },
    schema: reasonSchema,
  });
  const [confirming, setConfirming] = useState(false);

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

  return (
    <form className="session-action" aria-label={words.name} onSubmit={submit} noValidate>
      <div className="form-row">
        <TextField
          id="abort-reason"
          label={words.reasonLabel}
          value={draft.reason}
          onValueChange={(value) => {
            setField('reason')(value);
            setConfirming(false);
          }}
          error={errors.reason}
        />
        <div className="form-actions">
          {confirming ? (
            <>
              <span role="status">{words.question}</span>
              <button className="button button--danger" type="submit" disabled={run.isPending}>
                {words.confirm}
              </button>
              <button className="button" type="button" onClick={() => setConfirming(false)}>
                Go back
              </button>
            </>
          ) : (
            <button className="button button--danger" type="submit">
              {words.open}
            </button>
          )}
        </div>
      </div>
      {run.error && <ServerRefusal title={`${words.name}: refused`} error={run.error} />}
    </form>
  );
}
