import { reasonSchema, type Session, type SessionAction } from '@vigil/shared';
import { TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useSessionTransition } from '../hooks/use-session-commands';
import { AbortAction } from './abort-action';
import { AWAITING_SIGNATURE } from './order-status';
import { ServerRefusal } from './server-refusal';
import { StopAction } from './stop-action';

interface ActionProps {
  sessionId: string;
}

/** A transition without a body: start, resume. */
function SimpleAction({
  sessionId,
  transition,
  label,
  refusedTitle,
}: ActionProps & { transition: 'start' | 'resume'; label: string; refusedTitle: string }) {
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

/** Start, shown but not offered while no physician has signed the dose (ORDER_REQUIRED). */
function StartAwaitingOrder() {
  return (
    <div className="session-action">
      <button
        className="button button--primary"
        type="button"
        disabled
        aria-describedby="start-awaiting-order"
      >
        Start infusion
      </button>
      <p id="start-awaiting-order" className="session-action__blocked">
        {AWAITING_SIGNATURE}: the infusion can start once a physician has signed the dose order.
      </p>
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

/** The discharge is not among them: it is the recovery view's last step. */
const ACTIONS_WITH_CONTROLS: readonly SessionAction[] = [
  'start',
  'pause',
  'resume',
  'stop',
  'abort',
];

/**
 * One control per transition the session's state allows this role now (the shared state
 * machine); the server checks the clinical gates.
 */
export function SessionActions({
  session,
  allowedActions,
}: {
  session: Session;
  allowedActions: readonly SessionAction[];
}) {
  const allowed = (action: SessionAction) => allowedActions.includes(action);
  if (!ACTIONS_WITH_CONTROLS.some(allowed)) return null;
  const sessionId = session.id;
  return (
    <section className="session-panel" aria-labelledby="session-actions-title">
      <h2 id="session-actions-title">Actions</h2>
      {allowed('start') &&
        (session.order ? (
          <SimpleAction
            sessionId={sessionId}
            transition="start"
            label="Start infusion"
            refusedTitle="Start refused"
          />
        ) : (
          <StartAwaitingOrder />
        ))}
      {allowed('resume') && (
        <SimpleAction
          sessionId={sessionId}
          transition="resume"
          label="Resume infusion"
          refusedTitle="Resume refused"
        />
      )}
      {allowed('pause') && <PauseAction sessionId={sessionId} />}
      {allowed('stop') && <StopAction session={session} />}
      {allowed('abort') && <AbortAction sessionId={sessionId} state={session.state} />}
    </section>
  );
}
