interface SaveProfileConfirmationProps {
  title: string;
  /** What saving will do, and to which sessions. */
  consequence: string;
  changes: readonly string[];
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The changes in words, one by one, before they become the limits alarms are judged by. */
export function SaveProfileConfirmation({
  title,
  consequence,
  changes,
  saving,
  onConfirm,
  onCancel,
}: SaveProfileConfirmationProps) {
  return (
    <div className="confirm-profile" role="group" aria-labelledby="confirm-profile-title">
      <h4 id="confirm-profile-title">{title}</h4>
      <p>{consequence}</p>
      <ul data-testid="profile-changes">
        {changes.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
      <div className="row-actions">
        <button
          className="button button--primary"
          type="button"
          disabled={saving}
          onClick={onConfirm}
        >
          {saving ? 'Saving…' : 'Confirm and save'}
        </button>
        <button className="button" type="button" disabled={saving} onClick={onCancel}>
          Keep editing
        </button>
      </div>
    </div>
  );
}
