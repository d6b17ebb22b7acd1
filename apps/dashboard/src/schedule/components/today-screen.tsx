import type { SessionState } from '@vigil/shared';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { admitPath, sessionPath } from '../../app/routes/route-access';
import { AWAITING_SIGNATURE } from '../../session/components/order-status';
import { PatientIdentifiers } from '../../ui/components/patient-identifiers';
import { useLocalDate } from '../../ui/hooks/use-local-date';
import { formatLocalHourMinute } from '../../ui/utils/format-date-time';
import { SessionStateBadge } from '../../ward/components/session-state-badge';
import { useDaySchedule } from '../hooks/use-day-schedule';
import { chairsOfTheDay } from '../utils/chairs-of-the-day';
import { CancelSessionAction } from './cancel-session-action';
import { MoveSessionAction } from './move-session-action';
import '../../ui/components/page.css';
import '../../ward/components/bed-tile.css';
import './today-screen.css';

/** Before the start a session may be cancelled from the list; after it, only from its own screen. */
const cancellable = (state: SessionState): boolean => state === 'scheduled' || state === 'assessed';

/** The day's list by the browser's calendar: chair by chair, who is expected when, and how far. */
export function TodayScreen() {
  const today = useLocalDate();
  const { data, error } = useDaySchedule(today);
  const chairs = useMemo(() => (data ? chairsOfTheDay(data) : undefined), [data]);

  return (
    <main className="page today-screen" aria-labelledby="today-title">
      <h1 id="today-title">Today</h1>
      <p className="page__status">{today}</p>
      <p>
        <Link className="button button--primary" to={admitPath()}>
          Admit a patient
        </Link>
      </p>
      {error && (
        <p className="form-error" role="alert">
          Could not load the day’s list: {error.message}
        </p>
      )}
      {!chairs && !error && <p role="status">Loading the day’s list…</p>}
      {chairs?.length === 0 && <p className="page__status">No session is scheduled today.</p>}
      {chairs?.map(({ bay, sessions }) => (
        <section
          key={bay}
          className="page__section today-screen__chair"
          aria-labelledby={`today-bay-${bay}`}
          data-testid={`today-bay-${bay}`}
        >
          <h2 id={`today-bay-${bay}`}>Bay {bay}</h2>
          <ol className="today-screen__sessions">
            {sessions.map((session) => (
              <li key={session.id} className="today-screen__session">
                <p className="today-screen__summary" data-testid="today-session">
                  <Link to={sessionPath(session.id)}>
                    <time dateTime={session.scheduledAt}>
                      {formatLocalHourMinute(session.scheduledAt)}
                    </time>{' '}
                    <PatientIdentifiers patient={session.patient} />
                  </Link>
                  <SessionStateBadge state={session.state} />
                  <span data-testid="order-state" data-signed={session.order ? true : undefined}>
                    {session.order ? 'Order signed' : AWAITING_SIGNATURE}
                  </span>
                </p>
                {session.state === 'scheduled' && (
                  <MoveSessionAction sessionId={session.id} bay={session.bay} />
                )}
                {cancellable(session.state) && <CancelSessionAction sessionId={session.id} />}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </main>
  );
}
