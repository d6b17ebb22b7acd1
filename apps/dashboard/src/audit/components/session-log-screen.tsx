import type { Session } from '@vigil/shared';
import { Link, useLocation, useParams } from 'react-router';
import { PAGES, sessionPath } from '../../app/routes/route-access';
import { SessionDownloads } from '../../session/components/session-downloads';
import { SessionTimeline } from '../../session/components/session-timeline';
import { useSessionDetail } from '../../session/hooks/use-session-detail';
import { useSessionLog } from '../../session/hooks/use-session-log';
import { ErrorNotice } from '../../ui/components/error-notice';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { patientIdentifiers } from '../../ui/utils/patient-identifiers';
import { indicationLabel, sessionStateLabel } from '../../ward/utils/session-labels';
import '../../ui/components/page.css';
import '../../session/components/session-screen.css';
import './session-log-screen.css';

/** The search the auditor came from, if the link carried it. */
function searchFrom(state: unknown): string {
  if (typeof state !== 'object' || state === null) return '';
  const { search } = state as Record<string, unknown>;
  return typeof search === 'string' && search ? `?${search}` : '';
}

const when = (at: string | null) => (at ? formatLocalDateTime(at) : '—');

function SessionFacts({ session }: { session: Session }) {
  const facts: Array<[string, string]> = [
    ['Patient', patientIdentifiers(session.patient)],
    ['Indication', indicationLabel(session.indication)],
    ['State', sessionStateLabel(session.state)],
    ['Scheduled', when(session.createdAt)],
    ['Started', when(session.startedAt)],
    ['Ended', when(session.endedAt)],
    ['Threshold profile', session.thresholdProfileId],
  ];
  return (
    <dl className="session-log__facts" data-testid="session-facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * One session's log as an auditor reads it: the timeline drawn from the tamper-evident audit
 * trail, and the same record as CSV and PDF.
 */
export function SessionLogScreen() {
  const { sessionId = '' } = useParams();
  const location = useLocation();
  const session = useSessionDetail(sessionId);
  const log = useSessionLog(sessionId);

  return (
    <main className="page" aria-labelledby="session-log-title">
      <Link to={`${PAGES.sessionLogs.path}${searchFrom(location.state)}`}>
        ← Back to the search
      </Link>
      <h1 id="session-log-title">Session log{session.data ? ` — bay ${session.data.bay}` : ''}</h1>
      {session.error && <ErrorNotice title="Could not load the session" error={session.error} />}
      {session.isPending && (
        <p className="page__status" role="status">
          Loading the session…
        </p>
      )}
      {session.data && (
        <section className="page__section" aria-labelledby="session-log-summary-title">
          <h2 id="session-log-summary-title">Session</h2>
          <SessionFacts session={session.data} />
          <SessionDownloads sessionId={sessionId} />
          <p className="page__status">
            <Link to={sessionPath(sessionId)}>Trends and alerts of this session</Link>
          </p>
        </section>
      )}
      <section className="page__section" aria-labelledby="session-log-timeline-title">
        <h2 id="session-log-timeline-title">Timeline</h2>
        <SessionTimeline events={log.data} error={log.error} />
      </section>
    </main>
  );
}
