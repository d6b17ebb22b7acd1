import type { User } from '@vigil/shared';
import { useId, useState, type FormEvent } from 'react';
import { ServerRefusal } from '../../session/components/server-refusal';
import { SelectField, TextField } from '../../ui/components/form-field';
import { formatLocalHourMinute } from '../../ui/utils/format-date-time';
import { useClinicians, useDuty, useSetChargeNurse } from '../hooks/use-duty';
import { DAY_SHIFT_END, nextClockTime } from '../utils/shift-end';
import './charge-nurse-control.css';

/**
 * Who is charge nurse now (the last step of every alert, and the first of a session with no
 * assigned nurse), for nurses and physicians; a nurse takes the role or hands it over here.
 */
export function ChargeNurseControl({ user }: { user: User }) {
  const duty = useDuty();
  const [changing, setChanging] = useState(false);
  const charge = duty.data?.chargeNurse;
  const isCharge = charge?.userId === user.id;
  return (
    <div className="charge-nurse" role="group" aria-label="Charge nurse">
      <p className="charge-nurse__now" data-testid="charge-nurse">
        {duty.error && !duty.data
          ? 'Charge nurse: not known (the server could not be asked)'
          : !duty.data
            ? 'Charge nurse: …'
            : charge
              ? `Charge nurse: ${isCharge ? 'you' : charge.displayName} until ${formatLocalHourMinute(charge.until)}`
              : 'No charge nurse on duty'}
      </p>
      {user.role === 'nurse' &&
        (changing ? (
          <ChargeNurseForm user={user} onDone={() => setChanging(false)} />
        ) : (
          <button className="button" type="button" onClick={() => setChanging(true)}>
            {isCharge ? 'Hand over…' : 'Take over…'}
          </button>
        ))}
    </div>
  );
}

function ChargeNurseForm({ user, onDone }: { user: User; onDone: () => void }) {
  const id = useId();
  const clinicians = useClinicians();
  const setChargeNurse = useSetChargeNurse();
  const [nurseId, setNurseId] = useState(user.id);
  const [until, setUntil] = useState(DAY_SHIFT_END);
  const [untilError, setUntilError] = useState<string>();
  const nurses = (clinicians.data ?? []).filter((clinician) => clinician.role === 'nurse');
  const options = [
    { value: user.id, label: `Me (${user.displayName})` },
    ...nurses
      .filter((nurse) => nurse.id !== user.id)
      .map((nurse) => ({ value: nurse.id, label: nurse.displayName })),
  ];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const end = nextClockTime(until, Date.now());
    if (!end) {
      setUntilError('must be a time of day (HH:MM)');
      return;
    }
    setUntilError(undefined);
    setChargeNurse.mutate({ userId: nurseId, until: end.toISOString() }, { onSuccess: onDone });
  };

  return (
    <form
      className="charge-nurse__form"
      aria-label="Set the charge nurse"
      onSubmit={submit}
      noValidate
    >
      <SelectField
        id={`${id}-nurse`}
        label="Who takes over"
        value={nurseId}
        options={options}
        onValueChange={setNurseId}
      />
      <TextField
        id={`${id}-until`}
        label="Until"
        type="time"
        value={until}
        onValueChange={setUntil}
        error={untilError}
      />
      <button className="button button--primary" type="submit" disabled={setChargeNurse.isPending}>
        {nurseId === user.id ? 'Take over' : 'Hand over'}
      </button>
      <button className="button" type="button" onClick={onDone}>
        Cancel
      </button>
      {setChargeNurse.error && (
        <ServerRefusal title="Charge nurse not changed" error={setChargeNurse.error} />
      )}
    </form>
  );
}
