import { isLiveSession, type AssignmentInput, type Clinician, type Session } from '@vigil/shared';
import { useId, useState, type FormEvent } from 'react';
import { useClinicians } from '../../duty/hooks/use-duty';
import { SelectField } from '../../ui/components/form-field';
import { useSetAssignment } from '../hooks/use-session-assignment';
import { ServerRefusal } from './server-refusal';

const NOBODY = '';

type Role = Clinician['role'];

const WHEN_NOBODY: Record<Role, string> = {
  nurse: 'Nobody — the charge nurse is sent its alerts',
  physician: 'Nobody — the physicians on duty are sent its escalations',
};

/** Who takes a step when nobody is named for it (the server's stand-ins). */
const STAND_IN: Record<Role, string> = {
  nurse: 'the charge nurse',
  physician: 'the physicians on duty',
};

function nameOf(id: string | null, role: Role, clinicians: readonly Clinician[] | undefined) {
  if (!id) return WHEN_NOBODY[role];
  return clinicians?.find((clinician) => clinician.id === id)?.displayName ?? '…';
}

function recipientOf(id: string, role: Role, clinicians: readonly Clinician[]) {
  return id ? nameOf(id, role, clinicians) : STAND_IN[role];
}

/** What is about to be sent: only what changed, so a change made meanwhile by another stays. */
function changesOf(session: Session, nurseId: string, physicianId: string): AssignmentInput {
  const nurse = nurseId || null;
  const physician = physicianId || null;
  return {
    ...(nurse !== session.assignedNurseId && { assignedNurseId: nurse }),
    ...(physician !== session.supervisingPhysicianId && { supervisingPhysicianId: physician }),
  };
}

/**
 * Who is sent the session's alerts first (the assigned nurse) and at the first escalation (the
 * supervising physician); nurses and physicians change them until the session ends, after a
 * confirmation, since it changes who hears the next alarm.
 */
export function SessionAssignment({
  session,
  mayChange,
}: {
  session: Session;
  mayChange: boolean;
}) {
  const clinicians = useClinicians();
  const [changing, setChanging] = useState(false);
  const ended = !isLiveSession(session.state);
  return (
    <section className="page__section" aria-labelledby="assignment-title">
      <h2 id="assignment-title">Care team</h2>
      <dl className="session-assignment">
        <dt>Assigned nurse</dt>
        <dd data-testid="assigned-nurse">
          {nameOf(session.assignedNurseId, 'nurse', clinicians.data)}
        </dd>
        <dt>Supervising physician</dt>
        <dd data-testid="supervising-physician">
          {nameOf(session.supervisingPhysicianId, 'physician', clinicians.data)}
        </dd>
      </dl>
      {mayChange &&
        !ended &&
        (changing ? (
          <AssignmentForm
            session={session}
            clinicians={clinicians.data ?? []}
            onDone={() => setChanging(false)}
          />
        ) : (
          <button className="button" type="button" onClick={() => setChanging(true)}>
            Change assignment…
          </button>
        ))}
    </section>
  );
}

interface AssignmentFormProps {
  session: Session;
  clinicians: readonly Clinician[];
  onDone: () => void;
}

function AssignmentForm({ session, clinicians, onDone }: AssignmentFormProps) {
  const id = useId();
  const setAssignment = useSetAssignment(session.id);
  const [nurseId, setNurseId] = useState(session.assignedNurseId ?? NOBODY);
  const [physicianId, setPhysicianId] = useState(session.supervisingPhysicianId ?? NOBODY);
  const [confirming, setConfirming] = useState(false);
  const changes = changesOf(session, nurseId, physicianId);
  const unchanged = Object.keys(changes).length === 0;
  const options = (role: Role) => [
    { value: NOBODY, label: WHEN_NOBODY[role] },
    ...clinicians
      .filter((clinician) => clinician.role === role)
      .map((clinician) => ({ value: clinician.id, label: clinician.displayName })),
  ];
  const pick = (set: (value: string) => void) => (value: string) => {
    set(value);
    setConfirming(false);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (unchanged) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    setAssignment.mutate(changes, {
      onSuccess: onDone,
      onSettled: () => setConfirming(false),
    });
  };

  return (
    <form aria-label="Change assignment" onSubmit={submit} noValidate>
      <div className="form-row">
        <SelectField
          id={`${id}-nurse`}
          label="Assigned nurse"
          value={nurseId}
          options={options('nurse')}
          onValueChange={pick(setNurseId)}
        />
        <SelectField
          id={`${id}-physician`}
          label="Supervising physician"
          value={physicianId}
          options={options('physician')}
          onValueChange={pick(setPhysicianId)}
        />
      </div>
      <div className="form-actions">
        {confirming ? (
          <>
            <span role="status" data-testid="assignment-question">
              {`Bay ${session.bay}’s next alarms go first to ${recipientOf(nurseId, 'nurse', clinicians)}, ` +
                `and at escalation to ${recipientOf(physicianId, 'physician', clinicians)}. Change it?`}
            </span>
            <button
              className="button button--primary"
              type="submit"
              disabled={setAssignment.isPending}
            >
              Confirm assignment
            </button>
            <button className="button" type="button" onClick={() => setConfirming(false)}>
              Go back
            </button>
          </>
        ) : (
          <>
            <button className="button button--primary" type="submit" disabled={unchanged}>
              Save assignment
            </button>
            <button className="button" type="button" onClick={onDone}>
              Cancel
            </button>
          </>
        )}
      </div>
      {setAssignment.error && (
        <ServerRefusal title="Assignment not changed" error={setAssignment.error} />
      )}
    </form>
  );
}
