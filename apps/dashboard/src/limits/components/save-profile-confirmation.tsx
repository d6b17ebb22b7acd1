interface SaveProfileConfirmationProps {
  profileName: string;
  changes: readonly string[];
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The changes in words before they reach every chair using this profile. */
export function SaveProfileConfirmation({
  profileName,
  changes,
  saving,
  onConfirm,
  onCancel,
}: SaveProfileConfirmationProps) {
  return (
    <div className="confirm-profile" role="group" aria-labelledby="confirm-profile-title">
      <h4 id="confirm-profile-title">Save these changes to {profileName}?</h4>
      <p>
        They apply at once to every session on this profile, including infusions in progress, and
        are recorded in the audit trail.
      </p>
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
