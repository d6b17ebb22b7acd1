import {
  infusionElapsedMs,
  reasonSchema,
  stopSchema,
  type Session,
  type StopInput,
} from '@vigil/shared';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { TextField } from '../../ui/components/form-field';
import { refusalFieldErrors } from '../../ui/errors/refusal-words';
import type { FormSchema } from '../../ui/forms/use-schema-form';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useNow } from '../../ui/hooks/use-now';
import { useSessionTransition } from '../hooks/use-session-commands';
import { optionalText } from '../utils/parse-number';
import { ServerRefusal } from './server-refusal';

const ON_TIME: FormSchema<StopInput> = stopSchema;
const EARLY: FormSchema<StopInput> = reasonSchema;

/**
 * Stopping ends the infusion and begins recovery. It is never one click: it asks to confirm, with
 * the minutes run of those planned, and before the planned duration it asks why (the server
 * refuses an early stop without a reason, `STOP_REASON_REQUIRED`, should this screen's clock be
 * behind).
 */
export function StopAction({ session }: { session: Session }) {
  const run = useSessionTransition(session.id);
  const now = useNow();
  const elapsedMin = Math.floor(infusionElapsedMs(session, now) / 60_000);
  const [confirming, setConfirming] = useState(false);
  const [serverAsksReason, setServerAsksReason] = useState(false);
  const needsReason = serverAsksReason || elapsedMin < session.plannedDurationMin;
  const { draft, setField, errors, setErrors, handleSubmit, reset } = useSchemaForm({
    initial: { reason: '' },
    schema: needsReason ? EARLY : ON_TIME,
    toInput: (current) => (needsReason ? current : { reason: optionalText(current.reason) }),
  });

  const cancel = () => {
    setConfirming(false);
    setErrors({});
    run.reset();
  };

  const submit = handleSubmit((body) =>
    run.mutate(
      { transition: 'stop', body },
      {
        onSuccess: () => {
          setConfirming(false);
          reset();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'STOP_REASON_REQUIRED') {
            setServerAsksReason(true);
            setErrors(refusalFieldErrors(error, ['reason']));
          }
        },
      },
    ),
  );

  if (!confirming) {
    return (
      <div className="session-action">
        <button
          className="button button--primary"
          type="button"
          onClick={() => setConfirming(true)}
        >
          Stop infusion (begin recovery)…
        </button>
      </div>
    );
  }

  const refusal =
    run.error && !(run.error instanceof ApiError && run.error.code === 'STOP_REASON_REQUIRED')
      ? run.error
      : null;
  return (
    <form className="session-action" aria-label="Stop infusion" onSubmit={submit} noValidate>
      <p role="status">
        Stop the infusion at {elapsedMin} of {session.plannedDurationMin} planned minutes?
        Monitoring goes on in recovery.
        {needsReason && ' This is before the planned duration: say why.'}
      </p>
      <div className="form-row">
        {needsReason && (
          <TextField
            id="stop-reason"
            label="Reason for stopping early"
            value={draft.reason}
            onValueChange={setField('reason')}
            error={errors.reason}
          />
        )}
        <div className="form-actions">
          <button className="button button--danger" type="submit" disabled={run.isPending}>
            {run.isPending ? 'Stopping…' : 'Confirm stop'}
          </button>
          <button className="button" type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </div>
      {refusal && <ServerRefusal title="Stop refused" error={refusal} />}
    </form>
  );
}
