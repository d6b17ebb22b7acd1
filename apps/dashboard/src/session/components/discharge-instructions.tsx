import { useMutation } from '@tanstack/react-query';
import { DISCHARGE_INSTRUCTIONS } from '@vigil/shared';
import { apiClient } from '../../api/api-client';
import { formatLocalDateTime, localDate } from '../../ui/utils/format-date-time';
import type { DischargeDraft } from '../utils/discharge-draft';
import { ServerRefusal } from './server-refusal';

const PRINTING_ATTRIBUTE = 'printing';
const PRINTING_INSTRUCTIONS = 'discharge-instructions';

/** Prints the instruction sheet alone: the print style hides the rest of the screen meanwhile. */
function printInstructions(): void {
  document.body.dataset[PRINTING_ATTRIBUTE] = PRINTING_INSTRUCTIONS;
  try {
    window.print();
  } finally {
    delete document.body.dataset[PRINTING_ATTRIBUTE];
  }
}

interface DischargeInstructionsProps {
  sessionId: string;
  escort: Pick<DischargeDraft, 'escortName' | 'escortPhone'>;
  /** Nurses and physicians record that the sheet was handed over; others only read it. */
  mayRecord: boolean;
  now: number;
}

/**
 * The instructions the patient takes home, in the shared wording (its version is what the record
 * names), printable on their own, and recorded as given once handed over.
 */
export function DischargeInstructions({
  sessionId,
  escort,
  mayRecord,
  now,
}: DischargeInstructionsProps) {
  const given = useMutation({
    mutationFn: () => apiClient.recordDischargeInstructionsGiven(sessionId),
  });
  const escortName = escort.escortName.trim();
  const escortPhone = escort.escortPhone.trim();
  return (
    <div className="discharge-instructions">
      <article className="discharge-instructions__sheet" aria-labelledby="instructions-title">
        <h3 id="instructions-title">After your treatment today ({localDate(now)})</h3>
        <ol>
          {DISCHARGE_INSTRUCTIONS.map((instruction) => (
            <li key={instruction}>{instruction}</li>
          ))}
        </ol>
        <p data-testid="instructions-escort">
          {escortName
            ? `Going home with: ${escortName}${escortPhone ? `, ${escortPhone}` : ''}.`
            : 'Going home with: ____________________________'}
        </p>
      </article>
      <div className="row-actions">
        <button className="button" type="button" onClick={printInstructions}>
          Print instructions
        </button>
        {mayRecord && (
          <button
            className="button button--primary"
            type="button"
            disabled={given.isPending || given.isSuccess}
            onClick={() => given.mutate()}
          >
            Given to the patient
          </button>
        )}
      </div>
      {given.data && (
        <p className="page__status" role="status">
          Instructions (version {given.data.version}) recorded as given at{' '}
          {formatLocalDateTime(given.data.givenAt)} by {given.data.givenBy}.
        </p>
      )}
      {given.error && <ServerRefusal title="Not recorded as given" error={given.error} />}
    </div>
  );
}
