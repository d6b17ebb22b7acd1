import { followUpDoneSchema } from '@vigil/shared';
import { Link } from 'react-router';
import type { FollowUpTask } from '../../api/api-client';
import { sessionPath } from '../../app/routes/route-access';
import { ServerRefusal } from '../../session/components/server-refusal';
import { TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useLocalDate } from '../../ui/hooks/use-local-date';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { useFollowUps, useRecordFollowUpDone } from '../hooks/use-follow-ups';
import { followUpKindLabel, followUpsInWorkOrder, standsOut } from '../utils/follow-up-list';
import '../../ui/components/page.css';
import './follow-ups-screen.css';

/** `2026-12-02 10:00`: the day matters, an overdue task may be from an earlier one. */
const dueWords = (iso: string) => formatLocalDateTime(iso).slice(0, 16);

/** The calls and appointments after discharge due today, and every earlier one still open. */
export function FollowUpsScreen() {
  const today = useLocalDate();
  const { data, error } = useFollowUps(today);
  const tasks = data ? followUpsInWorkOrder(data) : undefined;
  return (
    <main className="page follow-ups-screen" aria-labelledby="follow-ups-title">
      <h1 id="follow-ups-title">Follow-ups</h1>
      <p className="page__status">Due {today}, and every earlier task still open.</p>
      {error && (
        <p className="form-error" role="alert">
          Could not load the follow-ups: {error.message}
        </p>
      )}
      {!tasks && !error && <p role="status">Loading the follow-ups…</p>}
      {tasks?.length === 0 && <p className="page__status">No follow-up is due today.</p>}
      {tasks && tasks.length > 0 && (
        <ol className="follow-ups-screen__tasks" aria-label="Follow-up tasks">
          {tasks.map((task) => (
            <FollowUpItem key={task.id} task={task} />
          ))}
        </ol>
      )}
    </main>
  );
}

function FollowUpItem({ task }: { task: FollowUpTask }) {
  const urgent = standsOut(task);
  return (
    <li
      className="page__section follow-ups-screen__task"
      data-testid="follow-up"
      data-urgent={urgent || undefined}
      data-done={task.doneAt !== undefined || undefined}
    >
      <div className="follow-ups-screen__heading">
        <h2>{followUpKindLabel(task.kind)}</h2>
        {task.kind === 'suicide-risk-review' && task.doneAt === undefined && (
          <strong className="follow-ups-screen__flag">Positive suicide screen: review today</strong>
        )}
        {task.overdue && <strong className="follow-ups-screen__flag">Overdue</strong>}
      </div>
      <p>
        {task.patient ? (
          <>
            {task.patient.displayName} <span className="numeric">(MRN {task.patient.mrn})</span>
          </>
        ) : (
          'Patient not found'
        )}{' '}
        · due <time dateTime={task.dueAt}>{dueWords(task.dueAt)}</time> ·{' '}
        <Link to={sessionPath(task.sessionId)}>the session</Link>
      </p>
      {task.doneAt !== undefined ? (
        <p data-testid="follow-up-outcome">
          Done {dueWords(task.doneAt)}
          {task.doneBy ? ` by ${task.doneBy}` : ''}: {task.outcome}
        </p>
      ) : (
        <FollowUpOutcomeForm taskId={task.id} />
      )}
    </li>
  );
}

function FollowUpOutcomeForm({ taskId }: { taskId: string }) {
  const record = useRecordFollowUpDone(taskId);
  const { draft, setField, errors, handleSubmit } = useSchemaForm({
    initial: { outcome: '' },
    schema: followUpDoneSchema,
  });
  const submit = handleSubmit(({ outcome }) => record.mutate(outcome));
  return (
    <form className="inline-form" aria-label="Record the outcome" onSubmit={submit} noValidate>
      <TextField
        id={`follow-up-outcome-${taskId}`}
        label="Outcome of the call"
        value={draft.outcome}
        onValueChange={setField('outcome')}
        error={errors.outcome}
      />
      <button className="button button--primary" type="submit" disabled={record.isPending}>
        {record.isPending ? 'Recording…' : 'Record outcome'}
      </button>
      {record.error && <ServerRefusal title="Outcome not recorded" error={record.error} />}
    </form>
  );
}
