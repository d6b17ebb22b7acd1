import {
  ALDRETE_DISCHARGE_MIN,
  dischargeSchema,
  reasonSchema,
  type SessionAction,
} from '@vigil/shared';
import { useState } from 'react';
import { CheckboxField, TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useSessionTransition } from '../hooks/use-session-commands';
import { optionalText, parseNumberField } from '../utils/parse-number';
import { ServerRefusal } from './server-refusal';

interface ActionProps {
  sessionId: string;
}

/** A transition without a body: start, resume, stop. */
function SimpleAction({
  sessionId,
  transition,
  label,
  refusedTitle,
}: ActionProps & { transition: 'start' | 'resume' | 'stop'; label: string; refusedTitle: string }) {
  const run = useSessionTransition(sessionId);
  return (
    <div className="session-action">
      <button
        className="button button--primary"
        type="button"
        disabled={run.isPending}
        onClick={() => run.mutate({ transition, body: undefined })}
      >
        {label}
      </button>
      {run.error && <ServerRefusal title={refusedTitle} error={run.error} />}
    </div>
  );
}

function PauseAction({ sessionId }: ActionProps) {
  const run = useSessionTransition(sessionId);
  const { draft, setField, errors, handleSubmit, reset } = useSchemaForm({
    initial: { reason: '' },
    schema: reasonSchema,
  });
  const submit = handleSubmit((body) =>
    run.mutate({ transition: 'pause', body }, { onSuccess: reset }),
  );
  return (
    <form className="session-action" aria-label="Pause infusion" onSubmit={submit} noValidate>
      <div className="form-row">
        <TextField
          id="pause-reason"
          label="Pause reason"
          value={draft.reason}
          onValueChange={setField('reason')}
          error={errors.reason}
        />
        <div className="form-actions">
          <button className="button" type="submit" disabled={run.isPending}>
            Pause infusion
          </button>
        </div>
      </div>
      {run.error && <ServerRefusal title="Pause refused" error={run.error} />}
    </form>
  );
}

/** Aborting ends the session for good: it asks once more before it is sent. */
function AbortAction({ sessionId }: ActionProps) {
  const run = useSessionTransition(sessionId);
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
    <form className="session-action" aria-label="Abort session" onSubmit={submit} noValidate>
      <div className="form-row">
        <TextField
          id="abort-reason"
          label="Abort reason"
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
              <span role="status">Abort this session? This cannot be undone.</span>
              <button className="button button--danger" type="submit" disabled={run.isPending}>
                Confirm abort
              </button>
              <button className="button" type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button className="button button--danger" type="submit">
              Abort session…
            </button>
          )}
        </div>
      </div>
      {run.error && <ServerRefusal title="Abort refused" error={run.error} />}
    </form>
  );
}

interface DischargeDraft {
  aldreteScore: string;
  escortPresent: boolean;
  note: string;
}

const NO_DISCHARGE: DischargeDraft = { aldreteScore: '', escortPresent: false, note: '' };

function dischargeFromDraft(draft: DischargeDraft): unknown {
  return {
    aldreteScore: parseNumberField(draft.aldreteScore),
    escortPresent: draft.escortPresent,
    note: optionalText(draft.note),
  };
}

export function DischargeAction({ sessionId }: ActionProps) {
  const run = useSessionTransition(sessionId);
  const { draft, setField, errors, handleSubmit } = useSchemaForm({
    initial: NO_DISCHARGE,
    schema: dischargeSchema,
    toInput: dischargeFromDraft,
  });
  const submit = handleSubmit((body) => run.mutate({ transition: 'discharge', body }));

  return (
    <form aria-labelledby="discharge-form-title" onSubmit={submit} noValidate>
      <h3 id="discharge-form-title">Discharge</h3>
      <div className="form-row">
        <TextField
          id="discharge-aldrete"
          label="Modified Aldrete score"
          inputMode="numeric"
          hint={`0–10; discharge needs ${ALDRETE_DISCHARGE_MIN} or more`}
          value={draft.aldreteScore}
          onValueChange={setField('aldreteScore')}
          error={errors.aldreteScore}
        />
        <CheckboxField
          id="discharge-escort"
          label="Escort present"
          checked={draft.escortPresent}
          onCheckedChange={setField('escortPresent')}
          error={errors.escortPresent}
        />
        <TextField
          id="discharge-note"
          label="Note (optional)"
          value={draft.note}
          onValueChange={setField('note')}
          error={errors.note}
        />
        <div className="form-actions">
          <button className="button button--primary" type="submit" disabled={run.isPending}>
            {run.isPending ? 'Discharging…' : 'Discharge patient'}
          </button>
        </div>
      </div>
      {run.error && (
        <ServerRefusal title="Discharge refused — criteria not met" error={run.error} />
      )}
    </form>
  );
}

/** One control per transition the session's state allows now; the server checks the gates. */
export function SessionActions({
  sessionId,
  allowedActions,
}: ActionProps & { allowedActions: readonly SessionAction[] }) {
  const allowed = (action: SessionAction) => allowedActions.includes(action);
  const any = ['start', 'pause', 'resume', 'stop', 'discharge', 'abort'].some((action) =>
    allowed(action as SessionAction),
  );
  if (!any) return null;
  return (
    <section className="session-panel" aria-labelledby="session-actions-title">
      <h2 id="session-actions-title">Actions</h2>
      {allowed('start') && (
        <SimpleAction
          sessionId={sessionId}
          transition="start"
          label="Start infusion"
          refusedTitle="Start refused"
        />
      )}
      {allowed('resume') && (
        <SimpleAction
          sessionId={sessionId}
          transition="resume"
          label="Resume infusion"
          refusedTitle="Resume refused"
        />
      )}
      {allowed('pause') && <PauseAction sessionId={sessionId} />}
      {allowed('stop') && (
        <SimpleAction
          sessionId={sessionId}
          transition="stop"
          label="Stop infusion (begin recovery)"
          refusedTitle="Stop refused"
        />
      )}
      {allowed('discharge') && <DischargeAction sessionId={sessionId} />}
      {allowed('abort') && <AbortAction sessionId={sessionId} />}
    </section>
  );
}
