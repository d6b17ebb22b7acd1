import { useState } from 'react';
import { ServerRefusal } from '../../session/components/server-refusal';
import { SelectField } from '../../ui/components/form-field';
import { useWardBays } from '../../ward/hooks/use-ward-bays';
import { useMoveSession } from '../hooks/use-move-session';

interface MoveSessionActionProps {
  sessionId: string;
  bay: string;
}

/** A scheduled session to another of the ward's chairs; a chair with a live session refuses. */
export function MoveSessionAction({ sessionId, bay }: MoveSessionActionProps) {
  const bays = useWardBays();
  const move = useMoveSession(sessionId);
  const [target, setTarget] = useState('');
  const others = (bays.data ?? []).map((ward) => ward.bay).filter((other) => other !== bay);

  return (
    <form
      className="today-screen__action"
      aria-label="Move to another chair"
      onSubmit={(event) => {
        event.preventDefault();
        if (target) move.mutate(target, { onSuccess: () => setTarget('') });
      }}
    >
      <SelectField
        id={`move-${sessionId}`}
        label="Move to"
        value={target}
        options={[
          { value: '', label: 'Choose a chair' },
          ...others.map((other) => ({ value: other, label: `Bay ${other}` })),
        ]}
        onValueChange={setTarget}
      />
      <button className="button" type="submit" disabled={!target || move.isPending}>
        {move.isPending ? 'Moving…' : 'Move'}
      </button>
      {move.error && <ServerRefusal title="Not moved" error={move.error} />}
    </form>
  );
}
