import type { Alert } from '@vigil/shared';
import { useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../ui/components/error-notice';
import { useAcknowledgeAlert } from '../hooks/use-open-alerts';
import '../../ui/components/form-field.css';

interface AcknowledgeAlertFormProps {
  alert: Alert;
  /** The person acted on the alert, so they have opened it. */
  onOpen?: () => void;
}

/** One click acknowledges; the note beside the button is optional. */
export function AcknowledgeAlertForm({ alert, onOpen }: AcknowledgeAlertFormProps) {
  const [note, setNote] = useState('');
  const acknowledge = useAcknowledgeAlert();
  const noteId = useId();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onOpen?.();
    const trimmed = note.trim();
    acknowledge.mutate({ alertId: alert.id, note: trimmed === '' ? undefined : trimmed });
  };

  return (
    <form className="acknowledge-form" onSubmit={onSubmit}>
      <label className="visually-hidden" htmlFor={noteId}>
        Note for bay {alert.bay}: {alert.message} (optional)
      </label>
      <input
        id={noteId}
        type="text"
        value={note}
        maxLength={500}
        placeholder="Note (optional)"
        onChange={(event) => setNote(event.target.value)}
      />
      <button className="button button--primary" type="submit" disabled={acknowledge.isPending}>
        {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
      </button>
      {acknowledge.isError && (
        <ErrorNotice title="Could not acknowledge" error={acknowledge.error} />
      )}
    </form>
  );
}
