import { Link } from 'react-router';
import { sessionPath } from '../../app/routes/route-access';
import { formatLocalHourMinute } from '../../ui/utils/format-date-time';
import { patientIdentifiers } from '../../ui/utils/patient-identifiers';
import { sessionStateLabel } from '../../ward/utils/session-labels';
import { useAwaitingSignature } from '../hooks/use-awaiting-signature';

/**
 * For physicians: the sessions that cannot start until they sign the dose order, from the ward
 * and today's list, each a link to the session where the order is signed.
 */
export function AwaitingSignatureList() {
  const { waiting, error: failed } = useAwaitingSignature();

  return (
    <section className="page__section" aria-labelledby="awaiting-signature-title">
      <h2 id="awaiting-signature-title">Waiting for your signature</h2>
      {failed && (
        <p className="form-error" role="alert">
          Could not load the sessions waiting for a signature: {failed.message}
        </p>
      )}
      {waiting.length === 0 && !failed ? (
        <p className="page__status">No dose order waits for a signature.</p>
      ) : (
        <ul data-testid="awaiting-signature">
          {waiting.map((session) => (
            <li key={session.id}>
              <Link to={sessionPath(session.id)}>
                Bay {session.bay} · {patientIdentifiers(session.patient)} ·{' '}
                {formatLocalHourMinute(session.scheduledAt)} · {sessionStateLabel(session.state)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
