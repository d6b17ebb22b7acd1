import type { Session } from '@vigil/shared';
import { Link } from 'react-router';
import { sessionLogPath } from '../../app/routes/route-access';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { patientIdentifiers } from '../../ui/utils/patient-identifiers';
import { indicationLabel, sessionStateLabel } from '../../ward/utils/session-labels';

interface SessionSearchResultsProps {
  sessions: readonly Session[];
  /** The search that found them, so the log can lead back to it. */
  search: string;
}

function Time({ at }: { at: string | null }) {
  if (!at) return <>—</>;
  return (
    <time dateTime={at} title={at}>
      {formatLocalDateTime(at)}
    </time>
  );
}

export function SessionSearchResults({ sessions, search }: SessionSearchResultsProps) {
  if (sessions.length === 0) return <p className="page__status">No session matches this search.</p>;
  return (
    <div className="data-table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Sessions found, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Scheduled</th>
            <th scope="col">Bay</th>
            <th scope="col">Patient</th>
            <th scope="col">Indication</th>
            <th scope="col">State</th>
            <th scope="col">Started</th>
            <th scope="col">Ended</th>
            <th scope="col">Log</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id} data-testid={`session-result-${session.id}`}>
              <th scope="row" className="numeric">
                <Time at={session.createdAt} />
              </th>
              <td>{session.bay}</td>
              <td>{patientIdentifiers(session.patient)}</td>
              <td>{indicationLabel(session.indication)}</td>
              <td>{sessionStateLabel(session.state)}</td>
              <td className="numeric">
                <Time at={session.startedAt} />
              </td>
              <td className="numeric">
                <Time at={session.endedAt} />
              </td>
              <td>
                <Link to={sessionLogPath(session.id)} state={{ search }}>
                  Open log<span className="visually-hidden"> of bay {session.bay}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
