import type { PreviewableSession, ThresholdProfileInput } from '@vigil/shared';
import { useState } from 'react';
import { ErrorNotice } from '../../ui/components/error-notice';
import { SelectField } from '../../ui/components/form-field';
import { useDebouncedValue } from '../../ui/hooks/use-debounced-value';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { sessionStateLabel } from '../../ward/utils/session-labels';
import { usePreviewableSessions, useProfilePreview } from '../hooks/use-threshold-profiles';
import { countEpisodes } from '../utils/preview-summary';
import { WouldBeAlertsTable } from './would-be-alerts-table';

/** Long enough to finish typing a number, short enough to feel live. */
export const PREVIEW_DEBOUNCE_MS = 500;

function sessionOption(session: PreviewableSession) {
  const start = formatLocalDateTime(session.startedAt ?? session.createdAt);
  return {
    value: session.id,
    label: `Bay ${session.bay} — ${start} (${sessionStateLabel(session.state)}, profile ${session.thresholdProfileId})`,
  };
}

interface ProfilePreviewPanelProps {
  saved: ThresholdProfileInput;
  /** The edited profile, or null while a field is invalid. */
  draft: ThresholdProfileInput | null;
}

/** What the edited rules would have raised on a recorded session, beside the saved rules. */
export function ProfilePreviewPanel({ saved, draft }: ProfilePreviewPanelProps) {
  const sessions = usePreviewableSessions();
  const [sessionId, setSessionId] = useState('');
  const chosen = sessionId || null;
  const settledDraft = useDebouncedValue(draft, PREVIEW_DEBOUNCE_MS);
  const edited = useProfilePreview(chosen, settledDraft);
  const current = useProfilePreview(chosen, saved);

  const options = [
    { value: '', label: 'Choose a recorded session' },
    ...(sessions.data ?? []).map(sessionOption),
  ];

  return (
    <section className="profile-preview" aria-labelledby="profile-preview-title">
      <h3 id="profile-preview-title">Preview on a recorded session</h3>
      {sessions.error && (
        <ErrorNotice title="Could not list recorded sessions" error={sessions.error} />
      )}
      {sessions.data?.length === 0 && (
        <p className="page__status">No session has recorded readings yet.</p>
      )}
      <SelectField
        id="profile-preview-session"
        label="Session"
        options={options}
        value={sessionId}
        onValueChange={setSessionId}
      />
      <p className="page__status">
        Replaying a session reads its vital signs; each replay is recorded in the audit trail.
      </p>
      {chosen && !draft && (
        <p className="page__status" role="status">
          Correct the marked fields to see the preview.
        </p>
      )}
      {chosen && edited.error && <ErrorNotice title="Could not replay" error={edited.error} />}
      {chosen && draft && edited.isPending && (
        <p className="page__status" role="status">
          Replaying…
        </p>
      )}
      {chosen && draft && edited.data && (
        <>
          <p className="profile-preview__summary" data-testid="preview-summary" aria-live="polite">
            {edited.data.samples} readings
            {edited.data.from &&
              edited.data.to &&
              ` from ${formatLocalDateTime(edited.data.from)} to ${formatLocalDateTime(edited.data.to)}`}
            . With these rules: <strong>{countEpisodes(edited.data.episodes)}</strong>
            {current.data && <>; with the saved rules: {countEpisodes(current.data.episodes)}</>}.
            {(settledDraft !== draft || edited.isFetching) && ' Updating…'}
          </p>
          <WouldBeAlertsTable preview={edited.data} />
        </>
      )}
    </section>
  );
}
